package io.stagesync.assets;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A transfer bucket for the fault harness (bench/chaos.sh): S3Proxy over a folder, in its own process so it can be
 * killed and started again on the same port and folder. Arguments: port, folder, bucket; the keys come from the
 * environment (CHAOS_S3_ACCESS_KEY, CHAOS_S3_SECRET_KEY). Prints "transfer bucket ready" once it answers.
 */
public final class TransferBucketServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        String bucket = args[2];
        String access = System.getenv("CHAOS_S3_ACCESS_KEY");
        String secret = System.getenv("CHAOS_S3_SECRET_KEY");
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(50);
        }
        // the AWS SDK alone (no class of target/classes): a build running meanwhile cannot take a class away from it
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
                .build()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
        System.out.println("transfer bucket ready");
        Thread.currentThread().join();
    }
}
