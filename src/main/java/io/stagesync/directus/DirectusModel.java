package io.stagesync.directus;

import java.util.List;
import java.util.Map;

/**
 * What a read or write of one Directus collection needs beyond the neutral {@code ModelSchema}: its primary key, its
 * timestamp and status fields, and how each relation is stored.
 *
 * @param collection   the collection (the neutral model name)
 * @param primaryKey   its primary key field
 * @param dateCreated  the field Directus sets on create, or null
 * @param dateUpdated  the field Directus sets on update, or null (then no watermark)
 * @param status       the configured status field when the collection has it, or null (then always published)
 * @param scalars      plain value fields
 * @param manyToOne    many-to-one fields: the related collection and its primary key
 * @param manyToMany   many-to-many alias fields: the junction and its two key fields
 * @param translations the translations alias field, or null
 * @param manyToAny    many-to-any alias fields: the junction, its collection and item fields, the allowed collections
 */
record DirectusModel(String collection, String primaryKey, String dateCreated, String dateUpdated, String status,
                     List<String> scalars, Map<String, Related> manyToOne, Map<String, Junction> manyToMany,
                     Translations translations, Map<String, AnyJunction> manyToAny) {

    /**
     * A many-to-any field through its junction: each row names a collection ({@code collectionField}) and an item key
     * of it ({@code item}); {@code members} are the allowed collections with their primary keys; {@code sort} is the
     * junction's sort field, or null.
     */
    record AnyJunction(String junction, String junctionKey, String toThis, String item, String collectionField,
                       Map<String, String> members, String sort) {
    }

    /** The other end of a many-to-one field. */
    record Related(String collection, String primaryKey) {
    }

    /**
     * A many-to-many field through its junction collection: {@code field { <toRelated> { <relatedKey> } }}.
     */
    record Junction(String junction, String toThis, String toRelated, String related, String relatedKey) {
    }

    /**
     * The translations pattern: {@code field { <language> { <languageKey> } <fields…> }}, one row per locale.
     */
    record Translations(String field, String collection, String toThis, String language, String languageCollection,
                        String languageKey, List<String> fields) {
    }
}
