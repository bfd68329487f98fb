package io.stagesync.devstage.graphql;

import io.stagesync.devstage.store.Document;

import java.util.List;

/**
 * A document as one GraphQL object: its stage, the locale it resolved to, and the requested locale fallback list
 * that nested relation fields inherit.
 */
record EntryView(Document doc, String stage, String locale, List<String> locales) {

    /** The value of a field in this view's locale (localized) or the base value. */
    Object value(String field, boolean localized) {
        if (localized) {
            var values = doc.localized.get(locale);
            return values == null ? null : values.get(field);
        }
        return doc.values.get(field);
    }
}
