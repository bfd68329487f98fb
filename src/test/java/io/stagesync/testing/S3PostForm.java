package io.stagesync.testing;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the S3 browser POST of Hygraph's upload flow from {@code requestPostData}: the fields as the Hygraph docs
 * name them, then the {@code file} part last, streamed from disk.
 */
public final class S3PostForm {

    private S3PostForm() {
    }

    /** The POST request to {@code requestPostData.url}. */
    public static HttpRequest request(Map<String, ?> postData, String fileName, Path file) throws FileNotFoundException {
        return request(URI.create((String) postData.get("url")), fields(postData), fileName, file);
    }

    /** The form fields (in order) for {@code requestPostData}; X-Amz-Security-Token only when there is one. */
    public static Map<String, String> fields(Map<String, ?> postData) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", (String) postData.get("key"));
        fields.put("policy", (String) postData.get("policy"));
        fields.put("X-Amz-Algorithm", (String) postData.get("algorithm"));
        fields.put("X-Amz-Credential", (String) postData.get("credential"));
        fields.put("X-Amz-Date", (String) postData.get("date"));
        fields.put("X-Amz-Signature", (String) postData.get("signature"));
        if (postData.get("securityToken") != null) {
            fields.put("X-Amz-Security-Token", (String) postData.get("securityToken"));
        }
        return fields;
    }

    public static HttpRequest request(URI url, Map<String, String> fields, String fileName, Path file) throws FileNotFoundException {
        String boundary = "----devstage" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(url)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
