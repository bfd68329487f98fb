package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.hygraph.HygraphDialects;

import io.stagesync.config.StageRegistry;
import io.stagesync.devstage.DevstageServer;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Times the legs of small (500 KB) asset transfers, one at a time, against devstage: createAsset, opening the source
 * file, the POST, the status query; and a page read of 100 assets. The first 50 transfers warm up and are not counted.
 */
public final class SmallAssetLegs {

    private static final int FILES = 150;
    private static final int WARM_UP = 50;
    private static final int SIZE = 500_000;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("small-asset-legs-");
        String token = "t-" + UUID.randomUUID();
        DevstageServer server = DevstageServer.builder().port(0).demo(false).token(token).dataDir(work.resolve("devstage")).start();
        server.addEnvironment("src", DevstageServer.demoModel(), 0);
        server.addEnvironment("tgt", DevstageServer.demoModel(), 0);
        StageRegistry stages = new StageRegistry(Map.of(
                "stagesync.stages.src.content-api", server.contentApiUrl("src"), "stagesync.stages.src.token", token,
                "stagesync.stages.tgt.content-api", server.contentApiUrl("tgt"), "stagesync.stages.tgt.token", token));
        AssetApi api = HygraphDialects.standalone(stages, List.of()).assets();
        MultipartPostUploader uploader = new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10));
        UploadStatusPoller poller = new UploadStatusPoller(api, Duration.ofMinutes(5), Duration.ofMillis(200));
        SourceFileReader reader = new SourceFileReader(Duration.ofMinutes(1));
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            AssetApi.Upload up = api.createForPost("src", "f" + i + ".jpg", Map.of());
            uploader.upload(up.postData(), "f" + i + ".jpg", null, new GeneratedInputStream(i, SIZE), SIZE);
            urls.add(poller.awaitComplete("src", up.assetId()).url());
        }
        long create = 0;
        long open = 0;
        long post = 0;
        long poll = 0;
        for (int i = 0; i < FILES; i++) {
            long t0 = System.nanoTime();
            AssetApi.Upload up = api.createForPost("tgt", "f" + i + ".jpg", Map.of());
            long t1 = System.nanoTime();
            try (SourceFile file = reader.open(urls.get(i), null)) {
                long t2 = System.nanoTime();
                uploader.upload(up.postData(), "f.jpg", "image/jpeg", file.stream(), file.length());
                long t3 = System.nanoTime();
                poller.awaitComplete("tgt", up.assetId());
                long t4 = System.nanoTime();
                if (i >= WARM_UP) {
                    create += t1 - t0;
                    open += t2 - t1;
                    post += t3 - t2;
                    poll += t4 - t3;
                }
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            api.page("src", null, 100);
        }
        double page = (System.nanoTime() - t0) / 20 / 1e6;
        double n = (FILES - WARM_UP) * 1e6;
        System.out.printf("per asset ms: create %.1f open %.1f post %.1f poll %.1f ; page(100) %.1f%n",
                create / n, open / n, post / n, poll / n, page);
        server.close();
        AssetBench.deleteTree(work);
        System.exit(0);
    }
}
