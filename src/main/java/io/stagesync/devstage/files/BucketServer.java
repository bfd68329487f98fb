package io.stagesync.devstage.files;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An embedded S3Proxy on a free loopback port, storing buckets as files under a directory, with credentials made at
 * start. devstage itself reads and writes its files through the same blob store in process, as a CDN and an S3
 * POST endpoint sit next to their storage; clients use the S3 API over HTTP.
 */
public final class BucketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BucketServer.class);

    private final S3Proxy proxy;
    private final FilesystemNio2BlobStore blobStore;
    private final String accessKey;
    private final String secretKey;
    private final URI endpoint;

    public BucketServer(Path baseDir) throws Exception {
        Files.createDirectories(baseDir);
        SecureRandom random = new SecureRandom();
        this.accessKey = "devstage" + hex(random, 6);
        this.secretKey = hex(random, 20);
        this.blobStore = new FilesystemNio2BlobStore(baseDir.toAbsolutePath().toString());
        this.proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(32)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("S3Proxy did not start within 30 s, state=" + proxy.getState());
            }
            Thread.onSpinWait();
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        log.info("Bucket server started endpoint={} baseDir={}", endpoint, baseDir);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The store behind the S3 endpoint, for devstage's own reads and writes. */
    public FilesystemNio2BlobStore blobStore() {
        return blobStore;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
