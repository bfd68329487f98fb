package io.stagesync.devstage.graphql;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.devstage.model.ModelDefinitionException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevstagePersistenceTest {
    @TempDir
    Path dir;

    @Test
    void should_keep_content_relations_and_stages_across_a_restart_with_a_data_directory() throws Exception {
        // given
        String r;
        String h;
        try (DevstageServer first = DevstageServer.builder().dataDir(dir).token("persist-token").start()) {
            ContentApiFixture fx = ContentApiFixture.on(first, "keep", DevstageServer.demoModel(), 0);
            r = fx.createReview("great", 5);
            h = fx.createHotel("kept", ", reviews: { connect: [{ id: \"" + r + "\" }] }, localizations: { create: [{ locale: de, data: { name: \"Behalten\" } }] }");
            fx.data("mutation { publishHotel(where: { id: \"" + h + "\" }, locales: [de]) { id } }");
        }
        // when
        try (DevstageServer second = DevstageServer.builder().dataDir(dir).token("persist-token").start()) {
            ContentApiFixture fx = ContentApiFixture.on(second, "keep", DevstageServer.demoModel(), 0);
            String later = fx.createHotel("later", "");
            // then
            Map<String, Object> data = fx.data("{ hotel(where: { slug: \"kept\" }, locales: [de]) { id name reviews { id } } "
                    + "review(where: { id: \"" + r + "\" }, stage: DRAFT) { hotel { slug } } }");
            assertThat((String) at(data, "hotel", "name")).isEqualTo("Behalten");
            assertThat((List<Map<String, Object>>) at(data, "hotel", "reviews")).isEmpty();
            assertThat((String) at(data, "review", "hotel", "slug")).isEqualTo("kept");
            assertThat(later).isGreaterThan(h);
            assertThat(second.environments()).contains("keep");
        }
    }

    @Test
    void should_refuse_to_recreate_an_environment_with_a_different_model() {
        // given
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db2").toAbsolutePath());
        DevstageContentApi api = new DevstageContentApi(ds, null);
        api.createEnvironment("staging", DevstageServer.demoModel());
        api.createEnvironment("staging", DevstageServer.demoModel());
        String other = DevstageServer.demoModel().replace("\"BUDGET\", ", "");
        // when / then
        assertThatThrownBy(() -> api.createEnvironment("staging", other))
                .isInstanceOf(ModelDefinitionException.class).hasMessageContaining("staging").hasMessageContaining("different model");
        assertThat(new DevstageContentApi(ds, null).environments()).containsExactly("staging");
    }
}
