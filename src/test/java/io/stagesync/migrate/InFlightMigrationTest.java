package io.stagesync.migrate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.stagesync.sync.SyncResult;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In flight: {@code sync --migrate} writes migrated content to the target and leaves the source as it is; a
 * {@code direct:transform-Hotel} route dropped into {@code routes/} changes what reaches the target.
 */
class InFlightMigrationTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    @TempDir
    Path dir;

    private MigrateHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static Map<String, Object> bySlug(Map<String, Map<String, Object>> hotels, String field) {
        return hotels.values().stream().collect(Collectors.toMap(h -> (String) h.get("slug"), h -> String.valueOf(h.get(field))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_write_migrated_content_to_the_target_and_leave_the_source_unchanged() throws Exception {
        // given
        String source = devstage.freshEnvironment("src");
        String target = devstage.freshEnvironment("tgt");
        harness = MigrateHarness.start(devstage, dir.resolve("run"), MigrateHarness.exampleMigrations(dir), Map.of());
        harness.create(source, MigrateHarness.hotelsFixture("old-shape.json"), true);
        harness.create(source, MigrateHarness.hotelsFixture("new-shape.json"), false);
        Map<String, Object> sourceBefore = bySlug(harness.hotels(source, "DRAFT"), "stars");
        Map<String, Integer> expected = MigrateHarness.fixture("expected.json", new TypeReference<Map<String, Integer>>() { });

        // when
        SyncResult sync = harness.sync(source, target, true);
        long targetWrites = devstage.stats(target).writes();
        SyncResult rerun = harness.sync(source, target, true);

        // then
        assertThat(sync.status()).as("failed: %s", sync.report().get("failed")).isEqualTo("SUCCEEDED");
        assertThat(bySlug(harness.hotels(source, "DRAFT"), "stars")).isEqualTo(sourceBefore).containsEntry("old-budget-inn", "null");
        assertThat(bySlug(harness.hotels(target, "DRAFT"), "stars")).isEqualTo(expected.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
        assertThat(bySlug(harness.hotels(target, "PUBLISHED"), "stars")).containsOnlyKeys("old-budget-inn", "old-grand-palace", "old-city-rooms")
                .containsEntry("old-grand-palace", "5");
        assertThat(rerun.status()).isEqualTo("SUCCEEDED");
        assertThat(devstage.stats(target).writes()).as("a rerun writes nothing").isEqualTo(targetWrites);
    }

    @Test
    void should_change_what_reaches_the_target_through_a_transform_route_dropped_into_routes() throws Exception {
        // given: the shipped routes plus one file, and no migrations
        Path routes = Files.createDirectories(dir.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Files.writeString(routes.resolve("transform-hotel.camel.yaml"), """
                # in-flight cleansing of hotels: names get a prefix on their way to the target
                - route:
                    id: transform-hotel
                    from:
                      uri: direct:transform-Hotel
                      steps:
                        - transform:
                            jq: '.name = ("Staged " + .name)'
                """);
        String source = devstage.freshEnvironment("src");
        String target = devstage.freshEnvironment("tgt");
        harness = MigrateHarness.start(devstage, dir.resolve("run"), dir.resolve("no-migrations"),
                Map.of("stagesync.routes-dir", routes.toString()));
        harness.create(source, MigrateHarness.hotelsFixture("new-shape.json"), false);
        Map<String, Object> sourceBefore = bySlug(harness.hotels(source, "DRAFT"), "name");

        // when
        SyncResult sync = harness.sync(source, target, false);

        // then
        assertThat(sync.status()).as("failed: %s", sync.report().get("failed")).isEqualTo("SUCCEEDED");
        assertThat(bySlug(harness.hotels(source, "DRAFT"), "name")).isEqualTo(sourceBefore);
        assertThat(bySlug(harness.hotels(target, "DRAFT"), "name")).isEqualTo(Map.of("new-budget-inn", "Staged New Budget Inn",
                "new-grand-palace", "Staged New Grand Palace"));
    }
}
