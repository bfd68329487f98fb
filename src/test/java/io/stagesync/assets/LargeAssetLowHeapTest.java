package io.stagesync.assets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.secrets.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A 200 MB file synced by a JVM limited to 256 MB of heap: the file is streamed, never held. */
class LargeAssetLowHeapTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @RegisterExtension
    static final DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    private static String sourceId;

    @Test
    void should_sync_a_200_mb_file_by_pre_signed_post_in_a_jvm_with_256_mb_of_heap() throws Exception {
        syncInSmallJvm("large-target-post", Map.of());
    }

    @Test
    void should_sync_a_200_mb_file_through_the_transfer_bucket_in_a_jvm_with_256_mb_of_heap() throws Exception {
        var buckets = devstage.server().buckets();
        try (var s3 = new S3ClientFactory(buckets.endpoint().toString(), "us-east-1", buckets.accessKey(), buckets.secretKey()).client()) {
            s3.createBucket(b -> b.bucket("large-transfer"));
        }
        syncInSmallJvm("large-target-url", Map.of(
                "stagesync.stages.large-target-url.asset-upload", "upload-url",
                "stagesync.assets.transfer.endpoint", buckets.endpoint().toString(),
                "stagesync.assets.transfer.access-key", buckets.accessKey(),
                "stagesync.assets.transfer.secret-key", buckets.secretKey(),
                "stagesync.assets.transfer.bucket", "large-transfer"));
    }

    private void syncInSmallJvm(String targetEnv, Map<String, String> extra) throws Exception {
        // given
        AssetFixtures fixtures = new AssetFixtures(devstage);
        if (sourceId == null) {
            devstage.server().addEnvironment("large-source", DevstageServer.demoModel(), 0);
            sourceId = fixtures.create("large-source", "big video.mp4", new GeneratedInputStream(200, SIZE), SIZE);
        }
        String id = sourceId;
        devstage.server().addEnvironment(targetEnv, DevstageServer.demoModel(), 0);
        String stateUrl = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath();
        Path props = dir.resolve("sync.properties");
        TestSecrets.holdsSecretOnPurpose(props);
        Properties p = new Properties();
        for (String env : List.of("large-source", targetEnv)) {
            p.setProperty("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            p.setProperty("stagesync.stages." + env + ".token", devstage.token());
        }
        p.setProperty("stagesync.state.url", stateUrl);
        extra.forEach(p::setProperty);
        try (OutputStream out = new FileOutputStream(props.toFile())) {
            p.store(out, null);
        }

        // when
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", testClassPath(), AssetSyncMain.class.getName(), props.toString(), "large-source", targetEnv)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(8, TimeUnit.MINUTES);

        // then
        assertThat(finished).as("child JVM finished").isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        String reportLine = output.lines().filter(l -> l.startsWith("REPORT ")).findFirst().orElseThrow();
        Map<?, ?> report = new ObjectMapper().readValue(reportLine.substring(7), Map.class);
        assertThat(report.get("created")).isEqualTo(1);
        assertThat(((Number) report.get("bytes")).longValue()).isEqualTo(SIZE);
        try (StateStore state = new StateStore(stateUrl, "sa", "", 2)) {
            IdMapRepository.Mapping mapping = new IdMapRepository(state.dataSource()).find("large-source", targetEnv, "Asset", id).orElseThrow();
            Map<String, Object> target = fixtures.find(targetEnv, mapping.targetId());
            Map<String, Object> source = fixtures.find("large-source", id);
            assertThat(target.get("size")).isEqualTo(source.get("size"));
            assertThat(fixtures.sha256((String) target.get("url"))).isEqualTo(fixtures.sha256((String) source.get("url")));
        }
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
