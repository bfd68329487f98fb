package io.stagesync.devstage.files;

import io.stagesync.devstage.AssetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Devstage's asset files in S3 buckets (one per environment, {@code devstage-<env>}) of the embedded S3Proxy.
 * Uploads, the CDN path and seeding read and write its blob store in process (one write of each file, renamed into
 * place when complete); the S3 client serves bucket creation and whoever needs the S3 API.
 */
public final class S3AssetFiles implements AssetFiles, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3AssetFiles.class);
    private static final Duration POST_TTL = Duration.ofHours(1);
    private final S3Client s3;
    private final BlobStore blobs;
    private final PostPolicySigner signer;
    private final String baseUrl;
    private final long maxFileBytes;
    private final UploadUrlFetcher fetcher;
    private final Map<String, String> environmentsById = new ConcurrentHashMap<>();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();

    public S3AssetFiles(BucketServer buckets, String baseUrl, long maxFileBytes,
                        ExecutorService fetchExecutor, Duration fetchTimeout, UploadUrlPolicy uploadUrls) {
        this.s3 = S3Client.builder()
                .endpointOverride(buckets.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(buckets.accessKey(), buckets.secretKey())))
                .build();
        this.blobs = buckets.blobStore();
        this.signer = new PostPolicySigner(buckets.accessKey(), buckets.secretKey());
        this.baseUrl = baseUrl;
        this.maxFileBytes = maxFileBytes;
        this.fetcher = new UploadUrlFetcher(this, fetchExecutor, fetchTimeout, maxFileBytes, uploadUrls);
    }

    /** The bucket of an environment; created on first use. */
    public String bucket(String environment) {
        String name = "devstage-" + environment.toLowerCase().replaceAll("[^a-z0-9-]", "-");
        if (buckets.add(name)) {
            environmentsById.put(environmentId(environment), environment);
            try {
                s3.createBucket(b -> b.bucket(name));
                log.info("Bucket created bucket={} environment={}", name, environment);
            } catch (S3Exception e) {
                if (e.statusCode() != 409) {
                    buckets.remove(name);
                    throw e;
                }
            }
        }
        return name;
    }

    /** The stable asset environment id used in keys and CDN URLs. */
    public static String environmentId(String environment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("demo/" + environment).getBytes(StandardCharsets.UTF_8));
            return "env" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The environment an asset environment id belongs to, if known. */
    public Optional<String> environmentOf(String environmentId) {
        return Optional.ofNullable(environmentsById.get(environmentId));
    }

    public static String key(String environment, String assetId) {
        return environmentId(environment) + "/" + assetId;
    }

    public S3Client client() {
        return s3;
    }

    public PostPolicySigner signer() {
        return signer;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    @Override
    public Map<String, String> requestPostData(String environment, String assetId, String fileName) {
        Instant now = Instant.now();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("url", baseUrl + "/upload/" + environmentId(environment));
        data.putAll(signer.sign(bucket(environment), key(environment, assetId), maxFileBytes, now, now.plus(POST_TTL)));
        return data;
    }

    @Override
    public void fetch(String environment, String assetId, String fileName, String uploadUrl,
                      Consumer<FileInfo> onComplete, Consumer<String> onError) {
        fetcher.fetch(environment, assetId, fileName, uploadUrl, onComplete, onError);
    }

    @Override
    public FileInfo put(String environment, String assetId, String fileName, InputStream content, long length) {
        if (length > maxFileBytes) {
            throw new IllegalArgumentException("file " + fileName + " has " + length + " bytes, above the cap of " + maxFileBytes);
        }
        try {
            long stored = store(environment, assetId, fileName, content, length,
                    size -> size == length ? null : "file " + fileName + " has " + size + " bytes, " + length + " were announced");
            log.debug("Asset file stored environment={} assetId={} bytes={}", environment, assetId, stored);
            return new FileInfo(stored, mimeType(fileName));
        } catch (FileRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("storing the file of asset " + assetId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a file of not yet known length as the asset's file, streaming it into the bucket's store: it is
     * written once, to a temporary file renamed into place at the end, so a refused or broken upload leaves
     * nothing behind. Reading stops with {@link FileRefusedException} past {@code cap} bytes (never above the
     * server's file cap); at the end of the stream
     * {@code refusal} sees the size and names what is wrong, or returns null to keep the file. Returns the size.
     */
    public long store(String environment, String assetId, String fileName, InputStream content, long cap,
                      LongFunction<String> refusal) throws IOException {
        CheckedStream checked = new CheckedStream(content, Math.min(cap, maxFileBytes), refusal);
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket(environment)).key(key(environment, assetId))
                .contentType(mimeType(fileName))
                .metadata(Map.of("filename", URLEncoder.encode(fileName, StandardCharsets.UTF_8))).build();
        try {
            blobs.putBlob(request, checked);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw e;
        }
        return checked.count;
    }

    /**
     * Opens an asset's file, or the part an HTTP {@code range} ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n};
     * null for all) names; the response carries its length, type and content range. A missing file throws
     * {@code NoSuchKeyException}, a range outside the file an {@code S3Exception} with status 416.
     */
    public ResponseInputStream<GetObjectResponse> open(String environment, String assetId, String range) {
        return blobs.getBlob(GetObjectRequest.builder().bucket(bucket(environment)).key(key(environment, assetId)).range(range).build());
    }

    /** Refused by the size checks of {@link #store}. */
    public static final class FileRefusedException extends IOException {
        FileRefusedException(String message) {
            super(message);
        }
    }

    /** Counts what passes, stops past the cap, and asks for the verdict on the size at the end. */
    private static final class CheckedStream extends FilterInputStream {
        private final long cap;
        private final LongFunction<String> refusal;
        private long count;

        CheckedStream(InputStream in, long cap, LongFunction<String> refusal) {
            super(in);
            this.cap = cap;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                String refused = refusal.apply(count);
                if (refused != null) {
                    throw new FileRefusedException(refused);
                }
                return n;
            }
            count += n;
            if (count > cap) {
                throw new FileRefusedException("file has more than " + cap + " bytes");
            }
            return n;
        }
    }

    @Override
    public Optional<FileInfo> stat(String environment, String assetId) {
        try {
            HeadObjectResponse head = blobs.blobMetadata(HeadObjectRequest.builder().bucket(bucket(environment))
                    .key(key(environment, assetId)).build());
            return Optional.of(new FileInfo(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String url(String environment, String assetId, String fileName) {
        bucket(environment);
        String name = URLEncoder.encode(fileName == null ? "file" : fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return baseUrl + "/cdn/" + environmentId(environment) + "/" + assetId + "/" + name;
    }

    @Override
    public void copy(String fromEnvironment, String toEnvironment, String assetId) {
        if (stat(fromEnvironment, assetId).isPresent()) {
            blobs.copyBlob(CopyObjectRequest.builder().sourceBucket(bucket(fromEnvironment)).sourceKey(key(fromEnvironment, assetId))
                    .destinationBucket(bucket(toEnvironment)).destinationKey(key(toEnvironment, assetId)).build());
        }
    }

    @Override
    public void delete(String environment, String assetId) {
        blobs.removeBlob(DeleteObjectRequest.builder().bucket(bucket(environment)).key(key(environment, assetId)).build());
    }

    public static String mimeType(String fileName) {
        String guess = fileName == null ? null : URLConnection.guessContentTypeFromName(fileName.toLowerCase());
        if (guess == null && fileName != null) {
            String lower = fileName.toLowerCase();
            if (lower.endsWith(".webp")) {
                guess = "image/webp";
            } else if (lower.endsWith(".pdf")) {
                guess = "application/pdf";
            } else if (lower.endsWith(".mp4")) {
                guess = "video/mp4";
            } else if (lower.endsWith(".json")) {
                guess = "application/json";
            }
        }
        return guess == null ? "application/octet-stream" : guess;
    }

    @Override
    public void close() {
        s3.close();
    }

    static URI uri(String value) {
        return URI.create(value);
    }
}
