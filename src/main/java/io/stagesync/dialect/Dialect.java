package io.stagesync.dialect;

import java.util.List;
import java.util.Optional;

/**
 * Everything the sync phases need from one stage of a CMS, in CMS-neutral terms: its schema, pages of entries,
 * look-ups of target entries, batch writes with one outcome per item, relations, and publish state. One instance
 * serves one stage; its query language and names stay inside the implementation.
 */
public interface Dialect {

    /** The stage this dialect talks to. */
    String stage();

    /**
     * A cheap authenticated read that changes nothing: returns when the stage answers and accepts its token, else
     * throws a {@link StageRequestException} (status 401/403 when the token was refused).
     */
    void probe();

    /** The stage's models, fields, relations, enumerations, locales and components. */
    StageSchema describe();

    /** One page of a model's entries after {@code request.cursor()}, in the requested content state. */
    SourcePage readPage(ModelPlan plan, List<String> locales, PageRequest request);

    /** The entries with these ids (at most {@link #maxIdsPerCall()}), read as {@link #readPage} reads them. */
    List<SourceEntry> readByIds(ModelPlan plan, List<String> locales, List<String> ids);

    /** How many ids one look-up, read by ids or publish call may carry. */
    int maxIdsPerCall();

    /** The number of the model's entries in the stage. */
    long count(ModelPlan plan, List<String> locales);

    /** Finds entries by id, by the stored source id and by the business key (each only when the plan has it). */
    TargetMatches lookup(ModelPlan plan, List<String> locales, List<LookupKey> keys);

    /**
     * Writes a batch of creates and updates as one request. When the request may have been applied although no answer
     * came back, {@code resend} is asked what to send instead before it is repeated.
     */
    BatchOutcome write(ModelPlan plan, List<EntryWrite> writes, Resend resend);

    /** Sets the given link fields (target ids by field) of existing entries; a write of updates with links only. */
    default BatchOutcome setRelations(ModelPlan plan, List<EntryWrite> links) {
        return write(plan, links, Resend.AS_IS);
    }

    /** Publishes (or unpublishes) the entries with these target ids; the reason when the stage refused, else empty. */
    Optional<String> publish(ModelPlan plan, List<String> targetIds, boolean publish, List<String> locales);

    /**
     * Deletes the entries with these target ids (at most {@link #maxIdsPerCall()}) from every content state; the reason
     * when the stage refused, else empty. An id the stage no longer has is no error. Only called when {@link #deletes()}.
     */
    default Optional<String> delete(ModelPlan plan, List<String> targetIds) {
        return Optional.of("stage " + stage() + " cannot delete entries");
    }

    /** True when {@link #delete} is implemented for this stage (mirror mode needs it). */
    default boolean deletes() {
        return false;
    }

    /** What a repeated write sends instead of its first version (creates the stage already applied become updates). */
    @FunctionalInterface
    interface Resend {
        Resend AS_IS = writes -> writes;

        List<EntryWrite> before(List<EntryWrite> writes);
    }

    /**
     * The stage's pending scheduled publish and unpublish operations (empty where the CMS schedules nothing), which a
     * sync reports instead of copying.
     */
    default List<ScheduledChange> pendingSchedules() {
        return List.of();
    }

    /** A run starts: what an earlier run learnt of the stage's health (an open circuit breaker) is forgotten. */
    default void runStarting() {
    }
}
