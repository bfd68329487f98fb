package io.stagesync.assets;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
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

    @Test
    void should_find_that_the_server_drops_the_connection_of_an_empty_upload_whose_body_comes_after_its_answer() throws Exception {
        // given: the body of an empty upload (aws-chunked: only its last, empty chunk) comes late, as from a client thread not
        // scheduled in time; a client that does not retry
        try (FaultRelay relay = new FaultRelay(URI.create(s3Server.endpoint()).getPort());
             S3Client once = S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY))
                     .serviceConfiguration(b -> b.pathStyleAccessEnabled(true))
                     .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                     .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                     .endpointOverride(URI.create(relay.endpoint())).build()) {
            relay.delayBody(head -> head.contains("x-amz-decoded-content-length: 0"), 500);
            once.putObject(b -> b.bucket("transfer").key("empty"), RequestBody.fromInputStream(InputStream.nullInputStream(), 0));

            // when: the next request goes out on the same pooled connection
            byte[] bytes = new byte[1000];

            // then: the server answered the empty upload without reading its body, then closed the connection (Jetty does
            // not keep a connection whose request body was left unread), unannounced: the next request fails on it
            assertThatThrownBy(() -> once.putObject(b -> b.bucket("transfer").key("next"), RequestBody.fromBytes(bytes)))
                    .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(java.io.IOException.class);
            assertThat(relay.requestLines()).as("the second request never reached the server").containsExactly("PUT /transfer/empty HTTP/1.1");
        }
    }

    @Test
    void should_send_a_file_again_when_its_upload_meets_a_connection_the_server_dropped() throws Exception {
        // given: the same late body of an empty upload; the store's client retries as configured
        try (FaultRelay relay = new FaultRelay(URI.create(s3Server.endpoint()).getPort());
             S3Client client = clientThrough(relay)) {
            S3TransferStore relayed = storeThrough(client);
            relayed.put(relayed.keyFor("00ff00ff00ff00ff"), new GeneratedInputStream(1, 100), 100, null);
            relay.delayBody(head -> head.contains("x-amz-decoded-content-length: 0"), 500);
            // another transfer's empty file, on the same client (as four transfers share it)
            client.putObject(b -> b.bucket("transfer").key("assets/e3/e3b0c44298fc1c14"), RequestBody.fromInputStream(InputStream.nullInputStream(), 0));
            long length = 12_327;
            String expected = new ChecksumInputStream(new GeneratedInputStream(3, length), null).drain();
            String key = relayed.keyFor("1a67c8260a94992e751112c91abdd3c9");

            // when: the next upload goes out on the dropped connection
            S3TransferStore.StoredFile stored = relayed.put(key, new GeneratedInputStream(3, length), length, "image/jpeg");

            // then: its first attempt died on the dropped connection; the second, with the same bytes, reached the server
            assertThat(relay.heads().stream().filter(h -> h.startsWith("PUT /transfer/" + key + " ")))
                    .singleElement().asString().contains("amz-sdk-request: attempt=2;");
            assertThat(stored.sha256()).isEqualTo(expected);
            assertThat(stored.size()).isEqualTo(length);
            assertThat(sha256Of(store.presignedGetUrl(key, Duration.ofMinutes(5)))).isEqualTo(expected);
        }
    }

    @Test
    void should_send_a_part_again_from_its_start_when_its_first_attempt_is_cut() throws Exception {
        // given: the connection of part 2's first attempt is cut after 1 MiB of its body
        try (FaultRelay relay = new FaultRelay(URI.create(s3Server.endpoint()).getPort());
             S3Client client = clientThrough(relay)) {
            S3TransferStore relayed = storeThrough(client);
            relay.cut(head -> head.startsWith("PUT ") && head.contains("partNumber=2"), 1, MIB);
            long length = 12 * MIB + 17;
            String expected = new ChecksumInputStream(new GeneratedInputStream(11, length), null).drain();
            String key = relayed.keyFor("cd34ef56ab12cd34ef56ab12");

            // when
            S3TransferStore.StoredFile stored = relayed.put(key, new GeneratedInputStream(11, length), length, "video/mp4");

            // then: part 2 went twice; the stored file is the source's, byte for byte
            assertThat(relay.cuts()).isEqualTo(1);
            assertThat(relay.requestLines().stream().filter(l -> l.contains("partNumber=2"))).hasSize(2);
            assertThat(stored.sha256()).isEqualTo(expected);
            assertThat(stored.size()).isEqualTo(length);
            assertThat(store.find(key)).contains(stored);
            assertThat(sha256Of(store.presignedGetUrl(key, Duration.ofMinutes(5)))).isEqualTo(expected);
        }
    }

    @Test
    void should_send_a_small_file_again_from_its_start_when_its_first_attempt_is_cut() throws Exception {
        // given: the connection of the first upload is cut after 40 KiB of its body
        try (FaultRelay relay = new FaultRelay(URI.create(s3Server.endpoint()).getPort());
             S3Client client = clientThrough(relay)) {
            S3TransferStore relayed = storeThrough(client);
            String key = relayed.keyFor("ef56ab12cd34ef56ab12cd34");
            relay.cut(head -> head.startsWith("PUT /transfer/" + key + " "), 1, 40 * 1024);
            long length = 300_000;
            String expected = new ChecksumInputStream(new GeneratedInputStream(5, length), null).drain();

            // when
            S3TransferStore.StoredFile stored = relayed.put(key, new GeneratedInputStream(5, length), length, "application/pdf");

            // then
            assertThat(relay.cuts()).isEqualTo(1);
            assertThat(stored.sha256()).isEqualTo(expected);
            assertThat(sha256Of(store.presignedGetUrl(key, Duration.ofMinutes(5)))).isEqualTo(expected);
        }
    }

    /** The store's usual client (retries as configured), connecting through {@code relay}. */
    private static S3Client clientThrough(FaultRelay relay) {
        return new S3ClientFactory(relay.endpoint(), "us-east-1", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY).client();
    }

    /** A store whose uploads go through {@code client} (bound in the registry under its own name). */
    private S3TransferStore storeThrough(S3Client client) {
        String name = "relayedClient" + System.identityHashCode(client);
        camel.getRegistry().bind(name, client);
        return new S3TransferStore(camel.createProducerTemplate(), client, presigner, name, "transfer", "assets", 5 * MIB);
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
