package io.stagesync.migrate;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.SourceEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stagesync.dialect.FieldSchema.Kind.RELATION;
import static io.stagesync.dialect.FieldSchema.Kind.SCALAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration steps in each form a file may take (jq, simple, a route template) run in version order on one entry's
 * JSON, in a real CamelContext; a failing step names itself.
 */
class StepRunnerTest {

    private static final FieldSchema NAME = new FieldSchema("name", SCALAR, "String", false, true);
    private static final FieldSchema SUBTITLE = new FieldSchema("subtitle", SCALAR, "String", false, false);
    private static final FieldSchema DESTINATION = new FieldSchema("destination", RELATION, "Destination", false, false);
    private static final ModelSchema HOTEL = new ModelSchema("Hotel", List.of(NAME, SUBTITLE, DESTINATION), Set.of(), true, false, false);
    private static final ModelPlan PLAN = new ModelPlan(HOTEL, HOTEL, List.of(NAME, SUBTITLE, DESTINATION), List.of(), null, null);

    @TempDir
    Path dir;

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private List<MigrationStep> load(Map<String, String> files) throws Exception {
        Path hotel = Files.createDirectories(dir.resolve("Hotel"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(hotel.resolve(f.getKey()), f.getValue());
        }
        MigrationLoader loader = new MigrationLoader();
        List<MigrationStep> steps = loader.scan(dir);
        loader.load(camel, dir, steps);
        camel.start();
        return steps;
    }

    @Test
    void should_run_jq_simple_and_route_template_steps_in_version_order() throws Exception {
        // given: 1.0.0 splits "Name – Subtitle" (jq), 1.1.0 upper-cases the German name when the header names a hotel
        // (simple, on the JSON text), 2.0.0 is a route template whose default parameter moves the destination
        List<MigrationStep> steps = load(Map.of(
                "V1.0.0__split_name.camel.yaml", """
                        - route:
                            from:
                              uri: direct:x
                              steps:
                                - transform:
                                    jq: 'if (.name | contains(" - ")) then .subtitle = (.name | split(" - ") | .[1]) | .name = (.name | split(" - ") | .[0]) else . end'
                        """,
                "V1.1.0__mark.camel.yaml", """
                        - route:
                            from:
                              uri: direct:y
                              steps:
                                - choice:
                                    when:
                                      - simple: "${header.StageSyncModel} == 'Hotel'"
                                        steps:
                                          - setBody:
                                              simple: "${body.replace('Haus', 'HAUS')}"
                        """,
                "V2.0.0__move.camel.yaml", """
                        - routeTemplate:
                            id: move-destination
                            parameters:
                              - name: to
                                defaultValue: d2
                            from:
                              uri: direct:z
                              steps:
                                - transform:
                                    jq: '.destination = "{{to}}"'
                        """));
        SourceEntry entry = new SourceEntry("h1", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", Map.of("name", "Sea View - Harbour"),
                Map.of("de", Map.of("name", "Seeblick Haus")), Map.of("destination", List.of("d1")), null);

        // when
        SourceEntry after = new StepRunner(camel).apply(PLAN, steps, entry);

        // then
        assertThat(steps).extracting(MigrationStep::label).containsExactly("V1.0.0__split_name", "V1.1.0__mark", "V2.0.0__move");
        assertThat(after.values()).containsEntry("name", "Sea View").containsEntry("subtitle", "Harbour");
        assertThat(after.localizations().get("de")).containsEntry("name", "Seeblick HAUS");
        assertThat(after.links()).containsEntry("destination", List.of("d2"));
        assertThat(after.id()).isEqualTo("h1");
        assertThat(after.updatedAt()).isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void should_name_the_step_that_failed_or_returned_no_object() throws Exception {
        // given
        List<MigrationStep> steps = load(Map.of("V1.0.0__broken.camel.yaml", """
                - route:
                    from:
                      uri: direct:x
                      steps:
                        - setBody:
                            constant: "[1, 2]"
                """));
        SourceEntry entry = new SourceEntry("h1", null, null, Map.of("name", "A"), Map.of(), Map.of(), null);

        // when / then
        assertThatThrownBy(() -> new StepRunner(camel).apply(PLAN, steps, entry)).isInstanceOf(StepRunner.StepFailedException.class)
                .hasMessage("V1.0.0__broken: returned array; a step returns the entry as a JSON object");
    }
}
