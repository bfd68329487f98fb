package io.stagesync.devstage.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a model definition from JSON, validates it and resolves it into a {@link ContentSchema}. */
public final class ModelDefinitionParser {
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern ENUM_VALUE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("id", "createdAt", "updatedAt", "publishedAt", "createdBy",
            "updatedBy", "publishedBy", "stage", "locale", "localizations", "documentInStages", "history",
            "scheduledIn", "url", "upload", "handle", "fileName", "mimeType", "size", "width", "height");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelDefinitionParser() {
    }

    /** Parses and validates; every problem is reported with the model and field it concerns. */
    public static ContentSchema parse(String json) {
        ModelDefinition definition;
        try {
            definition = MAPPER.readValue(json, ModelDefinition.class);
        } catch (IOException e) {
            throw new ModelDefinitionException("Model definition is not valid JSON: " + e.getMessage(), e);
        }
        return resolve(definition);
    }

    /** Validates an already read definition. */
    public static ContentSchema resolve(ModelDefinition d) {
        if (d == null || d.locales() == null || d.locales().isEmpty()) {
            throw new ModelDefinitionException("Model definition: 'locales' must list at least one locale (the first is the default)");
        }
        if (d.models() == null) {
            throw new ModelDefinitionException("Model definition: 'models' is missing");
        }
        d.locales().forEach(l -> check(FIELD_NAME.matcher(l).matches(), "Locale '" + l + "' is not a valid locale name"));
        check(new HashSet<>(d.locales()).size() == d.locales().size(), "Model definition: a locale is listed twice");
        Map<String, List<String>> enums = new LinkedHashMap<>();
        for (ModelDefinition.Enumeration e : d.enumerations() == null ? List.<ModelDefinition.Enumeration>of() : d.enumerations()) {
            check(e.apiId() != null && TYPE_NAME.matcher(e.apiId()).matches(), "Enumeration '" + e.apiId() + "': apiId must start upper-case");
            check(e.values() != null && !e.values().isEmpty(), "Enumeration " + e.apiId() + ": 'values' must not be empty");
            e.values().forEach(v -> check(ENUM_VALUE.matcher(v).matches(), "Enumeration " + e.apiId() + ": value '" + v + "' is not a valid name"));
            check(enums.put(e.apiId(), List.copyOf(e.values())) == null, "Enumeration " + e.apiId() + " is defined twice");
        }
        Map<String, ModelInfo> models = ContentSchema.newModelMap();
        Map<String, ModelInfo> components = ContentSchema.newModelMap();
        List<ModelDefinition.Model> componentDefs = d.components() == null ? List.of() : d.components();
        for (ModelDefinition.Model c : componentDefs) {
            check(c.apiId() != null && TYPE_NAME.matcher(c.apiId()).matches(), "Component '" + c.apiId() + "': apiId must start upper-case (letters and digits)");
            check(!c.apiId().equals(ContentSchema.ASSET) && !enums.containsKey(c.apiId()) && !components.containsKey(c.apiId()),
                    "Component " + c.apiId() + ": the name is taken by the system model, an enumeration or another component");
            components.put(c.apiId(), new ModelInfo(c.apiId(), c.apiIdPlural() == null ? c.apiId() + "s" : c.apiIdPlural(), false, true));
        }
        Set<String> plurals = new HashSet<>();
        for (ModelDefinition.Model m : d.models()) {
            check(m.apiId() != null && TYPE_NAME.matcher(m.apiId()).matches(), "Model '" + m.apiId() + "': apiId must start upper-case (letters and digits)");
            check(!m.apiId().equals(ContentSchema.ASSET) && !enums.containsKey(m.apiId()) && !components.containsKey(m.apiId()),
                    "Model " + m.apiId() + ": the name is taken by the system model, an enumeration or a component");
            check(m.apiIdPlural() != null && TYPE_NAME.matcher(m.apiIdPlural()).matches() && !m.apiIdPlural().equals(m.apiId()),
                    "Model " + m.apiId() + ": 'apiIdPlural' must be an upper-case name different from apiId");
            check(plurals.add(m.apiIdPlural()), "Model " + m.apiId() + ": plural '" + m.apiIdPlural() + "' is used twice");
            check(!models.containsKey(m.apiId()), "Model " + m.apiId() + " is defined twice");
            models.put(m.apiId(), new ModelInfo(m.apiId(), m.apiIdPlural(), false));
        }
        // Hygraph localizes assets: each locale has its own file, so the file fields are localized system fields
        ModelInfo asset = new ModelInfo(ContentSchema.ASSET, "Assets", true);
        for (String f : List.of("handle", "fileName", "mimeType")) {
            asset.add(new FieldInfo(ContentSchema.ASSET, f, FieldType.STRING, false, !f.equals("mimeType"), false, true, null, null, null, null, null, true));
        }
        for (String f : List.of("size", "width", "height")) {
            asset.add(new FieldInfo(ContentSchema.ASSET, f, FieldType.FLOAT, false, false, false, true, null, null, null, null, null, true));
        }
        ModelDefinition.Model assetModel = new ModelDefinition.Model(ContentSchema.ASSET, "Assets", d.assetFields());
        for (ModelDefinition.Field f : d.assetFields() == null ? List.<ModelDefinition.Field>of() : d.assetFields()) {
            check(f.type() != null && f.type().isLocalizable() && !f.unique(), "Model Asset, field " + f.apiId()
                    + ": a custom asset field holds a value (no relation, union or component) and is not unique");
            asset.add(field(assetModel, f, models, enums, components, false));
        }
        List<FieldInfo> reverses = new ArrayList<>();
        for (ModelDefinition.Model m : d.models()) {
            check(m.fields() != null, "Model " + m.apiId() + ": 'fields' is missing");
            for (ModelDefinition.Field f : m.fields()) {
                FieldInfo info = field(m, f, models, enums, components, false);
                models.get(m.apiId()).add(info);
                if (info.reverse() != null) {
                    reverses.add(new FieldInfo(info.target(), info.reverse(), info.type(), f.reverseField().list(), false, false,
                            false, null, m.apiId(), f.apiId(), null, null, false));
                }
            }
        }
        for (ModelDefinition.Model c : componentDefs) {
            check(c.fields() != null && !c.fields().isEmpty(), "Component " + c.apiId() + ": 'fields' is missing or empty");
            for (ModelDefinition.Field f : c.fields()) {
                components.get(c.apiId()).add(field(c, f, models, enums, components, true));
            }
        }
        models.put(ContentSchema.ASSET, asset);
        for (FieldInfo r : reverses) {
            ModelInfo target = models.get(r.owner());
            check(target.field(r.apiId()) == null, "Model " + r.target() + ", field " + r.reverse() + ": reverse field '"
                    + r.apiId() + "' clashes with an existing field of " + r.owner());
            target.add(r);
        }
        return new ContentSchema(d, models, enums, components);
    }

