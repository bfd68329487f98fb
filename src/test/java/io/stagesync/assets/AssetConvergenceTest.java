package io.stagesync.assets;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole syncs of the demo through the real bootstrap, where the target lost what an earlier run wrote. */
class AssetConvergenceTest {

    @RegisterExtension
    static final DevstageExtension devstage = DevstageExtension.shared(20);

    private final AssetFixtures fixtures = new AssetFixtures(devstage);
    private final String target = "converge-" + UUID.randomUUID().toString().substring(0, 8);
    private final String dying = "dying-" + UUID.randomUUID().toString().substring(0, 8);
    private Main main;
    private SyncService service;

    @BeforeEach
    void start() throws Exception {
        devstage.server().addEnvironment(target, DevstageServer.demoModel(), 0);
        devstage.server().addEnvironment(dying, DevstageServer.demoModel(), 0);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("stagesync.sync.retry.asset-attempts", "2");
        props.put("stagesync.sync.retry.asset-base-delay", "100ms");
        props.put("stagesync.assets.page-size", "4");
        for (String env : List.of("production", target, dying)) {
            props.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            props.put("stagesync.stages." + env + ".token", devstage.token());
        }
        props.put("stagesync.state.url", "jdbc:h2:mem:converge-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        main = CamelBootstrap.of(null, props).createMain();
        main.start();
        service = main.getCamelContext().getRegistry().findSingleByType(SyncService.class);
    }

    @AfterEach
    void stop() {
        devstage.faults(dying).reset();
        main.stop();
    }

    @Test
    void should_create_again_an_asset_deleted_in_the_target_when_the_sync_is_full() throws Exception {
        // given: a synced target that then lost one asset that hotels link
        assertThat(sync(false).status()).isEqualTo("SUCCEEDED");
        Map<String, IdMapRepository.Mapping> before = idMap().findModel("production", target, "Asset");
        String sourceId = linkedAsset();
        String deleted = before.get(sourceId).targetId();
        devstage.client().post(devstage.contentApiUrl(target),
                "mutation D($id: ID!) { deleteAsset(where: { id: $id }) { id } }", Map.of("id", deleted));
        assertThat(fixtures.find(target, deleted)).isNull();

        // when
        SyncResult result = sync(true);

        // then: the asset is back with the same bytes, and the hotels link the new copy
        assertThat(result.status()).as("report %s", result.report()).isEqualTo("SUCCEEDED");
        @SuppressWarnings("unchecked")
        Map<String, Object> assets = (Map<String, Object>) result.report().get("assets");
        assertThat(assets.get("created")).as("assets report %s", assets).isEqualTo(1L);
        String recreated = idMap().findModel("production", target, "Asset").get(sourceId).targetId();
        assertThat(recreated).isNotEqualTo(deleted);
        Map<String, Object> copy = fixtures.find(target, recreated);
        Map<String, Object> original = fixtures.find("production", sourceId);
        assertThat(fixtures.sha256((String) copy.get("url"))).isEqualTo(fixtures.sha256((String) original.get("url")));
        assertThat(copy.get("fileName")).isEqualTo(original.get("fileName"));
        assertThat(hotelsLinking(target, recreated)).as("target hotels linking the new copy")
                .isEqualTo(hotelsLinking("production", sourceId)).isPositive();
        assertThat(fixtures.list(target)).hasSameSizeAs(fixtures.list("production"));

        // and a further full run writes nothing
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) sync(true).report().get("assets");
        assertThat(again.get("created")).isEqualTo(0L);
        assertThat(again.get("unchanged")).isEqualTo((long) before.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_report_every_failed_asset_and_the_assets_counts_when_the_source_dies_during_the_phase() throws Exception {
        // given: pages of 4; the first page has 2 assets whose file is missing, and the source fails every request
        // once that page is done
        List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (i == 2 || i == 3) {
                missing.add(fixtures.createWithoutFile(dying, "missing-" + i + ".bin"));
            } else {
                fixtures.create(dying, "ok-" + i + ".bin", new GeneratedInputStream(900 + i, 1500 + i), 1500 + i);
            }
        }
        SyncProgress dies = new SyncProgress() {
            @Override
            public void progress(String phase, long done, long total) {
                if ("assets".equals(phase) && done == 4) {
                    devstage.faults(dying).errorRate(1.0);
                }
            }
        };

        // when
        SyncResult result = service.run(new SyncRequest(null, dying, target, List.of(), false, false,
                Map.of()), dies);

        // then: the run failed, says why and how many assets were never read, and lists each failed asset
        Map<String, Object> report = result.report();
        assertThat(result.status()).as("report %s", report).isEqualTo("FAILED");
        assertThat((String) report.get("error")).contains("assets:").contains("500").contains("4 source assets not read");
        Map<String, Object> assets = (Map<String, Object>) report.get("assets");
        assertThat(assets).as("assets report").isNotNull().containsEntry("read", 4L).containsEntry("created", 2L)
                .containsEntry("failed", 2L);
        // the 2 assets created on that page are listed too: the source died before their publish state was copied
        List<Map<String, Object>> failed = (List<Map<String, Object>>) report.get("failed");
        assertThat(failed).allSatisfy(f -> assertThat(f.get("model")).isEqualTo("Asset"));
        assertThat(failed).filteredOn(f -> ((String) f.get("reason")).contains("404")).extracting(f -> f.get("sourceId"))
                .containsExactlyInAnyOrderElementsOf(missing);
        assertThat(failed).filteredOn(f -> !missing.contains(f.get("sourceId"))).hasSize(2)
                .allSatisfy(f -> assertThat((String) f.get("reason")).startsWith("publish state not copied: ").contains("500"));
    }

    private SyncResult sync(boolean full) {
        return service.run(new SyncRequest(null, "production", target, List.of(), full, false, Map.of()), SyncProgress.NONE);
    }

    private IdMapRepository idMap() {
        return new IdMapRepository(main.getCamelContext().getRegistry().findSingleByType(StateStore.class).dataSource());
    }

    /** A source asset that some hotel uses as its image. */
    @SuppressWarnings("unchecked")
    private String linkedAsset() throws Exception {
        for (Map<String, Object> h : hotels("production")) {
            if (h.get("image") != null) {
                return (String) ((Map<String, Object>) h.get("image")).get("id");
            }
        }
        throw new AssertionError("no demo hotel has an image");
    }

    @SuppressWarnings("unchecked")
    private long hotelsLinking(String env, String assetId) throws Exception {
        return hotels(env).stream().filter(h -> h.get("image") != null
                && assetId.equals(((Map<String, Object>) h.get("image")).get("id"))).count();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hotels(String env) throws Exception {
        return (List<Map<String, Object>>) ((Map<String, Object>) devstage.client().post(devstage.contentApiUrl(env),
                "{ hotels(stage: DRAFT, first: 100) { id image { id } } }").json().get("data")).get("hotels");
    }
}
