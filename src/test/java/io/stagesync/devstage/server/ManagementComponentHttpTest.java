package io.stagesync.devstage.server;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.ManagementTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * devstage's Management API on the kitchen-sink schema over HTTP: components, component fields, modular and union
 * fields are diffed and applied, and content follows (values of a deleted component field are gone, nested instances
 * included; a removed modular member takes its instances with it; a required component field takes its migration value).
 */
@SuppressWarnings("unchecked")
class ManagementComponentHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    private final ManagementTestClient management = new ManagementTestClient(devstage);

    private static final String ARTICLES = "{ articles(stage: DRAFT, first: 100, orderBy: id_ASC) { id"
            + " seo { id title } sections(first: 100) { id callouts(first: 100) { id section { callouts { id } } } }"
            + " content(first: 100) { __typename ... on Callout { id } ... on Section { id heading } }"
            + " stats(first: 100) { label note } } }";
    private static final String TONES = "{ articles(stage: DRAFT, first: 100, orderBy: id_ASC) { id sections(first: 100) { id"
            + " callouts(first: 100) { id tone section { callouts { id tone } } } } content(first: 100) { __typename"
            + " ... on Callout { id tone } ... on Section { id heading } } } }";

    private static Map<String, Object> op(String operation, Map<String, Object> input) {
        return Map.of(operation, input);
    }

    private List<Map<String, Object>> articles(String environment, String query) throws Exception {
        var response = devstage.client().post(devstage.contentApiUrl(environment), query);
        assertThat(response.errors()).as("content API errors").isEmpty();
        return (List<Map<String, Object>>) ((Map<String, Object>) response.json().get("data")).get("articles");
    }

    /** Every {@code tone} of a callout in sections, nested sections and modular content. */
    private static List<Object> tones(List<Map<String, Object>> articles) {
        List<Object> tones = new java.util.ArrayList<>();
        for (Map<String, Object> a : articles) {
            for (Map<String, Object> s : (List<Map<String, Object>>) a.get("sections")) {
                for (Map<String, Object> c : (List<Map<String, Object>>) s.get("callouts")) {
                    tones.add(c.get("tone"));
                    if (c.get("section") instanceof Map<?, ?> nested) {
                        ((List<Map<String, Object>>) nested.get("callouts")).forEach(n -> tones.add(n.get("tone")));
                    }
                }
            }
            ((List<Map<String, Object>>) a.get("content")).stream().filter(c -> "Callout".equals(c.get("__typename")))
                    .forEach(c -> tones.add(c.get("tone")));
        }
        return tones;
    }

    @Test
    void should_diff_and_apply_components_unions_and_modular_fields_with_content_following() throws Exception {
        // given
        String sink = devstage.freshEnvironment("sink", DevstageServer.demoModel("kitchen-sink"), 12);
        management.cloneEnvironment(sink, sink + "src");
        management.cloneEnvironment(sink, sink + "tgt");
        String source = sink + "src";
        String target = sink + "tgt";
        assertThat(tones(articles(source, TONES))).as("callout tones before").anyMatch(Objects::nonNull);
        var changed = management.apply(source, List.of(
                op("createComponent", Map.of("apiId", "Badge", "apiIdPlural", "Badges", "displayName", "Badge")),
                op("createSimpleField", Map.of("apiId", "label", "parentApiId", "Badge", "type", "STRING", "displayName", "Label")),
                op("createComponentField", Map.of("apiId", "badge", "parentApiId", "Article", "displayName", "Badge",
                        "componentApiId", "Badge")),
                op("createUnionField", Map.of("apiId", "partner", "modelApiId", "Article", "displayName", "Partner",
                        "reverseField", Map.of("modelApiIds", List.of("Author", "Venue")))),
                op("deleteField", Map.of("apiId", "noIndex", "parentApiId", "Seo")),
                op("deleteField", Map.of("apiId", "tone", "parentApiId", "Callout")),
                op("createEnumerableField", Map.of("apiId", "tone", "parentApiId", "Callout", "enumerationApiId", "Tone",
                        "displayName", "Tone")),
                op("updateComponentUnionField", Map.of("apiId", "content", "parentApiId", "Article",
                        "componentApiIds", List.of("Callout", "Section"))),
                op("createSimpleField", Map.of("apiId", "note", "parentApiId", "Stat", "type", "STRING", "displayName", "Note",
                        "isRequired", true, "migrationValue", "n/a"))));
        assertThat(changed).as("changes in the source").containsEntry("status", "SUCCESS");
        // when
        var changes = management.diff(target, source);
        var applied = management.apply(target, changes);
        // then
        assertThat(changes).extracting(c -> c.keySet().iterator().next()).containsExactly("createComponent",
                "createComponentField", "createUnionField", "createSimpleField", "createSimpleField", "updateComponentUnionField",
                "deleteField");
        assertThat(tones(articles(source, TONES))).as("values of the deleted and re-created field, nested callouts included")
                .isNotEmpty().allMatch(Objects::isNull);
        assertThat(changes).contains(op("createComponentField", Map.of("apiId", "badge", "parentApiId", "Article", "displayName", "Badge",
                "isList", false, "isRequired", false, "componentApiId", "Badge")));
        assertThat(applied).as("the diff applied with the migration value added").containsEntry("status", "FAILED");
        assertThat((String) applied.get("errors")).contains("Stat.note").contains("migrationValue");
        var withValue = changes.stream().map(c -> c.containsKey("createSimpleField")
                && "note".equals(((Map<String, Object>) c.get("createSimpleField")).get("apiId"))
                ? op("createSimpleField", with((Map<String, Object>) c.get("createSimpleField"), "migrationValue", "n/a")) : c).toList();
        assertThat(management.apply(target, withValue)).containsEntry("status", "SUCCESS");
        assertThat(management.diff(target, source)).isEmpty();
        assertThat(management.diff(source, target)).isEmpty();
        List<Map<String, Object>> result = articles(target, ARTICLES);
        assertThat(result).isEqualTo(articles(source, ARTICLES));
        assertThat(result).allSatisfy(a -> assertThat((List<Map<String, Object>>) a.get("content"))
                .noneMatch(c -> "Gallery".equals(c.get("__typename"))));
        assertThat(result).flatExtracting(a -> (List<Map<String, Object>>) a.get("stats")).isNotEmpty()
                .allSatisfy(s -> assertThat(s).containsEntry("note", "n/a"));
        var seo = devstage.client().post(devstage.contentApiUrl(target), "{ articles(stage: DRAFT) { seo { noIndex } } }");
        assertThat(seo.status()).as("the deleted component field is gone from the schema").isEqualTo(400);
        var model = management.post("{ viewer { project { environment(name: \"" + target + "\") { contentModel {"
                + " components { apiId apiIdPlural fields { id apiId } } } } } } }", Map.of());
        assertThat(model.errors()).isEmpty();
        assertThat(model.json().toString()).contains("apiId=Badge", "apiIdPlural=Badges");
    }

    @Test
    void should_delete_a_component_with_the_fields_that_hold_only_it_and_fail_atomically() throws Exception {
        // given
        String env = devstage.freshEnvironment("sinkdel", DevstageServer.demoModel("kitchen-sink"), 6);
        // when
        var refused = management.apply(env, List.of(
                op("deleteComponent", Map.of("apiId", "Stat")),
                op("createComponentField", Map.of("apiId", "more", "parentApiId", "Article", "displayName", "More",
                        "componentApiId", "Nowhere"))));
        var deleted = management.apply(env, List.of(op("deleteComponent", Map.of("apiId", "Gallery"))));
        // then
        assertThat(refused).containsEntry("status", "FAILED");
        assertThat((String) refused.get("errors")).startsWith("Change 2 (createComponentField): component 'Nowhere' does not exist");
        assertThat(articles(env, "{ articles(stage: DRAFT, first: 100) { stats(first: 100) { label } } }"))
                .as("nothing applied").flatExtracting(a -> (List<?>) a.get("stats")).isNotEmpty();
        assertThat(deleted).containsEntry("status", "SUCCESS");
        var content = articles(env, "{ articles(stage: DRAFT, first: 100) { content(first: 100) { __typename } } }");
        assertThat(content).flatExtracting(a -> (List<Map<String, Object>>) a.get("content")).isNotEmpty()
                .noneMatch(c -> "Gallery".equals(c.get("__typename")));
    }

    @Test
    void should_rename_a_component_and_a_component_field_keeping_every_instance_and_value() throws Exception {
        // given
        String env = devstage.freshEnvironment("sinkren", DevstageServer.demoModel("kitchen-sink"), 6);
        String before = "{ articles(stage: DRAFT, first: 100, orderBy: id_ASC) { id seo { id title } stats(first: 100) { id label }"
                + " sections(first: 100) { callouts(first: 100) { id text section { callouts { id text } } } } } }";
        List<Map<String, Object>> was = articles(env, before);
        // when
        var renamed = management.apply(env, List.of(
                op("updateSimpleField", Map.of("apiId", "title", "parentApiId", "Seo", "newApiId", "headline")),
                op("updateSimpleField", Map.of("apiId", "text", "parentApiId", "Callout", "newApiId", "message")),
                op("updateComponent", Map.of("apiId", "Stat", "newApiId", "Figure", "apiIdPlural", "Figures"))));
        // then
        assertThat(renamed).containsEntry("status", "SUCCESS");
        String after = "{ articles(stage: DRAFT, first: 100, orderBy: id_ASC) { id seo { id title: headline }"
                + " stats(first: 100) { __typename id label } sections(first: 100) { callouts(first: 100) { id text: message"
                + " section { callouts { id text: message } } } } } }";
        List<Map<String, Object>> now = articles(env, after);
        assertThat(now.toString()).contains("__typename=Figure").doesNotContain("__typename=Stat");
        assertThat(now.toString().replace("__typename=Figure, ", "")).isEqualTo(was.toString());
        assertThat(was.toString()).contains("title=", "text=");
    }

    private static Map<String, Object> with(Map<String, Object> in, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(in);
        copy.put(key, value);
        return copy;
    }
}