    private static FieldInfo field(ModelDefinition.Model m, ModelDefinition.Field f, Map<String, ModelInfo> models,
                                   Map<String, List<String>> enums, Map<String, ModelInfo> components, boolean inComponent) {
        String where = (inComponent ? "Component " : "Model ") + m.apiId() + ", field " + f.apiId();
        check(f.apiId() != null && FIELD_NAME.matcher(f.apiId()).matches(), "Model " + m.apiId() + ": field apiId '" + f.apiId() + "' must start lower-case");
        check(!RESERVED.contains(f.apiId()), where + ": '" + f.apiId() + "' is a reserved system field name");
        check(f.type() != null, where + ": 'type' is missing (one of STRING, INT, FLOAT, BOOLEAN, DATETIME, DATE, JSON, "
                + "ENUMERATION, LOCATION, COLOR, RICHTEXT, RELATION, ASSET, UNION, COMPONENT)");
        List<String> members = List.of();
        boolean modular = false;
        if (f.type() == FieldType.UNION) {
            check(f.models() != null && f.models().size() >= 2, where + ": a UNION field lists at least two models in 'models'");
            f.models().forEach(u -> check(models.containsKey(u), where + ": union member '" + u + "' is not a model"));
            members = List.copyOf(f.models());
        } else if (f.type() == FieldType.COMPONENT) {
            modular = f.components() != null;
            check(modular != (f.component() != null), where + ": a COMPONENT field names either 'component' or 'components' (modular)");
            members = modular ? List.copyOf(f.components()) : List.of(f.component());
            check(!members.isEmpty(), where + ": 'components' must not be empty");
            members.forEach(c -> check(components.containsKey(c), where + ": component '" + c + "' does not exist"));
        }
        check(!inComponent || f.reverseField() == null, where + ": relations in components are one-way ('reverseField' is not allowed)");
        check(!inComponent || !f.unique(), where + ": component fields cannot be unique");
        check(f.reverseField() == null || f.type() != FieldType.UNION, where + ": union fields are one-way in devstage ('reverseField' is not allowed)");
        String target = null;
        if (f.type() == FieldType.RELATION) {
            check(f.model() != null && models.containsKey(f.model()), where + ": relation target model '" + f.model() + "' does not exist");
            target = f.model();
        } else if (f.type() == FieldType.ASSET) {
            target = ContentSchema.ASSET;
        }
        if (f.type() == FieldType.ENUMERATION) {
            check(f.enumeration() != null && enums.containsKey(f.enumeration()), where + ": enumeration '" + f.enumeration() + "' does not exist");
        }
        check(!f.localized() || f.type().isLocalizable(), where + ": relation, union and component fields cannot be localized");
        check(!f.unique() || f.type().isScalar() && !f.list() && !f.localized() && f.type() != FieldType.JSON,
                where + ": only single, non-localized scalar fields can be unique");
        check(f.reverseField() == null || target != null, where + ": 'reverseField' is only allowed on RELATION and ASSET fields");
        if (f.reverseField() != null) {
            check(f.reverseField().apiId() != null && FIELD_NAME.matcher(f.reverseField().apiId()).matches(),
                    where + ": reverseField.apiId '" + f.reverseField().apiId() + "' must start lower-case");
            check(!RESERVED.contains(f.reverseField().apiId()), where + ": reverseField.apiId '" + f.reverseField().apiId() + "' is reserved");
        }
        Long min = null;
        Long max = null;
        if (f.validations() != null && f.validations().get("range") instanceof Map<?, ?> range) {
            check(f.type() == FieldType.INT || f.type() == FieldType.FLOAT, where + ": a range validation needs an INT or FLOAT field");
            min = range.get("min") instanceof Number n ? n.longValue() : null;
            max = range.get("max") instanceof Number n ? n.longValue() : null;
        }
        return new FieldInfo(m.apiId(), f.apiId(), f.type(), f.list(), f.required(), f.unique(), f.localized(),
                f.enumeration(), target, f.reverseField() == null ? null : f.reverseField().apiId(), min, max, false,
                members, modular);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new ModelDefinitionException(message);
        }
    }
}
