package io.stagesync.devstage.files;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs S3 browser-POST policies with AWS Signature V4 and verifies a submitted form against them. */
public final class PostPolicySigner {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String accessKey;
    private final String secretKey;

    public PostPolicySigner(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** The form fields (Hygraph's requestPostData names, without url) for uploading one key. */
    public Map<String, String> sign(String bucket, String key, long maxBytes, Instant now, Instant expiresAt) {
        String date = AMZ_DATE.format(now);
        String credential = accessKey + "/" + date.substring(0, 8) + "/" + REGION + "/s3/aws4_request";
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", expiresAt.toString());
        policy.put("conditions", List.of(
                Map.of("bucket", bucket),
                Map.of("key", key),
                List.of("content-length-range", 0, maxBytes),
                Map.of("x-amz-algorithm", ALGORITHM),
                Map.of("x-amz-credential", credential),
                Map.of("x-amz-date", date)));
        String encoded;
        try {
            encoded = Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(policy));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("date", date);
        fields.put("key", key);
        fields.put("signature", signature(encoded, date.substring(0, 8)));
        fields.put("algorithm", ALGORITHM);
        fields.put("policy", encoded);
        fields.put("credential", credential);
        fields.put("securityToken", null);
        return fields;
    }

    /**
     * Checks a submitted form (field names lower-cased) for one bucket: signature, expiry and every condition but
     * the length, which {@link #lengthAllowed} checks once the file has been read. Returns the refusal or null.
     */
    public String refusal(String bucket, Map<String, String> form, Instant now) {
        String policy = form.get("policy");
        String signature = form.get("x-amz-signature");
        String credential = form.get("x-amz-credential");
        if (policy == null || signature == null || credential == null || !ALGORITHM.equals(form.get("x-amz-algorithm"))) {
            return "form must carry policy, X-Amz-Signature, X-Amz-Credential and X-Amz-Algorithm=" + ALGORITHM;
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !accessKey.equals(scope[0])) {
            return "X-Amz-Credential does not name this server's access key";
        }
        byte[] expected = signature(policy, scope[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "SignatureDoesNotMatch: the policy signature is not valid";
        }
        Map<String, Object> document = decode(policy);
        if (document == null || !(document.get("expiration") instanceof String expiration)) {
            return "policy is not a JSON document with an expiration";
        }
        if (Instant.parse(expiration).isBefore(now)) {
            return "AccessDenied: the policy expired at " + expiration;
        }
        Map<String, String> values = new LinkedHashMap<>(form);
        values.put("bucket", bucket);
        for (Object condition : (List<?>) document.getOrDefault("conditions", List.of())) {
            if (condition instanceof Map<?, ?> eq) {
                for (var entry : eq.entrySet()) {
                    String name = entry.getKey().toString().toLowerCase();
                    if (!String.valueOf(entry.getValue()).equals(values.get(name))) {
                        return "AccessDenied: policy condition failed: " + name + " must be " + entry.getValue();
                    }
                }
            } else if (condition instanceof List<?> op && op.size() == 3 && "starts-with".equals(op.get(0))) {
                String name = op.get(1).toString().replaceFirst("^\\$", "").toLowerCase();
                String value = values.get(name);
                if (value == null || !value.startsWith(op.get(2).toString())) {
                    return "AccessDenied: policy condition failed: " + name + " must start with " + op.get(2);
                }
            }
        }
        return null;
    }

    /** Whether a file of this size satisfies the policy's content-length-range. */
    public boolean lengthAllowed(String policy, long size) {
        Map<String, Object> document = decode(policy);
        for (Object condition : (List<?>) document.getOrDefault("conditions", List.of())) {
            if (condition instanceof List<?> op && op.size() == 3 && "content-length-range".equals(op.get(0))) {
                return size >= ((Number) op.get(1)).longValue() && size <= ((Number) op.get(2)).longValue();
            }
        }
        return true;
    }

    private String signature(String policy, String day) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, REGION);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, policy));
    }

    private static Map<String, Object> decode(String policy) {
        try {
            return MAPPER.readValue(Base64.getDecoder().decode(policy), new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
