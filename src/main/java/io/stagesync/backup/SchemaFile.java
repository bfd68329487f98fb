package io.stagesync.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.dialect.StageSchema;
import io.stagesync.schema.SchemaSnapshot;

/**
 * A snapshot's {@code schema.json}: the stage's schema as its dialect describes it (what a restore reads entries
 * with) and in the schema diff's canonical form with field ids and plurals (what a restore applies to its target).
 */
public record SchemaFile(StageSchema describe, SchemaSnapshot snapshot) {

    public String toJson() {
        try {
            ObjectNode root = Manifest.JSON.createObjectNode();
            root.set("describe", Manifest.JSON.valueToTree(describe));
            root.set("snapshot", Manifest.JSON.readTree(snapshot.toJson()));
            return Manifest.JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SchemaFile fromJson(String json) {
        try {
            JsonNode root = Manifest.JSON.readTree(json);
            return new SchemaFile(Manifest.JSON.treeToValue(root.get("describe"), StageSchema.class),
                    SchemaSnapshot.fromJson(root.get("snapshot").toString()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable schema file: " + e.getMessage());
        }
    }
}
