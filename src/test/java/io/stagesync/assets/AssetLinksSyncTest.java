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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole sync (assets first, then entries) through the real bootstrap: entries' asset links use the mapped target assets. */
class AssetLinksSyncTest {

    @RegisterExtension
    static final DevstageExtension devstage = DevstageExtension.shared(20);

    @Test
    void should_point_every_entry_asset_link_at_the_target_asset_mapped_from_the_source_asset() throws Exception {
        // given
        String target = "links-" + UUID.randomUUID().toString().substring(0, 8);
        devstage.server().addEnvironment(target, DevstageServer.demoModel(), 0);
        Map<String, String> props = new LinkedHashMap<>();
        for (String env : List.of("production", target)) {
            props.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            props.put("stagesync.stages." + env + ".token", devstage.token());
        }
        props.put("stagesync.state.url", "jdbc:h2:mem:links-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Main main = CamelBootstrap.of(null, props).createMain();
        main.start();
        try {
            SyncService service = main.getCamelContext().getRegistry().findSingleByType(SyncService.class);
            assertThat(service != null && main.getCamelContext().getRoute("sync-entries") != null)
                    .as("the sync engine (SyncService, sync-entries) is started").isTrue();

            // when
            SyncResult result = service.run(new SyncRequest(null, "production", target, List.of(), true, false, Map.of()), SyncProgress.NONE);

            // then
            assertThat(result.status()).as("report %s", result.report()).isEqualTo("SUCCEEDED");
            @SuppressWarnings("unchecked")
            Map<String, Object> assets = (Map<String, Object>) result.report().get("assets");
            assertThat(assets).as("assets report").isNotNull();
            assertThat(((Number) assets.get("failed")).longValue()).isZero();
            IdMapRepository idMap = new IdMapRepository(main.getCamelContext().getRegistry().findSingleByType(StateStore.class).dataSource());
            Map<String, IdMapRepository.Mapping> assetMap = idMap.findModel("production", target, "Asset");
            Map<String, IdMapRepository.Mapping> hotelMap = idMap.findModel("production", target, "Hotel");
            List<Map<String, Object>> sourceHotels = hotels("production");
            int links = 0;
            for (Map<String, Object> hotel : sourceHotels) {
                Map<String, Object> copy = hotel(target, hotelMap.get((String) hotel.get("id")).targetId());
                List<String> expected = new ArrayList<>();
                for (String sourceAsset : assetIds(hotel)) {
                    expected.add(assetMap.get(sourceAsset).targetId());
                }
                assertThat(assetIds(copy)).as("asset links of hotel %s", hotel.get("id")).isEqualTo(expected);
                links += expected.size();
            }
            assertThat(links).as("the demo links some assets").isPositive();
        } finally {
            main.stop();
        }
    }

    /** The image id (or null) followed by the gallery ids, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> assetIds(Map<String, Object> hotel) {
        List<String> ids = new ArrayList<>();
        Map<String, Object> image = (Map<String, Object>) hotel.get("image");
        ids.add(image == null ? null : (String) image.get("id"));
        for (Map<String, Object> g : (List<Map<String, Object>>) hotel.get("gallery")) {
            ids.add((String) g.get("id"));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hotels(String env) throws Exception {
        return (List<Map<String, Object>>) ((Map<String, Object>) devstage.client().post(devstage.contentApiUrl(env),
                "{ hotels(stage: DRAFT, first: 100) { id image { id } gallery { id } } }").json().get("data")).get("hotels");
    }

    private static Map<String, Object> hotel(String env, String id) throws Exception {
        return devstage.client().post(devstage.contentApiUrl(env),
                "query H($id: ID!) { hotel(where: { id: $id }, stage: DRAFT) { id image { id } gallery { id } } }", Map.of("id", id)).data("hotel");
    }
}
