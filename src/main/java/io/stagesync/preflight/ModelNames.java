package io.stagesync.preflight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Matches model names a user gave ({@code --models hotel}) to a stage's models, ignoring case, and names the
 * closest model when one is unknown.
 */
public final class ModelNames {

    private ModelNames() {
    }

    /**
     * The stage's spelling of each requested name, in the order given. {@code where} names the option in the message
     * of the {@link PreflightException} thrown for an unknown name ({@code --models}, {@code options.models}).
     */
    public static List<String> resolve(List<String> requested, Collection<String> available, String where) {
        List<String> resolved = new ArrayList<>();
        for (String name : requested) {
            String wanted = name.strip();
            String match = available.stream().filter(m -> m.equalsIgnoreCase(wanted)).findFirst().orElse(null);
            if (match == null) {
                String closest = closest(wanted, available);
                throw new PreflightException(where, "unknown model '" + wanted + "' in " + where
                        + (closest == null ? "" : "; did you mean '" + closest + "'?")
                        + " (models of the source: " + String.join(", ", new TreeSet<>(available)) + ")");
            }
            if (!resolved.contains(match)) {
                resolved.add(match);
            }
        }
        return resolved;
    }

    /** The available name with the smallest edit distance, if it is close enough to be a likely typo. */
    static String closest(String name, Collection<String> available) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : available) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = c.startsWith(lower) || lower.startsWith(c) ? Math.abs(c.length() - lower.length()) : distance(lower, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
