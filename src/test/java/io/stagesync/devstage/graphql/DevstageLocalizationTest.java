package io.stagesync.devstage.graphql;

import io.stagesync.devstage.GraphQLResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.stagesync.testing.DevstageExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstageLocalizationTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
        fx.data("mutation { createHotel(data: { name: \"Sea View\", slug: \"sea\", category: BUDGET, "
                + "localizations: { create: [{ locale: de, data: { name: \"Seeblick\" } }] } }) { id } }");
        fx.createHotel("plain", "");
    }

    @Test
    void should_read_localized_values_with_fallback_and_omit_entries_without_the_locale() {
        // when
        Map<String, Object> de = fx.data("{ hotels(stage: DRAFT, locales: [de]) { slug name locale } }");
        Map<String, Object> deEn = fx.data("{ hotels(stage: DRAFT, locales: [de, en]) { slug name locale } }");
        // then
        assertThat((List<Map<String, Object>>) at(de, "hotels")).containsExactly(Map.of("slug", "sea", "name", "Seeblick", "locale", "de"));
        assertThat((List<Map<String, Object>>) at(deEn, "hotels")).extracting(h -> h.get("locale")).containsExactly("de", "en");
    }

    @Test
    void should_list_all_localizations_with_include_current() {
        // when
        Map<String, Object> data = fx.data("{ hotel(where: { slug: \"sea\" }, stage: DRAFT) { localizations(includeCurrent: true) { locale name } "
                + "others: localizations { locale } } }");
        // then
        assertThat((List<Map<String, Object>>) at(data, "hotel", "localizations"))
                .containsExactly(Map.of("locale", "en", "name", "Sea View"), Map.of("locale", "de", "name", "Seeblick"));
        assertThat((List<Map<String, Object>>) at(data, "hotel", "others")).containsExactly(Map.of("locale", "de"));
    }

    @Test
    void should_update_upsert_and_delete_localizations() {
        // when
        fx.data("mutation { updateHotel(where: { slug: \"plain\" }, data: { localizations: { upsert: [{ locale: de, create: { name: \"Schlicht\" }, update: { name: \"x\" } }] } }) { id } }");
        fx.data("mutation { updateHotel(where: { slug: \"sea\" }, data: { localizations: { update: [{ locale: de, data: { name: \"Meerblick\" } }] } }) { id } }");
        Map<String, Object> after = fx.data("{ hotels(stage: DRAFT, locales: [de]) { name } }");
        fx.data("mutation { updateHotel(where: { slug: \"sea\" }, data: { localizations: { delete: [de] } }) { id } }");
        GraphQLResponse deleteDefault = fx.call("mutation { updateHotel(where: { slug: \"sea\" }, data: { localizations: { delete: [en] } }) { id } }");
        // then
        assertThat((List<Map<String, Object>>) at(after, "hotels")).extracting(h -> h.get("name")).containsExactly("Meerblick", "Schlicht");
        assertThat((List<?>) at(fx.data("{ hotels(stage: DRAFT, locales: [de]) { name } }"), "hotels")).hasSize(1);
        assertThat(at(deleteDefault.body(), "errors", 0, "message").toString()).contains("default locale en");
    }

    @Test
    void should_use_the_gcms_locales_header_when_locales_is_omitted() {
        // when
        GraphQLResponse r = fx.call("{ hotels(stage: DRAFT) { name } }", List.of("de"), null);
        // then
        assertThat((List<Map<String, Object>>) at(r.body(), "data", "hotels")).containsExactly(Map.of("name", "Seeblick"));
    }

    @Test
    void should_require_localized_required_fields_in_each_locale() {
        // when
        GraphQLResponse r = fx.call("mutation { createHotel(data: { name: \"n\", slug: \"s\", category: BUDGET, "
                + "localizations: { create: [{ locale: de, data: { } }] } }) { id } }");
        // then
        assertThat(r.body().get("errors").toString()).contains("name");
    }
}
