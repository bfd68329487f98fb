package io.stagesync.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A schema diff written to a file ({@code --out plan.json}) for a later apply: the changes, the target schema it was
 * made against and its hash, and a seal over the whole. Apply refuses a plan whose seal does not match (edited) or
 * whose target schema changed since (stale), naming what changed.
 *
 * @param secretVariables remote source prefix → the environment variable holding its client secret (never the secret)
 * @param prepared        what the target's CMS fixed for the apply when the plan was made ({@code SchemaAdmin.prepare}),
 *                        or null (then left out of the file, so plans without it keep their seal)
 */
public record SchemaPlan(int version, String from, String to, String createdAt, boolean base, String targetHash,
                         SchemaSnapshot targetSchema, SchemaSnapshot sourceSchema, SchemaDiffer.Options options,
                         List<SchemaChange> changes, List<String> renameCandidates,
                         List<String> warnings, Map<String, String> secretVariables,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> prepared, String seal) {

    public static final int VERSION = 1;

    /** A sealed plan. */
    public static SchemaPlan of(String from, String to, String createdAt, boolean base, SchemaSnapshot targetSchema,
                                SchemaSnapshot sourceSchema, SchemaDiffer.Options options, SchemaDiffer.Result result,
                                Map<String, String> secretVariables, Map<String, Object> prepared) {
        SchemaPlan unsealed = new SchemaPlan(VERSION, from, to, createdAt, base, targetSchema.hash(), targetSchema,
                sourceSchema, options, result.changes(), result.renameCandidates(), result.warnings(), secretVariables, prepared, null);
        return unsealed.withSeal(unsealed.computeSeal());
    }

    private SchemaPlan withSeal(String newSeal) {
        return new SchemaPlan(version, from, to, createdAt, base, targetHash, targetSchema, sourceSchema, options, changes,
                renameCandidates, warnings, secretVariables, prepared, newSeal);
    }

    private String computeSeal() {
        return SchemaSnapshot.sha256(withSealText());
    }

    private String withSealText() {
        try {
            return SchemaSnapshot.MAPPER.writeValueAsString(withSeal(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson() {
        try {
            return SchemaSnapshot.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, ".plan-", ".json");
        Files.writeString(temp, toJson());
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and checks a plan file; any problem is one line naming the file and what is wrong. */
    public static SchemaPlan read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan " + file + ": cannot read the file (" + e.getMessage() + ")");
        }
        SchemaPlan plan;
        try {
            plan = SchemaSnapshot.MAPPER.readValue(text, SchemaPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--plan " + file + ": not a schema plan (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); write one with: stagesync schema diff --from A --to B --out " + file);
        }
        if (plan == null || plan.version() != VERSION || plan.changes() == null || plan.targetSchema() == null
                || plan.sourceSchema() == null || plan.options() == null || plan.from() == null || plan.to() == null || plan.seal() == null) {
            throw new IllegalArgumentException("--plan " + file + ": not a schema plan of version " + VERSION
                    + " (from, to, changes, sourceSchema, targetSchema, options and seal are required)");
        }
        if (!plan.seal().equals(plan.computeSeal())) {
            throw new IllegalArgumentException("--plan " + file + ": the plan was changed after it was made (its seal does not "
                    + "match); make a new one with stagesync schema diff --from " + plan.from() + " --to " + plan.to() + " --out " + file);
        }
        return plan;
    }

    /** What differs between the plan's target schema and the target's schema now (empty when they are the same). */
    public List<String> staleness(SchemaSnapshot now) {
        if (targetHash.equals(now.hash())) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        if (!targetSchema.locales().equals(now.locales())) {
            changed.add("locales " + targetSchema.locales() + " → " + now.locales());
        }
        for (String e : union(targetSchema.enums().keySet(), now.enums().keySet())) {
            if (!Objects.equals(targetSchema.enums().get(e), now.enums().get(e))) {
                changed.add("enumeration " + e);
            }
        }
        changedParents("model", targetSchema.models(), now.models(), changed);
        changedParents("component", targetSchema.components(), now.components(), changed);
        for (String r : union(targetSchema.remoteSources().keySet(), now.remoteSources().keySet())) {
            if (!Objects.equals(targetSchema.remoteSources().get(r), now.remoteSources().get(r))) {
                changed.add("remote source " + r);
            }
        }
        for (String st : union(targetSchema.stages().keySet(), now.stages().keySet())) {
            if (!Objects.equals(targetSchema.stages().get(st), now.stages().get(st))) {
                changed.add("stage " + st);
            }
        }
        for (String st : union(targetSchema.settings().keySet(), now.settings().keySet())) {
            Map<String, Object> was = targetSchema.settings().get(st);
            Map<String, Object> is = now.settings().get(st);
            if (!Objects.equals(was, is) && !(was == null || is == null)
                    || (was == null) != (is == null) && !SchemaDiffer.comesWith(targetSchema, now, (String) (was == null ? is : was)
                    .get(io.stagesync.dialect.SchemaAdmin.OF))) {
                changed.add("setting " + st);
            }
        }
        return changed.isEmpty() ? List.of("the schema") : changed;
    }

    private static void changedParents(String kind, Map<String, SchemaSnapshot.Model> then, Map<String, SchemaSnapshot.Model> now,
                                       List<String> changed) {
        for (String m : union(then.keySet(), now.keySet())) {
            SchemaSnapshot.Model was = then.get(m);
            SchemaSnapshot.Model is = now.get(m);
            if (was == null || is == null) {
                changed.add(kind + " " + m + (was == null ? " added" : " removed"));
                continue;
            }
            for (String f : union(was.fields().keySet(), is.fields().keySet())) {
                if (!Objects.equals(was.fields().get(f), is.fields().get(f))) {
                    changed.add(m + "." + f + (was.fields().get(f) == null ? " added" : is.fields().get(f) == null ? " removed" : " changed"));
                }
            }
        }
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
