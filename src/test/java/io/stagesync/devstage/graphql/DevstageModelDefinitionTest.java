package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.ModelDefinitionException;
import io.stagesync.devstage.model.ModelDefinitionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.stagesync.testing.DevstageExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevstageModelDefinitionTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @Test
    void should_resolve_reverse_fields_of_the_demo_model() {
        // when
        ContentSchema schema = ModelDefinitionParser.parse(io.stagesync.devstage.DevstageServer.demoModel());
        // then
        assertThat(schema.model("Destination").field("hotels").target()).isEqualTo("Hotel");
        assertThat(schema.model("Hotel").field("reviews").list()).isTrue();
        assertThat(schema.model("Asset").field("galleryHotel").reverse()).isEqualTo("gallery");
        assertThat(schema.locales()).containsExactly("en", "de");
    }

    @Test
    void should_name_model_and_field_of_an_invalid_definition() {
        String base = "{\"locales\":[\"en\"],\"models\":[{\"apiId\":\"Post\",\"apiIdPlural\":\"Posts\",\"fields\":[%s]}]}";
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted("{\"apiId\":\"author\",\"type\":\"RELATION\",\"model\":\"Person\"}")))
                .isInstanceOf(ModelDefinitionException.class).hasMessageContaining("Model Post, field author").hasMessageContaining("Person");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted("{\"apiId\":\"kind\",\"type\":\"ENUMERATION\",\"enumeration\":\"Kind\"}")))
                .hasMessageContaining("Model Post, field kind").hasMessageContaining("enumeration 'Kind'");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted("{\"apiId\":\"id\",\"type\":\"STRING\"}")))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted("{\"apiId\":\"title\"}")))
                .hasMessageContaining("Model Post, field title: 'type' is missing");
        assertThatThrownBy(() -> ModelDefinitionParser.parse("{\"locales\":[],\"models\":[]}")).hasMessageContaining("locales");
        assertThatThrownBy(() -> ModelDefinitionParser.parse("{ not json")).hasMessageContaining("not valid JSON");
    }

    @Test
    void should_resolve_components_unions_and_modular_fields_of_the_kitchen_sink() {
        // when
        ContentSchema schema = ModelDefinitionParser.parse(io.stagesync.devstage.DevstageServer.demoModel("kitchen-sink"));
        // then
        assertThat(schema.components()).extracting(c -> c.apiId()).containsExactly("Seo", "Section", "Callout", "Gallery", "Stat");
        assertThat(schema.model("Article").field("content").modular()).isTrue();
        assertThat(schema.model("Article").field("content").valueType()).isEqualTo("ArticlecontentUnion");
        assertThat(schema.model("Article").field("sponsor").members()).containsExactly("Author", "Venue");
        assertThat(schema.type("Section").field("body").localized()).isTrue();
    }

    @Test
    void should_name_component_and_field_of_an_invalid_component_or_union() {
        String base = "{\"locales\":[\"en\"],\"components\":[{\"apiId\":\"Seo\",\"fields\":[%s]}],"
                + "\"models\":[{\"apiId\":\"Post\",\"apiIdPlural\":\"Posts\",\"fields\":[%s]}]}";
        String title = "{\"apiId\":\"title\",\"type\":\"STRING\"}";
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted(title, "{\"apiId\":\"seo\",\"type\":\"COMPONENT\",\"component\":\"Meta\"}")))
                .hasMessageContaining("Model Post, field seo").hasMessageContaining("component 'Meta' does not exist");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted(title, "{\"apiId\":\"about\",\"type\":\"UNION\",\"models\":[\"Post\"]}")))
                .hasMessageContaining("Model Post, field about").hasMessageContaining("at least two models");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted("{\"apiId\":\"post\",\"type\":\"RELATION\",\"model\":\"Post\","
                + "\"reverseField\":{\"apiId\":\"seos\",\"list\":true}}", title)))
                .hasMessageContaining("Component Seo, field post").hasMessageContaining("one-way");
        assertThatThrownBy(() -> ModelDefinitionParser.parse(base.formatted(title, "{\"apiId\":\"seo\",\"type\":\"COMPONENT\",\"component\":\"Seo\",\"localized\":true}")))
                .hasMessageContaining("Model Post, field seo").hasMessageContaining("cannot be localized");
    }

    @Test
    void should_serve_another_model_definition() {
        // given
        String model = "{\"locales\":[\"en\",\"fr\"],\"enumerations\":[{\"apiId\":\"Mood\",\"values\":[\"HAPPY\",\"SAD\"]}],"
                + "\"models\":[{\"apiId\":\"Post\",\"apiIdPlural\":\"Posts\",\"fields\":["
                + "{\"apiId\":\"title\",\"type\":\"STRING\",\"required\":true,\"localized\":true},"
                + "{\"apiId\":\"score\",\"type\":\"FLOAT\"},{\"apiId\":\"day\",\"type\":\"DATE\"},{\"apiId\":\"meta\",\"type\":\"JSON\"},"
                + "{\"apiId\":\"tags\",\"type\":\"STRING\",\"list\":true},{\"apiId\":\"mood\",\"type\":\"ENUMERATION\",\"enumeration\":\"Mood\"},"
                + "{\"apiId\":\"cover\",\"type\":\"ASSET\"},{\"apiId\":\"related\",\"type\":\"RELATION\",\"model\":\"Post\",\"list\":true}]}]}";
        ContentApiFixture fx = ContentApiFixture.on(devstage.server(), "blog", model, 0);
        // when
        var created = fx.call("mutation { createPost(data: { title: \"Hi\", score: 1.5, "
                + "day: \"2024-02-29\", meta: { a: [1, 2] }, tags: [\"x\", \"y\"], mood: HAPPY }) { id title score day meta tags mood locale } }");
        // then
        assertThat(created.status()).isEqualTo(200);
        assertThat((Map<String, Object>) at(created.body(), "data", "createPost")).containsEntry("day", "2024-02-29")
                .containsEntry("meta", Map.of("a", List.of(1, 2))).containsEntry("tags", List.of("x", "y")).containsEntry("score", 1.5);
        assertThat(devstage.server().environments()).contains("blog");
        assertThat(fx.call("{ posts(stage: DRAFT, where: { tags_contains_some: [\"y\"], mood: HAPPY }) { title } }").body().toString()).contains("Hi");
    }
}
