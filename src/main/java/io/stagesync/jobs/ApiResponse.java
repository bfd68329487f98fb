package io.stagesync.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the service answers to an HTTP request: status, content type and body (a JSON text, bytes or a stream).
 */
public record ApiResponse(int status, String contentType, Object body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, "application/json", JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response as JSON", e);
        }
    }

    /** The error body {@code {status, error, field}}: the message names the field at fault. */
    public static ApiResponse error(int status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("field", field);
        return json(status, body);
    }

    public static ApiResponse error(JobRequestException e) {
        return error(e.status(), e.field(), e.getMessage());
    }
}
