package io.stagesync.hygraph;

import com.sun.net.httpserver.HttpServer;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.RetryPolicy;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The one GraphQL sender over real HTTP: what camel-graphql puts on the wire, and what comes back. */
class HygraphClientTest {

    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private DefaultCamelContext camel;

    private HygraphClient client(String answer, int status) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/p/qa", exchange -> {
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/p/qa";
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages.qa.content-api", url, "stagesync.stages.qa.token", "secret"));
        camel = new DefaultCamelContext();
        camel.start();
        return new HygraphClient("qa", url, "secret", new StageRateLimiter(stages), new RetryPolicy(2, Duration.ZERO, Duration.ZERO),
                2, camel.createProducerTemplate(), new GraphQLHttpClientFactory(Duration.ofSeconds(5), Duration.ofSeconds(5), 4).create());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void should_send_the_token_and_the_variables_and_no_header_of_its_own() throws Exception {
        // given
        HygraphClient client = client("{\"data\":{\"m0\":{\"id\":\"t1\"}},\"errors\":[{\"message\":\"bad\",\"path\":[\"m1\"]}]}", 200);

        // when
        GraphQLResult result = client.execute("mutation W($d0: X) { m0: createX(data: $d0) { id } }",
                Map.of("d0", Map.of("name", "A \"quoted\" name", "tags", List.of("a", "b"))));

        // then
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.data()).containsKey("m0");
        assertThat(GraphQLResult.pathHead(result.errors().get(0))).isEqualTo("m1");
        assertThat(headers).singleElement().satisfies(h -> {
            assertThat(h.get("Authorization")).containsExactly("Bearer secret");
            assertThat(h.keySet()).noneMatch(k -> k.toLowerCase().startsWith("stagesync") || k.toLowerCase().startsWith("camel"));
        });
        assertThat(bodies.get(0)).contains("\"variables\":{\"d0\":{").contains("A \\\"quoted\\\" name").contains("[\"a\",\"b\"]");
    }

    @Test
    void should_return_a_refused_request_with_its_status_after_max_attempts_of_a_5xx() throws Exception {
        // given: every answer is 503
        HygraphClient client = client("{\"errors\":[{\"message\":\"down\"}]}", 503);

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.execute("{ a }", Map.of()))
                .isInstanceOf(io.stagesync.dialect.StageRequestException.class)
                .hasMessageContaining("failed after 2 attempts: HTTP 503");
        assertThat(bodies).hasSize(2);
    }
}
