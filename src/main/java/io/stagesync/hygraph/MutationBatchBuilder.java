package io.stagesync.hygraph;


import io.stagesync.dialect.EntryWrite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one request of aliased mutations ({@code m0: createHotel(...) m1: updateHotel(...)}) with typed
 * variables, so no value is ever spliced into the document text.
 */
public final class MutationBatchBuilder {

    /** A batch document and its variables; alias {@code m<i>} is write {@code i}. */
    public record Batch(String query, Map<String, Object> variables) {
    }

    /** Write {@code i} creates or updates with input {@code data.get(i)}. */
    public Batch build(String model, List<EntryWrite> writes, List<Map<String, Object>> data) {
        StringBuilder head = new StringBuilder("mutation Write").append(model).append('(');
        StringBuilder body = new StringBuilder();
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            EntryWrite w = writes.get(i);
            if (w.create()) {
                appendCreate(head, body, vars, model, i, data.get(i), "id");
            } else {
                head.append(i > 0 ? ", " : "").append("$w").append(i).append(": ").append(model).append("WhereUniqueInput!, $d").append(i)
                        .append(": ").append(model).append("UpdateInput!");
                body.append("  m").append(i).append(": update").append(model).append("(where: $w").append(i)
                        .append(", data: $d").append(i).append(") { id }\n");
                vars.put("w" + i, Map.of("id", w.targetId()));
                vars.put("d" + i, data.get(i));
            }
        }
        return new Batch(head.append(") {\n").append(body).append("}\n").toString(), vars);
    }

    /** Creates only: alias {@code m<i>} creates {@code data.get(i)} and selects {@code selection}. */
    public Batch creates(String model, List<Map<String, Object>> data, String selection) {
        StringBuilder head = new StringBuilder("mutation Create").append(model).append('(');
        StringBuilder body = new StringBuilder();
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            appendCreate(head, body, vars, model, i, data.get(i), selection);
        }
        return new Batch(head.append(") {\n").append(body).append("}\n").toString(), vars);
    }

    private static void appendCreate(StringBuilder head, StringBuilder body, Map<String, Object> vars, String model, int i,
                                     Map<String, Object> data, String selection) {
        head.append(i > 0 ? ", " : "").append("$d").append(i).append(": ").append(model).append("CreateInput!");
        body.append("  m").append(i).append(": create").append(model).append("(data: $d").append(i).append(") { ")
                .append(selection).append(" }\n");
        vars.put("d" + i, data);
    }
}
