package io.stagesync.preflight;

import io.stagesync.config.EditDistance;

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
            int d = c.startsWith(lower) || lower.startsWith(c) ? Math.abs(c.length() - lower.length()) : EditDistance.between(lower, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }
}
