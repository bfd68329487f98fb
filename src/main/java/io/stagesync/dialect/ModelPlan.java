package io.stagesync.dialect;

import java.util.List;

/**
 * How one model is synced: the fields written, reverse relation fields left to their other side, and the
 * keys used to find an existing target entry.
 *
 * @param model          the model as the source defines it
 * @param target         the model as the target defines it
 * @param written        the fields the engine writes (scalars, enums, assets and owned relation sides)
 * @param reverseFields  two-way relation fields written from their other side (kept in step by the stage)
 * @param sourceIdField  a unique field holding the source id in the target (crash-safe matching), or null
 * @param matchField     the configured unique business key ({@code stagesync.match.<Model>}), or null
 */
public record ModelPlan(ModelSchema model, ModelSchema target, List<FieldSchema> written, List<String> reverseFields,
                        String sourceIdField, String matchField) {

    public String name() {
        return model.name();
    }

    public List<FieldSchema> links() {
        return written.stream().filter(FieldSchema::isLink).toList();
    }

    public List<FieldSchema> values() {
        return written.stream().filter(f -> !f.isLink()).toList();
    }
}
