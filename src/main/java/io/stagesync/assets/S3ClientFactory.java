package io.stagesync.assets;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/**
 * Builds the S3 client and pre-signer for an S3-compatible endpoint (AWS when the endpoint is empty), path-style.
 */
public final class S3ClientFactory {

    private final URI endpoint;
    private final Region region;
    private final StaticCredentialsProvider credentials;

    public S3ClientFactory(String endpoint, String region, String accessKey, String secretKey) {
        if (endpoint != null && !endpoint.isBlank() && !endpoint.matches("https?://.+")) {
            throw new IllegalArgumentException("stagesync.assets.transfer.endpoint must be an http(s) URL or empty for AWS, got: " + endpoint);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("stagesync.assets.transfer.access-key and .secret-key must be set (environment variables "
                    + "STAGESYNC_TRANSFER_ACCESS_KEY and STAGESYNC_TRANSFER_SECRET_KEY) for a stage with asset-upload=upload-url");
        }
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
        this.region = Region.of(region == null || region.isBlank() ? "us-east-1" : region);
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    public S3Client client() {
        var builder = S3Client.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                // S3-compatible servers differ in their support of the newer trailing checksums; S3 needs none.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public S3Presigner presigner() {
        var builder = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
