package io.stagesync.devstage.graphql;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstageDemoContentTest {
    private static final String SNAPSHOT = "{ hotelsConnection(stage: DRAFT, first: 100) { aggregate { count } edges { node { id createdAt updatedAt name slug category stars "
            + "destination { id } image { id } gallery { id } reviews(first: 100) { id rating } localizations { locale name } documentInStages { stage publishedAt name } } } } "
            + "destinationsConnection(stage: DRAFT) { aggregate { count } } reviewsConnection(stage: DRAFT) { aggregate { count } } "
            + "assets(stage: DRAFT, first: 100) { id fileName size mimeType upload { status } } "
            + "published: hotelsConnection { aggregate { count } } }";

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @Test
    void should_generate_the_same_content_for_the_same_size() {
        // given
        ContentApiFixture a = ContentApiFixture.on(devstage.server(), "demo-a", DevstageServer.demoModel(), 50);
        ContentApiFixture b = ContentApiFixture.on(devstage.server(), "demo-b", DevstageServer.demoModel(), 50);
        // when
        Map<String, Object> first = a.data(SNAPSHOT);
        Map<String, Object> second = b.data(SNAPSHOT);
        // then
        assertThat(first).isEqualTo(second);
        assertThat((List<?>) at(first, "hotelsConnection", "edges")).hasSize(50);
    }

    @Test
    void should_generate_the_sizes_stages_locales_and_files_asked_for() {
        // given
        ContentApiFixture fx = ContentApiFixture.on(devstage.server(), "demo-c", DevstageServer.demoModel(), 50);
        // when
        fx.server.contentApi().seedDemo("demo-c", 50);
        Map<String, Object> data = fx.data(SNAPSHOT);
        // then
        assertThat((Integer) at(data, "hotelsConnection", "aggregate", "count")).isEqualTo(50);
        assertThat((Integer) at(data, "destinationsConnection", "aggregate", "count")).isEqualTo(5);
        assertThat((Integer) at(data, "reviewsConnection", "aggregate", "count")).isEqualTo(150);
        int published = at(data, "published", "aggregate", "count");
        assertThat(published).isBetween(20, 48);
        List<Map<String, Object>> assets = at(data, "assets");
        assertThat(assets).hasSize(10);
        assertThat(assets).extracting(x -> x.get("mimeType")).contains("image/png", "image/jpeg", "application/pdf", "text/plain");
        assertThat(assets).extracting(x -> ((Number) x.get("size")).longValue()).contains(0L).anyMatch(s -> s > 100_000);
        for (Map<String, Object> asset : assets) {
            assertThat(fx.server.files().stat(fx.env, (String) asset.get("id"))).get()
                    .satisfies(info -> assertThat(info.size()).isEqualTo(((Number) asset.get("size")).longValue()));
        }
        List<Map<String, Object>> edges = at(data, "hotelsConnection", "edges");
        long german = edges.stream().filter(e -> ((List<?>) at(e, "node", "localizations")).size() == 1).count();
        assertThat(german).isBetween(25L, 49L);
        long editedAfterPublish = edges.stream().filter(e -> {
            List<Map<String, Object>> other = at(e, "node", "documentInStages");
            return !other.isEmpty() && !other.get(0).get("name").equals(at(e, "node", "name"));
        }).count();
        assertThat(editedAfterPublish).isPositive();
    }
}
