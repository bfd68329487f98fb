package io.stagesync.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The inbox's size check on a real file: a file over stagesync.jobs.inbox-max-bytes is refused before it is read, so
 * refusing 50 MB costs neither time nor memory.
 */
class JobFileIntakeTest {

    @TempDir
    Path dir;

    @Test
    void should_refuse_links_and_special_files_without_opening_them() throws Exception {
        // given pipes: opening one for reading would block until a writer comes, so a refusal proves it was not opened
        Path pipe = dir.resolve("pipe.json");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), pipe);
        JobFileIntake intake = new JobFileIntake(null, null, Clock.systemUTC(), 1024 * 1024);

        // when
        JobFileIntake.IntakeResult viaLink = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> intake.accept(link.toString()));
        JobFileIntake.IntakeResult special = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> intake.accept(pipe.toString()));

        // then
        assertThat(viaLink.accepted()).isFalse();
        assertThat(viaLink.message()).contains("link.yaml was refused").contains("is a symbolic link");
        assertThat(special.accepted()).isFalse();
        assertThat(special.message()).contains("pipe.json was refused").contains("is not a regular file");
    }

    @Test
    void should_refuse_a_file_over_the_limit_in_under_a_second_with_flat_memory() throws Exception {
        // given
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        JobFileIntake intake = new JobFileIntake(null, null, Clock.systemUTC(), 1024 * 1024);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        intake.accept(dir.resolve("warm-up.yaml").toString());

        // when
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        JobFileIntake.IntakeResult result = intake.accept(big.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        // then
        assertThat(result.accepted()).isFalse();
        assertThat(result.message()).contains("big.yaml was refused").contains("more than stagesync.jobs.inbox-max-bytes");
        assertThat(millis).isLessThan(1000);
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(1024 * 1024);
    }
}
