package io.stagesync.jobs;

import io.stagesync.testing.LogCapture;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static io.stagesync.jobs.JobsServiceFixture.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file-drop trigger (routes/jobs/intake-job-files.camel.yaml): valid JSON and YAML job requests end in done/,
 * invalid ones in failed/ with a .error file beside them saying what was wrong.
 */
class IntakeJobFilesRouteTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);
    @TempDir
    static Path dir;
    static JobsServiceFixture service;
    static Path inbox;

    @BeforeAll
    static void startService() throws Exception {
        service = new JobsServiceFixture(dir, JobsServiceFixture.stages(devstage)).start();
        inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
    }

    @AfterAll
    static void stopService() throws Exception {
        service.close();
    }

    @Test
    void should_define_and_run_a_job_from_a_dropped_json_file() throws Exception {
        // when
        drop("refresh.json", "{\"name\":\"from-file\",\"base\":\"production\",\"target\":\"staging\",\"options\":{\"full\":true}}");

        // then
        awaitFile(inbox.resolve("done/refresh.json"));
        assertThat(inbox.resolve("refresh.json")).doesNotExist();
        assertThat(list(service.get("/api/jobs"))).filteredOn(j -> "from-file".equals(j.get("name"))).singleElement()
                .satisfies(j -> assertThat(j).containsEntry("source", "file").containsEntry("createdBy", "file:refresh.json"));
        assertThat(list(service.get("/api/runs?job=from-file"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("createdBy", "file:refresh.json"));
    }

    @Test
    void should_define_a_scheduled_job_from_a_dropped_yaml_file_without_running_it() throws Exception {
        // when
        drop("hourly.yaml", "name: hourly-from-file\nbase: production\ntarget: staging\nschedule: hourly\n");

        // then
        awaitFile(inbox.resolve("done/hourly.yaml"));
        assertThat(list(service.get("/api/jobs"))).filteredOn(j -> "hourly-from-file".equals(j.get("name"))).singleElement()
                .satisfies(j -> assertThat(j).containsEntry("schedule", "hourly"));
        assertThat(list(service.get("/api/runs?job=hourly-from-file"))).isEmpty();
    }

    @Test
    void should_move_a_job_breaking_a_rule_to_failed_with_the_reason() throws Exception {
        // when
        drop("same.json", "{\"name\":\"same\",\"base\":\"staging\",\"target\":\"staging\"}");

        // then
        Path error = awaitFile(inbox.resolve("failed/same.json.error"));
        assertThat(inbox.resolve("failed/same.json")).exists();
        assertThat(inbox.resolve("done/same.json")).doesNotExist();
        assertThat(Files.readString(error)).contains("same.json was refused").contains("target: must differ from base");
        assertThat(list(service.get("/api/jobs"))).extracting(j -> j.get("name")).doesNotContain("same");
    }

    @Test
    void should_move_unreadable_files_to_failed_with_the_reason() throws Exception {
        // when
        drop("broken.yaml", "name: [unclosed\n");
        drop("notes.txt", "run the nightly job please");
        drop("run-unknown.json", "{\"job\":\"no-such-job\"}");

        // then
        assertThat(Files.readString(awaitFile(inbox.resolve("failed/broken.yaml.error")))).contains("is not valid YAML");
        assertThat(Files.readString(awaitFile(inbox.resolve("failed/notes.txt.error")))).contains("unsupported file type");
        assertThat(Files.readString(awaitFile(inbox.resolve("failed/run-unknown.json.error")))).contains("no job named 'no-such-job'");
        assertThat(inbox.resolve("failed/notes.txt")).hasContent("run the nightly job please");
    }

    @Test
    void should_refuse_a_symbolic_link_and_move_the_link_itself() throws Exception {
        // given a private file outside the inbox
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.txt"), "name: leaked\nbase: SECRET-CONTENT-7731\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

        try (LogCapture logs = new LogCapture()) {
            // when
            Files.createSymbolicLink(inbox.resolve("job.yaml"), secret);

            // then
            Path error = awaitFile(inbox.resolve("failed/job.yaml.error"));
            assertThat(Files.readString(error)).contains("is a symbolic link").doesNotContain("SECRET-CONTENT");
            assertThat(Files.getPosixFilePermissions(error)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(inbox.resolve("failed/job.yaml")).isSymbolicLink();
            assertThat(Files.readSymbolicLink(inbox.resolve("failed/job.yaml"))).isEqualTo(secret);
            assertThat(secret).hasContent("name: leaked\nbase: SECRET-CONTENT-7731\n");
            assertThat(logs.all()).noneMatch(line -> line.contains("SECRET-CONTENT"))
                    .anyMatch(line -> line.contains("Job file refused file=job.yaml"));
        }
    }

    @Test
    void should_refuse_a_file_over_the_size_limit_quickly() throws Exception {
        // given a 50 MB file (limit: 1 MB)
        Path tmp = inbox.resolve(".big.json.tmp");
        try (RandomAccessFile file = new RandomAccessFile(tmp.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }

        // when
        Files.move(tmp, inbox.resolve("big.json"));

        // then
        Path error = awaitFile(inbox.resolve("failed/big.json.error"), Duration.ofSeconds(3));
        assertThat(Files.readString(error)).contains("is 52428800 bytes, more than stagesync.jobs.inbox-max-bytes (1048576)");
    }

    @Test
    void should_quote_at_most_200_characters_of_the_input_in_the_error_file() throws Exception {
        // when
        String longName = "n".repeat(100_000);
        drop("long.json", "{\"name\":\"" + longName + "\",\"base\":\"production\",\"target\":\"staging\"}");
        drop("long.yaml", "name: [" + "y".repeat(100_000) + "\n");

        // then
        String json = Files.readString(awaitFile(inbox.resolve("failed/long.json.error")));
        String yaml = Files.readString(awaitFile(inbox.resolve("failed/long.yaml.error")));
        assertThat(json).contains("name: must be 1-100 letters").doesNotContain("n".repeat(201)).hasSizeLessThan(500);
        assertThat(yaml).contains("is not valid YAML").doesNotContain("y".repeat(201)).hasSizeLessThan(500);
    }

    private static void drop(String name, String content) throws Exception {
        Path tmp = inbox.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name));
    }

    private static Path awaitFile(Path file) {
        return awaitFile(file, Duration.ofSeconds(20));
    }

    private static Path awaitFile(Path file, Duration limit) {
        await().atMost(limit).until(() -> Files.exists(file));
        return file;
    }
}
