package io.stagesync.dialect;

/**
 * One page to read: after {@code cursor} (null = from the start), entries changed after {@code watermark} only
 * (null = all), at most {@code first} entries, in the given content state.
 */
public record PageRequest(String cursor, String watermark, int first, ContentState state) {
}
