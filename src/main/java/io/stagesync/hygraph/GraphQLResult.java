package io.stagesync.hygraph;

import java.util.List;
import java.util.Map;

/**
 * The parsed answer of a stage to one GraphQL request: HTTP status, {@code data} and {@code errors}.
 */
public record GraphQLResult(int status, Map<String, Object> data, List<Map<String, Object>> errors) {

    public GraphQLResult {
        data = data == null ? Map.of() : data;
        errors = errors == null ? List.of() : errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The first alias or field named in an error's {@code path}, or null when the error names none. */
    public static String pathHead(Map<String, Object> error) {
        Object path = error.get("path");
        if (path instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.get(0));
        }
        return null;
    }

    /** All error messages joined, for reports. */
    public String errorMessages() {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : errors) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.get("message"));
        }
        return sb.toString();
    }
}
