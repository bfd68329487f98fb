package io.stagesync.dialect;

/** The keys of one source entry to look for in the target: its id, the stored source id, the business key value. */
public record LookupKey(String sourceId, String storedSourceId, String matchValue) {
}
