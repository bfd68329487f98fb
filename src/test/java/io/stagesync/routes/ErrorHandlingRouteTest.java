package io.stagesync.routes;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** routes/error-handling.camel.yaml: retries, then one ERROR line with identifiers, and the failure reaches the caller. */
class ErrorHandlingRouteTest extends CoreRoutesTestSupport {

    private static final String TOKEN = "error-handling-test-secret";
    private static final int CLOSED_PORT = closedPort();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("stagesync.stages.production.content-api", "http://127.0.0.1:" + CLOSED_PORT + "/v2/demo/production");
        p.put("stagesync.stages.production.token", TOKEN);
        p.put("stagesync.retry.max-redeliveries", "2");
        p.put("stagesync.retry.initial-delay-ms", "10");
        p.put("stagesync.retry.max-delay-ms", "20");
        return p;
    }

    @Test
    void should_retry_an_io_failure_then_log_it_once_and_fail_the_caller() {
        try (LogCapture logs = new LogCapture()) {
            // given: production points at a port nobody listens on

            // when
            assertThatThrownBy(() -> template.requestBody("direct:poll-models", (Object) null))
                    // then
                    .isInstanceOf(CamelExecutionException.class)
                    .hasRootCauseInstanceOf(IOException.class);
            assertThat(logs.messages("stagesync.error-handling"))
                    .singleElement().asString()
                    .contains("route=call-graphql", "stage=production", "reason=");
            assertThat(logs.all()).filteredOn(m -> m.contains("On delivery attempt")).hasSize(1 + 2);
            assertThat(logs.all()).noneMatch(m -> m.contains(TOKEN));
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
