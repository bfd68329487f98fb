package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;

import io.stagesync.config.StageRegistry;
import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transfer beans over real HTTP against devstage: the source reader, the pre-signed POST uploader, the status poller. */
class AssetTransferHttpTest {

    @RegisterExtension
    static final DevstageExtension devstage = DevstageExtension.empty();

    private static AssetApi api;
    private static final String ENV = "transfer-beans";

    @BeforeAll
    static void environment() {
        devstage.server().addEnvironment(ENV, DevstageServer.demoModel(), 0);
        api = apiFor(ENV);
    }

    private static AssetApi apiFor(String env) {
        return (AssetApi) HygraphDialects.standalone(new StageRegistry(Map.of("stagesync.stages." + env + ".content-api",
                devstage.contentApiUrl(env), "stagesync.stages." + env + ".token", devstage.token())), List.of()).assets();
    }

    /** Runs each call on its own thread, all released at the same moment; the futures in the calls' order. */
    private static <T> List<java.util.concurrent.Future<T>> releasedTogether(List<java.util.concurrent.Callable<T>> calls) {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<T>> futures = calls.stream().map(call -> threads.submit(() -> {
            start.await();
            return call.call();
        })).toList();
        threads.shutdown();
        start.countDown();
        return futures;
    }

    @Test
    void should_upload_a_stream_by_pre_signed_post_and_read_back_the_same_bytes() throws Exception {
        // given
        AssetApi.Upload upload = api.createForPost(ENV, "photo 1.jpg", Map.of());
        long length = 300_000;
        String expected = new ChecksumInputStream(new GeneratedInputStream(31, length), null).drain();

        // when
        new MultipartPostUploader(Duration.ofSeconds(10), Duration.ofSeconds(60))
                .upload(upload.postData(), "photo 1.jpg", "image/jpeg", new GeneratedInputStream(31, length), length);
        AssetApi.TargetAsset done = new UploadStatusPoller(api, Duration.ofSeconds(30), Duration.ofMillis(200)).awaitComplete(ENV, upload.assetId());

        // then
        assertThat(done.size()).isEqualTo(length);
        try (SourceFile file = new SourceFileReader(Duration.ofSeconds(10)).open(done.url(), null)) {
            assertThat(file.length()).isEqualTo(length);
            assertThat(file.stream().drain()).isEqualTo(expected);
        }
    }

    @Test
    void should_fail_an_upload_whose_signature_the_bucket_rejects() {
        // given
        AssetApi.Upload upload = api.createForPost(ENV, "tampered.bin", Map.of());
        Map<String, String> tampered = new HashMap<>(upload.postData());
        tampered.put("signature", "0".repeat(64));

        // when / then
        assertThatThrownBy(() -> new MultipartPostUploader(Duration.ofSeconds(10), Duration.ofSeconds(60))
                .upload(tampered, "tampered.bin", null, new GeneratedInputStream(1, 1000), 1000))
                .isInstanceOf(AssetFailedException.class).hasMessageContaining("HTTP 403").hasMessageNotContaining("signature=");
    }

    @Test
    void should_fail_a_missing_source_file_at_once_and_retry_an_unreachable_one() throws Exception {
        // given
        AssetApi.Upload pending = api.createForPost(ENV, "never.bin", Map.of());
        String missingUrl = api.find(ENV, pending.assetId()).orElseThrow().url();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SourceFileReader reader = new SourceFileReader(Duration.ofSeconds(5));

        // when / then
        assertThatThrownBy(() -> reader.open(missingUrl, null)).isInstanceOf(AssetFailedException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> reader.open("http://127.0.0.1:" + closedPort + "/file", null)).isInstanceOf(AssetTransientException.class);
    }

    @Test
    void should_fail_an_upload_that_never_completes_within_the_timeout() {
        // given
        AssetApi.Upload pending = api.createForPost(ENV, "stuck.bin", Map.of());
        UploadStatusPoller poller = new UploadStatusPoller(api, Duration.ofSeconds(1), Duration.ofMillis(200));

        // when / then
        assertThatThrownBy(() -> poller.awaitComplete(ENV, pending.assetId()))
                .isInstanceOf(AssetFailedException.class).hasMessageContaining("never completed within 1s");
    }

