package io.stagesync.sync;

import io.stagesync.backup.RestoreResult;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.migrate.MigrateHarness;
import io.stagesync.migrate.MigrateRequest;
import io.stagesync.migrate.MigrateService;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stagesync.sync.BackupRestoreTest.backupKeys;
import static io.stagesync.sync.BackupRestoreTest.backups;
import static io.stagesync.sync.BackupRestoreTest.restores;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code restore --migrate}: the snapshot keeps the migration versions each entry had, and the restore runs only the
 * steps an entry lacks (the example step fills a hotel's missing stars).
 */
@SuppressWarnings("unchecked")
class RestoreMigrateTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    private static Map<String, Object> hotel(String env, String id) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ hotel(where: { id: \"" + id + "\" }, stage: DRAFT) { slug stars } }");
        return r.data("hotel");
    }

    private static Object starsBySlug(String env, Object slug) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ hotel(where: { slug: \"" + slug + "\" }, stage: DRAFT) { stars } }");
        return ((Map<String, Object>) r.data("hotel")).get("stars");
    }

    private static void noStars(String env, String id) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "mutation { updateHotel(where: { id: \"" + id + "\" }, data: { stars: null }) { id } }");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void should_run_only_the_migration_steps_an_entry_lacked_when_it_was_backed_up() throws Exception {
        // given: hotel A never migrated, hotel B migrated to 1.1.0 in the source; both without stars when backed up
        String source = devstage.freshEnvironment("migsrc", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("migdst");
        Map<String, String> keys = new HashMap<>(backupKeys(dir));
        keys.put("stagesync.migrate.dir", MigrateHarness.exampleMigrations(dir).toString());
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            var page = devstage.client().post(devstage.contentApiUrl(source), "{ hotels(first: 2, stage: DRAFT) { id } }");
            List<Map<String, Object>> two = (List<Map<String, Object>>) ((Map<String, Object>) page.json().get("data")).get("hotels");
            String a = (String) two.get(0).get("id");
            String b = (String) two.get(1).get("id");
            noStars(source, a);
            noStars(source, b);
            MigrateService migrate = h.camel().getRegistry().lookupByNameAndType("migrateService", MigrateService.class);
            assertThat(migrate.run(new MigrateRequest(null, source, "Hotel", b, null, false), SyncProgress.NONE).status()).isEqualTo("SUCCEEDED");
            noStars(source, b);
            backups(h).backup(source, "old-customer", SyncProgress.NONE);

            // when
            RestoreResult restore = restores(h).restore("old-customer", "latest", target, List.of(), true, SyncProgress.NONE);

            // then
            assertThat(restore.status()).as("report %s", restore.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(starsBySlug(target, hotel(source, a).get("slug"))).as("A's stars, filled by the pending step").isNotNull();
            assertThat(starsBySlug(target, hotel(source, b).get("slug"))).as("B's stars: 1.1.0 was applied before the backup").isNull();
            assertThat(hotel(source, a).get("stars")).as("the source is unchanged").isNull();
        }
    }

    @Test
    void should_count_the_versions_a_promoted_baseline_holds_as_applied() throws Exception {
        // given: hotel A without stars, never migrated; its profile's baseline is recorded as migrated up to 1.1.0
        String source = devstage.freshEnvironment("basesrc", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("basedst");
        Map<String, String> keys = new HashMap<>(backupKeys(dir));
        keys.put("stagesync.migrate.dir", MigrateHarness.exampleMigrations(dir).toString());
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            var page = devstage.client().post(devstage.contentApiUrl(source), "{ hotels(first: 1, stage: DRAFT) { id } }");
            String a = (String) ((List<Map<String, Object>>) ((Map<String, Object>) page.json().get("data")).get("hotels")).get(0).get("id");
            noStars(source, a);
            String ts = backups(h).backup(source, "clean-db", SyncProgress.NONE).snapshot();
            var catalog = BackupRestoreTest.catalog(h);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.markMigrated("clean-db", "1.1.0"))
                    .hasMessageContaining("has no baseline");
            catalog.promote("clean-db", ts);
            catalog.markMigrated("clean-db", "1.1.0");

            // when
            RestoreResult restore = restores(h).restore("clean-db", "baseline", target, List.of(), true, SyncProgress.NONE);

            // then
            assertThat(restore.status()).as("report %s", restore.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(starsBySlug(target, hotel(source, a).get("slug"))).as("A's stars: the baseline holds 1.1.0").isNull();
        }
    }
}
