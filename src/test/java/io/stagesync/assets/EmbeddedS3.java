package io.stagesync.assets;

import io.stagesync.testing.secrets.TestSecrets;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/** A real S3 server (S3Proxy over a temporary folder) for tests; it can be stopped and started again on the same port. */
final class EmbeddedS3 implements AutoCloseable {

    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret-key-5e1d";

    private final Path dir;
    private final int port;
    private S3Proxy proxy;

    EmbeddedS3(Path dir) throws Exception {
        TestSecrets.register("embedded S3 secret key", SECRET_KEY);
        this.dir = dir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        start();
    }

    void start() throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        await().until(() -> "STARTED".equals(proxy.getState()));
    }

    void stop() throws Exception {
        proxy.stop();
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    S3ClientFactory clients() {
        return new S3ClientFactory(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY);
    }

    void createBucket(String bucket) {
        try (S3Client s3 = clients().client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
