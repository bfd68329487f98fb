package io.stagesync.dialect;

import java.util.List;
import java.util.Map;

/**
 * One source entry as read: its values in the default locale, the other locales' localized values, the ids of
 * the entries and assets it links to, and when it was published (null when it is not).
 */
public record SourceEntry(String id, String createdAt, String updatedAt, Map<String, Object> values,
                          Map<String, Map<String, Object>> localizations, Map<String, List<String>> links,
                          String publishedAt) {
}
