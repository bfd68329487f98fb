package io.stagesync.graphql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelListerTest {

    private final ModelLister lister = new ModelLister();

    @Test
    void should_list_node_models_with_their_plural_names_and_flag_system_models() {
        // given: an introspection result shaped like Hygraph's
        Map<String, Object> data = Map.of("__schema", Map.of(
                "queryType", Map.of("fields", List.of(
                        field("hotels", list("Hotel")),
                        field("hotelsConnection", nonNull("HotelConnection")),
                        field("reviewsConnection", nonNull("ReviewConnection")),
                        field("assetsConnection", nonNull("AssetConnection")),
                        field("usersConnection", nonNull("UserConnection")),
                        field("seosConnection", nonNull("SeoConnection")))),
                "types", List.of(
                        type("Hotel", "Node"), type("Review", "Node"), type("Asset", "Node"), type("User", "Node"),
                        type("Seo", "Entity"))));

        // when
        List<ModelRef> models = lister.list(data);

        // then
        assertThat(models).containsExactly(
                new ModelRef("Asset", "Assets", "assetsConnection", true),
                new ModelRef("Hotel", "Hotels", "hotelsConnection", false),
                new ModelRef("Review", "Reviews", "reviewsConnection", false));
    }

    @Test
    void should_ship_its_introspection_query() {
        // when / then
        assertThat(lister.query()).contains("__schema", "queryType", "interfaces");
    }

    @Test
    void should_name_what_is_missing_in_a_malformed_result() {
        // when / then
        assertThatThrownBy(() -> lister.list(Map.of("__schema", Map.of("types", List.of()))))
                .hasMessageContaining("__schema.queryType");
    }

    private static Map<String, Object> field(String name, Map<String, Object> type) {
        return Map.of("name", name, "type", type);
    }

    private static Map<String, Object> nonNull(String name) {
        return Map.of("kind", "NON_NULL", "ofType", Map.of("kind", "OBJECT", "name", name));
    }

    private static Map<String, Object> list(String name) {
        return Map.of("kind", "NON_NULL", "ofType", Map.of("kind", "LIST", "ofType", Map.of("kind", "OBJECT", "name", name)));
    }

    private static Map<String, Object> type(String name, String iface) {
        return Map.of("kind", "OBJECT", "name", name, "interfaces", List.of(Map.of("name", iface)));
    }
}
