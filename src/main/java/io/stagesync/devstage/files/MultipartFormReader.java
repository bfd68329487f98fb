package io.stagesync.devstage.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body part by part without holding it in memory: small fields as text,
 * the part to stream copied straight to an output stream.
 */
public final class MultipartFormReader {

    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER * 2];
    private int start;
    private int end;
    private boolean finished;
    private boolean begun;
    private boolean eof;

    /** One part's headers: its form name and, for files, the file name. */
    public record Part(String name, String fileName) {
    }

    public MultipartFormReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The boundary parameter of a multipart/form-data content type, or null. */
    public static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    /** Moves to the next part and reads its headers; null after the last part. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (!begun) {
            begun = true;
            // the body starts with "--boundary" (no leading CRLF): pretend one was there
            buffer[0] = '\r';
            buffer[1] = '\n';
            end = 2;
            if (!skipToDelimiter()) {
                throw new IOException("multipart body has no opening boundary");
            }
        }
        fill(2);
        if (end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
            finished = true;
            return null;
        }
        String headers = readHeaders();
        String name = null;
        String fileName = null;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                name = param(line, "name");
                fileName = param(line, "filename");
            }
        }
        if (name == null) {
            throw new IOException("multipart part without a form name in Content-Disposition");
        }
        return new Part(name, fileName);
    }

    /** Reads the current part as UTF-8 text (at most 64 KB). */
    public String readText() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        long n = copyPart(out, MAX_FIELD_BYTES);
        if (n > MAX_FIELD_BYTES) {
            throw new IOException("form field is larger than " + MAX_FIELD_BYTES + " bytes");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Copies the current part's bytes to {@code out}; stops counting past {@code limit} bytes. Returns the count. */
    public long copyPart(OutputStream out, long limit) throws IOException {
        long total = 0;
        while (true) {
            fill(delimiter.length + 2);
            int found = indexOf(delimiter, start, end);
            if (found >= 0) {
                total += write(out, start, found, total, limit);
                start = found + delimiter.length;
                return total;
            }
            if (eof) {
                throw new IOException("multipart body ended inside a part (no closing boundary)");
            }
            int safe = end - delimiter.length;
            total += write(out, start, safe, total, limit);
            start = safe;
            if (total > limit) {
                return total;
            }
        }
    }

    private long write(OutputStream out, int from, int to, long total, long limit) throws IOException {
        if (total <= limit) {
            out.write(buffer, from, to - from);
        }
        return to - from;
    }

    private boolean skipToDelimiter() throws IOException {
        copyPart(OutputStream.nullOutputStream(), Long.MAX_VALUE);
        return true;
    }

    private String readHeaders() throws IOException {
        var headers = new StringBuilder();
        // skip the CRLF after the boundary
        fill(2);
        start += 2;
        while (true) {
            fill(4);
            int found = indexOf("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start, end);
            if (found >= 0) {
                headers.append(new String(buffer, start, found - start, StandardCharsets.UTF_8));
                start = found + 4;
                return headers.toString();
            }
            if (end - start >= BUFFER) {
                throw new IOException("multipart part headers are too long");
            }
            if (!readMore()) {
                throw new IOException("multipart body ended inside part headers");
            }
        }
    }

    private void fill(int wanted) throws IOException {
        while (end - start < Math.max(wanted, BUFFER) && readMore()) {
            // keep reading
        }
    }

    private boolean readMore() throws IOException {
        if (start > 0 && (end == buffer.length || start > BUFFER)) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return false;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        end += n;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String param(String header, String name) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = p.substring(eq + 1).trim();
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    static Map<String, String> lowerCase(Map<String, String> fields) {
        Map<String, String> result = new LinkedHashMap<>();
        fields.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), v));
        return result;
    }

    @Override
    public String toString() {
        return "MultipartFormReader" + Arrays.toString(new int[]{start, end});
    }
}
