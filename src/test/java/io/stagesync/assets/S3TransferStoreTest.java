package io.stagesync.assets;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3TransferStoreTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private EmbeddedS3 s3Server;
    private CamelContext camel;
    private S3Client s3;
    private S3Presigner presigner;
    private S3TransferStore store;

    @BeforeEach
    void start() throws Exception {
        s3Server = new EmbeddedS3(dir);
        s3Server.createBucket("transfer");
        s3 = s3Server.clients().client();
        presigner = s3Server.clients().presigner();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("s3TransferClient", s3);
        camel.start();
        store = new S3TransferStore(camel.createProducerTemplate(), s3, presigner, "s3TransferClient", "transfer", "assets", 5 * MIB);
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        s3.close();
        presigner.close();
        s3Server.close();
    }

    @Test
    void should_stream_a_multipart_file_into_its_content_addressed_key_with_its_checksum() throws Exception {
        // given
        long length = 12 * MIB + 17;
        String expected = new ChecksumInputStream(new GeneratedInputStream(7, length), null).drain();
        String key = store.keyFor("ab12cd34ef56ab12cd34ef56");

        // when
        S3TransferStore.StoredFile stored = store.put(key, new GeneratedInputStream(7, length), length, "image/jpeg");

        // then
        assertThat(key).isEqualTo("assets/ab/ab12cd34ef56ab12cd34ef56");
        assertThat(stored.sha256()).isEqualTo(expected);
        assertThat(stored.size()).isEqualTo(length);
        assertThat(store.find(key)).contains(stored);
        assertThat(sha256Of(store.presignedGetUrl(key, Duration.ofMinutes(5)))).isEqualTo(expected);
    }

    @Test
    void should_store_an_empty_file() throws Exception {
        // given
        String key = store.keyFor("00ff00ff00ff00ff");

        // when
        S3TransferStore.StoredFile stored = store.put(key, InputStream.nullInputStream(), 0, null);

        // then
        assertThat(stored.size()).isZero();
        assertThat(store.find(key)).contains(stored);
        assertThat(sha256Of(store.presignedGetUrl(key, Duration.ofMinutes(5))))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void should_find_nothing_under_a_key_never_stored() {
        // given
        String key = store.keyFor("1234567890abcdef");

        // when / then
        assertThat(store.find(key)).isEmpty();
    }

    @Test
    void should_report_an_unreachable_bucket_as_transient() throws Exception {
        // given
        s3Server.stop();
        String key = store.keyFor("1234567890abcdef");

        // when / then
        assertThatThrownBy(() -> store.put(key, new GeneratedInputStream(1, 1000), 1000, "text/plain"))
                .isInstanceOf(AssetTransientException.class)
                .hasMessageContaining("bucket=transfer").hasMessageContaining("key=" + key);
    }

    private static String sha256Of(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (ChecksumInputStream in = new ChecksumInputStream(response.body(), null)) {
            return in.drain();
        }
    }
}
