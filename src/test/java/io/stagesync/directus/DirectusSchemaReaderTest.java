package io.stagesync.directus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.StageSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema snapshot of a Directus project in neutral terms (a plain unit test of the mapping). */
class DirectusSchemaReaderTest {

    private static Map<String, Object> field(String collection, String field, String type, List<String> special, Map<String, Object> schema) {
        return Map.of("collection", collection, "field", field, "type", type, "meta", Map.of("special", special), "schema", schema);
    }

    private static Map<String, Object> key(String collection, String type) {
        return field(collection, "id", type, List.of(), Map.of("is_primary_key", true));
    }

    private static Map<String, Object> relation(String collection, String field, String related, Map<String, Object> meta) {
        return new java.util.HashMap<>(Map.of("collection", collection, "field", field, "meta", meta)) {{
            put("related_collection", related);
        }};
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_map_values_relations_files_many_to_any_translations_and_status() throws Exception {
        // given: hotels with a status, stamps, a unique slug, an m2o, an o2m side, an m2m, translations, a file and an m2a
        Map<String, Object> snapshot = Map.of(
                "collections", List.of("hotels", "destinations", "amenities", "hotels_amenities", "languages", "hotels_translations",
                        "hotels_blocks").stream().map(c -> Map.of("collection", c, "schema", Map.of("name", c))).toList(),
                "fields", List.of(
                        key("hotels", "uuid"), key("destinations", "uuid"), key("amenities", "uuid"), key("hotels_amenities", "integer"),
                        key("hotels_translations", "integer"), key("hotels_blocks", "integer"),
                        field("languages", "code", "string", List.of(), Map.of("is_primary_key", true)),
                        field("hotels", "status", "string", List.of(), Map.of()),
                        field("hotels", "date_created", "timestamp", List.of("date-created"), Map.of()),
                        field("hotels", "date_updated", "timestamp", List.of("date-updated"), Map.of()),
                        field("hotels", "slug", "string", List.of(), Map.of("is_unique", true)),
                        field("hotels", "stars", "integer", List.of(), Map.of()),
                        field("hotels", "destination", "uuid", List.of("m2o"), Map.of()),
                        field("hotels", "image", "uuid", List.of("file"), Map.of()),
                        field("hotels", "reviews", "alias", List.of("o2m"), Map.of()),
                        field("hotels", "amenities", "alias", List.of("m2m"), Map.of()),
                        field("hotels", "translations", "alias", List.of("translations"), Map.of()),
                        field("hotels", "blocks", "alias", List.of("m2a"), Map.of()),
                        field("hotels_translations", "hotels_id", "uuid", List.of(), Map.of()),
                        field("hotels_translations", "languages_code", "string", List.of(), Map.of()),
                        field("hotels_translations", "description", "text", List.of(), Map.of()),
                        field("destinations", "name", "string", List.of(), Map.of())),
                "relations", List.of(
                        relation("hotels", "destination", "destinations", Map.of()),
                        relation("hotels", "image", "directus_files", Map.of()),
                        relation("hotels_amenities", "hotels_id", "hotels", Map.of("one_field", "amenities", "junction_field", "amenities_id")),
                        relation("hotels_amenities", "amenities_id", "amenities", Map.of("junction_field", "hotels_id")),
                        relation("hotels_translations", "hotels_id", "hotels", Map.of("one_field", "translations", "junction_field", "languages_code")),
                        relation("hotels_translations", "languages_code", "languages", Map.of("junction_field", "hotels_id")),
                        relation("hotels_blocks", "hotels_id", "hotels", Map.of("one_field", "blocks", "junction_field", "item")),
                        relation("hotels_blocks", "item", null, Map.of("junction_field", "hotels_id", "one_collection_field", "collection",
                                "one_allowed_collections", List.of("destinations", "amenities")))));
        // the snapshot as it comes over the wire
        snapshot = new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(snapshot), Map.class);

        // when
        DirectusSchemaReader.Read read = new DirectusSchemaReader().read("a", snapshot, "status", List.of("en-US", "de-DE"));

        // then
        StageSchema schema = read.schema();
        assertThat(schema.models()).containsOnlyKeys("hotels", "destinations", "amenities");
        assertThat(schema.locales()).containsExactly("en-US", "de-DE");
        assertThat(schema.models().get("hotels").fields()).extracting(FieldSchema::signature).containsExactly(
                "SCALAR String", "SCALAR Int", "RELATION destinations", "ASSET Asset", "RELATION [amenities]", "SCALAR String localized",
                "UNION [hotels_blocks.item] of [destinations, amenities]");
        assertThat(schema.models().get("hotels").fields()).extracting(FieldSchema::name)
                .containsExactly("slug", "stars", "destination", "image", "amenities", "description", "blocks");
        assertThat(schema.models().get("hotels").uniqueFields()).containsExactly("slug");
        assertThat(schema.models().get("hotels").watermark()).isTrue();
        assertThat(schema.skippedFields()).as("reported as warnings").containsExactlyInAnyOrder(
                "amenities.status: the collection has no status field; its items count as published",
                "destinations.status: the collection has no status field; its items count as published");
        DirectusModel hotels = read.models().get("hotels");
        assertThat(hotels.status()).isEqualTo("status");
        assertThat(hotels.dateCreated()).isEqualTo("date_created");
        assertThat(hotels.dateUpdated()).isEqualTo("date_updated");
        assertThat(hotels.manyToMany().get("amenities")).isEqualTo(new DirectusModel.Junction("hotels_amenities", "hotels_id",
                "amenities_id", "amenities", "id"));
        assertThat(hotels.translations()).isEqualTo(new DirectusModel.Translations("translations", "hotels_translations",
                "hotels_id", "languages_code", "languages", "code", List.of("description")));
        assertThat(hotels.manyToOne().get("image")).isEqualTo(new DirectusModel.Related("directus_files", "id"));
        assertThat(hotels.manyToAny().get("blocks")).isEqualTo(new DirectusModel.AnyJunction("hotels_blocks", "id", "hotels_id", "item",
                "collection", Map.of("destinations", "id", "amenities", "id"), null));
    }
}
