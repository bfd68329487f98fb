package io.stagesync.sync;

import io.stagesync.dialect.Dialect;

import io.stagesync.dialect.ModelPlan;

import io.stagesync.sync.schema.SyncPlan;
import io.stagesync.state.SyncCheckpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one sync run while it runs: request, plan, the stages' dialects, counters, failures and warnings.
 * It travels through the routes as the exchange property {@code syncRun}.
 */
public final class SyncRun {

    static final int MAX_LISTED_WARNINGS = 200;

    private final String runId;
    private final SyncRequest request;
    private final SyncPlan plan;
    private final SyncSettings settings;
    private final Dialect source;
    private final Dialect target;
    private final SyncProgress progress;
    private final Map<String, SyncCheckpoint> resumeFrom;
    private final Map<String, ModelCounters> counters = new LinkedHashMap<>();
    private final List<EntryFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong warningCount = new AtomicLong();
    private final Map<String, Boolean> lookupNeeded = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> seenIds = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> keptTargets = new ConcurrentHashMap<>();
    private volatile Map<String, Object> mirror;
    private final Map<String, Map<String, EntryWork>> draftsOnTop = new ConcurrentHashMap<>();
    private final Map<String, String> phases = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String fatal;

    public SyncRun(String runId, SyncRequest request, SyncPlan plan, SyncSettings settings, Dialect source,
                   Dialect target, SyncProgress progress, Map<String, SyncCheckpoint> resumeFrom) {
        this.runId = runId;
        this.request = request;
        this.plan = plan;
        this.settings = settings;
        this.source = source;
        this.target = target;
        this.progress = progress == null ? SyncProgress.NONE : progress;
        this.resumeFrom = Map.copyOf(resumeFrom);
        plan.modelNames().forEach(m -> counters.put(m, new ModelCounters()));
        plan.warnings().forEach(this::warn);
    }

    public String runId() { return runId; }
    public SyncRequest request() { return request; }
    public SyncPlan plan() { return plan; }
    public SyncSettings settings() { return settings; }
    public Dialect source() { return source; }
    public Dialect target() { return target; }
    public SyncProgress progress() { return progress; }
    public String sourceStage() { return request.source(); }
    public String targetStage() { return request.target(); }
    public boolean planOnly() { return request.plan(); }
    public boolean full() { return request.full(); }

    public List<String> modelNames() {
        return plan.modelNames();
    }

    /** Reads source entries of a model by id (both versions), as many per request as the source allows. */
    public List<io.stagesync.dialect.SourceEntry> readSource(ModelPlan model, List<String> ids) {
        List<io.stagesync.dialect.SourceEntry> entries = new ArrayList<>();
        int chunk = source.maxIdsPerCall();
        for (int from = 0; from < ids.size(); from += chunk) {
            entries.addAll(source.readByIds(model, plan.locales(), ids.subList(from, Math.min(ids.size(), from + chunk))));
        }
        return entries;
    }

    public ModelPlan model(String name) {
        return plan.model(name).orElseThrow(() -> new IllegalArgumentException("Model " + name + " is not part of this run"));
    }

    public ModelCounters counters(String model) {
        return counters.computeIfAbsent(model, m -> new ModelCounters());
    }

    public Map<String, ModelCounters> allCounters() {
        return counters;
    }

    public SyncCheckpoint resumeFrom(String model) {
        return resumeFrom.get(model);
    }

    public void fail(EntryFailure failure) {
        failures.add(failure);
        ModelCounters c = counters.get(failure.model());
        if (c != null) {
            c.failed.incrementAndGet();
        }
        progress.log("WARN", "entries", "failed model=" + failure.model() + " sourceId=" + failure.sourceId() + " reason=" + failure.reason());
    }

    public List<EntryFailure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public void warn(String warning) {
        if (warningCount.incrementAndGet() <= MAX_LISTED_WARNINGS) {
            warnings.add(warning);
        }
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    public long warningCount() {
        return warningCount.get();
    }

    /** A failure that stops the run (stage unreachable, state store down), not tied to one entry. */
    public void fatal(String reason) {
        if (fatal == null) {
            fatal = reason;
        }
    }

    public String fatal() {
        return fatal;
    }

    /** False once the run failed for good or was cancelled: the phases stop at the next page. */
    public boolean running() {
        return fatal == null && !progress.cancelled();
    }

    public Map<String, Boolean> lookupNeeded() {
        return lookupNeeded;
    }

    /** Records how a phase ended: done, failed, or not run (and why). */
    public void phase(String name, String outcome) {
        phases.put(name, outcome);
    }

    /** Every phase of the run in order with how it ended. */
    public Map<String, String> phases() {
        synchronized (phases) {
            return new LinkedHashMap<>(phases);
        }
    }

    /** Entries written as published first whose draft goes on top after the publish phase, by source id. */
    public Map<String, EntryWork> draftsOnTop(String model) {
        return draftsOnTop.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    }

    public Set<String> seenIds(String model) {
        return seenIds.computeIfAbsent(model, m -> ConcurrentHashMap.newKeySet());
    }

    /** The target ids this run matched source entries to (mapped or found): a mirror keeps them. */
    public Set<String> keptTargets(String model) {
        return keptTargets.computeIfAbsent(model, m -> ConcurrentHashMap.newKeySet());
    }

    /** True when the run mirrors: the target's entries and assets whose source is gone are deleted (or listed). */
    public boolean mirror() {
        return Boolean.parseBoolean(request.options().getOrDefault(SyncRequest.MIRROR, "false"));
    }

    /** True when the run may delete (the user consented: {@code --yes}, or a job's {@code mirror: true}). */
    public boolean deleteConsent() {
        return Boolean.parseBoolean(request.options().getOrDefault(SyncRequest.DELETE_CONSENT, "false"));
    }

    /** What the mirror phase deleted or would delete, for the report; null when the run does not mirror. */
    public Map<String, Object> mirrorReport() {
        return mirror;
    }

    public void mirrorReport(Map<String, Object> report) {
        this.mirror = report;
    }
}
