package io.stagesync.devstage.server;

import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The minimal Management API: the SDK's probe and environments with exact endpoint strings. */
class ManagementApiHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    @Test
    void should_answer_the_server_version_probe() throws Exception {
        // when
        var response = devstage.client().post(devstage.server().baseUrl() + "/graphql", "{ metaInfo { serverVersion } }");
        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data("metaInfo")).containsEntry("serverVersion", ManagementApiHandler.SERVER_VERSION);
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_list_environments_with_the_exact_content_api_endpoints() throws Exception {
        // given
        String query = "{ viewer { ... on TokenViewer { project { id environments { id name endpoint newDeliveryUrl } } }"
                + " ... on UserViewer { projects { id } } } }";
        // when
        var response = devstage.client().post(devstage.server().baseUrl() + "/graphql", query);
        // then
        assertThat(response.errors()).isEmpty();
        Map<String, Object> project = (Map<String, Object>) response.data("viewer").get("project");
        List<Map<String, Object>> environments = (List<Map<String, Object>>) project.get("environments");
        assertThat(project).containsEntry("id", "demo");
        assertThat(environments).extracting(e -> e.get("name")).containsExactly("production", "staging");
        assertThat(environments).extracting(e -> e.get("endpoint"))
                .containsExactly(devstage.contentApiUrl("production"), devstage.contentApiUrl("staging"));
    }

    @Test
    void should_refuse_the_management_api_without_a_token() throws Exception {
        // when
        var response = new GraphQLTestClient(null).post(devstage.server().baseUrl() + "/graphql", "{ viewer { id } }");
        // then
        assertThat(response.status()).isEqualTo(401);
    }
}
