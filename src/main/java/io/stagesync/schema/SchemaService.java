package io.stagesync.schema;

import io.stagesync.config.StageConfig;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialect;
import io.stagesync.dialect.Dialects;
import io.stagesync.dialect.SchemaAdmin;
import io.stagesync.dialect.SchemaEdit;
import io.stagesync.dialect.StageSchema;
import io.stagesync.state.SchemaBaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Schema diff and apply between two stages: describes both through their dialects, merges against the pair's
 * stored base, counts the content impact in the target, seals plans, submits the changes and stores the new base.
 */
public final class SchemaService {
    private static final Logger log = LoggerFactory.getLogger(SchemaService.class);

    private final StageRegistry stages;
    private final Dialects dialects;
    private final SchemaBaseStore bases;

    /** The outcome of an apply: SUCCESS, FAILED (with the stage's errors) or NOTHING (no change to make). */
    public record ApplyResult(String status, String errors, List<SchemaChange> applied, List<SchemaChange> notApplied,
                              List<String> warnings) {
        public boolean succeeded() {
            return !"FAILED".equals(status) && !"TIMEOUT".equals(status);
        }
    }

    public SchemaService(StageRegistry stages, Dialects dialects, SchemaBaseStore bases) {
        this.stages = stages;
        this.dialects = dialects;
        this.bases = bases;
    }

    /** The schema of a stage in canonical form, with the extras its dialect gives (field ids, plurals, remote sources). */
    public SchemaSnapshot snapshot(String stage) {
        return SchemaSnapshot.of(dialects.forStage(stage).describe(), extras(stage));
    }

    /**
     * The extras, or none when the stage's schema administration cannot be reached: the diff still works, without
     * field ids (a field deleted and created again is then not told apart) and remote sources.
     */
    private SchemaAdmin.Extras extras(String stage) {
        try {
            return dialects.schemaAdmin().extras(stage);
        } catch (UnsupportedOperationException e) {
            return SchemaAdmin.Extras.NONE;
        } catch (RuntimeException e) {
            log.warn("Schema extras not read, diff without field ids and remote sources stage={} reason={}", stage, e.getMessage());
            return SchemaAdmin.Extras.NONE;
        }
    }

    /** The {@code schema-diff} route's step: the sealed plan of a request's stage pair. */
    public SchemaPlan diff(SchemaRequest request) {
        return diff(request.from(), request.to(), request.options());
    }

    /** The {@code schema-apply} route's step: applies the request's plan file, or a plan made now for its stage pair. */
    public ApplyResult apply(SchemaRequest request) {
        SchemaPlan plan = request.plan() != null ? SchemaPlan.read(request.plan())
                : diff(request.from(), request.to(), SchemaDiffer.Options.NONE);
        return apply(plan, request.options(), request.timeoutMs(), System::getenv);
    }

    /** Diffs {@code from} (source) into {@code to} (target) and returns the sealed plan. */
    public SchemaPlan diff(String from, String to, SchemaDiffer.Options options) {
        checkPair(from, to, false);
        SchemaSnapshot source = snapshot(from);
        SchemaSnapshot target = snapshot(to);
        return plan(from, to, source, target, options, dialects.schemaAdmin().prepare(from, to));
    }

