package io.stagesync.hygraph;

import io.stagesync.dialect.FieldSchema;

import java.util.List;
import java.util.Map;

/**
 * The GraphQL selection of each field kind: values, structured values ({@code location { latitude longitude }},
 * {@code color { rgba { r g b a } }}, {@code body { raw }}), links' ids, union members and components through
 * {@code __typename} and fragments. Fields inside a component fragment are aliased {@code <Component>__<field>}, so
 * members of a modular field may share field names with other types. Components nest up to {@link #MAX_DEPTH}
 * levels; below that only {@code __typename} is read, so content that deep is noticed and reported.
 */
final class FieldSelections {
    static final int NESTED_FIRST = 100;
    static final int MAX_DEPTH = 6;
    static final String SEPARATOR = "__";
    static final String LOCALIZATIONS = "localizations";

    private final Map<String, List<FieldSchema>> components;
    private final String locales;

    FieldSelections(Map<String, List<FieldSchema>> components, String locales) {
        this.components = components;
        this.locales = locales;
    }

    /** The selection of one field (name, arguments, sub-selection), aliased when {@code alias} is given. */
    String field(FieldSchema f, String alias, int depth) {
        String head = (alias == null ? "" : alias + ": ") + f.name();
        String page = f.list() ? "(first: " + NESTED_FIRST + ")" : "";
        return switch (f.kind()) {
            case LOCATION -> head + " { latitude longitude }";
            case COLOR -> head + " { rgba { r g b a } }";
            case RICHTEXT -> head + " { raw }";
            case RELATION, ASSET -> head + page + " { id }";
            case UNION -> head + page + " { __typename" + members(f.members(), " id") + " }";
            case COMPONENT -> head + page + " { __typename" + (depth >= MAX_DEPTH ? "" : componentFragments(f.members(), depth + 1)) + " }";
            default -> head;
        };
    }

    /** The rest of a list field from {@code skip} on: the same sub-selection with other paging. */
    String more(FieldSchema f, String skip) {
        return field(f, null, 0).replaceFirst("\\(first: " + NESTED_FIRST + "\\)", java.util.regex.Matcher.quoteReplacement("(first: " + NESTED_FIRST + ", skip: " + skip + ")"));
    }

    private static String members(List<String> types, String selection) {
        StringBuilder q = new StringBuilder();
        types.forEach(t -> q.append(" ... on ").append(t).append(" {").append(selection).append(" }"));
        return q.toString();
    }

    private String componentFragments(List<String> types, int depth) {
        StringBuilder q = new StringBuilder();
        for (String t : types) {
            // the component's id, to read the rest of a long list inside it
            q.append(" ... on ").append(t).append(" { ").append(t).append(SEPARATOR).append("id: id");
            List<FieldSchema> fields = components.getOrDefault(t, List.of());
            for (FieldSchema f : fields) {
                q.append(' ').append(field(f, t + SEPARATOR + f.name(), depth));
            }
            List<FieldSchema> localized = fields.stream().filter(FieldSchema::localized).toList();
            if (!localized.isEmpty()) {
                q.append(' ').append(t).append(SEPARATOR).append(LOCALIZATIONS).append(": localizations(locales: ").append(locales)
                        .append(", includeCurrent: true) { locale");
                localized.forEach(f -> q.append(' ').append(field(f, null, depth)));
                q.append(" }");
            }
            q.append(" }");
        }
        return q.toString();
    }
}
