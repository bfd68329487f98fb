package io.stagesync.routes;

import io.stagesync.config.CamelBootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** routes/error-handling.camel.yaml with a failure deep inside a split: still exactly one ERROR line. */
class ErrorHandlingSplitTest {

    @TempDir
    Path routes;

    @Test
    void should_log_a_failure_inside_a_split_once_and_fail_the_caller() throws Exception {
        // given: the real error handling and a phase that splits into a failing phase-private route
        Files.copy(Path.of("routes/error-handling.camel.yaml"), routes.resolve("error-handling.camel.yaml"));
        Files.writeString(routes.resolve("split-items.camel.yaml"), """
                - route:
                    id: split-items
                    routeConfigurationId: error-handling
                    from:
                      uri: direct:split-items
                      steps:
                        - setProperty:
                            name: stage
                            constant: qa
                        - split:
                            simple: "${body}"
                            stopOnException: true
                            steps:
                              - setProperty:
                                  name: model
                                  simple: "${body}"
                              - to: direct:split-items-one
                - route:
                    id: split-items-one
                    routeConfigurationId: error-handling
                    from:
                      uri: direct:split-items-one
                      steps:
                        - filter:
                            simple: "${body} == 'Review'"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: "broken entry in ${body}"
                """);
        CamelBootstrap bootstrap = CamelBootstrap.of(null, Map.of("stagesync.routes-dir", routes.toString()));

        try (LogCapture logs = new LogCapture()) {
            // when
            var main = bootstrap.createMain();
            main.start();
            try {
                assertThatThrownBy(() -> main.getCamelContext().createProducerTemplate()
                        .requestBody("direct:split-items", java.util.List.of("Hotel", "Review", "Destination")))
                        // then
                        .hasRootCauseInstanceOf(IllegalStateException.class)
                        .hasRootCauseMessage("broken entry in Review");
            } finally {
                main.stop();
            }
            assertThat(logs.messages("stagesync.error-handling"))
                    .singleElement().asString()
                    .contains("route=split-items-one", "stage=qa", "model=Review", "reason=broken entry in Review");
        }
    }
}