    private SchemaPlan plan(String from, String to, SchemaSnapshot source, SchemaSnapshot target, SchemaDiffer.Options options,
                            Map<String, Object> prepared) {
        Dialect targetDialect = dialects.forStage(to);
        StageSchema targetSchema = targetDialect.describe();
        SchemaSnapshot[] base = base(from, to);
        SchemaDiffer.Result result = SchemaDiffer.diff(source, target, base, options, new ContentImpact(targetDialect, targetSchema));
        Map<String, String> secrets = new TreeMap<>();
        for (SchemaChange c : result.changes()) {
            if (c.edit().action().equals("add-remote-source") || c.edit().action().equals("change-remote-source")) {
                secrets.put(c.edit().model(), "STAGESYNC_REMOTE_SECRET_" + c.edit().model().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
        }
        if (prepared != null && prepared.get("warnings") instanceof List<?> more && !more.isEmpty()) {
            List<String> warnings = new ArrayList<>(result.warnings());
            more.forEach(w -> warnings.add(String.valueOf(w)));
            result = new SchemaDiffer.Result(result.changes(), result.renameCandidates(), warnings);
        }
        return SchemaPlan.of(from, to, Instant.now().toString(), base != null, target, source, options, result, secrets, prepared);
    }

    private SchemaSnapshot[] base(String from, String to) {
        return bases.load(from, to).map(b -> {
            try {
                return new SchemaSnapshot[] {SchemaSnapshot.fromJson(b.sourceSchema()), SchemaSnapshot.fromJson(b.targetSchema())};
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                log.warn("Stored schema base is unreadable and ignored source={} target={} reason={}", from, to, e.getOriginalMessage());
                return null;
            }
        }).orElse(null);
    }

    /**
     * Applies a plan (made now from {@code --from/--to}, or read from a file) with the apply's own options added:
     * refuses a stale plan naming what changed, conflicts, and missing secrets; submits the changes to apply, waits
     * at most {@code timeoutMs}, and stores the new base after a success.
     *
     * @param environment reads the environment variables named in the plan (remote source secrets)
     */
    public ApplyResult apply(SchemaPlan plan, SchemaDiffer.Options extra, long timeoutMs, UnaryOperator<String> environment) {
        checkPair(plan.from(), plan.to(), true);
        SchemaSnapshot now = snapshot(plan.to());
        List<String> stale = plan.staleness(now);
        if (!stale.isEmpty()) {
            throw new IllegalArgumentException("Stage " + plan.to() + " changed since the plan was made (" + String.join(", ", stale)
                    + "); make a new plan with: stagesync schema diff --from " + plan.from() + " --to " + plan.to());
        }
        SchemaDiffer.Options options = merge(plan.options(), extra);
        SchemaPlan current = plan(plan.from(), plan.to(), plan.sourceSchema(), now, options, plan.prepared());
        List<SchemaChange> conflicts = current.changes().stream().filter(c -> c.status().equals(SchemaChange.CONFLICT)).toList();
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException(conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
                    + " stop the apply (changed in both stages since the base): "
                    + conflicts.stream().map(SchemaChange::element).toList() + "; nothing was applied");
        }
        List<SchemaChange> toApply = current.changes().stream().filter(c -> c.status().equals(SchemaChange.APPLY)).toList();
        List<SchemaChange> rest = current.changes().stream().filter(c -> !c.status().equals(SchemaChange.APPLY)).toList();
        Map<String, String> secrets = new HashMap<>();
        for (SchemaChange c : toApply) {
            String variable = current.secretVariables().get(c.edit().model());
            if (variable != null) {
                String value = environment.apply(variable);
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException("Remote source " + c.edit().model() + " needs its client secret in the "
                            + "environment variable " + variable + "; nothing was applied");
                }
                secrets.put(c.edit().model(), value);
            }
        }
        if (toApply.isEmpty() && plan.prepared() == null) {
            recordBase(plan.from(), plan.to());
            return new ApplyResult("NOTHING", null, List.of(), rest, current.warnings());
        }
        List<SchemaEdit> edits = toApply.stream().map(SchemaChange::edit).toList();
        java.util.Set<String> notApplied = new java.util.TreeSet<>(rest.stream().map(SchemaChange::element).toList());
        SchemaAdmin.Outcome outcome = dialects.schemaAdmin().apply(plan.to(), edits,
                new SchemaAdmin.Context(plan.prepared(), notApplied, options.allowDeletes()), secrets, timeoutMs);
        log.info("Schema apply finished source={} target={} changes={} status={}", plan.from(), plan.to(), edits.size(), outcome.status());
        if (outcome.succeeded() || "NOTHING".equals(outcome.status())) {
            recordBase(plan.from(), plan.to());
        }
        return new ApplyResult(outcome.status(), outcome.errors(), toApply, rest, current.warnings());
    }

    /** Stores both stages' schemas as the pair's base (after a successful sync or apply). */
    public void recordBase(String from, String to) {
        SchemaSnapshot[] next = BaseMerge.next(snapshot(from), snapshot(to), base(from, to));
        bases.save(from, to, next[0].toJson(), next[1].toJson());
    }

    private static SchemaDiffer.Options merge(SchemaDiffer.Options a, SchemaDiffer.Options b) {
        Map<String, String> renames = new LinkedHashMap<>(a.renames());
        renames.putAll(b.renames());
        Map<String, String> values = new LinkedHashMap<>(a.migrationValues());
        values.putAll(b.migrationValues());
        return new SchemaDiffer.Options(a.allowDeletes() || b.allowDeletes(), renames, values);
    }

    /** Both stages known and different; for an apply also the target's protected and parent rules, as for sync. */
    private void checkPair(String from, String to, boolean write) {
        if (!io.stagesync.dialect.BackupStages.is(from)) {
            stages.get(from);
        }
        StageConfig target = stages.get(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to are the same stage: " + from);
        }
        if (!write) {
            return;
        }
        if (target.protectedStage()) {
            throw new IllegalArgumentException("Stage " + to + " is protected (stagesync.stages." + to
                    + ".protected=true) and never receives schema changes");
        }
        if (!io.stagesync.dialect.BackupStages.mayFeed(from, to, target.parent())) {
            throw new IllegalArgumentException("Stage " + to + " takes changes only from its parent " + target.parent()
                    + " (stagesync.stages." + to + ".parent), not from " + from);
        }
    }

    /** Rows for the table view: action, element, impact, status, note. */
    public static List<String[]> rows(List<SchemaChange> changes) {
        List<String[]> rows = new ArrayList<>();
        for (SchemaChange c : changes) {
            String element = c.edit().action().equals("rename-field") ? c.element() + " → " + c.edit().newName() : c.element();
            rows.add(new String[] {c.edit().action(), element, String.valueOf(c.impact()), c.status(), c.note() == null ? "" : c.note()});
        }
        return rows;
    }
}
