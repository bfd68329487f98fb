package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;

import java.util.ArrayList;
import java.util.List;

/** Writes the input types and the orderBy enum of one model (where, unique, create, update, relation inputs). */
final class SchemaInputsSdl {
    private final ContentSchema schema;
    private final ModelInfo m;
    private final StringBuilder out;
    private final String t;

    SchemaInputsSdl(ContentSchema schema, ModelInfo m, StringBuilder out) {
        this.schema = schema;
        this.m = m;
        this.out = out;
        this.t = m == null ? null : m.apiId();
    }

    void write() {
        if (m.isComponent()) {
            input(t + "WhereUniqueInput", List.of("id: ID"));
            where(t + "WhereInput", true);
            createAndUpdate();
            componentInputs(t);
            if (m.hasLocalizedFields()) {
                localizationInputs();
            }
            return;
        }
        where(t + "WhereInput", true);
        where(t + "ManyWhereInput", false);
        input(t + "WhereStageInput", List.of("AND: [" + t + "WhereStageInput!]", "OR: [" + t + "WhereStageInput!]",
                "NOT: [" + t + "WhereStageInput!]", "stage: Stage"));
        List<String> unique = new ArrayList<>(List.of("id: ID"));
        m.fields().stream().filter(FieldInfo::unique).forEach(f -> unique.add(f.apiId() + ": " + SchemaSdl.scalarName(f)));
        input(t + "WhereUniqueInput", unique);
        List<String> order = new ArrayList<>();
        List<String> sortable = new ArrayList<>(List.of("id", "createdAt", "updatedAt", "publishedAt"));
        m.fields().stream().filter(FieldInfo::isSortable).forEach(f -> sortable.add(f.apiId()));
        sortable.forEach(f -> {
            order.add(f + "_ASC");
            order.add(f + "_DESC");
        });
        out.append("enum ").append(t).append("OrderByInput { ").append(String.join(" ", order)).append(" }\n");
        createAndUpdate();
        relationInputs();
        if (m.hasLocalizedFields()) {
            localizationInputs();
        }
    }

    private void where(String name, boolean withLocalized) {
        List<String> f = new ArrayList<>();
        f.add("_search: String");
        for (String logic : List.of("AND", "OR", "NOT")) {
            f.add(logic + ": [" + name + "!]");
        }
        ops(f, "id", "ID", FieldType.STRING);
        if (!m.isComponent()) {
            for (String ts : List.of("createdAt", "updatedAt", "publishedAt")) {
                ops(f, ts, "DateTime", FieldType.DATETIME);
            }
            for (String q : List.of("_some", "_every", "_none")) {
                f.add("documentInStages" + q + ": " + t + "WhereStageInput");
            }
        }
        for (FieldInfo fi : m.fields()) {
            if (fi.type() == FieldType.UNION || fi.type() == FieldType.COMPONENT) {
                // a union keyed by member ({ Venue: VenueWhereInput }), a component by its own where input (hygraph-api 2.3)
                String type = fi.type() == FieldType.UNION || fi.modular() ? fi.unionType() + "WhereInput" : fi.members().get(0) + "WhereInput";
                if (fi.list()) {
                    for (String q : List.of("_some", "_every", "_none")) {
                        f.add(fi.apiId() + q + ": " + type);
                    }
                } else {
                    f.add(fi.apiId() + ": " + type);
                }
                f.add(fi.apiId() + "_empty: Boolean");
                continue;
            }
            if (fi.localized() && !withLocalized || fi.type() == FieldType.JSON || !fi.isRelation() && !fi.type().isScalar()) {
                continue;
            }
            if (fi.isRelation()) {
                if (fi.list()) {
                    for (String q : List.of("_some", "_every", "_none")) {
                        f.add(fi.apiId() + q + ": " + fi.target() + "WhereInput");
                    }
                } else {
                    f.add(fi.apiId() + ": " + fi.target() + "WhereInput");
                }
            } else if (fi.list()) {
                String type = "[" + SchemaSdl.scalarName(fi) + "!]";
                f.add(fi.apiId() + ": " + type);
                f.add(fi.apiId() + "_not: " + type);
                f.add(fi.apiId() + "_contains_all: " + type);
                f.add(fi.apiId() + "_contains_some: " + type);
                f.add(fi.apiId() + "_contains_none: " + type);
            } else {
                ops(f, fi.apiId(), SchemaSdl.scalarName(fi), fi.type());
            }
        }
        input(name, f);
    }

