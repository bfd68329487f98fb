package io.stagesync.sync;

import io.stagesync.backup.RestoreResult;
import io.stagesync.backup.SnapshotCatalog;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.IdMapRepository;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sync --mirror} over real HTTP against devstage: the target's entries and assets whose source is gone are
 * listed without consent and in a plan, and deleted with consent after the pre-mirror backup; reruns converge.
 */
class MirrorSyncTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(0);

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void should_list_without_consent_and_delete_exactly_what_the_source_lost_with_consent() throws Exception {
        // given: a synced target; then the source loses two hotels and an asset, and the target gains a hotel of its own
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 20);
        String target = devstage.freshEnvironment("mtarget");
        String profile = "pre-mirror-" + target;
        try (SyncHarness h = mirrored(source, target)) {
            SnapshotCatalog catalog = BackupRestoreTest.catalog(h);
            List<String> hotels = ids(source, "hotels");
            String unusedAsset = ids(source, "assets").get(0);
            String goneHotel1 = mapped(h, source, target, "Hotel", hotels.get(3));
            String goneHotel2 = mapped(h, source, target, "Hotel", hotels.get(7));
            String goneAsset = mapped(h, source, target, "Asset", unusedAsset);
            String goneAssetName = fileName(target, goneAsset);
            for (String hotel : List.of(hotels.get(3), hotels.get(7))) {
                post(source, "mutation { deleteHotel(where: { id: \"" + hotel + "\" }) { id } }");
            }
            post(source, "mutation { deleteAsset(where: { id: \"" + unusedAsset + "\" }) { id } }");
            String own = (String) post(target, "mutation { createHotel(data: { name: \"Own\", slug: \"own\", category: BUDGET }) { id } }")
                    .data("createHotel").get("id");
            Set<String> expectedHotels = new TreeSet<>(List.of(goneHotel1, goneHotel2, own));
            List<String> slugsBefore = slugs(target);
            long targetWrites = devstage.stats(target).writes();

            // when: a plan, then a mirror without consent
            SyncResult plan = mirror(h, source, target, true, false);
            SyncResult listed = mirror(h, source, target, false, false);

            // then: both list the same deletions, first in the report; nothing is deleted, no backup is taken
            for (SyncResult r : List.of(plan, listed)) {
                assertThat(new ArrayList<>(r.report().keySet()).indexOf("deletions")).isLessThan(new ArrayList<>(r.report().keySet()).indexOf("models"));
                Map<String, Object> d = (Map<String, Object>) r.report().get("deletions");
                assertThat(d.get("deleted")).isEqualTo(false);
                Map<String, List<String>> entries = (Map<String, List<String>>) d.get("entries");
                assertThat(new TreeSet<>(entries.get("Hotel"))).isEqualTo(expectedHotels);
                assertThat(entries.get("Asset")).containsExactly(goneAsset);
                assertThat(new SyncSummaryPrinter().print(r)).contains("mirror: ").contains(own);
            }
            assertThat(((Map<String, Map<String, Object>>) plan.report().get("models")).get("Hotel").get("delete")).isEqualTo(3L);
            assertThat((String) ((Map<String, Object>) listed.report().get("deletions")).get("reason")).contains("consent");
            assertThat(listed.report().get("warnings").toString()).contains("not deleted");
            assertThat(ids(target, "hotels")).contains(goneHotel1, goneHotel2, own);
            assertThat(ids(target, "assets")).contains(goneAsset);
            assertThat(catalog.list(profile)).isEmpty();

            // when: with consent
            SyncResult deleted = mirror(h, source, target, false, true);

            // then: exactly those are gone, after one backup of the target; the stages are equal and the id map forgets them
            assertThat(deleted.status()).as("report %s", deleted.report()).isEqualTo("SUCCEEDED");
            assertThat(catalog.list(profile)).singleElement().satisfies(l -> assertThat(l.manifest().models().get("Hotel").count())
                    .isEqualTo((long) hotels.size() + 1));
            Map<String, Object> done = (Map<String, Object>) deleted.report().get("deletions");
            assertThat(done.get("deleted")).isEqualTo(true);
            assertThat(done.get("backup")).isEqualTo(profile + "/" + catalog.list(profile).get(0).manifest().snapshot());
            assertThat(ids(target, "hotels")).doesNotContain(goneHotel1, goneHotel2, own).hasSize(hotels.size() - 2);
            assertThat(ids(target, "assets")).doesNotContain(goneAsset).hasSize(ids(source, "assets").size());
            assertThat(ids(target, "reviews")).hasSameSizeAs(ids(source, "reviews"));
            SyncAcceptanceTest.assertEqualWith(devstage, h, source, target);
            IdMapRepository idMap = new IdMapRepository(h.dataSource());
            assertThat(idMap.findModel(source, target, "Hotel")).doesNotContainKeys(hotels.get(3), hotels.get(7))
                    .hasSize(hotels.size() - 2);
            assertThat(idMap.findModel(source, target, "Asset")).doesNotContainKey(unusedAsset);

            // and a rerun deletes nothing and takes no backup
            SyncResult rerun = mirror(h, source, target, false, true);
            assertThat(((Map<String, Object>) rerun.report().get("deletions")).get("count")).isEqualTo(0L);
            assertThat(catalog.list(profile)).hasSize(1);
            assertThat(devstage.stats(target).writes()).isGreaterThan(targetWrites);

            // and restoring the pre-mirror backup brings back what the mirror deleted
            RestoreResult restored = BackupRestoreTest.restores(h).restore(profile, "latest", target, List.of(), SyncProgress.NONE);
            assertThat(restored.status()).as("report %s", restored.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(slugs(target)).containsExactlyInAnyOrderElementsOf(slugsBefore);
            assertThat(fileNames(target)).contains(goneAssetName);
        }
    }

    @Test
    void should_delete_nothing_and_fail_when_the_pre_mirror_backup_fails() throws Exception {
        // given
        String target = devstage.freshEnvironment("mfail");
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 5);
        Map<String, String> unreachableBucket = Map.of("stagesync.backup.endpoint", "http://127.0.0.1:" + closedPort(),
                "stagesync.backup.access-key", "k", "stagesync.backup.secret-key", "s");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, unreachableBucket)) {
            SyncResult first = mirror(h, source, target, false, true);
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            String own = (String) post(target, "mutation { createHotel(data: { name: \"Own\", slug: \"own\", category: BUDGET }) { id } }")
                    .data("createHotel").get("id");

            // when
            SyncResult failed = mirror(h, source, target, false, true);

            // then: a failed backup deletes nothing and fails the run, naming the profile
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.report().get("error").toString()).contains("pre-mirror-" + target).contains("failed, so nothing is deleted");
            assertThat(ids(target, "hotels")).contains(own);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_converge_on_rerun_after_a_mirror_stopped_in_the_middle_of_its_deletions() throws Exception {
        // given: a synced target whose source then lost three hotels and an asset
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("mkill");
        Map<String, String> keys = new java.util.HashMap<>(BackupRestoreTest.backupKeys(dir));
        keys.put("stagesync.sync.retry.base-delay", "20ms");
        keys.put("stagesync.sync.retry.max-delay", "100ms");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            // the target stops answering right after the pre-mirror backup: the deletions cannot go through
            SyncProgress failAfterBackup = new SyncProgress() {
                @Override
                public void phaseFinished(String phase) {
                    if ("snapshot".equals(phase)) {
                        devstage.faults(target).errorRate(1.0);
                    }
                }
            };
            assertThat(mirror(h, source, target, false, true).status()).isEqualTo("SUCCEEDED");
            List<String> hotels = ids(source, "hotels");
            List<String> gone = List.of(mapped(h, source, target, "Hotel", hotels.get(1)), mapped(h, source, target, "Hotel", hotels.get(2)),
                    mapped(h, source, target, "Hotel", hotels.get(5)));
            String asset = ids(source, "assets").get(0);
            String goneAsset = mapped(h, source, target, "Asset", asset);
            for (String hotel : List.of(hotels.get(1), hotels.get(2), hotels.get(5))) {
                post(source, "mutation { deleteHotel(where: { id: \"" + hotel + "\" }) { id } }");
            }
            post(source, "mutation { deleteAsset(where: { id: \"" + asset + "\" }) { id } }");

            // when: the mirror fails at its deletions; then one hotel is gone as a run killed after its delete request
            // leaves it (the target deleted it, the id map still has its row)
            SyncResult stopped;
            try {
                stopped = mirror(h, source, target, false, true, failAfterBackup);
            } finally {
                devstage.faults(target).reset();
            }
            post(target, "mutation { deleteHotel(where: { id: \"" + gone.get(0) + "\" }) { id } }");
            SyncResult rerun = mirror(h, source, target, false, true);
            SyncResult again = mirror(h, source, target, false, true);

            // then
            assertThat(stopped.status()).isEqualTo("FAILED");
            assertThat(stopped.report().get("error").toString()).contains("mirror");
            assertThat(rerun.status()).as("report %s", rerun.report()).isEqualTo("SUCCEEDED");
            assertThat(ids(target, "hotels")).doesNotContainAnyElementsOf(gone).hasSize(hotels.size() - 3);
            assertThat(ids(target, "assets")).doesNotContain(goneAsset);
            assertThat(new IdMapRepository(h.dataSource()).findModel(source, target, "Hotel")).hasSize(hotels.size() - 3);
            SyncAcceptanceTest.assertEqualWith(devstage, h, source, target);
            assertThat(((Map<String, Object>) again.report().get("deletions")).get("count")).isEqualTo(0L);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_back_up_only_the_selected_models_and_the_assets_only_when_they_are_selected_before_a_mirror_deletes() throws Exception {
        // given: a mirrored target whose source then lost a hotel and an asset
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 8);
        String target = devstage.freshEnvironment("mscope");
        String profile = "pre-mirror-" + target;
        try (SyncHarness h = mirrored(source, target)) {
            SnapshotCatalog catalog = BackupRestoreTest.catalog(h);
            String hotel = ids(source, "hotels").get(2);
            String goneHotel = mapped(h, source, target, "Hotel", hotel);
            String asset = ids(source, "assets").get(0);
            String goneAsset = mapped(h, source, target, "Asset", asset);
            post(source, "mutation { deleteHotel(where: { id: \"" + hotel + "\" }) { id } }");
            post(source, "mutation { deleteAsset(where: { id: \"" + asset + "\" }) { id } }");
            List<String> slugsBefore = slugs(target);

            // when: a mirror of the hotels alone
            SyncResult hotels = h.service().run(new SyncRequest(null, source, target, List.of("Hotel"), false, false,
                    Map.of(SyncRequest.MIRROR, "true", SyncRequest.DELETE_CONSENT, "true")), SyncProgress.NONE);

            // then: its backup holds the hotels and nothing else; the hotel is gone, the asset (not selected) is kept
            assertThat(hotels.status()).as("report %s", hotels.report()).isEqualTo("SUCCEEDED");
            assertThat(catalog.list(profile)).singleElement().satisfies(l -> {
                assertThat(l.manifest().scope()).containsExactly("Hotel");
                assertThat(l.manifest().models().keySet()).containsExactly("Hotel");
                assertThat(l.manifest().models().get("Hotel").count()).isEqualTo(8);
                assertThat(l.manifest().assets()).isNull();
            });
            assertThat(ids(target, "hotels")).doesNotContain(goneHotel).hasSize(7);
            assertThat(ids(target, "assets")).contains(goneAsset);

            // and restoring that backup brings the hotel back, and only hotels are written
            RestoreResult restored = BackupRestoreTest.restores(h).restore(profile, "latest", target, List.of(), SyncProgress.NONE);
            assertThat(restored.status()).as("report %s", restored.sync().report()).isEqualTo("SUCCEEDED");
            assertThat(slugs(target)).containsExactlyInAnyOrderElementsOf(slugsBefore);
            assertThat(((Map<String, Object>) restored.sync().report().get("models")).keySet()).containsExactly("Hotel");

            // when: a mirror of the hotels and the assets
            SyncResult withAssets = h.service().run(new SyncRequest(null, source, target, List.of("Asset", "Hotel"), false, false,
                    Map.of(SyncRequest.MIRROR, "true", SyncRequest.DELETE_CONSENT, "true")), SyncProgress.NONE);

            // then: its backup holds the hotels and the assets, and the asset is gone
            assertThat(withAssets.status()).as("report %s", withAssets.report()).isEqualTo("SUCCEEDED");
            assertThat(catalog.list(profile)).hasSize(2).last().satisfies(l -> {
                assertThat(l.manifest().scope()).containsExactly("Hotel", "Asset");
                assertThat(l.manifest().models().keySet()).containsExactly("Hotel");
                assertThat(l.manifest().assets().count()).isEqualTo(ids(source, "assets").size() + 1L);
            });
            assertThat(ids(target, "assets")).doesNotContain(goneAsset);
        }
    }

    @Test
    void should_refuse_a_mirror_into_a_stage_another_run_marked_busy_and_mark_it_busy_while_it_runs() throws Exception {
        // given
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 3);
        String target = devstage.freshEnvironment("mbusy");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, BackupRestoreTest.backupKeys(dir))) {
            io.stagesync.state.StageLeases leases = h.camel().getRegistry().lookupByNameAndType("stageLeases", io.stagesync.state.StageLeases.class);
            List<String> seenBusy = new CopyOnWriteArrayList<>();
            SyncProgress watch = new SyncProgress() {
                @Override
                public void phaseStarted(String phase, long total) {
                    if ("mirror".equals(phase)) {
                        leases.busy(target, null).ifPresent(seenBusy::add);
                    }
                }
            };
            SyncResult refused;
            try (io.stagesync.state.StageLeases.Lease other = leases.hold(target, "other-run", "mirror sync from elsewhere")) {
                // when
                refused = mirror(h, source, target, false, true);
            }
            post(target, "mutation { createHotel(data: { name: \"Own\", slug: \"own\", category: BUDGET }) { id } }");
            SyncResult ran = mirror(h, source, target, false, true, watch);

            // then
            assertThat(refused.status()).isEqualTo("FAILED");
            assertThat(refused.report().get("error").toString()).contains("stage '" + target + "' is busy: mirror sync from elsewhere (other-run)");
            assertThat(devstage.stats(target).writes()).isPositive();
            assertThat(ran.status()).as("report %s", ran.report()).isEqualTo("SUCCEEDED");
            assertThat(seenBusy).singleElement().asString().startsWith("mirror sync from " + source);
            assertThat(leases.busy(target, null)).isEmpty();
        }
    }

    @Test
    void should_refuse_a_mirror_into_a_stage_whose_dialect_cannot_delete_before_any_request() throws Exception {
        // given: a Directus stage where nothing answers (the refusal comes before the first request)
        String source = devstage.freshEnvironment("msource", DevstageServer.demoModel(), 2);
        Map<String, String> keys = Map.of("stagesync.stages.directus.content-api", "http://127.0.0.1:9",
                "stagesync.stages.directus.token", "unused", "stagesync.stages.directus.cms", "directus");
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, keys)) {
            long sourceRequests = devstage.stats(source).reads();

            // when
            SyncResult refused = mirror(h, source, "directus", false, true);

            // then
            assertThat(refused.status()).isEqualTo("FAILED");
            assertThat(refused.report().get("error").toString())
                    .isEqualTo("Stage directus cannot delete entries, so it cannot be a mirror target (sync --mirror); sync without --mirror");
            assertThat(devstage.stats(source).reads()).isEqualTo(sourceRequests);
        }
    }

    /**
     * The application with a bucket, the target a child of the source (the usual mirror target takes data only from its
     * parent; its own pre-mirror snapshot goes back into it too), after a first mirror from the source.
     */
    private SyncHarness mirrored(String source, String target) throws Exception {
        Map<String, String> keys = new java.util.HashMap<>(BackupRestoreTest.backupKeys(dir));
        keys.put("stagesync.stages." + target + ".parent", source);
        SyncHarness h = SyncHarness.startApplication(devstage, dir, keys);
        try {
            assertThat(mirror(h, source, target, false, true).status()).isEqualTo("SUCCEEDED");
        } catch (AssertionError e) {
            h.close();
            throw e;
        }
        return h;
    }

    static SyncResult mirror(SyncHarness h, String source, String target, boolean plan, boolean consent) {
        return mirror(h, source, target, plan, consent, SyncProgress.NONE);
    }

    static SyncResult mirror(SyncHarness h, String source, String target, boolean plan, boolean consent, SyncProgress progress) {
        return h.service().run(new SyncRequest(null, source, target, List.of(), false, plan,
                Map.of(SyncRequest.MIRROR, "true", SyncRequest.DELETE_CONSENT, String.valueOf(consent))), progress);
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The slugs of an environment's hotels (what identifies them across a restore, which gives new ids). */
    @SuppressWarnings("unchecked")
    static List<String> slugs(String env) throws Exception {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) ((Map<String, Object>) post(env,
                "{ hotels(stage: DRAFT, first: 100) { slug } }").json().get("data")).get("hotels");
        return nodes.stream().map(n -> (String) n.get("slug")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> fileNames(String env) throws Exception {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) ((Map<String, Object>) post(env,
                "{ assets(stage: DRAFT, first: 100) { fileName } }").json().get("data")).get("assets");
        return nodes.stream().map(n -> (String) n.get("fileName")).toList();
    }

    static String fileName(String env, String assetId) throws Exception {
        return (String) post(env, "{ asset(where: { id: \"" + assetId + "\" }, stage: DRAFT) { fileName } }").data("asset").get("fileName");
    }

    private static String mapped(SyncHarness h, String source, String target, String model, String sourceId) {
        return new IdMapRepository(h.dataSource()).find(source, target, model, sourceId).orElseThrow().targetId();
    }

    static GraphQLTestClient.Response post(String env, String query) throws Exception {
        return post(devstage, env, query);
    }

    static GraphQLTestClient.Response post(DevstageExtension devstage, String env, String query) throws Exception {
        GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl(env), query);
        assertThat(r.errors()).as("errors of %s", query).isEmpty();
        return r;
    }

    /** The ids of a model's entries (or of the assets) in an environment's draft stage. */
    @SuppressWarnings("unchecked")
    static List<String> ids(String env, String listField) throws Exception {
        return ids(devstage, env, listField);
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(DevstageExtension devstage, String env, String listField) throws Exception {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) ((Map<String, Object>) post(devstage, env, "{ " + listField
                + "(stage: DRAFT, first: 100) { id } }").json().get("data")).get(listField);
        return nodes.stream().map(n -> (String) n.get("id")).toList();
    }
}
