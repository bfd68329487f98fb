package io.stagesync.dialect;

import java.util.List;
import java.util.Map;

/**
 * One source entry as read: its values in the default locale, the other locales' localized values, the ids of
 * the entries and assets it links to, when it was published (null when it is not), and its published version
 * (values, localizations and links as published; null when it is not published or the stage did not read it).
 */
public record SourceEntry(String id, String createdAt, String updatedAt, Map<String, Object> values,
                          Map<String, Map<String, Object>> localizations, Map<String, List<String>> links,
                          String publishedAt, SourceEntry published) {

    /** An entry read without its published version. */
    public SourceEntry(String id, String createdAt, String updatedAt, Map<String, Object> values,
                       Map<String, Map<String, Object>> localizations, Map<String, List<String>> links, String publishedAt) {
        this(id, createdAt, updatedAt, values, localizations, links, publishedAt, null);
    }
}
