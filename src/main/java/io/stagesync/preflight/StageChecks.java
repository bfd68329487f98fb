package io.stagesync.preflight;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.StageRequestException;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only checks of a stage made before a run writes anything: it is configured, has a token, accepts it,
 * and which models it has.
 */
public final class StageChecks {

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z_][A-Za-z0-9_]*)");

    private final StageRegistry stages;
    private final Dialects dialects;
    private final UnaryOperator<String> tokenVariable;

    /** {@code tokenVariable} gives, for a stage name, the environment variable its token comes from. */
    public StageChecks(StageRegistry stages, Dialects dialects, UnaryOperator<String> tokenVariable) {
        this.stages = stages;
        this.dialects = dialects;
        this.tokenVariable = tokenVariable;
    }

    /**
     * The environment variable a token key reads: the one its {@code {{env:NAME}}} placeholder names, else the
     * variable that overrides the key ({@code STAGESYNC_STAGES_<STAGE>_TOKEN}). The value itself is never returned.
     */
    public static String tokenVariable(String stage, String rawValue) {
        Matcher m = rawValue == null ? null : ENV_PLACEHOLDER.matcher(rawValue);
        if (m != null && m.find()) {
            return m.group(1);
        }
        return ("stagesync.stages." + stage + ".token").toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Throws a {@link PreflightException} unless the stage is configured, has a token and accepts it. */
    public void checkAccess(String stage) {
        StageConfig config = stages.get(stage);
        if (config.token() == null || config.token().isBlank()) {
            throw new PreflightException(stage, "stage '" + stage + "' has no token: set the environment variable "
                    + tokenVariable.apply(stage) + " (key stagesync.stages." + stage + ".token)");
        }
        call(stage, () -> {
            dialects.forStage(stage).probe();
            return null;
        });
    }

    /** The stage's models, by name. */
    public List<String> models(String stage) {
        return call(stage, () -> List.copyOf(dialects.forStage(stage).describe().models().keySet()));
    }

    private <T> T call(String stage, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (StageRequestException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new PreflightException(stage, "stage '" + stage + "' refused its token (HTTP " + e.status()
                        + "): check the environment variable " + tokenVariable.apply(stage) + " (key stagesync.stages." + stage + ".token)");
            }
            throw new PreflightException(stage, e.getMessage());
        }
    }
}
