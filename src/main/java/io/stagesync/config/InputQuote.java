package io.stagesync.config;

/**
 * Quotes untrusted input (a request body, a dropped file, a parser's message about it) in an error message, a log
 * line or an HTTP answer: at most {@link #MAX} characters of it, then how many were left out.
 */
public final class InputQuote {

    /** The most characters of its input that any message repeats. */
    public static final int MAX = 200;

    private InputQuote() {
    }

    /** {@code value} as text, cut to {@link #MAX} characters with "… (N more characters)" after it. */
    public static String of(Object value) {
        return of(value, MAX);
    }

    /** {@code value} as text, cut to {@code max} characters. */
    public static String of(Object value, int max) {
        String text = String.valueOf(value);
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
    }
}