    /** The where operators of one scalar field, by kind (hygraph-api 2.3). */
    static void ops(List<String> f, String name, String type, FieldType kind) {
        f.add(name + ": " + type);
        f.add(name + "_not: " + type);
        if (kind == FieldType.BOOLEAN) {
            return;
        }
        f.add(name + "_in: [" + type + "]");
        f.add(name + "_not_in: [" + type + "]");
        if (kind == FieldType.STRING) {
            for (String op : List.of("contains", "starts_with", "ends_with")) {
                f.add(name + "_" + op + ": " + type);
                f.add(name + "_not_" + op + ": " + type);
            }
        } else if (kind.isComparable()) {
            for (String op : List.of("lt", "lte", "gt", "gte")) {
                f.add(name + "_" + op + ": " + type);
            }
        }
    }

    /** The input type of a value field: the scalar, {@code LocationInput}, {@code ColorInput} or {@code RichTextAST}. */
    static String inputName(FieldInfo f) {
        return switch (f.type()) {
            case LOCATION -> "LocationInput";
            case COLOR -> "ColorInput";
            case RICHTEXT -> "RichTextAST";
            default -> SchemaSdl.scalarName(f);
        };
    }

    private void createAndUpdate() {
        List<String> create = new ArrayList<>(m.isComponent() ? List.of() : List.of("createdAt: DateTime", "updatedAt: DateTime"));
        List<String> update = new ArrayList<>();
        List<String> updateMany = new ArrayList<>();
        if (m.isAsset()) {
            create.addAll(List.of("fileName: String", "uploadUrl: String"));
            update.addAll(List.of("fileName: String", "uploadUrl: String", "reUpload: Boolean"));
            updateMany.add("fileName: String");
        }
        for (FieldInfo f : m.fields()) {
            if (f.readOnly()) {
                continue;
            }
            if (!f.isValue()) {
                String kind = f.list() ? "Many" : "One";
                create.add(f.apiId() + ": " + f.valueType() + "Create" + kind + "InlineInput");
                update.add(f.apiId() + ": " + f.valueType() + "Update" + kind + "InlineInput");
                continue;
            }
            String type = f.list() ? "[" + inputName(f) + "!]" : inputName(f);
            create.add(f.apiId() + ": " + type + (f.required() ? "!" : ""));
            update.add(f.apiId() + ": " + type);
            if (!f.unique()) {
                updateMany.add(f.apiId() + ": " + type);
            }
        }
        if (m.hasLocalizedFields()) {
            create.add("localizations: " + t + "CreateLocalizationsInput");
            update.add("localizations: " + t + "UpdateLocalizationsInput");
            updateMany.add("localizations: " + t + "UpdateManyLocalizationsInput");
        }
        if (updateMany.isEmpty()) {
            updateMany.add("updatedAt: DateTime");
        }
        input(t + "CreateInput", create);
        input(t + "UpdateInput", update);
        if (!m.isComponent()) {
            input(t + "UpdateManyInput", updateMany);
        }
        input(t + "UpsertInput", List.of("create: " + t + "CreateInput!", "update: " + t + "UpdateInput!"));
    }

