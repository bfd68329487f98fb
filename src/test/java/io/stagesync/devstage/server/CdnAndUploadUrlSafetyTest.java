package io.stagesync.devstage.server;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * devstage as a good citizen: uploaded files a browser would run are served as attachments (never as active content
 * on the API's origin), and uploadUrl fetches go only where they are allowed (loopback is refused by default).
 */
class CdnAndUploadUrlSafetyTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void should_serve_uploaded_html_and_svg_as_attachments_and_images_inline() throws Exception {
        // given
        put("page-1", "page.html", "<html><script>alert(document.domain)</script></html>");
        put("logo-1", "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        put("photo-1", "photo.png", "not really a png");

        // when
        HttpResponse<String> html = get(devstage.server().files().url("staging", "page-1", "page.html"));
        HttpResponse<String> svg = get(devstage.server().files().url("staging", "logo-1", "logo.svg"));
        HttpResponse<String> png = get(devstage.server().files().url("staging", "photo-1", "photo.png"));

        // then
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Disposition")).hasValue("attachment");
        assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(svg.headers().firstValue("Content-Disposition")).hasValue("attachment");
        assertThat(png.headers().firstValue("Content-Disposition")).isEmpty();
        for (HttpResponse<String> answer : java.util.List.of(html, svg, png)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("sandbox"));
        }
    }

    @Test
    void should_refuse_loopback_upload_urls_unless_allowed() throws Exception {
        // given a file on devstage's own (loopback) CDN, and a second server without an allow-list
        put("source-1", "source.png", "png bytes");
        String source = devstage.server().files().url("staging", "source-1", "source.png");
        try (DevstageServer strict = DevstageServer.builder().port(0).token("strict-" + System.nanoTime()).start();
             DevstageServer limited = DevstageServer.builder().port(0).token("limited-" + System.nanoTime())
                     .allowUploadUrl("http://localhost:1").start()) {

            // when
            String byDefault = fetchError(strict, source);
            String notListed = fetchError(limited, source);
            String allowed = fetchError(devstage.server(), source);

            // then
            assertThat(byDefault).contains("is not fetched").contains("local or private address");
            assertThat(notListed).contains("is not fetched").contains("not in devstage's upload URL allow-list");
            assertThat(allowed).isNull();
        }
    }

    private static void put(String assetId, String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        devstage.server().files().put("staging", assetId, name, new ByteArrayInputStream(bytes), bytes.length);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The fetch's error message, or null when the file was fetched. */
    private static String fetchError(DevstageServer server, String url) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        server.files().fetch("staging", "fetched-" + System.nanoTime(), "copy.png", url, info -> result.complete(null), result::complete);
        return result.get(30, TimeUnit.SECONDS);
    }
}
