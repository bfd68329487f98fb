package io.stagesync.cli;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The devstage command's options reach the server it starts. */
class DevstageCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_start_the_demo_environments_with_the_token_from_a_token_file() throws Exception {
        // given
        Path tokenFile = Files.writeString(dir.resolve("token.txt"), "file-token\n");
        Path config = Files.writeString(dir.resolve("devstage.properties"), "devstage.max-page-size=50\ndevstage.port=0\n");
        DevstageCommand command = new DevstageCommand();
        new CommandLine(command).parseArgs("--demo", "--demo-size", "0", "--token-file", tokenFile.toString(),
                "--config", config.toString());
        // when
        try (DevstageServer server = command.startServer()) {
            var answer = new GraphQLTestClient("file-token").post(server.contentApiUrl("staging"), "{ __typename }");
            var refused = new GraphQLTestClient("other").post(server.contentApiUrl("staging"), "{ __typename }");
            // then
            assertThat(server.port()).isPositive();
            assertThat(server.environments()).contains("production", "staging");
            assertThat(server.token()).isEqualTo("file-token");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(refused.status()).isEqualTo(401);
        }
    }

    @Test
    void should_name_the_missing_config_file() {
        // given
        DevstageCommand command = new DevstageCommand();
        new CommandLine(command).parseArgs("--config", dir.resolve("absent.properties").toString());
        // when / then
        assertThatThrownBy(command::startServer).hasMessageContaining("absent.properties");
    }
}
