package io.stagesync.assets;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TransferBucketOutageTest extends AssetRouteTestSupport {

    private EmbeddedS3 transfer;
    private final AtomicInteger redeliveries = new AtomicInteger();

    @Override
    protected void addProperties(Properties p) throws Exception {
        transfer = new EmbeddedS3(Files.createTempDirectory("transfer-"));
        transfer.createBucket("transfer");
        p.setProperty("stagesync.stages." + target + ".asset-upload", "upload-url");
        p.setProperty("stagesync.assets.transfer.endpoint", transfer.endpoint());
        p.setProperty("stagesync.assets.transfer.access-key", EmbeddedS3.ACCESS_KEY);
        p.setProperty("stagesync.assets.transfer.secret-key", EmbeddedS3.SECRET_KEY);
        p.setProperty("stagesync.assets.transfer.bucket", "transfer");
    }

    @AfterEach
    void stopTransferBucket() throws Exception {
        transfer.stop();
    }

    @Test
    void should_retry_an_unreachable_transfer_bucket_then_report_every_asset_it_held_up() throws Exception {
        // given
        fixtures.create(source, "one.bin", new GeneratedInputStream(21, 2000), 2000);
        fixtures.create(source, "two.bin", new GeneratedInputStream(22, 3000), 3000);
        transfer.stop();
        countRedeliveries(() -> { });

        // when
        Map<String, Object> report = sync(source);

        // then
        assertThat(report).containsEntry("failed", 2L).containsEntry("created", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("failures");
        assertThat(failures).allSatisfy(f -> assertThat((String) f.get("reason")).contains("transfer bucket"));
        assertThat(redeliveries.get()).as("two retries per asset").isEqualTo(4);
        assertThat(fixtures.list(target)).isEmpty();
    }

    @Test
    void should_finish_the_sync_when_the_transfer_bucket_returns_during_the_retries() throws Exception {
        // given
        fixtures.create(source, "one.bin", new GeneratedInputStream(23, 2000), 2000);
        transfer.stop();
        countRedeliveries(() -> {
            try {
                transfer.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // when
        Map<String, Object> report = sync(source);

        // then
        assertThat(redeliveries.get()).isEqualTo(1);
        assertThat(report).containsEntry("created", 1L).containsEntry("failed", 0L);
        assertTargetEqualsSource(source);
    }

    /** Counts redelivery attempts; {@code onFirst} runs before the first one. */
    private void countRedeliveries(Runnable onFirst) {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeRedeliveryEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                if (redeliveries.incrementAndGet() == 1) {
                    onFirst.run();
                }
            }
        };
        context.getManagementStrategy().addEventNotifier(notifier);
        ServiceHelper.startService(notifier);
    }
}
