package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stagesync.devstage.files.MultipartFormReader;
import io.stagesync.devstage.files.S3AssetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Serves {@code POST /upload/<assetEnvironmentId>}: an S3 browser POST (SigV4 policy) whose {@code file} part is
 * streamed straight into the environment's bucket store (written once, renamed into place at the end); a refused
 * or broken upload leaves nothing behind. The policy and signature are those S3 itself checks.
 */
public final class PostUploadHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(PostUploadHandler.class);

    private final S3AssetFiles files;

    public PostUploadHandler(S3AssetFiles files) {
        this.files = files;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendXml(exchange, 405, "MethodNotAllowed", "uploads use POST multipart/form-data");
                return;
            }
            String envId = exchange.getRequestURI().getPath().substring("/upload/".length());
            String environment = files.environmentOf(envId).orElse(null);
            if (environment == null) {
                sendXml(exchange, 404, "NoSuchBucket", "no bucket for asset environment " + envId);
                return;
            }
            String boundary = MultipartFormReader.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (boundary == null) {
                sendXml(exchange, 400, "InvalidRequest", "Content-Type must be multipart/form-data with a boundary");
                return;
            }
            upload(exchange, environment, new MultipartFormReader(exchange.getRequestBody(), boundary));
        }
    }

    private void upload(HttpExchange exchange, String environment, MultipartFormReader form) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        MultipartFormReader.Part part;
        while ((part = form.next()) != null) {
            if (!part.name().equalsIgnoreCase("file")) {
                fields.put(part.name().toLowerCase(Locale.ROOT), form.readText());
                continue;
            }
            String refusal = files.signer().refusal(files.bucket(environment), fields, Instant.now());
            if (refusal != null) {
                log.info("Upload refused environment={} key={} reason={}", environment, fields.get("key"), refusal);
                sendXml(exchange, 403, refusal.startsWith("SignatureDoesNotMatch") ? "SignatureDoesNotMatch" : "AccessDenied", refusal);
                return;
            }
            String key = fields.get("key");
            String assetId = key.substring(key.indexOf('/') + 1);
            String fileName = part.fileName() != null && !part.fileName().isBlank() ? part.fileName() : assetId;
            long limit = Math.min(files.maxFileBytes(), files.signer().maxLength(fields.get("policy")));
            String policy = fields.get("policy");
            long size;
            try {
                size = files.store(environment, assetId, fileName, form.partStream(), limit,
                        n -> files.signer().lengthAllowed(policy, n) ? null : "file has " + n + " bytes");
            } catch (S3AssetFiles.FileRefusedException e) {
                // read the rest so the client hears the 400 instead of a reset connection
                exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
                log.info("Upload refused environment={} assetId={} reason=size detail={}", environment, assetId, e.getMessage());
                sendXml(exchange, 400, "EntityTooLarge", e.getMessage() + ", outside the policy's content-length-range or above the cap of "
                        + files.maxFileBytes() + " bytes");
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Upload failed environment={} assetId={} reason={}", environment, assetId, e.toString());
                sendXml(exchange, 500, "InternalError", "storing the file in the bucket failed: " + e.getMessage());
                return;
            }
            log.info("Asset uploaded environment={} assetId={} bytes={}", environment, assetId, size);
            String status = fields.getOrDefault("success_action_status", "204");
            exchange.sendResponseHeaders("201".equals(status) ? 201 : "200".equals(status) ? 200 : 204, -1);
            return;
        }
        sendXml(exchange, 400, "InvalidArgument", "POST requires exactly one file part named 'file'");
    }

    private static void sendXml(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message><RequestId>" + HttpJson.requestId()
                + "</RequestId></Error>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
