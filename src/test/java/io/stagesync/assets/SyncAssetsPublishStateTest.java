package io.stagesync.assets;

import io.stagesync.state.IdMapRepository;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The asset phase copies the publish state of assets over HTTP (devstage), and a rerun writes nothing. */
class SyncAssetsPublishStateTest extends AssetRouteTestSupport {

    @Test
    void should_publish_in_the_target_exactly_the_assets_published_in_the_source_and_write_nothing_on_a_rerun() throws Exception {
        // given: three assets, two of them published
        String a = fixtures.create(source, "a.bin", new GeneratedInputStream(21, 30_000), 30_000);
        String b = fixtures.create(source, "b.txt", bytes("published text"), 14);
        fixtures.create(source, "c.bin", new GeneratedInputStream(22, 20_000), 20_000);
        fixtures.publish(source, a, true);
        fixtures.publish(source, b, true);

        // when
        Map<String, Object> first = sync(source);
        Map<String, Object> rerun = sync(source);

        // then: the same assets published, with their metadata and bytes in the published stage
        assertThat(first).containsEntry("created", 3L).containsEntry("published", 2L).containsEntry("unpublished", 0L)
                .containsEntry("failed", 0L);
        assertPublishedAsInSource();
        assertThat(rerun).containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("reuploaded", 0L)
                .containsEntry("published", 0L).containsEntry("unpublished", 0L).containsEntry("bytes", 0L);
    }

    @Test
    void should_unpublish_in_the_target_an_asset_unpublished_in_the_source() throws Exception {
        // given
        String a = fixtures.create(source, "a.bin", new GeneratedInputStream(23, 10_000), 10_000);
        String b = fixtures.create(source, "b.bin", new GeneratedInputStream(24, 10_000), 10_000);
        fixtures.publish(source, a, true);
        fixtures.publish(source, b, true);
        sync(source);
        fixtures.publish(source, b, false);

        // when
        Map<String, Object> report = sync(source);

        // then
        assertThat(report).containsEntry("published", 0L).containsEntry("unpublished", 1L).containsEntry("unchanged", 2L);
        assertPublishedAsInSource();
    }

    @Test
    void should_copy_the_publish_state_of_the_demo_assets() throws Exception {
        // when
        Map<String, Object> report = sync("production");

        // then
        assertThat(report).containsEntry("failed", 0L);
        assertThat((Long) report.get("published")).isPositive();
        assertPublishedAsInSource("production");
    }

    private void assertPublishedAsInSource() throws Exception {
        assertPublishedAsInSource(source);
    }

    /** The published target assets are the mapped published source assets, with equal metadata and bytes. */
    private void assertPublishedAsInSource(String from) throws Exception {
        Map<String, IdMapRepository.Mapping> mapped = idMap().findModel(from, target, "Asset");
        List<Map<String, Object>> sourcePublished = fixtures.list(from, "PUBLISHED");
        Map<String, Map<String, Object>> targetPublished = fixtures.list(target, "PUBLISHED").stream()
                .collect(Collectors.toMap(t -> (String) t.get("id"), t -> t));
        Set<String> expected = sourcePublished.stream().map(s -> mapped.get((String) s.get("id")).targetId()).collect(Collectors.toSet());
        assertThat(targetPublished.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> s : sourcePublished) {
            Map<String, Object> t = targetPublished.get(mapped.get((String) s.get("id")).targetId());
            for (String field : List.of("fileName", "mimeType", "size", "width", "height")) {
                assertThat(t.get(field)).as("published %s of %s", field, s.get("fileName")).isEqualTo(s.get(field));
            }
            assertThat(fixtures.sha256((String) t.get("url"))).as("published bytes of %s", s.get("fileName"))
                    .isEqualTo(fixtures.sha256((String) s.get("url")));
        }
    }
}
