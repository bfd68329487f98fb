package io.stagesync.schema;

import io.stagesync.config.StageRegistry;
import io.stagesync.hygraph.HygraphDialects;
import io.stagesync.state.SchemaBaseStore;
import io.stagesync.state.StateStore;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.LogCapture;
import io.stagesync.testing.ManagementTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote source's client secret travels from an environment variable named in the plan into the target, and
 * appears in no output: not in the plan file, the diff table, the apply result or the logs.
 */
class RemoteSourceSecretTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);
    private static final String SOURCE_SECRET = "source-secret-" + System.nanoTime();
    private static final String TARGET_SECRET = "target-secret-" + System.nanoTime();

    @TempDir
    Path dir;

    @Test
    void should_take_the_secret_from_the_environment_and_print_it_nowhere() throws Exception {
        // given
        ManagementTestClient management = new ManagementTestClient(devstage);
        management.cloneEnvironment("production", "weathersrc");
        management.cloneEnvironment("production", "weathertgt");
        assertThat(management.apply("weathersrc", List.of(Map.of("createGraphQLRemoteSource", Map.of("prefix", "Weather",
                "displayName", "Weather", "url", "https://weather.example/graphql", "kind", "Custom", "introspectionMethod", "POST",
                "oAuth", Map.of("clientId", "client-1", "clientSecret", SOURCE_SECRET, "authorizationUrl", "https://weather.example/token",
                        "authorizationGrantType", "client_credentials")))))).containsEntry("status", "SUCCESS");
        Map<String, String> properties = new HashMap<>();
        for (String env : List.of("weathersrc", "weathertgt")) {
            properties.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            properties.put("stagesync.stages." + env + ".token", devstage.token());
        }
        StageRegistry stages = new StageRegistry(properties);
        try (StateStore store = new StateStore("jdbc:h2:mem:secret-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
             HygraphDialects dialects = HygraphDialects.standalone(stages, List.of());
             LogCapture logs = new LogCapture()) {
            SchemaService service = new SchemaService(stages, dialects, new SchemaBaseStore(store.dataSource()));
            // when
            SchemaPlan plan = service.diff("weathersrc", "weathertgt", SchemaDiffer.Options.NONE);
            Path file = dir.resolve("plan.json");
            plan.write(file);
            String variable = plan.secretVariables().get("Weather");
            Throwable missing = org.assertj.core.api.Assertions.catchThrowable(() ->
                    service.apply(SchemaPlan.read(file), SchemaDiffer.Options.NONE, 30_000, name -> null));
            SchemaService.ApplyResult result = service.apply(SchemaPlan.read(file), SchemaDiffer.Options.NONE, 30_000,
                    name -> name.equals(variable) ? TARGET_SECRET : null);
            // then
            assertThat(variable).isEqualTo("STAGESYNC_REMOTE_SECRET_WEATHER");
            assertThat(result.status()).isEqualTo("SUCCESS");
            assertThat(devstage.server().contentApi().modelDefinition("weathertgt")).contains(TARGET_SECRET);
            String everything = Files.readString(file) + SchemaService.rows(result.applied()).stream().map(r -> String.join(" ", r)).toList() + result + String.join("\n", logs.all())
                    + management.diff("weathertgt", "weathersrc") + management.post("{ viewer { project { environment(name: \"weathertgt\")"
                    + " { contentModel { remoteSources { prefix oAuth { clientId } } } } } } }", Map.of()).json();
            assertThat(everything).contains("Weather").doesNotContain(TARGET_SECRET).doesNotContain(SOURCE_SECRET);
            assertThat(missing).hasMessageContaining("STAGESYNC_REMOTE_SECRET_WEATHER").hasMessageContaining("nothing was applied");
        }
    }
}
