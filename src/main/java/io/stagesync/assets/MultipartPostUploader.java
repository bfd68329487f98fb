package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Streams a file as an S3 pre-signed POST (multipart/form-data, the {@code file} part last) to Hygraph's
 * {@code requestPostData}; the body is never assembled in memory.
 */
public final class MultipartPostUploader {

    private final HttpClient http;
    private final Duration timeout;

    public MultipartPostUploader(HttpClient http, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stagesync.assets.upload-timeout must be a positive duration, got: " + timeout);
        }
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Posts {@code length} bytes of {@code content} (-1 when unknown: sent chunked) with the form fields of
     * {@code postData} (keys {@code url, key, policy, algorithm, credential, date, signature, securityToken}).
     */
    public void upload(Map<String, String> postData, String fileName, String contentType, InputStream content, long length) {
        String url = require(postData, "url");
        String boundary = "stagesync-" + UUID.randomUUID();
        byte[] head = head(boundary, formFields(postData), fileName, contentType);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher parts = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofInputStream(() -> content),
                HttpRequest.BodyPublishers.ofByteArray(tail));
        HttpRequest.BodyPublisher body = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(parts, head.length + length + tail.length)
                : parts;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssetTransientException("upload timed out after " + timeout.toSeconds() + "s url=" + HttpStatusFailures.stripQuery(url), e);
        } catch (IOException e) {
            throw new AssetTransientException("upload connection failed url=" + HttpStatusFailures.stripQuery(url) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssetTransientException("interrupted while uploading", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw HttpStatusFailures.of(status, "upload", url);
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
            throw new AssetFailedException("upload.requestPostData has no '" + key + "' value");
        }
        return value;
    }
}
