package io.stagesync.schema;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merge's rules on hand-made schemas (a plain unit test of the logic; the HTTP tests are SchemaCommandTest). */
class SchemaDifferTest {

    private static final SchemaDiffer.Impact NO_ENTRIES = new SchemaDiffer.Impact() {
        @Override
        public long entries(String model) {
            return 3;
        }

        @Override
        public long withValue(String model, String field) {
            return 2;
        }

        @Override
        public long withoutValue(String model, String field) {
            return 1;
        }
    };

    private static SchemaSnapshot.Field text(String id) {
        return new SchemaSnapshot.Field("SCALAR", "String", false, false, false, false, id);
    }

    private static SchemaSnapshot schema(Map<String, SchemaSnapshot.Field> hotelFields) {
        return new SchemaSnapshot(List.of("en"), Map.of(), Map.of("Hotel", new SchemaSnapshot.Model("Hotels", hotelFields)), Map.of());
    }

    private static Map<String, SchemaSnapshot.Field> fields(Object... nameAndField) {
        Map<String, SchemaSnapshot.Field> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndField.length; i += 2) {
            map.put((String) nameAndField[i], (SchemaSnapshot.Field) nameAndField[i + 1]);
        }
        return map;
    }

    private static String statusOf(SchemaDiffer.Result result, String action, String element) {
        return result.changes().stream().filter(c -> c.edit().action().equals(action) && c.element().equals(element))
                .map(SchemaChange::status).findFirst().orElse("absent");
    }

    @Test
    void should_keep_target_only_work_with_a_base_and_hold_it_back_without_one() {
        // given
        SchemaSnapshot source = schema(fields("name", text("n")));
        SchemaSnapshot target = schema(fields("name", text("n"), "note", text("x")));
        SchemaSnapshot[] base = BaseMerge.next(source, source, null);

        // when
        var withBase = SchemaDiffer.diff(source, target, base, SchemaDiffer.Options.NONE, NO_ENTRIES);
        var withoutBase = SchemaDiffer.diff(source, target, null, SchemaDiffer.Options.NONE, NO_ENTRIES);

        // then
        assertThat(statusOf(withBase, "remove-field", "Hotel.note")).isEqualTo("kept");
        assertThat(statusOf(withoutBase, "remove-field", "Hotel.note")).isEqualTo("held-back");
        assertThat(withoutBase.warnings()).anyMatch(w -> w.startsWith("No base"));
    }

    @Test
    void should_hold_back_a_deletion_with_its_impact_unless_deletes_are_allowed() {
        // given
        SchemaSnapshot before = schema(fields("name", text("n"), "stars", text("s")));
        SchemaSnapshot after = schema(fields("name", text("n")));
        SchemaSnapshot[] base = BaseMerge.next(before, before, null);

        // when
        var held = SchemaDiffer.diff(after, before, base, SchemaDiffer.Options.NONE, NO_ENTRIES);
        var allowed = SchemaDiffer.diff(after, before, base, new SchemaDiffer.Options(true, Map.of(), Map.of()), NO_ENTRIES);

        // then
        assertThat(held.changes()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("held-back");
            assertThat(c.impact()).isEqualTo(2);
        });
        assertThat(statusOf(allowed, "remove-field", "Hotel.stars")).isEqualTo("apply");
    }

    @Test
    void should_keep_an_element_held_back_in_the_next_base() {
        // given: the source added a required field the target could not take yet
        SchemaSnapshot source = schema(fields("name", text("n"), "code",
                new SchemaSnapshot.Field("SCALAR", "String", false, false, true, false, "c")));
        SchemaSnapshot target = schema(fields("name", text("n")));
        SchemaSnapshot[] base = BaseMerge.next(source, target, null);

        // when
        var next = SchemaDiffer.diff(source, target, base, SchemaDiffer.Options.NONE, NO_ENTRIES);

        // then
        assertThat(statusOf(next, "add-field", "Hotel.code")).isEqualTo("held-back");
        assertThat(next.changes()).singleElement().extracting(SchemaChange::impact).isEqualTo(3L);
    }

    @Test
    void should_refuse_a_rename_that_is_no_candidate_naming_the_candidates() {
        // given
        SchemaSnapshot source = schema(fields("name", text("n"), "rating", text("r")));
        SchemaSnapshot target = schema(fields("name", text("n"), "stars", text("s")));

        // when / then
        assertThatThrownBy(() -> SchemaDiffer.diff(source, target, null,
                new SchemaDiffer.Options(false, Map.of("Hotel.stars", "score"), Map.of()), NO_ENTRIES))
                .hasMessageContaining("--rename Hotel.stars=score").hasMessageContaining("[Hotel.stars=rating]");
    }

    private static SchemaSnapshot withComponents(Map<String, SchemaSnapshot.Field> hotelFields, Map<String, SchemaSnapshot.Model> components) {
        return new SchemaSnapshot(List.of("en"), Map.of(), Map.of("Hotel", new SchemaSnapshot.Model("Hotels", hotelFields)), Map.of(),
                components, Map.of());
    }

    @Test
    void should_merge_components_and_members_three_way_and_mark_component_fields() {
        // given: the source adds a component Badge and a field holding it, and a union member; the target added a
        // field to the component Seo since the base, and changed the modular field's members the same way as the source
        SchemaSnapshot.Field seoField = new SchemaSnapshot.Field("COMPONENT", "Seo", false, false, false, false, "s", List.of("Seo"));
        SchemaSnapshot.Field partner = new SchemaSnapshot.Field("UNION", "HotelpartnerUnion", false, false, false, false, "p",
                List.of("Brand", "Destination"));
        SchemaSnapshot.Field partnerMore = new SchemaSnapshot.Field("UNION", "HotelpartnerUnion", false, false, false, false, "p",
                List.of("Brand", "Destination", "Review"));
        Map<String, SchemaSnapshot.Model> seo = Map.of("Seo", new SchemaSnapshot.Model("Seos", fields("title", text("t"))));
        SchemaSnapshot baseSchema = withComponents(fields("seo", seoField, "partner", partner), seo);
        SchemaSnapshot.Field badges = new SchemaSnapshot.Field("COMPONENT", "Badge", true, false, false, false, "b", List.of("Badge"));
        Map<String, SchemaSnapshot.Model> sourceComponents = new LinkedHashMap<>(seo);
        sourceComponents.put("Badge", new SchemaSnapshot.Model("Badges", fields("label", text("l"))));
        SchemaSnapshot source = withComponents(fields("seo", seoField, "partner", partnerMore, "badges", badges), sourceComponents);
        SchemaSnapshot target = withComponents(fields("seo", seoField, "partner", partner),
                Map.of("Seo", new SchemaSnapshot.Model("Seos", fields("title", text("t"), "noIndex", text("x")))));

        // when
        var result = SchemaDiffer.diff(source, target, BaseMerge.next(baseSchema, baseSchema, null), SchemaDiffer.Options.NONE, NO_ENTRIES);

        // then
        List<String> order = result.changes().stream().map(c -> c.edit().action() + " " + c.element()).toList();
        assertThat(order).containsExactly("add-component Badge", "add-field Hotel.badges", "add-field Badge.label",
                "change-field Hotel.partner", "remove-field Seo.noIndex");
        assertThat(statusOf(result, "remove-field", "Seo.noIndex")).isEqualTo("kept");
        assertThat(statusOf(result, "change-field", "Hotel.partner")).isEqualTo("apply");
        assertThat(result.changes()).filteredOn(c -> c.element().equals("Badge.label")).singleElement()
                .satisfies(c -> assertThat(c.edit().settings()).isEqualTo(SchemaDiffer.COMPONENT_PARENT));
        assertThat(result.changes()).filteredOn(c -> c.element().equals("Badge")).singleElement()
                .satisfies(c -> assertThat(c.edit().settings()).containsEntry("plural", "Badges"));
    }

    @Test
    void should_apply_a_member_change_over_a_base_stored_before_members_were_recorded() {
        // given
        SchemaSnapshot.Field old = new SchemaSnapshot.Field("UNION", "HotelpartnerUnion", false, false, false, false, "p");
        SchemaSnapshot.Field two = new SchemaSnapshot.Field("UNION", "HotelpartnerUnion", false, false, false, false, "p",
                List.of("Brand", "Destination"));
        SchemaSnapshot.Field three = new SchemaSnapshot.Field("UNION", "HotelpartnerUnion", false, false, false, false, "p",
                List.of("Brand", "Destination", "Review"));
        SchemaSnapshot oldBase = schema(fields("partner", old));

        // when
        var result = SchemaDiffer.diff(schema(fields("partner", three)), schema(fields("partner", two)),
                new SchemaSnapshot[] {oldBase, oldBase}, SchemaDiffer.Options.NONE, NO_ENTRIES);

        // then
        assertThat(statusOf(result, "change-field", "Hotel.partner")).isEqualTo("apply");
    }

    private static SchemaSnapshot withSettings(Map<String, SchemaSnapshot.Field> hotelFields, Map<String, Map<String, Object>> settings) {
        return new SchemaSnapshot(List.of("en"), Map.of(), Map.of("Hotel", new SchemaSnapshot.Model("Hotels", hotelFields)), Map.of(),
                Map.of(), Map.of(), settings);
    }

    @Test
    void should_merge_a_stages_own_settings_three_way_and_leave_those_of_added_fields_to_the_field() {
        // given: at the base both had the note "a" on Hotel.name and the default language en; since, the source changed
        // the default language, the target the note and its own field's setting; the source added a field with a setting
        Map<String, Object> noteA = Map.of("meta", Map.of("note", "a"), "of", "Hotel.name");
        SchemaSnapshot base = withSettings(fields("name", text("n")), Map.of("field Hotel.name", noteA, "language", Map.of("value", "en")));
        SchemaSnapshot source = withSettings(fields("name", text("n"), "stars", text("s")), Map.of("field Hotel.name", noteA,
                "language", Map.of("value", "de"), "field Hotel.stars", Map.of("meta", Map.of("note", "1 to 5"), "of", "Hotel.stars")));
        SchemaSnapshot target = withSettings(fields("name", text("n")), Map.of("field Hotel.name",
                Map.of("meta", Map.of("note", "b"), "of", "Hotel.name"), "language", Map.of("value", "en"),
                "field Hotel.status", Map.of("meta", Map.of("interface", "select"), "of", "Hotel")));
        SchemaSnapshot[] bases = BaseMerge.next(base, base, null);

        // when
        SchemaDiffer.Result merged = SchemaDiffer.diff(source, target, bases, SchemaDiffer.Options.NONE, NO_ENTRIES);
        SchemaDiffer.Result unbased = SchemaDiffer.diff(source, target, null, SchemaDiffer.Options.NONE, NO_ENTRIES);
        SchemaSnapshot changedToo = withSettings(fields("name", text("n")), Map.of("field Hotel.name",
                Map.of("meta", Map.of("note", "c"), "of", "Hotel.name"), "language", Map.of("value", "en")));
        SchemaDiffer.Result conflict = SchemaDiffer.diff(changedToo, target, bases, SchemaDiffer.Options.NONE, NO_ENTRIES);

        // then
        assertThat(statusOf(merged, "change-setting", "language")).isEqualTo(SchemaChange.APPLY);
        assertThat(statusOf(merged, "change-setting", "field Hotel.name")).isEqualTo(SchemaChange.KEPT);
        assertThat(statusOf(merged, "remove-setting", "field Hotel.status")).isEqualTo(SchemaChange.KEPT);
        assertThat(statusOf(merged, "add-setting", "field Hotel.stars")).as("comes with add-field Hotel.stars").isEqualTo("absent");
        assertThat(statusOf(merged, "add-field", "Hotel.stars")).isEqualTo(SchemaChange.APPLY);
        assertThat(statusOf(unbased, "change-setting", "field Hotel.name")).isEqualTo(SchemaChange.APPLY);
        assertThat(statusOf(unbased, "remove-setting", "field Hotel.status")).isEqualTo(SchemaChange.HELD_BACK);
        assertThat(statusOf(conflict, "change-setting", "field Hotel.name")).isEqualTo(SchemaChange.CONFLICT);
        SchemaDiffer.Result oneSided = SchemaDiffer.diff(withSettings(fields("name", text("n")), Map.of()), target, bases,
                new SchemaDiffer.Options(true, Map.of(), Map.of()), NO_ENTRIES);
        assertThat(oneSided.changes()).noneMatch(c -> c.edit().action().endsWith("-setting"));
        assertThat(oneSided.warnings()).anyMatch(w -> w.startsWith("Only one of the two stages has settings of its own"));
        assertThat(source.hash()).isNotEqualTo(withSettings(source.models().get("Hotel").fields(), Map.of()).hash());
        assertThat(withSettings(fields("name", text("n")), Map.of()).toJson()).doesNotContain("settings");
    }
}
