package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.FieldInfo;
import io.stagesync.devstage.model.FieldType;
import io.stagesync.devstage.model.ModelInfo;

import java.util.List;

/** Writes the SDL of an environment's content API from its models, with Hygraph's type, field and input names. */
final class SchemaSdl {
    private final ContentSchema schema;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final String locales;

    private SchemaSdl(ContentSchema schema) {
        this.schema = schema;
        this.locales = "locales: [Locale!]! = [" + schema.defaultLocale() + "]";
    }

    static String of(ContentSchema schema) {
        return new SchemaSdl(schema).write();
    }

    private String write() {
        out.append("""
                scalar DateTime
                scalar Date
                scalar Json
                scalar Long
                enum Stage { DRAFT PUBLISHED }
                enum SystemDateTimeFieldVariation { BASE LOCALIZATION COMBINED }
                interface Node { id: ID! stage: Stage! }
                interface Entity { id: ID! stage: Stage! }
                type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String pageSize: Int }
                type Aggregate { count: Int! }
                type BatchPayload { count: Long! }
                input ConnectPositionInput { after: ID before: ID start: Boolean end: Boolean }
                enum AssetUploadStatus { ASSET_CREATE_PENDING ASSET_ERROR_UPLOAD ASSET_UPDATE_PENDING ASSET_UPLOAD_COMPLETE }
                type AssetUpload { status: AssetUploadStatus expiresAt: DateTime requestPostData: AssetUploadRequestPostData error: AssetUploadError }
                type AssetUploadRequestPostData { url: String! date: String! key: String! signature: String! algorithm: String! policy: String! credential: String! securityToken: String }
                type AssetUploadError { code: String! message: String! }
                input AssetTransformationInput { image: Json document: Json validateOptions: Boolean }
                scalar Hex
                scalar RGBAHue
                scalar RGBATransparency
                scalar RichTextAST
                type Location { latitude: Float! longitude: Float! distance(from: LocationInput!): Float! }
                input LocationInput { latitude: Float! longitude: Float! }
                type RGBA { r: RGBAHue! g: RGBAHue! b: RGBAHue! a: RGBATransparency! }
                input RGBAInput { r: RGBAHue! g: RGBAHue! b: RGBAHue! a: RGBATransparency! }
                type Color { hex: Hex! rgba: RGBA! css: String! }
                input ColorInput { hex: Hex rgba: RGBAInput }
                type RichText { raw: RichTextAST! json: RichTextAST! html: String! markdown: String! text: String! }
                """);
        out.append("enum Locale { ").append(String.join(" ", schema.locales())).append(" }\n");
        schema.enumerations().forEach((name, values) -> out.append("enum ").append(name).append(" { ")
                .append(String.join(" ", values)).append(" }\n"));
        List<String> typeNames = new java.util.ArrayList<>();
        schema.models().forEach(m -> typeNames.add(m.apiId()));
        schema.components().forEach(c -> typeNames.add(c.apiId()));
        out.append("enum EntityTypeName { ").append(String.join(" ", typeNames)).append(" }\n");
        out.append("input EntityWhereInput { id: ID! typename: EntityTypeName! stage: Stage! locale: Locale }\n");
        out.append("type Query {\n  node(id: ID!, stage: Stage! = PUBLISHED, ").append(locales).append("): Node\n");
        line("entities(where: [EntityWhereInput!]!, locales: [Locale!]): [Entity!]");
        for (ModelInfo m : schema.models()) {
            String paging = "skip: Int, after: String, before: String, first: Int, last: Int, stage: Stage! = PUBLISHED, " + locales;
            line(m.singularQuery() + "(where: " + m.apiId() + "WhereUniqueInput!, stage: Stage! = PUBLISHED, " + locales + "): " + m.apiId());
            line(m.pluralQuery() + "(where: " + m.apiId() + "WhereInput, orderBy: " + m.apiId() + "OrderByInput, " + paging + "): [" + m.apiId() + "!]!");
            line(m.pluralQuery() + "Connection(where: " + m.apiId() + "WhereInput, orderBy: " + m.apiId() + "OrderByInput, " + paging + "): " + m.apiId() + "Connection!");
        }
        out.append("}\ntype Mutation {\n");
        schema.models().forEach(this::mutations);
        out.append("}\n");
        for (ModelInfo m : schema.models()) {
            objectType(m);
            new SchemaInputsSdl(schema, m, out).write();
        }
        for (ModelInfo c : schema.components()) {
            objectType(c);
            new SchemaInputsSdl(schema, c, out).write();
        }
        java.util.Set<String> unions = new java.util.HashSet<>();
        for (ModelInfo m : schema.models()) {
            m.fields().forEach(f -> union(f, unions));
        }
        for (ModelInfo c : schema.components()) {
            c.fields().forEach(f -> union(f, unions));
        }
        RichTextReferences.sdl(schema, out);
        ScheduleSdl.write(schema, out);
        return out.toString();
    }