    @Test
    void should_answer_assets_waiting_at_the_same_time_with_merged_status_queries() throws Exception {
        // given: twenty finished uploads and one id the stage does not have, asked for by 21 threads at once
        String env = "transfer-merged";
        devstage.server().addEnvironment(env, DevstageServer.demoModel(), 0);
        AssetApi envApi = apiFor(env);
        MultipartPostUploader uploader = new MultipartPostUploader(Duration.ofSeconds(10), Duration.ofSeconds(60));
        Map<String, Long> sizes = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            AssetApi.Upload upload = envApi.createForPost(env, "file-" + i + ".bin", Map.of());
            long length = 1_000 + i;
            uploader.upload(upload.postData(), "file-" + i + ".bin", null, new GeneratedInputStream(i, length), length);
            sizes.put(upload.assetId(), length);
        }
        List<String> ids = new java.util.ArrayList<>(sizes.keySet());
        ids.add("no-such-asset");
        UploadStatusPoller poller = new UploadStatusPoller(envApi, Duration.ofSeconds(30), Duration.ofMillis(200));
        devstage.faults(env).latencyMs(300);
        devstage.server().stats(env).reset();
        try {
            // when
            List<java.util.concurrent.Future<AssetApi.TargetAsset>> answers = releasedTogether(ids.stream()
                    .<java.util.concurrent.Callable<AssetApi.TargetAsset>>map(id -> () -> poller.awaitComplete(env, id)).toList());
            // then: every asset answered with its own size, the missing one failed, in a handful of queries
            for (int i = 0; i < 20; i++) {
                AssetApi.TargetAsset done = answers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(done.id()).isEqualTo(ids.get(i));
                assertThat(done.size()).isEqualTo(sizes.get(ids.get(i)));
            }
            assertThatThrownBy(() -> answers.get(20).get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssetFailedException.class).hasMessageContaining("vanished").hasMessageContaining("no-such-asset");
            assertThat(devstage.server().stats(env).reads()).isBetween(1L, 4L);
        } finally {
            devstage.faults(env).reset();
        }
    }

    @Test
    void should_create_several_assets_in_one_request_with_an_error_for_the_failing_alias_alone() {
        // given: the middle asset names no file, which only its own createAsset refuses
        List<AssetApi.NewAsset> assets = List.of(new AssetApi.NewAsset("first.jpg", Map.of()), new AssetApi.NewAsset(null, Map.of()),
                new AssetApi.NewAsset("third.jpg", Map.of()));
        devstage.server().stats(ENV).reset();
        // when
        List<AssetApi.Created> created = api.createAllForPost(ENV, assets);
        // then
        assertThat(devstage.server().stats(ENV).writes()).isEqualTo(1);
        assertThat(created).hasSize(3);
        assertThat(created.get(1).upload()).isNull();
        assertThat(created.get(1).error()).contains("fileName");
        for (AssetApi.Created ok : List.of(created.get(0), created.get(2))) {
            assertThat(ok.error()).isNull();
            assertThat(ok.upload().postData()).containsKeys("url", "key", "policy", "signature");
            long length = 2_000;
            new MultipartPostUploader(Duration.ofSeconds(10), Duration.ofSeconds(60))
                    .upload(ok.upload().postData(), "file.jpg", "image/jpeg", new GeneratedInputStream(5, length), length);
            assertThat(new UploadStatusPoller(api, Duration.ofSeconds(30), Duration.ofMillis(200))
                    .awaitComplete(ENV, ok.upload().assetId()).size()).isEqualTo(length);
        }
    }

    @Test
    void should_merge_creates_made_at_the_same_time_into_few_requests() throws Exception {
        // given: twelve threads ask for a new asset at once, while each request takes 300 ms
        String env = "transfer-merged-creates";
        devstage.server().addEnvironment(env, DevstageServer.demoModel(), 0);
        PresignedPostMover mover = new PresignedPostMover(apiFor(env), null, null, null, TransferSlots.UNBOUNDED);
        devstage.faults(env).latencyMs(300);
        devstage.server().stats(env).reset();
        try {
            // when
            List<java.util.concurrent.Future<AssetApi.Upload>> uploads = releasedTogether(java.util.stream.IntStream.range(0, 12)
                    .<java.util.concurrent.Callable<AssetApi.Upload>>mapToObj(i -> () -> mover.createUpload(env,
                            new AssetApi.NewAsset("merged-" + i + ".jpg", Map.of()))).toList());
            // then: twelve distinct assets, each with its own POST data, from a handful of requests
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var upload : uploads) {
                AssetApi.Upload u = upload.get(30, java.util.concurrent.TimeUnit.SECONDS);
                ids.add(u.assetId());
                assertThat(u.postData().get("key")).endsWith("/" + u.assetId());
            }
            assertThat(ids).hasSize(12);
            assertThat(devstage.server().stats(env).writes()).isBetween(1L, 4L);
        } finally {
            devstage.faults(env).reset();
        }
    }

    @Test
    void should_send_a_merged_create_refused_as_a_whole_again_asset_by_asset() {
        // given: one asset carries a field the stage does not know, which fails the whole document's validation
        PresignedPostMover mover = new PresignedPostMover(api, null, null, null, TransferSlots.UNBOUNDED);
        List<AssetApi.NewAsset> assets = List.of(new AssetApi.NewAsset("good-1.jpg", Map.of()),
                new AssetApi.NewAsset("bad.jpg", Map.of("noSuchField", "x")), new AssetApi.NewAsset("good-2.jpg", Map.of()));
        assertThatThrownBy(() -> api.createAllForPost(ENV, assets)).isInstanceOf(AssetFailedException.class);
        devstage.server().stats(ENV).reset();
        // when
        List<MergedCalls.Answer<AssetApi.Upload>> answers = mover.createAll(ENV, assets);
        // then: the merged request, then one request per asset; only the asset at fault failed
        assertThat(devstage.server().stats(ENV).writes()).isEqualTo(4);
        assertThat(answers.get(0).value().assetId()).isNotBlank();
        assertThat(answers.get(1).failure()).isInstanceOf(AssetFailedException.class).hasMessageContaining("noSuchField");
        assertThat(answers.get(2).value().assetId()).isNotBlank();
    }
}
