package io.stagesync.config;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CamelBootstrapTest {

    @TempDir
    Path dir;

    @Test
    void should_replace_the_default_properties_with_the_config_file() throws Exception {
        // given
        Path config = write("custom.properties", """
                stagesync.stages.qa.content-api = http://127.0.0.1:4999/v2/demo/qa
                stagesync.sync.source-id-field = qaSourceId
                stagesync.sync.page-size = 50
                """);
        CamelBootstrap bootstrap = CamelBootstrap.of(config, Map.of());

        // when
        Main main = bootstrap.createMain();
        main.start();
        try {
            var properties = main.getCamelContext().getPropertiesComponent();
            StageRegistry stages = main.getCamelContext().getRegistry().lookupByNameAndType("stageRegistry", StageRegistry.class);

            // then
            assertThat(bootstrap.propertyLocation()).isEqualTo("file:" + config.toAbsolutePath());
            assertThat(properties.resolveProperty("stagesync.sync.source-id-field")).contains("qaSourceId");
            assertThat(properties.resolveProperty("stagesync.embedded.demo-size")).isEmpty();
            assertThat(stages.contains("qa")).isTrue();
            assertThat(stages.contains("production")).isFalse();
        } finally {
            main.stop();
        }
    }

    @Test
    void should_let_override_properties_from_code_win_over_the_file() throws Exception {
        // given
        CamelBootstrap bootstrap = CamelBootstrap.of(null, Map.of(
                "stagesync.stages.production.content-api", "http://127.0.0.1:4555/v2/demo/production",
                "stagesync.stages.production.token", "injected-token"));

        // when
        Main main = bootstrap.createMain();
        main.start();
        try {
            StageConfig production = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("stageRegistry", StageRegistry.class).get("production");

            // then
            assertThat(production.contentApi()).isEqualTo("http://127.0.0.1:4555/v2/demo/production");
            assertThat(production.token()).isEqualTo("injected-token");
        } finally {
            main.stop();
        }
    }

    @Test
    void should_let_an_environment_variable_override_any_key() throws Exception {
        // given: a child JVM, because only a new process can be given environment variables
        Path config = write("env.properties", """
                stagesync.stages.staging.content-api = http://127.0.0.1:4000/v2/demo/staging
                stagesync.stages.staging.rate-limit = 1
                stagesync.sync.page-size = 100
                stagesync.state.url = jdbc:h2:mem:env-override-probe
                """);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PropertyProbe.class.getName(), config.toString(), "staging")
                .redirectErrorStream(true);
        builder.environment().put("STAGESYNC_STAGES_STAGING_RATE_LIMIT", "7");
        builder.environment().put("STAGESYNC_STAGES_STAGING_CONTENT_API", "http://127.0.0.1:4111/v2/demo/staging");

        // when
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("probe staging.rate-limit=7.0 staging.content-api=http://127.0.0.1:4111/v2/demo/staging");
    }

    @Test
    void should_name_the_missing_config_file() {
        // given
        Path missing = dir.resolve("nope.properties");

        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config")
                .hasMessageContaining("nope.properties");
    }

    @Test
    void should_name_a_routes_dir_that_does_not_exist() {
        // given
        Map<String, String> overrides = Map.of("stagesync.routes-dir", dir.resolve("missing-routes").toString());

        // when / then
        assertThatThrownBy(() -> CamelBootstrap.of(null, overrides))
                .hasMessageContaining("stagesync.routes-dir")
                .hasMessageContaining("missing-routes");
    }

    @Test
    void should_load_routes_from_the_configured_routes_dir() throws Exception {
        // given
        Path routes = Files.createDirectories(dir.resolve("my-routes"));
        Files.writeString(routes.resolve("say-hello.camel.yaml"), """
                - route:
                    id: say-hello
                    from:
                      uri: direct:say-hello
                      steps:
                        - setBody:
                            constant: hello
                """);
        CamelBootstrap bootstrap = CamelBootstrap.of(null, Map.of("stagesync.routes-dir", routes.toString()));

        // when
        String reply = bootstrap.runJob("direct:say-hello", String.class);

        // then
        assertThat(bootstrap.routesIncludePattern()).isEqualTo("file:" + routes.toAbsolutePath() + "/*.camel.yaml");
        assertThat(reply).isEqualTo("hello");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

}
