package io.stagesync.devstage.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartFormReaderTest {

    private static final String BOUNDARY = "stagesync-3f2a9c";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 47, 65_535, 65_536, 131_072, 131_073, 1_000_003})
    void should_return_the_file_part_byte_for_byte_whatever_the_read_sizes(int size) throws Exception {
        // given: file bytes full of near-delimiters ("\r\n--" and boundary prefixes), read back in random chunks
        byte[] file = trickyBytes(size, size);
        byte[] body = form(file);
        MultipartFormReader reader = new MultipartFormReader(new ChoppyStream(body, size), BOUNDARY);
        // when
        MultipartFormReader.Part key = reader.next();
        String keyValue = reader.readText();
        MultipartFormReader.Part part = reader.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.partStream().transferTo(out);
        // then
        assertThat(key.name()).isEqualTo("key");
        assertThat(keyValue).isEqualTo("env/asset-1");
        assertThat(part).isEqualTo(new MultipartFormReader.Part("file", "naïve name.bin"));
        byte[] got = out.toByteArray();
        int at = java.util.Arrays.mismatch(got, file);
        assertThat(at).as("first differing byte of %d read, %d sent", got.length, file.length).isEqualTo(-1);
        assertThat(reader.next()).isNull();
    }

    @Test
    void should_fail_a_body_that_ends_inside_the_file_part() throws Exception {
        // given
        byte[] body = form(trickyBytes(200_000, 7));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 100);
        MultipartFormReader reader = new MultipartFormReader(new ChoppyStream(cut, 7), BOUNDARY);
        reader.next();
        reader.readText();
        reader.next();
        // when / then
        assertThatThrownBy(() -> reader.partStream().transferTo(java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("no closing boundary");
    }

    @Test
    void should_stop_counting_past_the_limit() throws Exception {
        // given
        MultipartFormReader reader = new MultipartFormReader(new ChoppyStream(form(trickyBytes(300_000, 3)), 3), BOUNDARY);
        reader.next();
        reader.readText();
        reader.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // when
        long counted = reader.copyPart(out, 100_000);
        // then
        assertThat(counted).isGreaterThan(100_000);
        assertThat(out.size()).isEqualTo(100_000);
    }

    private static byte[] trickyBytes(int size, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] near = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at + near.length < size; at += 1 + random.nextInt(5_000)) {
            // a prefix of the delimiter, one byte short at least, so it never closes the part
            int length = 1 + random.nextInt(near.length - 1);
            System.arraycopy(near, 0, bytes, at, length);
            bytes[at + length] = (byte) (near[length] ^ 1);
        }
        return bytes;
    }

    private static byte[] form(byte[] file) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nenv/asset-1\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"naïve name.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** Hands out the body in reads of random length, as a socket does. */
    private static final class ChoppyStream extends FilterInputStream {
        private final Random random;

        ChoppyStream(byte[] body, long seed) {
            super(new java.io.ByteArrayInputStream(body));
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(70_000)));
        }
    }
}
