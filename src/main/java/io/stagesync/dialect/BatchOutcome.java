package io.stagesync.dialect;

import java.util.List;

/**
 * The answer to one batch write: either the stage refused the request as a whole ({@code refused} holds why), or each
 * write that was sent has its outcome, in order.
 */
public record BatchOutcome(String refused, List<Item> items) {

    /** One write: the target id it got, or why it failed. */
    public record Item(EntryWrite write, String targetId, String error) {
        public boolean ok() {
            return error == null && targetId != null;
        }
    }

    public static BatchOutcome refused(String reason) {
        return new BatchOutcome(reason, List.of());
    }
}
