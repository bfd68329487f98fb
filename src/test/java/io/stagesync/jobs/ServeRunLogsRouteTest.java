package io.stagesync.jobs;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.stagesync.jobs.JobsServiceFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live log stream (routes/jobs/serve-run-logs.camel.yaml): Server-Sent Events arrive while the run is still
 * running, then an end event; a reconnect with Last-Event-ID continues after that line.
 */
class ServeRunLogsRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(20);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;

    @BeforeAll
    static void startService() throws Exception {
        service = new JobsServiceFixture(dir, JobsServiceFixture.stages(devstage)).start();
        service.post("/api/jobs", "{\"name\":\"refresh\",\"base\":\"production\",\"target\":\"staging\"}");
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_stream_log_lines_while_the_run_is_running_then_end() throws Exception {
        // given: slow stages, so the run is still reading when the stream opens
        devstage.faults("production").latencyMs(300);
        devstage.faults("staging").latencyMs(300);
        String id = (String) object(service.post("/api/jobs/refresh/runs", "")).get("id");

        // when
        HttpResponse<Stream<String>> stream = service.client().send(service.request("/api/runs/" + id + "/logs").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        List<String> events = new ArrayList<>();
        String statusAtFirstLine = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: {\"seq\"") && statusAtFirstLine == null) {
                statusAtFirstLine = (String) object(service.get("/api/runs/" + id)).get("status");
            }
            if (line.startsWith("event: ")) {
                events.add(line.substring(7));
            }
        }
        Map<String, Object> run = object(service.get("/api/runs/" + id));

        // then
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(statusAtFirstLine).isEqualTo("RUNNING");
        assertThat(events).last().isEqualTo("end");
        assertThat(events.stream().filter("log"::equals).count()).isEqualTo(((Number) run.get("logCount")).longValue());
    }

    @Test
    void should_continue_after_the_last_event_id_and_refuse_without_token() throws Exception {
        // given
        String id = (String) object(service.post("/api/jobs/refresh/runs", "")).get("id");
        await().atMost(Duration.ofSeconds(120)).until(() -> !JobRun.ACTIVE.contains(object(service.get("/api/runs/" + id)).get("status")));

        // when
        HttpResponse<String> resumed = service.send(service.request("/api/runs/" + id + "/logs").header("Last-Event-ID", "2").GET().build());
        HttpResponse<String> anonymous = service.send(HttpRequest.newBuilder(URI.create(service.url("/api/runs/" + id + "/logs"))).GET().build());

        // then
        assertThat(resumed.body()).doesNotContain("id: 1\n").doesNotContain("id: 2\n").contains("id: 3\n").contains("event: end");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
