package io.stagesync.schema;

import io.stagesync.dialect.SchemaEdit;

/**
 * One line of a schema plan: the change, what it does to the target's content, and whether apply makes it.
 *
 * @param edit   the change in neutral terms
 * @param impact target entries concerned: values the change drops, or entries lacking a value a required field needs
 * @param status {@code apply}, {@code held-back} (a deletion without --allow-deletes, a required field without a
 *               migration value, a target-only element without a base), {@code kept} (changed only in the target since
 *               the base) or {@code conflict} (changed on both sides in different ways)
 * @param note   why, for anything but a plain {@code apply}
 */
public record SchemaChange(SchemaEdit edit, long impact, String status, String note) {
    public static final String APPLY = "apply";
    public static final String HELD_BACK = "held-back";
    public static final String KEPT = "kept";
    public static final String CONFLICT = "conflict";

    /** {@code Model.field}, {@code Model}, or the enumeration, locale or remote source the change is about. */
    public String element() {
        return edit.field() == null ? edit.model() : edit.model() + "." + edit.field();
    }

    SchemaChange with(String newStatus, String newNote) {
        return new SchemaChange(edit, impact, newStatus, newNote);
    }
}
