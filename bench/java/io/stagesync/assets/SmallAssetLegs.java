package io.stagesync.assets;

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

/** Times the legs of small (500 KB) asset transfers one at a time against devstage: createAsset, opening the source, the POST, the status query. */
public final class SmallAssetLegs {
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("small-asset-legs-");
        String token = "t-" + UUID.randomUUID();
        DevstageServer server = DevstageServer.builder().port(0).demo(false).token(token).dataDir(work.resolve("d")).start();
        server.addEnvironment("src", DevstageServer.demoModel(), 0);
        server.addEnvironment("tgt", DevstageServer.demoModel(), 0);
        StageRegistry stages = new StageRegistry(Map.of("stagesync.stages.src.content-api", server.contentApiUrl("src"), "stagesync.stages.src.token", token,
            "stagesync.stages.tgt.content-api", server.contentApiUrl("tgt"), "stagesync.stages.tgt.token", token));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HygraphAssetApi api = new HygraphAssetApi(http, stages, RequestGate.OPEN, List.of(), Duration.ofMinutes(1));
        MultipartPostUploader uploader = new MultipartPostUploader(Duration.ofSeconds(30), Duration.ofMinutes(10));
        UploadStatusPoller poller = new UploadStatusPoller(api, Duration.ofMinutes(5), Duration.ofMillis(200));
        SourceFileReader reader = new SourceFileReader(Duration.ofMinutes(1));
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            AssetApi.Upload up = api.createForPost("src", "f" + i + ".jpg", Map.of());
            uploader.upload(up.postData(), "f" + i + ".jpg", null, new GeneratedInputStream(i, 500_000), 500_000);
            urls.add(poller.awaitComplete("src", up.assetId()).url());
        }
        long[] t = new long[5];
        int n = 0;
        for (int i = 0; i < 150; i++) {
            long a = System.nanoTime();
            AssetApi.Upload up = api.createForPost("tgt", "f" + i + ".jpg", Map.of());
            long b = System.nanoTime();
            try (SourceFile f = reader.open(urls.get(i), null)) {
                long c = System.nanoTime();
                uploader.upload(up.postData(), "f.jpg", "image/jpeg", f.stream(), f.length());
                long d = System.nanoTime();
                poller.awaitComplete("tgt", up.assetId());
                long e = System.nanoTime();
                if (i >= 50) { t[0] += b - a; t[1] += c - b; t[2] += d - c; t[3] += e - d; n++; }
            }
            
        }
        long a = System.nanoTime();
        for (int i = 0; i < 20; i++) api.page("src", null, 100);
        t[4] = (System.nanoTime() - a) / 20;
        System.out.printf("per asset ms: create %.1f open %.1f post %.1f poll %.1f ; page(100) %.1f%n", t[0]/1e6/n, t[1]/1e6/n, t[2]/1e6/n, t[3]/1e6/n, t[4]/1e6);
        server.close();
        System.exit(0);
    }
}
