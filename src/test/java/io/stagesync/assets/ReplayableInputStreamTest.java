package io.stagesync.assets;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayableInputStreamTest {

    @Test
    void should_replay_each_body_from_its_mark_while_reading_the_source_once() throws Exception {
        // given: two "parts" of 4 bytes, as a multipart upload marks the stream at each part's start
        ChecksumInputStream source = new ChecksumInputStream(new ByteArrayInputStream(bytes("abcdefgh")), null);
        ReplayableInputStream in = new ReplayableInputStream(source, 4);

        // when: part 1 is read half, retried and read whole; part 2 read whole, retried and read whole
        in.mark(1);
        String firstTry = read(in, 2);
        in.reset();
        String part1 = read(in, 4);
        in.mark(1);
        String part2Try = read(in, 4);
        in.reset();
        String part2 = read(in, 4);

        // then
        assertThat(firstTry).isEqualTo("ab");
        assertThat(part1).isEqualTo("abcd");
        assertThat(part2Try).isEqualTo("efgh");
        assertThat(part2).isEqualTo("efgh");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(source.count()).as("each byte read from the source once").isEqualTo(8);
        assertThat(source.sha256()).isEqualTo(new ChecksumInputStream(new ByteArrayInputStream(bytes("abcdefgh")), null).drain());
    }

    @Test
    void should_keep_the_bytes_not_replayed_yet_when_marked_during_a_replay() throws Exception {
        // given
        ReplayableInputStream in = new ReplayableInputStream(new ByteArrayInputStream(bytes("abcdef")), 6);
        in.mark(1);
        read(in, 4);
        in.reset();
        read(in, 1);

        // when
        in.mark(1);
        String once = read(in, 5);
        in.reset();

        // then
        assertThat(once).isEqualTo("bcdef");
        assertThat(read(in, 5)).isEqualTo("bcdef");
    }

    @Test
    void should_refuse_a_reset_after_more_than_its_limit_was_read_since_the_mark() throws Exception {
        // given
        ReplayableInputStream in = new ReplayableInputStream(new ByteArrayInputStream(bytes("abcdef")), 4);
        in.mark(1);

        // when
        read(in, 5);

        // then
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class).hasMessageContaining("more than 4 bytes");
        assertThat(read(in, 1)).isEqualTo("f");
    }

    @Test
    void should_pass_bytes_through_without_keeping_them_when_never_marked() throws Exception {
        // given
        ReplayableInputStream in = new ReplayableInputStream(new ByteArrayInputStream(bytes("abc")), 1);

        // when / then
        assertThat(read(in, 3)).isEqualTo("abc");
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String read(InputStream in, int n) throws IOException {
        byte[] buf = in.readNBytes(n);
        return new String(buf, StandardCharsets.US_ASCII);
    }
}
