package io.stagesync.sync.schema;

import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.StageSchema;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stagesync.dialect.FieldSchema.Kind.ASSET;
import static io.stagesync.dialect.FieldSchema.Kind.ENUM;
import static io.stagesync.dialect.FieldSchema.Kind.RELATION;
import static io.stagesync.dialect.FieldSchema.Kind.SCALAR;
import static io.stagesync.dialect.FieldSchema.Kind.UNION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class SyncPlannerTest {

    public static ModelSchema model(String name, FieldSchema... fields) {
        return new ModelSchema(name, List.of(fields), Set.of("slug", "syncSourceId"), true, false, false);
    }

    public static StageSchema demo(String stage, FieldSchema stars, Set<String> categories) {
        return new StageSchema(stage, List.of("en", "de"), Map.of(
                "Hotel", model("Hotel", new FieldSchema("name", SCALAR, "String", false, true), stars,
                        new FieldSchema("syncSourceId", SCALAR, "String", false, false),
                        new FieldSchema("category", ENUM, "HotelCategory", false, false),
                        new FieldSchema("destination", RELATION, "Destination", false, false),
                        new FieldSchema("reviews", RELATION, "Review", true, false),
                        new FieldSchema("image", ASSET, "Asset", false, false)),
                "Destination", model("Destination", new FieldSchema("hotels", RELATION, "Hotel", true, false)),
                "Review", model("Review", new FieldSchema("hotel", RELATION, "Hotel", false, false))),
                Map.of("HotelCategory", categories), Map.of(), List.of());
    }

    public static final FieldSchema STARS = new FieldSchema("stars", SCALAR, "Int", false, false);

    @Test
    void should_write_each_two_way_relation_from_its_to_many_side_and_order_models_by_it() {
        // given
        StageSchema source = demo("production", STARS, Set.of("BUDGET", "LUXURY"));

        // when
        SyncPlan plan = new SyncPlanner("syncSourceId", Map.of()).plan(source, demo("staging", STARS, Set.of("BUDGET", "LUXURY")), List.of());

        // then
        assertThat(plan.modelNames()).containsExactly("Review", "Hotel", "Destination");
        ModelPlan hotel = plan.model("Hotel").orElseThrow();
        assertThat(hotel.reverseFields()).containsExactly("destination");
        assertThat(hotel.links()).extracting(FieldSchema::name).containsExactly("reviews", "image");
        assertThat(hotel.sourceIdField()).isEqualTo("syncSourceId");
        assertThat(plan.model("Review").orElseThrow().reverseFields()).containsExactly("hotel");
    }

    @Test
    void should_write_every_to_one_link_into_a_target_whose_to_one_links_are_fields_of_their_own() {
        // given: people link a club and clubs a founder (two many-to-one fields, not one relation), and a to-many pair
        Map<String, ModelSchema> models = Map.of(
                "people", model("people", new FieldSchema("club", RELATION, "clubs", false, false),
                        new FieldSchema("best_friend", RELATION, "people", false, false)),
                "clubs", model("clubs", new FieldSchema("founder", RELATION, "people", false, false),
                        new FieldSchema("tags", RELATION, "tags", true, false)),
                "tags", model("tags", new FieldSchema("clubs", RELATION, "clubs", true, false)));
        StageSchema own = new StageSchema("kb", List.of("en"), models, Map.of(), Map.of(), List.of(), true);
        StageSchema pairs = new StageSchema("staging", List.of("en"), models, Map.of(), Map.of(), List.of());

        // when
        SyncPlan intoOwn = new SyncPlanner(null, Map.of()).plan(pairs, own, List.of());
        SyncPlan intoPairs = new SyncPlanner(null, Map.of()).plan(own, pairs, List.of());

        // then: both to-one fields are written into the target that keeps them apart, one of them into the other;
        // the to-many pair is one relation in both
        assertThat(intoOwn.model("people").orElseThrow().links()).extracting(FieldSchema::name).containsExactly("club", "best_friend");
        assertThat(intoOwn.model("clubs").orElseThrow().links()).extracting(FieldSchema::name).containsExactly("founder", "tags");
        assertThat(intoOwn.model("tags").orElseThrow().reverseFields()).containsExactly("clubs");
        assertThat(intoPairs.model("people").orElseThrow().reverseFields()).containsExactly("club");
        assertThat(intoPairs.model("clubs").orElseThrow().reverseFields()).isEmpty();
    }

    @Test
    void should_refuse_incompatible_schemas_naming_every_problem() {
        // given
        StageSchema source = demo("production", STARS, Set.of("BUDGET", "LUXURY"));
        StageSchema target = demo("staging", new FieldSchema("stars", SCALAR, "String", false, false), Set.of("BUDGET"));

        // when / then
        assertThatThrownBy(() -> new SyncPlanner("syncSourceId", Map.of("Hotel", "name")).plan(source, target, List.of()))
                .isInstanceOf(SchemaIncompatibleException.class)
                .hasMessageContaining("Hotel.stars is SCALAR Int in the source but SCALAR String in the target")
                .hasMessageContaining("enum HotelCategory (Hotel.category) lacks [LUXURY] in the target")
                .hasMessageContaining("stagesync.match.Hotel=name is not a unique field of Hotel in the target")
                .hasMessageContaining("stagesync schema diff --from production --to staging")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void should_take_unions_of_the_same_members_under_other_type_names_and_refuse_other_members() {
        // given: a Directus many-to-any field (typed by its junction) and a Hygraph union field (a generated type name)
        FieldSchema any = new FieldSchema("sections", UNION, "Hotel_sections.item", true, false, List.of("TextBlock", "QuoteBlock"));
        FieldSchema union = new FieldSchema("sections", UNION, "HotelsectionsUnion", true, false, List.of("QuoteBlock", "TextBlock"));
        FieldSchema fewer = new FieldSchema("sections", UNION, "HotelsectionsUnion", true, false, List.of("TextBlock"));
        ModelSchema text = model("TextBlock");
        ModelSchema quote = model("QuoteBlock");
        java.util.function.Function<FieldSchema, StageSchema> stage = f -> new StageSchema("s", List.of("en"),
                Map.of("Hotel", model("Hotel", f), "TextBlock", text, "QuoteBlock", quote), Map.of(), Map.of(), List.of());

        // when
        SyncPlan plan = new SyncPlanner(null, Map.of()).plan(stage.apply(any), stage.apply(union), List.of());

        // then: the members are written first; a union that lacks a member is refused
        assertThat(plan.modelNames()).containsExactly("QuoteBlock", "TextBlock", "Hotel");
        assertThatThrownBy(() -> new SyncPlanner(null, Map.of()).plan(stage.apply(any), stage.apply(fewer), List.of()))
                .isInstanceOf(SchemaIncompatibleException.class)
                .hasMessageContaining("Hotel.sections is UNION [Hotel_sections.item] of [TextBlock, QuoteBlock] in the source but "
                        + "UNION [HotelsectionsUnion] of [TextBlock] in the target");
    }

    @Test
    void should_refuse_an_unknown_model_in_the_selection() {
        // given
        StageSchema source = demo("production", STARS, Set.of("BUDGET"));

        // when / then
        assertThatThrownBy(() -> new SyncPlanner("", Map.of()).plan(source, source, List.of("Hotel", "Hotle")))
                .hasMessageContaining("model Hotle does not exist in source stage 'production'");
    }
}
