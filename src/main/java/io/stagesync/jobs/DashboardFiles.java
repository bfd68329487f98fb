package io.stagesync.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's files from the classpath folder {@code dashboard/}, and nothing outside it.
 */
public final class DashboardFiles {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+\\.(html|css|js|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    /** The file for a request path under {@code /dashboard}; {@code /dashboard} and {@code /dashboard/} give index.html. */
    public ApiResponse read(String path) {
        String name = path == null ? "" : path.replaceFirst("\\?.*$", "").replaceFirst("^.*?/dashboard/?", "");
        if (name.isEmpty()) {
            name = "index.html";
        }
        if (!SAFE.matcher(name).matches()) {
            return ApiResponse.error(404, null, "no dashboard file '" + name + "'");
        }
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                return ApiResponse.error(404, null, "no dashboard file '" + name + "'");
            }
            return new ApiResponse(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read dashboard file " + name, e);
        }
    }
}