    private void relationInputs() {
        input(t + "CreateOneInlineInput", List.of("create: " + t + "CreateInput", "connect: " + t + "WhereUniqueInput"));
        input(t + "CreateManyInlineInput", List.of("create: [" + t + "CreateInput!]", "connect: [" + t + "WhereUniqueInput!]"));
        input(t + "UpdateOneInlineInput", List.of("create: " + t + "CreateInput", "update: " + t + "UpdateWithNestedWhereUniqueInput",
                "upsert: " + t + "UpsertWithNestedWhereUniqueInput", "connect: " + t + "WhereUniqueInput",
                "disconnect: Boolean", "delete: Boolean"));
        input(t + "UpdateManyInlineInput", List.of("create: [" + t + "CreateInput!]", "connect: [" + t + "ConnectInput!]",
                "update: [" + t + "UpdateWithNestedWhereUniqueInput!]", "upsert: [" + t + "UpsertWithNestedWhereUniqueInput!]",
                "disconnect: [" + t + "WhereUniqueInput!]", "set: [" + t + "WhereUniqueInput!]", "delete: [" + t + "WhereUniqueInput!]"));
        input(t + "ConnectInput", List.of("where: " + t + "WhereUniqueInput!", "position: ConnectPositionInput"));
        input(t + "UpdateWithNestedWhereUniqueInput", List.of("where: " + t + "WhereUniqueInput!", "data: " + t + "UpdateInput!"));
        input(t + "UpsertWithNestedWhereUniqueInput", List.of("where: " + t + "WhereUniqueInput!", "data: " + t + "UpsertInput!"));
    }

    private void localizationInputs() {
        List<String> createData = new ArrayList<>(List.of("createdAt: DateTime", "updatedAt: DateTime"));
        List<String> updateData = new ArrayList<>();
        List<String> updateManyData = new ArrayList<>();
        if (m.isAsset()) {
            // each localization of an asset has its own file (hygraph-api 5.3)
            createData.addAll(List.of("fileName: String", "uploadUrl: String"));
            updateData.addAll(List.of("fileName: String", "uploadUrl: String", "reUpload: Boolean"));
        }
        for (FieldInfo f : m.fields()) {
            if (f.localized() && !f.readOnly()) {
                String type = f.list() ? "[" + inputName(f) + "!]" : inputName(f);
                createData.add(f.apiId() + ": " + type + (f.required() ? "!" : ""));
                updateData.add(f.apiId() + ": " + type);
                updateManyData.add(f.apiId() + ": " + type);
            }
        }
        if (updateManyData.isEmpty()) {
            updateManyData.add("updatedAt: DateTime");
        }
        input(t + "CreateLocalizationDataInput", createData);
        input(t + "CreateLocalizationInput", List.of("data: " + t + "CreateLocalizationDataInput!", "locale: Locale!"));
        input(t + "CreateLocalizationsInput", List.of("create: [" + t + "CreateLocalizationInput!]"));
        input(t + "UpdateLocalizationDataInput", updateData);
        input(t + "UpdateLocalizationInput", List.of("data: " + t + "UpdateLocalizationDataInput!", "locale: Locale!"));
        input(t + "UpsertLocalizationInput", List.of("update: " + t + "UpdateLocalizationDataInput!",
                "create: " + t + "CreateLocalizationDataInput!", "locale: Locale!"));
        input(t + "UpdateLocalizationsInput", List.of("create: [" + t + "CreateLocalizationInput!]",
                "update: [" + t + "UpdateLocalizationInput!]", "upsert: [" + t + "UpsertLocalizationInput!]", "delete: [Locale!]"));
        input(t + "UpdateManyLocalizationDataInput", updateManyData);
        input(t + "UpdateManyLocalizationInput", List.of("data: " + t + "UpdateManyLocalizationDataInput!", "locale: Locale!"));
        input(t + "UpdateManyLocalizationsInput", List.of("update: [" + t + "UpdateManyLocalizationInput!]"));
    }

