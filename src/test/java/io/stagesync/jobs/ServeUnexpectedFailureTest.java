package io.stagesync.jobs;

import io.stagesync.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure no API operation expects (here: the state store is gone) answers 500 without a stack trace, and without
 * the request's headers, the token among them, which Camel copies into the answer when a route fails.
 */
class ServeUnexpectedFailureTest {

    @TempDir
    Path dir;

    @Test
    void should_answer_500_without_a_stack_trace_or_the_token() throws Exception {
        try (JobsServiceFixture service = new JobsServiceFixture(dir, Map.of()).start()) {
            // given
            assertThat(service.get("/api/jobs").statusCode()).isEqualTo(200);
            service.context.getRegistry().lookupByNameAndType("stateStore", StateStore.class).close();

            // when
            HttpResponse<String> answer = service.get("/api/jobs");

            // then
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).doesNotContain("Exception", "\tat ", "io.stagesync");
            assertThat(answer.headers().firstValue("Authorization")).isEmpty();
            assertThat(answer.headers().map().toString()).doesNotContain(JobsServiceFixture.TOKEN);
        }
    }
}
