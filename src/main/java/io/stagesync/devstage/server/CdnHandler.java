package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stagesync.devstage.AssetFiles.FileInfo;
import io.stagesync.devstage.files.S3AssetFiles;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the CDN-like {@code GET /cdn/<assetEnvironmentId>/<assetId>/<fileName>}, streamed from the bucket (Range
 * supported), with the stored type; files a browser would run (HTML, SVG, XML, scripts) come as attachments, never as
 * active content on devstage's API origin, and nothing is type-sniffed.
 */
public final class CdnHandler implements HttpHandler {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** Types shown inline; everything else is served as an attachment. */
    private static final Pattern INLINE = Pattern.compile("(?i)(image/(png|jpeg|gif|webp|avif|bmp)|video/[\\w.+-]+|audio/[\\w.+-]+|text/plain|application/pdf|application/octet-stream)(;.*)?");

    private final S3AssetFiles files;

    public CdnHandler(S3AssetFiles files) {
        this.files = files;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                HttpJson.sendError(exchange, 405, "Method Not Allowed: use GET");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            // "", "cdn", envId, assetId[, fileName]
            String environment = path.length >= 4 ? files.environmentOf(path[2]).orElse(null) : null;
            if (environment == null) {
                HttpJson.sendError(exchange, 404, "Not Found: no asset at " + exchange.getRequestURI().getPath());
                return;
            }
            String assetId = path[3];
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; sandbox");
            if ("HEAD".equals(method)) {
                head(exchange, environment, assetId);
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range.trim());
            boolean ranged = m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty());
            // one read of the store: the object's length, type and the range applied come with the stream
            try (ResponseInputStream<GetObjectResponse> object = files.open(environment, assetId, ranged ? range.trim() : null)) {
                GetObjectResponse found = object.response();
                int status = found.contentRange() != null ? 206 : 200;
                if (status == 206) {
                    exchange.getResponseHeaders().set("Content-Range", found.contentRange());
                }
                setType(exchange, found.contentType());
                long length = found.contentLength();
                exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
                copy(object, exchange.getResponseBody());
            } catch (NoSuchKeyException e) {
                HttpJson.sendError(exchange, 404, "Not Found: asset " + assetId + " has no uploaded file");
            } catch (S3Exception e) {
                if (e.statusCode() != 416) {
                    throw e;
                }
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + files.stat(environment, assetId).map(FileInfo::size).orElse(0L));
                exchange.sendResponseHeaders(416, -1);
            }
        }
    }

    private void head(HttpExchange exchange, String environment, String assetId) throws IOException {
        var stored = files.stat(environment, assetId);
        if (stored.isEmpty()) {
            HttpJson.sendError(exchange, 404, "Not Found: asset " + assetId + " has no uploaded file");
            return;
        }
        setType(exchange, stored.get().mimeType());
        exchange.getResponseHeaders().set("Content-Length", Long.toString(stored.get().size()));
        exchange.sendResponseHeaders(200, -1);
    }

    /** The stored type, as an attachment unless it is one a browser only displays. */
    private static void setType(HttpExchange exchange, String stored) {
        String type = stored == null ? "application/octet-stream" : stored;
        exchange.getResponseHeaders().set("Content-Type", type);
        if (!INLINE.matcher(type).matches()) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment");
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }
}
