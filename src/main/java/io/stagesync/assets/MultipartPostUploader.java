package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Streams a file as an S3 pre-signed POST (multipart/form-data, the {@code file} part last) with the form fields
 * the target gave for the upload; the body is never assembled in memory.
 */
public final class MultipartPostUploader {

    private static final int BUFFER = 256 * 1024;

    private final int connectTimeoutMs;
    private final int responseTimeoutMs;

    /**
     * @param connectTimeout  bounds connecting
     * @param responseTimeout bounds each wait for the server, including its answer once the file is sent
     */
    public MultipartPostUploader(Duration connectTimeout, Duration responseTimeout) {
        if (responseTimeout == null || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("stagesync.assets.upload-timeout must be a positive duration, got: " + responseTimeout);
        }
        this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.responseTimeoutMs = (int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis());
    }

    /**
     * Posts {@code length} bytes of {@code content} (-1 when unknown: sent chunked) with the form fields of
     * {@code postData} (keys {@code url, key, policy, algorithm, credential, date, signature, securityToken}).
     */
    public void upload(Map<String, String> postData, String fileName, String contentType, InputStream content, long length) {
        String url = require(postData, "url");
        String where = HttpStatusFailures.stripQuery(url);
        String boundary = "stagesync-" + UUID.randomUUID();
        byte[] head = head(boundary, formFields(postData), fileName, contentType);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        int status;
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMs);
            connection.setReadTimeout(responseTimeoutMs);
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            if (length >= 0) {
                connection.setFixedLengthStreamingMode(head.length + length + tail.length);
            } else {
                connection.setChunkedStreamingMode(BUFFER);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(head);
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
                out.write(tail);
            }
            status = connection.getResponseCode();
        } catch (SocketTimeoutException e) {
            throw new AssetTransientException("upload timed out url=" + where, e);
        } catch (IOException e) {
            throw new AssetTransientException("upload connection failed url=" + where + ": " + e, e);
        }
        if (status < 200 || status > 299) {
            SourceFileReader.discard(connection);
            throw HttpStatusFailures.of(status, "upload", url);
        }
        try (InputStream ok = connection.getInputStream()) {
            ok.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the upload succeeded; only reading the empty answer failed
        }
    }

    /** The S3 POST form fields in the order S3 expects; the security token only when there is one. */
    static Map<String, String> formFields(Map<String, String> postData) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", require(postData, "key"));
        fields.put("policy", require(postData, "policy"));
        fields.put("X-Amz-Algorithm", require(postData, "algorithm"));
        fields.put("X-Amz-Credential", require(postData, "credential"));
        fields.put("X-Amz-Date", require(postData, "date"));
        fields.put("X-Amz-Signature", require(postData, "signature"));
        String token = postData.get("securityToken");
        if (token != null && !token.isEmpty()) {
            fields.put("X-Amz-Security-Token", token);
        }
        return fields;
    }

    private static byte[] head(String boundary, Map<String, String> fields, String fileName, String contentType) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((name, value) -> sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        sb.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(partFileName(fileName)).append("\"\r\n")
                .append("Content-Type: ").append(contentType == null ? "application/octet-stream" : contentType).append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The part's file name as browsers send it: UTF-8, with quotes and line breaks escaped. */
    static String partFileName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        return name.replace("\"", "%22").replace("\r", " ").replace("\n", " ");
    }

    private static String require(Map<String, String> postData, String key) {
        String value = postData == null ? null : postData.get(key);
        if (value == null) {
            throw new AssetFailedException("the upload's POST data has no '" + key + "' value");
        }
        return value;
    }
}
