package io.stagesync.devstage.graphql;

import graphql.schema.DataFetcher;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Location, Color and rich-text values: checks and normalises inputs ({@code LocationInput}, {@code ColorInput},
 * {@code RichTextAST}) into the stored form and renders the stored form as Hygraph's output types.
 * Stored: Location {@code {latitude, longitude}}, Color {@code {r, g, b, a}}, rich text the AST ({@code {children}}).
 */
final class StructuredValues {
    private static final double EARTH_RADIUS_M = 6_371_000.0;

    private StructuredValues() {
    }

    /** The stored form of an input value, or a {@link ContentException} naming model, field and what is allowed. */
    @SuppressWarnings("unchecked")
    static Object input(ModelInfo m, FieldInfo f, Object value) {
        if (value == null || !f.type().isStructured()) {
            return value;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> input(m, f, v)).toList();
        }
        String where = "Field '" + f.apiId() + "' of " + m.apiId();
        if (!(value instanceof Map<?, ?> raw)) {
            throw new ContentException(where + " takes an object, got " + value);
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        return switch (f.type()) {
            case LOCATION -> location(where, map);
            case COLOR -> color(where, map);
            default -> richText(where, map);
        };
    }

    private static Map<String, Object> location(String where, Map<String, Object> in) {
        double lat = number(where, in, "latitude");
        double lon = number(where, in, "longitude");
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw new ContentException(where + ": latitude must be within -90..90 and longitude within -180..180, got "
                    + lat + ", " + lon);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latitude", lat);
        out.put("longitude", lon);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> color(String where, Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (in.get("rgba") instanceof Map<?, ?> rgba) {
            Map<String, Object> c = (Map<String, Object>) rgba;
            for (String k : List.of("r", "g", "b")) {
                int v = (int) number(where, c, k);
                if (v < 0 || v > 255) {
                    throw new ContentException(where + ": rgba." + k + " must be within 0..255, got " + v);
                }
                out.put(k, v);
            }
            double a = number(where, c, "a");
            if (a < 0 || a > 1) {
                throw new ContentException(where + ": rgba.a must be within 0..1, got " + a);
            }
            out.put("a", a);
            return out;
        }
        String hex = in.get("hex") instanceof String h ? h.trim() : "";
        if (!hex.matches("#?([0-9a-fA-F]{6}|[0-9a-fA-F]{8})")) {
            throw new ContentException(where + ": a color needs 'hex' (#rrggbb or #rrggbbaa) or 'rgba', got " + in);
        }
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        out.put("r", Integer.parseInt(h.substring(0, 2), 16));
        out.put("g", Integer.parseInt(h.substring(2, 4), 16));
        out.put("b", Integer.parseInt(h.substring(4, 6), 16));
        out.put("a", h.length() == 8 ? Math.round(Integer.parseInt(h.substring(6, 8), 16) / 255.0 * 100) / 100.0 : 1.0);
        return out;
    }

    private static Map<String, Object> richText(String where, Map<String, Object> in) {
        if (!(in.get("children") instanceof List<?>)) {
            throw new ContentException(where + ": a rich-text AST is an object with a 'children' list, got " + in);
        }
        return in;
    }

    private static double number(String where, Map<String, Object> in, String key) {
        if (!(in.get(key) instanceof Number n)) {
            throw new ContentException(where + ": '" + key + "' must be a number, got " + in.get(key));
        }
        return n.doubleValue();
    }

    /** The output object of a stored value (a list item by item). */
    @SuppressWarnings("unchecked")
    static Object output(FieldType type, Object stored) {
        if (stored == null || !type.isStructured()) {
            return stored;
        }
        if (stored instanceof List<?> list) {
            return list.stream().map(v -> output(type, v)).toList();
        }
        Map<String, Object> v = (Map<String, Object>) stored;
        Map<String, Object> out = new LinkedHashMap<>();
        switch (type) {
            case LOCATION -> out.putAll(v);
            case COLOR -> {
                int r = ((Number) v.get("r")).intValue();
                int g = ((Number) v.get("g")).intValue();
                int b = ((Number) v.get("b")).intValue();
                double a = ((Number) v.get("a")).doubleValue();
                out.put("hex", String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b)
                        + (a < 1 ? String.format(Locale.ROOT, "%02x", Math.round(a * 255)) : ""));
                out.put("rgba", v);
                out.put("css", String.format(Locale.ROOT, "rgba(%d,%d,%d,%s)", r, g, b, a));
            }
            default -> {
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                render(v, text, html);
                out.put("raw", v);
                out.put("json", v);
                out.put("text", text.toString().strip());
                out.put("markdown", text.toString().strip());
                out.put("html", html.toString());
            }
        }
        return out;
    }

    /** Plain text and a minimal HTML rendering: block nodes as elements, embeds as placeholders. */
    @SuppressWarnings("unchecked")
    private static void render(Map<String, Object> node, StringBuilder text, StringBuilder html) {
        if (node.get("text") instanceof String t) {
            text.append(t);
            html.append(t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            return;
        }
        String type = node.get("type") instanceof String t ? t : null;
        String tag = type == null ? null : switch (type) {
            case "paragraph" -> "p";
            case "heading-one" -> "h1";
            case "heading-two" -> "h2";
            case "link" -> "a";
            case "embed" -> "div";
            default -> "div";
        };
        if (tag != null) {
            html.append('<').append(tag);
            if (node.get("nodeId") != null) {
                html.append(" data-gcms-embed-id=\"").append(node.get("nodeId")).append("\" data-gcms-embed-type=\"")
                        .append(node.get("nodeType")).append('"');
            }
            html.append('>');
        }
        for (Object child : node.get("children") instanceof List<?> l ? l : List.of()) {
            if (child instanceof Map<?, ?> c) {
                render((Map<String, Object>) c, text, html);
            }
        }
        if (tag != null) {
            html.append("</").append(tag).append('>');
            if ("p".equals(tag) || tag.startsWith("h")) {
                text.append('\n');
            }
        }
    }

    /** {@code Location.distance(from)}: metres along the earth's surface (haversine). */
    @SuppressWarnings("unchecked")
    static DataFetcher<Object> distance() {
        return env -> {
            Map<String, Object> at = env.getSource();
            Map<String, Object> from = env.getArgument("from");
            double lat1 = Math.toRadians(((Number) at.get("latitude")).doubleValue());
            double lat2 = Math.toRadians(((Number) from.get("latitude")).doubleValue());
            double dLat = lat2 - lat1;
            double dLon = Math.toRadians(((Number) from.get("longitude")).doubleValue() - ((Number) at.get("longitude")).doubleValue());
            double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
        };
    }
}
