package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stagesync.devstage.files.S3AssetFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Serves the CDN-like {@code GET /cdn/<assetEnvironmentId>/<assetId>/<fileName>}, streamed from the bucket (Range supported). */
public final class CdnHandler implements HttpHandler {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

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
            var stored = files.stat(environment, path[3]);
            if (stored.isEmpty()) {
                HttpJson.sendError(exchange, 404, "Not Found: asset " + path[3] + " has no uploaded file");
                return;
            }
            long size = stored.get().size();
            long from = 0;
            long to = size - 1;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range.trim());
            if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) {
                    from = Math.max(0, size - Long.parseLong(m.group(2)));
                } else {
                    from = Long.parseLong(m.group(1));
                    to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                }
                if (from > to || from >= size) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            String type = stored.get().mimeType();
            exchange.getResponseHeaders().set("Content-Type", type == null ? "application/octet-stream" : type);
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            long length = to - from + 1;
            if ("HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            try (InputStream object = files.read(environment, path[3], from, to)) {
                exchange.sendResponseHeaders(status, length);
                copy(object, exchange.getResponseBody());
            }
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
