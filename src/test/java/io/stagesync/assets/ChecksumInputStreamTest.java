package io.stagesync.assets;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumInputStreamTest {

    @Test
    void should_count_and_hash_every_byte_read_and_report_them_as_progress() throws Exception {
        // given
        AtomicLong progress = new AtomicLong();
        ChecksumInputStream in = new ChecksumInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), progress::addAndGet);

        // when
        int first = in.read();
        String sha = in.drain();

        // then
        assertThat(first).isEqualTo('a');
        assertThat(in.count()).isEqualTo(3);
        assertThat(progress.get()).isEqualTo(3);
        assertThat(sha).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_hash_a_large_stream_the_same_whatever_the_read_sizes() throws Exception {
        // given
        long length = 3 * 1024 * 1024 + 11;
        ChecksumInputStream oneByOne = new ChecksumInputStream(new GeneratedInputStream(9, length), null);
        ChecksumInputStream inBlocks = new ChecksumInputStream(new GeneratedInputStream(9, length), null);

        // when
        while (oneByOne.read() >= 0) {
            // byte by byte on purpose
        }
        String blocks = inBlocks.drain();

        // then
        assertThat(oneByOne.sha256()).isEqualTo(blocks);
        assertThat(inBlocks.count()).isEqualTo(length);
    }
}
