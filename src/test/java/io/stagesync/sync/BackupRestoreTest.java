package io.stagesync.sync;

import io.stagesync.backup.BackupResult;
import io.stagesync.backup.BackupService;
import io.stagesync.backup.RestoreResult;
import io.stagesync.backup.RestoreService;
import io.stagesync.backup.SnapshotCatalog;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup of a kitchen-sink stage into the embedded bucket (S3Proxy over HTTP) and restore into an empty environment:
 * fields, components, rich text, relations, asset bytes and publish state per locale equal the source's.
 */
@SuppressWarnings("unchecked")
class BackupRestoreTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    static Map<String, String> backupKeys(Path dir) {
        return Map.of("stagesync.backup.data-dir", dir.resolve("backups").toString(), "stagesync.backup.chunk-size", "8");
    }

    /** The backup keys and {@code more}. */
    static Map<String, String> backupKeys(Path dir, Map<String, String> more) {
        Map<String, String> keys = new java.util.HashMap<>(backupKeys(dir));
        keys.putAll(more);
        return keys;
    }

    static BackupService backups(SyncHarness h) {
        return h.camel().getRegistry().lookupByNameAndType("backupService", BackupService.class);
    }

    static RestoreService restores(SyncHarness h) {
        return h.camel().getRegistry().lookupByNameAndType("restoreService", RestoreService.class);
    }

    static SnapshotCatalog catalog(SyncHarness h) {
        return h.camel().getRegistry().lookupByNameAndType("snapshotCatalog", SnapshotCatalog.class);
    }

    /** The SHA-256 of every asset file of a stage, by source id (the target's ids translated through the id map). */
    static Map<String, String> assetFiles(DevstageExtension devstage, String env, String stage, Map<String, String> toSource) throws Exception {
        return assetFiles(devstage, env, stage, "en", toSource);
    }

    /** The same for one locale: the file of each asset's localization in {@code locale}. */
    static Map<String, String> assetFiles(DevstageExtension devstage, String env, String stage, String locale,
                                          Map<String, String> toSource) throws Exception {
        GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl(env),
                "{ assets(stage: " + stage + ", first: 100, locales: [" + locale + "]) { id locale url } }");
        assertThat(r.errors()).as("asset query errors").isEmpty();
        Map<String, String> files = new TreeMap<>();
        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> a : (List<Map<String, Object>>) ((Map<String, Object>) r.json().get("data")).get("assets")) {
            HttpResponse<InputStream> file = http.send(HttpRequest.newBuilder(URI.create((String) a.get("url"))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = file.body()) {
                sha.update(in.readAllBytes());
            }
            String id = (String) a.get("id");
            files.put(toSource == null ? id : toSource.getOrDefault(id, "unmapped " + id), HexFormat.of().formatHex(sha.digest()));
        }
        return files;
    }

    @Test
    void should_restore_a_backup_into_an_empty_stage_equal_to_the_source() throws Exception {
        // given
        String model = DevstageServer.demoModel("kitchen-sink");
        String source = devstage.freshEnvironment("sink", model, 12);
        String target = devstage.freshEnvironment("restored", model);
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir, KitchenSinkSyncTest.ASSET_FIELDS))) {
            // when
            BackupResult backup = backups(h).backup(source, "clean-db", SyncProgress.NONE);
            RestoreResult restore = restores(h).restore("clean-db", "latest", target, List.of(), SyncProgress.NONE);
            RestoreResult rerun = restores(h).restore("clean-db", backup.snapshot(), target, List.of(), SyncProgress.NONE);

            // then
            assertThat(backup.entries()).containsKeys("Article", "Author", "Venue");
            assertThat(backup.assets()).isPositive();
            assertThat(catalog(h).list("clean-db")).extracting(l -> l.manifest().snapshot()).containsExactly(backup.snapshot());
            assertThat(restore.status()).as("report %s", restore.sync().report()).isEqualTo("SUCCEEDED");
            assertThat((List<?>) restore.sync().report().get("warnings")).as("warnings").isEmpty();
            KitchenSinkSyncTest.assertEqual(devstage, h, "backup:clean-db", source, target);
            Map<String, String> reverse = StageSnapshot.reverseIdMap(h.dataSource(), "backup:clean-db", target);
            for (String stage : List.of("DRAFT", "PUBLISHED")) {
                for (String locale : List.of("en", "de")) {
                    Map<String, String> files = assetFiles(devstage, source, stage, locale, null);
                    assertThat(assetFiles(devstage, target, stage, locale, reverse)).as("asset files in %s %s", stage, locale).isEqualTo(files);
                }
            }
            assertThat(assetFiles(devstage, source, "DRAFT", "de", null)).as("German files of the source")
                    .isNotEmpty().isNotEqualTo(assetFiles(devstage, source, "DRAFT", "en", null));
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            Map<String, Map<String, Object>> counts = (Map<String, Map<String, Object>>) rerun.sync().report().get("models");
            counts.forEach((m, c) -> assertThat(c.get("created")).as("%s created by the rerun", m).isEqualTo(0L));
            // a second backup of the unchanged stage reads no file again, the German ones included
            BackupResult again = backups(h).backup(source, "clean-db", SyncProgress.NONE);
            assertThat(backup.filesUploaded() + backup.filesReused()).as("files of the first backup").isGreaterThan(backup.assets());
            assertThat(again.filesUploaded()).as("files uploaded again").isZero();
            assertThat(again.filesReused()).isEqualTo(backup.filesUploaded() + backup.filesReused());
        }
    }

    @Test
    void should_name_a_configured_custom_asset_field_the_stage_lacks_in_one_line_before_writing() throws Exception {
        // given: the kitchen sink's Asset has alt and credit, not caption
        String model = DevstageServer.demoModel("kitchen-sink");
        String source = devstage.freshEnvironment("nocaption", model, 2);
        String target = devstage.freshEnvironment("nocaptioncopy", model);
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir,
                backupKeys(dir, Map.of("stagesync.assets.custom-fields", "alt,caption,credit")))) {
            // when
            SyncResult sync = h.sync(source, target, false, false, SyncProgress.NONE);
            Throwable backup = org.assertj.core.api.Assertions.catchThrowable(() -> backups(h).backup(source, "caption", SyncProgress.NONE));

            // then
            String line = "stagesync.assets.custom-fields names caption, which the Asset of stage " + source
                    + " does not have (its custom fields: alt, credit); nothing was read or written";
            assertThat(sync.status()).isEqualTo("FAILED");
            assertThat(sync.report().get("error")).isEqualTo(line);
            assertThat(assetFiles(devstage, target, "DRAFT", null)).as("assets written to the target").isEmpty();
            assertThat(backup).isInstanceOf(IllegalArgumentException.class).hasMessage(line);
            assertThat(catalog(h).list("caption")).as("snapshots").isEmpty();
            io.stagesync.backup.BackupSettings settings = h.camel().getRegistry().lookupByNameAndType("backupSettings",
                    io.stagesync.backup.BackupSettings.class);
            assertThat(catalog(h).unfinished(settings.profile("caption"), source)).as("started backup").isEmpty();
        }
    }

    @Test
    void should_apply_the_snapshots_schema_to_a_target_that_lacks_a_field_before_restoring() throws Exception {
        // given: the target's Hotel has no stars field
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> definition = json.readValue(DevstageServer.demoModel(), Map.class);
        for (Map<String, Object> m : (List<Map<String, Object>>) definition.get("models")) {
            if (m.get("apiId").equals("Hotel")) {
                ((List<Map<String, Object>>) m.get("fields")).removeIf(f -> f.get("apiId").equals("stars"));
            }
        }
        String source = devstage.freshEnvironment("withstars", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("nostars", json.writeValueAsString(definition));
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, backupKeys(dir))) {
            backups(h).backup(source, "stars", SyncProgress.NONE);

            // when
            RestoreResult restore = restores(h).restore("stars", "latest", target, List.of(), SyncProgress.NONE);

            // then
            assertThat(restore.schemaStatus()).isEqualTo("SUCCESS");
            assertThat(restore.schemaChanges()).anySatisfy(c -> assertThat(c).contains("Hotel.stars"));
            assertThat(restore.status()).as("report %s", restore.sync().report()).isEqualTo("SUCCEEDED");
            StageSnapshot expected = StageSnapshot.read(devstage, source);
            StageSnapshot copy = StageSnapshot.read(devstage, target);
            assertThat(copy.asTarget(h.dataSource(), "backup:stars", target, true).models.get("Hotel"))
                    .isEqualTo(expected.asSource(true).models.get("Hotel"));
        }
    }
}
