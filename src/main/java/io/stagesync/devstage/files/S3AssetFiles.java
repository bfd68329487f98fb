package io.stagesync.devstage.files;

import io.stagesync.devstage.AssetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** Devstage's asset files in S3 buckets (one per environment, {@code devstage-<env>}), reached with the AWS SDK v2. */
public final class S3AssetFiles implements AssetFiles, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3AssetFiles.class);
    private static final Duration POST_TTL = Duration.ofHours(1);

    private final S3Client s3;
    private final PostPolicySigner signer;
    private final String baseUrl;
    private final long maxFileBytes;
    private final UploadUrlFetcher fetcher;
    private final Map<String, String> environmentsById = new ConcurrentHashMap<>();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();

    public S3AssetFiles(BucketServer buckets, String baseUrl, long maxFileBytes, Path spoolDir,
                        ExecutorService fetchExecutor, Duration fetchTimeout) {
        this.s3 = S3Client.builder()
                .endpointOverride(buckets.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(buckets.accessKey(), buckets.secretKey())))
                .build();
        this.signer = new PostPolicySigner(buckets.accessKey(), buckets.secretKey());
        this.baseUrl = baseUrl;
        this.maxFileBytes = maxFileBytes;
        this.fetcher = new UploadUrlFetcher(this, spoolDir, fetchExecutor, fetchTimeout, maxFileBytes);
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
        return store(environment, assetId, fileName, RequestBody.fromInputStream(content, length), length);
    }

    /** Stores a spooled file. */
    public FileInfo putFile(String environment, String assetId, String fileName, Path file, long length) {
        return store(environment, assetId, fileName, RequestBody.fromFile(file), length);
    }

    private FileInfo store(String environment, String assetId, String fileName, RequestBody body, long length) {
        if (length > maxFileBytes) {
            throw new IllegalArgumentException("file " + fileName + " has " + length + " bytes, above the cap of " + maxFileBytes);
        }
        String mimeType = mimeType(fileName);
        s3.putObject(b -> b.bucket(bucket(environment)).key(key(environment, assetId)).contentType(mimeType)
                .contentLength(length).metadata(Map.of("filename", URLEncoder.encode(fileName, StandardCharsets.UTF_8))), body);
        log.debug("Asset file stored environment={} assetId={} bytes={}", environment, assetId, length);
        return new FileInfo(length, mimeType);
    }

    @Override
    public Optional<FileInfo> stat(String environment, String assetId) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket(environment)).key(key(environment, assetId)));
            return Optional.of(new FileInfo(head.contentLength(), head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String url(String environment, String assetId, String fileName) {
        bucket(environment);
        String name = URLEncoder.encode(fileName == null ? "file" : fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return baseUrl + "/cdn/" + environmentId(environment) + "/" + assetId + "/" + name;
    }

    @Override
    public void delete(String environment, String assetId) {
        s3.deleteObject(b -> b.bucket(bucket(environment)).key(key(environment, assetId)));
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
