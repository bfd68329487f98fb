package io.stagesync.jobs;

import io.stagesync.testing.LogCapture;
import io.stagesync.testing.TcpListeners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.TOKEN;
import static io.stagesync.jobs.JobsServiceFixture.list;
import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's HTTP surface as an attacker on the network sees it: tokens only in the header, no form bodies,
 * bounded bodies and answers, security headers, throttled token guessing, health details and metrics behind the token.
 */
class ServeSecurityTest {

    @TempDir
    static Path dir;
    static JobsServiceFixture service;

    @BeforeAll
    static void startService() throws Exception {
        service = new JobsServiceFixture(dir, JobsServiceFixture.unreachableStages(Map.of("stagesync.api.wrong-token-limit", "5"))).start();
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_listen_on_loopback_by_default() throws Exception {
        // when (the fixture sets no stagesync.server.host)
        List<String> listeners = TcpListeners.addresses(service.port);

        // then
        assertThat(service.properties()).doesNotContainKey("stagesync.server.host");
        assertThat(listeners).as("listening sockets on port %d", service.port).isNotEmpty()
                .allSatisfy(address -> assertThat(address).isIn(TcpListeners.LOOPBACK));
    }

    @Test
    void should_refuse_a_token_in_the_query_string_whatever_the_header_says() {
        // when
        HttpResponse<String> withHeader = service.get("/api/stages?Authorization=Bearer%20" + TOKEN);
        HttpResponse<String> alone = anonymous(HttpRequest.newBuilder(uri("/api/stages?authorization=Bearer%20" + TOKEN)).GET());
        HttpResponse<String> create = anonymous(HttpRequest.newBuilder(uri("/api/jobs?Authorization=Bearer%20" + TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"via-query\",\"base\":\"production\",\"target\":\"staging\"}")));

        // then
        for (HttpResponse<String> answer : List.of(withHeader, alone, create)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(object(answer)).containsEntry("field", "Authorization");
            assertThat(object(answer).get("error").toString()).contains("only in the 'Authorization: Bearer' header");
            assertThat(answer.body()).doesNotContain(TOKEN);
        }
        assertThat(list(service.get("/api/jobs"))).extracting(j -> j.get("name")).doesNotContain("via-query");
    }

    @Test
    void should_refuse_query_fields_the_api_does_not_read_so_none_becomes_a_header() {
        // when: a query field named like a header the routes read, and one named like Camel's own
        HttpResponse<String> id = service.get("/api/jobs?id=nightly");
        HttpResponse<String> camel = service.get("/api/runs?job=nightly&CamelHttpResponseCode=200");
        HttpResponse<String> allowed = service.get("/api/runs?job=nightly");

        // then
        for (HttpResponse<String> answer : List.of(id, camel)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(object(answer)).containsEntry("field", "query");
            assertThat(object(answer).get("error").toString()).contains("the API reads only job");
        }
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void should_refuse_form_bodies_and_never_take_a_form_field_for_the_header() {
        // given
        assertThat(service.post("/api/jobs", "{\"name\":\"kept\",\"base\":\"production\",\"target\":\"staging\"}").statusCode()).isEqualTo(201);
        String form = "Authorization=Bearer+" + TOKEN;

        // when
        HttpResponse<String> delete = anonymous(HttpRequest.newBuilder(uri("/api/jobs/kept"))
                .header("Content-Type", "application/x-www-form-urlencoded").method("DELETE", HttpRequest.BodyPublishers.ofString(form)));
        HttpResponse<String> create = anonymous(HttpRequest.newBuilder(uri("/api/jobs"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&name=from-form&base=production&target=staging")));
        HttpResponse<String> getWithForm = service.send(service.request("/api/stages")
                .header("Content-Type", "application/x-www-form-urlencoded").method("GET", HttpRequest.BodyPublishers.ofString("a=b")).build());
        HttpResponse<String> multipart = service.send(service.request("/api/jobs")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")).build());

        // then
        for (HttpResponse<String> answer : List.of(delete, create, getWithForm, multipart)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(object(answer)).containsEntry("field", "body");
            assertThat(answer.body()).contains("form bodies are not accepted").doesNotContain("\tat ");
        }
        assertThat(list(service.get("/api/jobs"))).extracting(j -> j.get("name")).contains("kept").doesNotContain("from-form");
    }

    @Test
    void should_bound_request_bodies_and_the_input_repeated_in_answers() {
        // when
        HttpResponse<String> huge = service.post("/api/jobs", "{\"name\":\"" + "h".repeat(2_000_000) + "\"}");
        HttpResponse<String> longName = service.post("/api/jobs", "{\"name\":\"" + "n".repeat(60_000) + "\",\"base\":\"production\",\"target\":\"staging\"}");
        HttpResponse<String> notJson = service.post("/api/jobs", "[" + "1,".repeat(30_000) + "1]");
        HttpResponse<String> longField = service.post("/api/jobs", "{\"" + "f".repeat(60_000) + "\":1}");

        // then
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body().length()).isLessThan(1000);
        for (HttpResponse<String> answer : List.of(longName, notJson, longField)) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body().length()).as(answer.body()).isLessThan(700);
        }
        assertThat(longName.body()).contains("n".repeat(200)).doesNotContain("n".repeat(201));
        assertThat(longField.body()).doesNotContain("f".repeat(201));
    }

    @Test
    void should_send_security_headers() {
        // when
        HttpResponse<String> page = anonymous(HttpRequest.newBuilder(uri("/dashboard/")).GET());
        HttpResponse<String> api = service.get("/api/stages");

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).doesNotContain("<script>", "style=", " onclick=");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void should_keep_health_details_and_metrics_behind_the_token_and_probes_open() {
        // when
        HttpResponse<String> probe = await().atMost(Duration.ofSeconds(20)).until(
                () -> anonymous(HttpRequest.newBuilder(uri("/observe/health")).GET()), h -> h.statusCode() == 200);
        HttpResponse<String> ready = anonymous(HttpRequest.newBuilder(uri("/observe/health/ready")).GET());
        HttpResponse<String> live = anonymous(HttpRequest.newBuilder(uri("/observe/health/live")).GET());
        HttpResponse<String> details = anonymous(HttpRequest.newBuilder(uri("/observe/health?exposureLevel=full")).GET());
        HttpResponse<String> metrics = anonymous(HttpRequest.newBuilder(uri("/observe/metrics")).GET());
        HttpResponse<String> detailsWithToken = service.get("/observe/health?exposureLevel=full");
        HttpResponse<String> metricsWithToken = service.get("/observe/metrics");

        // then
        assertThat(probe.body()).contains("UP").doesNotContain("jobs-runner", "route");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(details.statusCode()).isEqualTo(401);
        assertThat(details.body()).doesNotContain("jobs-runner");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.body()).doesNotContain("stagesync_job_runs");
        assertThat(detailsWithToken.statusCode()).isEqualTo(200);
        assertThat(detailsWithToken.body()).contains("jobs-runner");
        assertThat(metricsWithToken.statusCode()).isEqualTo(200);
        assertThat(metricsWithToken.body()).contains("stagesync_job_runs");
    }

    @Test
    void should_answer_429_to_a_burst_of_wrong_tokens_from_one_address_and_log_it_once() throws Exception {
        // given another loopback address than the other tests use, so that only it is slowed down
        List<String> statuses = new ArrayList<>();
        String retryAfter = null;
        try (LogCapture logs = new LogCapture()) {
            // when
            for (int i = 0; i < 30; i++) {
                String answer = rawGet("127.0.0.2", "/api/stages", "Bearer wrong-" + i);
                statuses.add(answer.substring(9, 12));
                if (answer.startsWith("HTTP/1.1 429") && retryAfter == null) {
                    retryAfter = header(answer, "Retry-After");
                }
            }
            String right = rawGet("127.0.0.2", "/api/stages", "Bearer " + TOKEN);

            // then
            assertThat(statuses.subList(0, 5)).containsOnly("401");
            assertThat(statuses.subList(5, 30)).containsOnly("429");
            assertThat(retryAfter).isNotNull();
            assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
            assertThat(right).startsWith("HTTP/1.1 429");
            assertThat(logs.all()).filteredOn(l -> l.contains("Repeated wrong API tokens")).singleElement()
                    .satisfies(l -> assertThat(l).contains("address=127.0.0.2").doesNotContain("wrong-"));
        }
        assertThat(service.get("/api/stages").statusCode()).as("another address is not slowed down").isEqualTo(200);
    }

    private static URI uri(String path) {
        return URI.create(service.url(path));
    }

    private static HttpResponse<String> anonymous(HttpRequest.Builder request) {
        return service.send(request.timeout(Duration.ofSeconds(30)).build());
    }

    /** A GET sent from {@code localAddress} over a plain socket (java.net.http cannot choose its source address). */
    private static String rawGet(String localAddress, String path, String authorization) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", service.port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String header(String answer, String name) {
        for (String line : answer.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
