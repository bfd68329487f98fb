package io.stagesync.hygraph;

import io.stagesync.dialect.ModelPlan;
import io.stagesync.dialect.FieldSchema;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the GraphQL read documents of a model from the introspected schema: the paged source read (or the
 * user's override {@code <documentsDir>/<Model>.graphql}), the target look-up by keys, and the entry count.
 */
public final class ReadDocumentBuilder {

    /** Nested relation lists are paged like top-level lists; 100 is the stage's maximum page. */
    static final int NESTED_FIRST = FieldSelections.NESTED_FIRST;

    private final Path documentsDir;

    public ReadDocumentBuilder(String documentsDir) {
        this.documentsDir = documentsDir == null || documentsDir.isBlank() ? null : Path.of(documentsDir);
    }

    /**
     * The page query: variables {@code $first, $after, $where}, connection aliased {@code page}, and the source's
     * latest {@code updatedAt} aliased {@code latest} (the watermark window's end). An override file must keep
     * that contract ({@code latest} may be left out: the page's highest {@code updatedAt} is used instead). The
     * aliases {@code published} (the source's published count) and {@code recent} (published since {@code $recent})
     * let an incremental run notice publish-only changes, which do not move {@code updatedAt}.
     */
    public String readQuery(ModelPlan plan, HygraphModel names, List<String> locales) {
        return readQuery(plan, names, locales, Map.of());
    }

    /** The page query for a schema with components (their fields are read through fragments). */
    public String readQuery(ModelPlan plan, HygraphModel names, List<String> locales, Map<String, List<FieldSchema>> components) {
        if (documentsDir != null) {
            Path override = documentsDir.resolve(plan.name() + ".graphql");
            if (Files.isRegularFile(override)) {
                try {
                    return Files.readString(override);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the document override " + override, e);
                }
            }
        }
        String loc = "[" + String.join(", ", locales) + "]";
        StringBuilder q = new StringBuilder("query Read").append(plan.name())
                .append("($first: Int, $after: String, $where: ").append(plan.name()).append("WhereInput, $recent: ")
                .append(plan.name()).append("WhereInput) {\n")
                .append("  page: ").append(names.connectionField())
                .append("(stage: DRAFT, first: $first, after: $after, where: $where, locales: ").append(loc).append(") {\n")
                .append("    aggregate { count }\n    pageInfo { hasNextPage endCursor }\n")
                .append("    edges { node { ").append(nodeSelection(plan, loc, components));
        q.append(" } }\n  }\n")
                .append("  latest: ").append(names.listField()).append("(stage: DRAFT, orderBy: updatedAt_DESC, first: 1, locales: ")
                .append(loc).append(") { updatedAt }\n")
                .append("  published: ").append(names.connectionField()).append("(stage: PUBLISHED, first: 1, locales: ")
                .append(loc).append(") { aggregate { count } }\n")
                .append("  recent: ").append(names.connectionField()).append("(stage: PUBLISHED, first: 1, where: $recent, locales: ")
                .append(loc).append(") { aggregate { count } }\n}\n");
        return q.toString();
    }

    /** The fields read of each entry: values, links' ids in order, localizations and the published version. */
    private static String nodeSelection(ModelPlan plan, String loc, Map<String, List<FieldSchema>> components) {
        return fieldSelection(plan, loc, components) + "\n      documentInStages(stages: [PUBLISHED]) { publishedAt "
                + fieldSelection(plan, loc, components) + " }";
    }

    /** An entry's own fields: values, links' ids in order and localizations. */
    private static String fieldSelection(ModelPlan plan, String loc, Map<String, List<FieldSchema>> components) {
        FieldSelections fields = new FieldSelections(components, loc);
        StringBuilder q = new StringBuilder("id createdAt updatedAt");
        for (FieldSchema f : plan.written()) {
            q.append(' ').append(fields.field(f, null, 0));
        }
        List<FieldSchema> localized = plan.written().stream().filter(FieldSchema::localized).toList();
        if (!localized.isEmpty()) {
            q.append("\n      localizations(locales: ").append(loc).append(", includeCurrent: true) { locale createdAt updatedAt");
            localized.forEach(f -> q.append(' ').append(fields.field(f, null, 0)));
            q.append(" }");
        }
        return q.toString();
    }

    /**
     * The rest of one entry's list field from {@code $skip} on (lists longer than a nested page), in a stage;
     * variables {@code $id, $skip}, answer {@code e[0].f}.
     */
    public String moreQuery(ModelPlan plan, HygraphModel names, List<String> locales, Map<String, List<FieldSchema>> components,
                            FieldSchema field, String stage) {
        String loc = "[" + String.join(", ", locales) + "]";
        return "query More" + plan.name() + "($id: ID!, $skip: Int) { e: " + names.listField() + "(stage: " + stage
                + ", first: 1, locales: " + loc + ", where: { id: $id }) { f: " + new FieldSelections(components, loc).more(field, "$skip") + " } }";
    }

    /**
     * The rest of a list field inside a component from {@code $skip} on, through {@code entities} (components are
     * entities with ids of their own); variables {@code $id, $skip}, answer {@code e[0].f}.
     */
    public String componentMoreQuery(String component, FieldSchema field, List<String> locales, Map<String, List<FieldSchema>> components,
                                     String stage) {
        String loc = "[" + String.join(", ", locales) + "]";
        return "query More" + component + "($id: ID!, $skip: Int) { e: entities(where: [{ id: $id, typename: " + component
                + ", stage: " + stage + " }], locales: " + loc + ") { ... on " + component + " { f: "
                + new FieldSelections(components, loc).more(field, "$skip") + " } } }";
    }

    /** Reads target entries by id with the same fields as the source read ({@code --full} compares them). */
    public String targetReadQuery(ModelPlan plan, HygraphModel names, List<String> locales) {
        return targetReadQuery(plan, names, locales, Map.of());
    }

    public String targetReadQuery(ModelPlan plan, HygraphModel names, List<String> locales, Map<String, List<FieldSchema>> components) {
        String loc = "[" + String.join(", ", locales) + "]";
        return "query Compare" + plan.name() + "($ids: [ID!]) { page: " + names.listField() + "(stage: DRAFT, first: "
                + NESTED_FIRST + ", locales: " + loc + ", where: { id_in: $ids }) { " + nodeSelection(plan, loc, components) + " } }";
    }

    /**
     * The ids of the top-level components of entries {@code $ids} ({@code __typename} and {@code id} of each), from
     * {@code $skip} on when {@code paged}.
     */
    public String componentIdsQuery(ModelPlan plan, HygraphModel names, List<FieldSchema> fields, boolean paged) {
        StringBuilder q = new StringBuilder("query Components").append(plan.name()).append("($ids: [ID!]")
                .append(paged ? ", $skip: Int" : "").append(") { page: ").append(names.listField())
                .append("(stage: DRAFT, first: ").append(NESTED_FIRST).append(", where: { id_in: $ids }) { id");
        for (FieldSchema f : fields) {
            q.append(' ').append(f.name()).append("(first: ").append(NESTED_FIRST).append(paged ? ", skip: $skip" : "").append(") { __typename");
            f.members().forEach(m -> q.append(" ... on ").append(m).append(" { id }"));
            q.append(" }");
        }
        return q.append(" } }").toString();
    }

    /** Finds target entries by id, by stored source id and by business key (each alias only when used). */
    public String lookupQuery(ModelPlan plan, HygraphModel names, List<String> locales) {
        String list = names.listField();
        String head = "(stage: DRAFT, first: " + NESTED_FIRST + ", locales: [" + String.join(", ", locales) + "], where: ";
        StringBuilder q = new StringBuilder("query Lookup").append(plan.name()).append("($ids: [ID!]");
        if (plan.sourceIdField() != null) {
            q.append(", $keys: [String!]");
        }
        if (plan.matchField() != null) {
            q.append(", $matches: [String!]");
        }
        q.append(") {\n  byId: ").append(list).append(head).append("{ id_in: $ids }) { id }\n");
        if (plan.sourceIdField() != null) {
            q.append("  byKey: ").append(list).append(head).append("{ ").append(plan.sourceIdField()).append("_in: $keys }) { id ")
                    .append(plan.sourceIdField()).append(" }\n");
        }
        if (plan.matchField() != null) {
            q.append("  byMatch: ").append(list).append(head).append("{ ").append(plan.matchField()).append("_in: $matches }) { id ")
                    .append(plan.matchField()).append(" }\n");
        }
        return q.append("}\n").toString();
    }

    /** Lists the ids and publish times of a model's published source entries, page by page. */
    public String publishedQuery(ModelPlan plan, HygraphModel names, List<String> locales) {
        return "query Published" + plan.name() + "($after: String) { page: " + names.connectionField()
                + "(stage: PUBLISHED, first: " + NESTED_FIRST + ", after: $after, locales: [" + String.join(", ", locales)
                + "]) { pageInfo { hasNextPage endCursor } edges { node { id publishedAt } } } }";
    }

    /** Counts a model's entries in the target. */
    public String countQuery(ModelPlan plan, HygraphModel names, List<String> locales) {
        return "query Count" + plan.name() + " { page: " + names.connectionField() + "(stage: DRAFT, first: 1, locales: ["
                + String.join(", ", locales) + "]) { aggregate { count } } }";
    }

    /** Bulk publish ({@code to: [PUBLISHED]}) or unpublish of the entries with ids {@code $ids}, or null when the stage has no such mutation. */
    public String publishMutation(HygraphModel names, boolean publish, List<String> locales, int first) {
        String mutation = publish ? names.publishMany() : names.unpublishMany();
        if (mutation == null) {
            return null;
        }
        String args = publish ? "to: [PUBLISHED]" + (names.publishLocales() ? ", locales: [" + String.join(", ", locales) + "]" : "")
                : "from: [PUBLISHED]";
        return "mutation Publish($ids: [ID!]) { p: " + mutation + "(where: { id_in: $ids }, " + args
                + ", first: " + first + ") { edges { node { id } } } }";
    }

    /** Bulk delete of the entries with ids {@code $ids} from every stage, or null when the stage has no such mutation. */
    public String deleteMutation(HygraphModel names, int first) {
        return names.deleteMany() == null ? null : "mutation Delete($ids: [ID!]) { d: " + names.deleteMany()
                + "(where: { id_in: $ids }, first: " + first + ") { edges { node { id } } } }";
    }
}