    private void mutations(ModelInfo m) {
        String t = m.apiId();
        String p = m.plural();
        String unique = "where: " + t + "WhereUniqueInput!";
        String many = "where: " + t + "ManyWhereInput";
        String paging = "skip: Int, first: Int, last: Int, before: ID, after: ID";
        String loc = m.hasLocalizedFields()
                ? ", locales: [Locale!], publishBase: Boolean = true, withDefaultLocale: Boolean = true" : "";
        line("create" + t + "(data: " + t + "CreateInput!): " + t);
        line("update" + t + "(" + unique + ", data: " + t + "UpdateInput!): " + t);
        line("upsert" + t + "(" + unique + ", upsert: " + t + "UpsertInput!): " + t);
        line("delete" + t + "(" + unique + "): " + t);
        line("publish" + t + "(" + unique + ", to: [Stage!]! = [PUBLISHED]" + loc + "): " + t);
        line("unpublish" + t + "(" + unique + ", from: [Stage!]! = [PUBLISHED]" + unloc(m) + "): " + t);
        line("updateMany" + p + "Connection(" + many + ", data: " + t + "UpdateManyInput!, " + paging + "): " + t + "Connection!");
        line("deleteMany" + p + "Connection(" + many + ", " + paging + "): " + t + "Connection!");
        line("publishMany" + p + "Connection(" + many + ", from: Stage = DRAFT, to: [Stage!]! = [PUBLISHED]" + loc + ", " + paging + "): " + t + "Connection!");
        line("unpublishMany" + p + "Connection(" + many + ", stage: Stage = DRAFT, from: [Stage!]! = [PUBLISHED]" + unloc(m) + ", " + paging + "): " + t + "Connection!");
        line("updateMany" + p + "(" + many + ", data: " + t + "UpdateManyInput!): BatchPayload! @deprecated(reason: \"Use the Connection mutation\")");
        line("deleteMany" + p + "(" + many + "): BatchPayload! @deprecated(reason: \"Use the Connection mutation\")");
        line("publishMany" + p + "(" + many + ", to: [Stage!]! = [PUBLISHED]" + loc + "): BatchPayload! @deprecated(reason: \"Use the Connection mutation\")");
        line("unpublishMany" + p + "(" + many + ", from: [Stage!]! = [PUBLISHED]" + unloc(m) + "): BatchPayload! @deprecated(reason: \"Use the Connection mutation\")");
    }

    private String unloc(ModelInfo m) {
        return m.hasLocalizedFields() ? ", locales: [Locale!], unpublishBase: Boolean = true" : "";
    }

