package io.stagesync.dialect;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schema changes of a stage in neutral terms: what the stage adds to its {@link StageSchema} description for a
 * schema diff (field ids, remote sources), and submitting ordered changes as one all-or-nothing batch.
 */
public interface SchemaAdmin {

    /**
     * The key of a setting's value that names what the setting comes and goes with: a model, a field
     * ({@code Model.field}) or another setting of the stage.
     */
    String OF = "of";

    /**
     * What a schema diff needs beyond {@link Dialect#describe()}.
     *
     * @param fieldIds      {@code Model.field} → the stage's id of the field (a field deleted and created again gets a new id)
     * @param plurals       model → its plural name
     * @param remoteSources remote source prefix → its settings, without any secret
     * @param stages        custom content stage apiId → its settings ({@code displayName}, {@code color}); the
     *                      built-in stages (draft, published) are not listed
     * @param settings      the stage's own settings that the neutral description does not compare, by element name
     *                      (a project setting, say); they are merged three-way like the rest, and applied by the stage's
     *                      CMS ({@code add-setting}, {@code change-setting}, {@code remove-setting}); a setting
     *                      whose value names an element ({@link #OF}) is not listed as added or removed when that
     *                      element is (the element's change carries it)
     */
    record Extras(Map<String, String> fieldIds, Map<String, String> plurals, Map<String, Map<String, Object>> remoteSources,
                  Map<String, Map<String, Object>> stages, Map<String, Map<String, Object>> settings) {
        public static final Extras NONE = new Extras(Map.of(), Map.of(), Map.of());

        public Extras {
            stages = stages == null ? Map.of() : stages;
            settings = settings == null ? Map.of() : settings;
        }

        /** Extras of a stage without settings of its own. */
        public Extras(Map<String, String> fieldIds, Map<String, String> plurals, Map<String, Map<String, Object>> remoteSources,
                      Map<String, Map<String, Object>> stages) {
            this(fieldIds, plurals, remoteSources, stages, Map.of());
        }

        /** Extras of a stage without custom content stages. */
        public Extras(Map<String, String> fieldIds, Map<String, String> plurals, Map<String, Map<String, Object>> remoteSources) {
            this(fieldIds, plurals, remoteSources, Map.of());
        }
    }

    /** The final state of a submitted batch: {@code SUCCESS}, {@code FAILED} (with the stage's errors) or {@code TIMEOUT}. */
    record Outcome(String id, String status, String errors) {
        public boolean succeeded() {
            return "SUCCESS".equals(status);
        }
    }

    Extras extras(String stage);

    /**
     * Submits the changes as one batch and waits for its end, at most {@code timeoutMs}.
     *
     * @param secrets remote source prefix → client secret to put into that source's settings
     */
    Outcome apply(String stage, List<SchemaEdit> changes, Map<String, String> secrets, long timeoutMs);

    /**
     * What the target's CMS fixes for a later apply when a plan is made, beyond the neutral changes (for a CMS that
     * applies its own diff: that diff and the target's schema hash); null when it needs nothing. It is sealed into the
     * plan. A {@code warnings} entry (a list of texts) is shown with the plan's warnings.
     */
    default Map<String, Object> prepare(String from, String to) {
        return null;
    }

    /**
     * The plan's side of an apply.
     *
     * @param prepared     what {@link #prepare} gave when the plan was made, or null
     * @param notApplied   the elements ({@code Model}, {@code Model.field}) of the plan's changes that are not applied:
     *                     held back, kept or in conflict; nothing of theirs may change
     * @param allowDeletes whether deletions were consented to
     */
    record Context(Map<String, Object> prepared, Set<String> notApplied, boolean allowDeletes) {
    }

    /** Applies with the plan's side (a CMS that applies its own diff needs it); by default the neutral changes alone. */
    default Outcome apply(String stage, List<SchemaEdit> changes, Context context, Map<String, String> secrets, long timeoutMs) {
        return apply(stage, changes, secrets, timeoutMs);
    }
}
