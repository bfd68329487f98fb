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
    /** Boyer-Moore-Horspool shifts for the delimiter: how far to move when a byte ends a mismatched window. */
    private final int[] shifts = new int[256];
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
        java.util.Arrays.fill(shifts, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shifts[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
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
        InputStream part = partStream();
        byte[] chunk = new byte[BUFFER];
        long total = 0;
        for (int n; (n = part.read(chunk)) >= 0; ) {
            if (total + n <= limit) {
                out.write(chunk, 0, n);
            } else if (total <= limit) {
                out.write(chunk, 0, (int) (limit - total));
            }
            total += n;
            if (total > limit) {
                return total;
            }
        }
        return total;
    }

    /**
     * The current part's bytes as a stream that ends at the part's closing delimiter (the reader then stands
     * at the next part). A body that ends inside the part fails the read.
     */
    public InputStream partStream() {
        return new InputStream() {
            /** Buffer positions below this are part data already known to precede the delimiter. */
            private int known = start;
            private boolean delimiterAtKnown;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (done) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                while (start >= known) {
                    if (delimiterAtKnown) {
                        start = known + delimiter.length;
                        done = true;
                        return -1;
                    }
                    scan();
                }
                int n = Math.min(len, known - start);
                System.arraycopy(buffer, start, b, off, n);
                start += n;
                return n;
            }

            /** Reads more and finds how far the part's data is known to go: to the delimiter, or to where it could begin. */
            private void scan() throws IOException {
                fill(delimiter.length + 2);
                int found = indexOfDelimiter(start, end);
                if (found >= 0) {
                    known = found;
                    delimiterAtKnown = true;
                } else if (eof) {
                    throw new IOException("multipart body ended inside a part (no closing boundary)");
                } else {
                    known = Math.max(start, end - delimiter.length);
                }
            }
        };
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

    /** Finds the delimiter in the buffer (Boyer-Moore-Horspool: file bytes are skipped a delimiter's length at a time). */
    private int indexOfDelimiter(int from, int to) {
        int last = delimiter.length - 1;
        for (int i = from; i <= to - delimiter.length; i += shifts[buffer[i + last] & 0xff]) {
            int j = last;
            while (j >= 0 && buffer[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
        }
        return -1;
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
