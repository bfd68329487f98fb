package io.stagesync.devstage.graphql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @TempDir
    Path dir;

    @Test
    void should_generate_the_same_content_for_the_same_size() {
        // given
        ContentApiFixture a = ContentApiFixture.inMemory(dir.resolve("a"));
        ContentApiFixture b = ContentApiFixture.inMemory(dir.resolve("b"));
        // when
        a.api.seedDemo(ContentApiFixture.ENV, 50);
        b.api.seedDemo(ContentApiFixture.ENV, 50);
        // then
        assertThat(a.data(SNAPSHOT)).isEqualTo(b.data(SNAPSHOT));
    }

    @Test
    void should_generate_the_sizes_stages_locales_and_files_asked_for() throws Exception {
        // given
        ContentApiFixture fx = ContentApiFixture.inMemory(dir.resolve("files"));
        // when
        fx.api.seedDemo(ContentApiFixture.ENV, 50);
        fx.api.seedDemo(ContentApiFixture.ENV, 50);
        // then
        Map<String, Object> data = fx.data(SNAPSHOT);
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
            assertThat(Files.size(fx.files.file(ContentApiFixture.ENV, (String) asset.get("id")))).isEqualTo(((Number) asset.get("size")).longValue());
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