    /**
     * The inline inputs of a component (hygraph-api 4.3); the inputs of a modular field wrap these by member.
     */
    private void componentInputs(String c) {
        inlineInputs(c);
        input(c + "CreateWithPositionInput", List.of("data: " + c + "CreateInput!", "position: ConnectPositionInput"));
        input(c + "UpdateWithNestedWhereUniqueInput", List.of("where: " + c + "WhereUniqueInput!", "data: " + c + "UpdateInput!"));
        input(c + "UpsertWithNestedWhereUniqueInput", List.of("where: " + c + "WhereUniqueInput!", "data: " + c + "UpsertInput!"));
        input(c + "UpdateWithNestedWhereUniqueAndPositionInput", List.of("where: " + c + "WhereUniqueInput!",
                "data: " + c + "UpdateInput", "position: ConnectPositionInput"));
        input(c + "UpsertWithNestedWhereUniqueAndPositionInput", List.of("where: " + c + "WhereUniqueInput!",
                "data: " + c + "UpsertInput", "position: ConnectPositionInput"));
    }

    /** The create/update inline inputs of a component or a modular field, over its own create and update inputs. */
    private void inlineInputs(String u) {
        input(u + "CreateOneInlineInput", List.of("create: " + u + "CreateInput"));
        input(u + "CreateManyInlineInput", List.of("create: [" + u + "CreateInput!]"));
        input(u + "UpdateOneInlineInput", List.of("create: " + u + "CreateInput", "update: " + u + "UpdateWithNestedWhereUniqueInput",
                "upsert: " + u + "UpsertWithNestedWhereUniqueInput", "delete: Boolean"));
        input(u + "UpdateManyInlineInput", List.of("create: [" + u + "CreateWithPositionInput!]",
                "update: [" + u + "UpdateWithNestedWhereUniqueAndPositionInput!]",
                "upsert: [" + u + "UpsertWithNestedWhereUniqueAndPositionInput!]", "delete: [" + u + "WhereUniqueInput!]"));
    }

    /** Inputs of a modular field: each keyed by member component ({@code { Paragraph: {...} }}). */
    void componentUnionInputs(FieldInfo f) {
        String u = f.unionType();
        for (String kind : List.of("CreateInput", "UpdateInput", "WhereUniqueInput", "CreateWithPositionInput",
                "UpdateWithNestedWhereUniqueInput", "UpsertWithNestedWhereUniqueInput",
                "UpdateWithNestedWhereUniqueAndPositionInput", "UpsertWithNestedWhereUniqueAndPositionInput")) {
            input(u + kind, f.members().stream().map(c -> c + ": " + c + kind).toList());
        }
        input(u + "WhereInput", f.members().stream().map(c -> c + ": " + c + "WhereInput").toList());
        inlineInputs(u);
    }

    /** Inputs of a model union field (hygraph-api 4.2), keyed by member model. */
    void modelUnionInputs(FieldInfo f) {
        String u = f.unionType();
        for (String kind : List.of("CreateInput", "WhereUniqueInput", "ConnectInput", "WhereInput")) {
            input(u + kind, f.members().stream().map(c -> c + ": " + c + kind).toList());
        }
        input(u + "CreateOneInlineInput", List.of("create: " + u + "CreateInput", "connect: " + u + "WhereUniqueInput"));
        input(u + "CreateManyInlineInput", List.of("create: [" + u + "CreateInput!]", "connect: [" + u + "WhereUniqueInput!]"));
        input(u + "UpdateOneInlineInput", List.of("create: " + u + "CreateInput", "connect: " + u + "WhereUniqueInput",
                "disconnect: Boolean", "delete: Boolean"));
        input(u + "UpdateManyInlineInput", List.of("create: [" + u + "CreateInput!]", "connect: [" + u + "ConnectInput!]",
                "disconnect: [" + u + "WhereUniqueInput!]", "set: [" + u + "WhereUniqueInput!]", "delete: [" + u + "WhereUniqueInput!]"));
    }

    private void input(String name, List<String> fields) {
        out.append("input ").append(name).append(" {\n");
        fields.forEach(f -> out.append("  ").append(f).append('\n'));
        out.append("}\n");
    }
}
