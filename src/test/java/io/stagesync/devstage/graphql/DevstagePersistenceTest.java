package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ModelDefinitionException;
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
    void should_keep_content_relations_and_stages_across_a_reopen_of_a_file_database() {
        // given
        ContentApiFixture first = ContentApiFixture.file(dir.resolve("db"), dir.resolve("files"));
        first.api.createEnvironment(ContentApiFixture.ENV, ContentApiFixture.demoModel());
        String r = first.createReview("great", 5);
        String h = first.createHotel("kept", ", reviews: { connect: [{ id: \"" + r + "\" }] }, localizations: { create: [{ locale: de, data: { name: \"Behalten\" } }] }");
        first.data("mutation { publishHotel(where: { id: \"" + h + "\" }, locales: [de]) { id } }");
        // when
        ContentApiFixture reopened = ContentApiFixture.file(dir.resolve("db"), dir.resolve("files"));
        reopened.api.createEnvironment(ContentApiFixture.ENV, ContentApiFixture.demoModel());
        String later = reopened.createHotel("later", "");
        // then
        Map<String, Object> data = reopened.data("{ hotel(where: { slug: \"kept\" }, locales: [de]) { id name reviews { id } } "
                + "review(where: { id: \"" + r + "\" }, stage: DRAFT) { hotel { slug } } }");
        assertThat((String) at(data, "hotel", "name")).isEqualTo("Behalten");
        assertThat((List<Map<String, Object>>) at(data, "hotel", "reviews")).isEmpty();
        assertThat((String) at(data, "review", "hotel", "slug")).isEqualTo("kept");
        assertThat(later).isGreaterThan(h);
        assertThat(reopened.api.environments()).containsExactly(ContentApiFixture.ENV);
    }

    @Test
    void should_refuse_to_recreate_an_environment_with_a_different_model() {
        // given
        ContentApiFixture fx = ContentApiFixture.file(dir.resolve("db2"), dir.resolve("files"));
        fx.api.createEnvironment("staging", ContentApiFixture.demoModel());
        String other = ContentApiFixture.demoModel().replace("\"BUDGET\", ", "");
        // when / then
        assertThatThrownBy(() -> fx.api.createEnvironment("staging", other))
                .isInstanceOf(ModelDefinitionException.class).hasMessageContaining("staging").hasMessageContaining("different model");
    }
}