    /** The union type of a UNION or modular COMPONENT field and its inputs (declared once). */
    private void union(FieldInfo f, java.util.Set<String> done) {
        boolean union = f.type() == FieldType.UNION;
        if (!(union || f.type() == FieldType.COMPONENT && f.modular()) || !done.add(f.unionType())) {
            return;
        }
        out.append("union ").append(f.unionType()).append(" = ").append(String.join(" | ", f.members())).append('\n');
        if (union) {
            new SchemaInputsSdl(schema, null, out).modelUnionInputs(f);
        } else {
            new SchemaInputsSdl(schema, null, out).componentUnionInputs(f);
        }
    }

    private void objectType(ModelInfo m) {
        String t = m.apiId();
        String variation = "(variation: SystemDateTimeFieldVariation! = COMBINED)";
        if (m.isComponent()) {
            out.append("type ").append(t).append(" implements Entity {\n");
            line("id: ID!");
            line("stage: Stage!");
            line("locale: Locale!");
            line("localizations(locales: [Locale!]! = [" + schema.defaultLocale() + "], includeCurrent: Boolean! = false): [" + t + "!]!");
            fields(m);
            out.append("}\n");
            return;
        }
        out.append("type ").append(t).append(" implements Entity & Node {\n");
        line("id: ID!");
        line("createdAt" + variation + ": DateTime!");
        line("updatedAt" + variation + ": DateTime!");
        line("publishedAt" + variation + ": DateTime");
        line("stage: Stage!");
        line("locale: Locale!");
        line("localizations(locales: [Locale!]! = [" + schema.defaultLocale() + "], includeCurrent: Boolean! = false): [" + t + "!]!");
        line("documentInStages(stages: [Stage!]! = [PUBLISHED, DRAFT], includeCurrent: Boolean! = false, inheritLocale: Boolean! = false): [" + t + "!]!");
        if (m.isAsset()) {
            line("url(transformation: AssetTransformationInput): String!");
            line("upload: AssetUpload");
        }
        fields(m);
        out.append("}\n");
        out.append("type ").append(t).append("Connection { edges: [").append(t).append("Edge!]! pageInfo: PageInfo! aggregate: Aggregate! }\n");
        out.append("type ").append(t).append("Edge { node: ").append(t).append("! cursor: String! }\n");
    }

    private void fields(ModelInfo m) {
        String paging = "skip: Int, after: String, before: String, first: Int, last: Int";
        for (FieldInfo f : m.fields()) {
            String args = "locales: [Locale!], forceParentLocale: Boolean";
            if (f.isRelation()) {
                String target = f.target();
                if (f.list()) {
                    line(f.apiId() + "(where: " + target + "WhereInput, orderBy: " + target + "OrderByInput, " + paging + ", " + args + "): [" + target + "!]!");
                } else {
                    line(f.apiId() + "(" + args + "): " + target);
                }
            } else if (f.type() == FieldType.UNION) {
                line(f.apiId() + (f.list() ? "(" + paging + ", " + args + "): [" + f.valueType() + "!]!" : "(" + args + "): " + f.valueType()));
            } else if (f.type() == FieldType.COMPONENT) {
                line(f.apiId() + (f.list() ? "(" + paging + "): [" + f.valueType() + "!]!" : ": " + f.valueType()));
            } else {
                line(f.apiId() + ": " + outputType(f));
            }
        }
    }

    static String scalarName(FieldInfo f) {
        switch (f.type()) {
            case LOCATION:
                return "Location";
            case COLOR:
                return "Color";
            case RICHTEXT:
                return RichTextReferences.typeName(f);
            default:
                break;
        }
        return f.type() == FieldType.ENUMERATION ? f.enumeration() : f.type().graphqlScalar();
    }

    private static String outputType(FieldInfo f) {
        String base = scalarName(f);
        if (f.list()) {
            return "[" + base + "!]" + (f.required() ? "!" : "");
        }
        return base + (f.required() ? "!" : "");
    }

    private void line(String s) {
        out.append("  ").append(s).append('\n');
    }

    static List<String> stages() {
        return List.of("DRAFT", "PUBLISHED");
    }
}
