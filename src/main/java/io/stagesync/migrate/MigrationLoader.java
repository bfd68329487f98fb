package io.stagesync.migrate;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code migrations/<Model>/V<semver>__<name>.camel.yaml}: checks each file's name, version and YAML (one
 * {@code route} or one {@code routeTemplate}), then adds it to Camel as route {@code migration-<Model>-<version>}
 * consumed from {@code direct:migration-<Model>-<version>}, whatever its own {@code from} says. A bad file stops the
 * start with its path and line.
 */
public final class MigrationLoader {

    private static final Pattern FILE = Pattern.compile("V([^_]*)__([A-Za-z0-9_-]+)\\.camel\\.yaml");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final String ALLOWED_NAME = "allowed: V<MAJOR.MINOR.PATCH>__<name>.camel.yaml, name of letters, digits, _ "
            + "and -, inside migrations/<Model>/";

    /** Checks every migration file under {@code dir} (nothing when it does not exist) and returns the steps, unloaded. */
    public List<MigrationStep> scan(Path dir) {
        List<MigrationStep> steps = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return steps;
        }
        Map<String, String> seen = new HashMap<>();
        for (Path entry : list(dir)) {
            String shown = dir + "/" + entry.getFileName();
            if (!Files.isDirectory(entry)) {
                if (isYaml(entry)) {
                    throw new MigrationFileException(shown, 0, "a migration must be inside its model's folder ("
                            + ALLOWED_NAME + ")");
                }
                continue;
            }
            String model = entry.getFileName().toString();
            if (!MODEL.matcher(model).matches()) {
                throw new MigrationFileException(shown, 0, "the folder must be named after a model (letters, digits, _; "
                        + "starting with a letter)");
            }
            for (Path file : list(entry)) {
                if (!Files.isRegularFile(file) || !isYaml(file)) {
                    continue;
                }
                String name = shown + "/" + file.getFileName();
                MigrationStep step = step(model, file, name);
                String key = model + "@" + step.version();
                String other = seen.putIfAbsent(key, name);
                if (other != null) {
                    throw new MigrationFileException(name, 0, "version " + step.version() + " of " + model + " is also defined by "
                            + other + "; each version may appear once per model");
                }
                steps.add(step);
            }
        }
        steps.sort(Comparator.comparing(MigrationStep::model).thenComparing(MigrationStep::version));
        return steps;
    }

    /** Adds each step's route to Camel (before it starts), under the step's own id and endpoint. */
    public void load(CamelContext camel, Path dir, List<MigrationStep> steps) {
        for (MigrationStep step : steps) {
            Path file = dir.resolve(step.model()).resolve(fileName(step));
            try {
                Resource resource = ResourceHelper.resolveResource(camel, "file:" + file.toAbsolutePath());
                // by the YAML loader itself: Camel picks loaders by the text after the first dot (V1.1.0__…)
                RoutesBuilder builder = PluginHelper.getRoutesLoader(camel).getRoutesLoader("yaml").loadRoutesBuilder(resource);
                if (builder instanceof RouteBuilder rb) {
                    retarget(camel, rb, step);
                }
                camel.addRoutes(builder);
                if (((org.apache.camel.model.ModelCamelContext) camel).getRouteDefinition(routeId(step)) == null && templateOf(camel, step)) {
                    camel.addRouteFromTemplate(routeId(step), routeId(step), Map.of());
                }
            } catch (MigrationFileException e) {
                throw e;
            } catch (Exception e) {
                throw new MigrationFileException(step.file(), line(e), "Camel cannot load it: " + rootMessage(e));
            }
        }
    }

    private static boolean templateOf(CamelContext camel, MigrationStep step) {
        return ((org.apache.camel.model.ModelCamelContext) camel).getRouteTemplateDefinition(routeId(step)) != null;
    }

    private static void retarget(CamelContext camel, RouteBuilder rb, MigrationStep step) throws Exception {
        List<RouteDefinition> routes = rb.configureRoutes(camel).getRoutes();
        List<RouteTemplateDefinition> templates = rb.getRouteTemplateCollection().getRouteTemplates();
        if (routes.size() + templates.size() != 1) {
            throw new MigrationFileException(step.file(), 1, "holds " + routes.size() + " routes and " + templates.size()
                    + " route templates; allowed: exactly one route or one routeTemplate");
        }
        if (!routes.isEmpty()) {
            routes.get(0).setId(routeId(step));
            routes.get(0).getInput().setUri(step.endpoint());
        } else {
            templates.get(0).setId(routeId(step));
            templates.get(0).getRoute().getInput().setUri(step.endpoint());
        }
    }

    static String routeId(MigrationStep step) {
        return "migration-" + step.model() + "-" + step.version();
    }

    private static String fileName(MigrationStep step) {
        return step.file().substring(step.file().lastIndexOf('/') + 1);
    }

    private MigrationStep step(String model, Path file, String shown) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new MigrationFileException(shown, 0, "bad file name; " + ALLOWED_NAME);
        }
        SemVer version = SemVer.parse(m.group(1));
        if (version == null) {
            throw new MigrationFileException(shown, 0, "'" + m.group(1) + "' is not a version MAJOR.MINOR.PATCH (for example 1.2.0)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MigrationFileException(shown, 0, "cannot be read: " + e.getMessage());
        }
        checkYaml(shown, text);
        String id = model + "-" + version;
        return new MigrationStep(model, version, m.group(2), shown, sha256(text), "direct:migration-" + id);
    }

    /** Valid YAML holding a list of exactly one {@code route} or {@code routeTemplate} with a {@code from} and steps. */
    private static void checkYaml(String file, String text) {
        List<Node> documents = new ArrayList<>();
        try {
            new Compose(LoadSettings.builder().setLabel(file).build()).composeAllFromString(text).forEach(documents::add);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(0);
            throw new MigrationFileException(file, line, "invalid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new MigrationFileException(file, 0, "invalid YAML: " + e.getMessage());
        }
        if (documents.size() != 1) {
            throw new MigrationFileException(file, documents.isEmpty() ? 1 : line(documents.get(1)),
                    "holds " + documents.size() + " YAML documents; allowed: one list with one route or routeTemplate");
        }
        Node root = documents.get(0);
        if (!(root instanceof SequenceNode list) || list.getValue().size() != 1) {
            throw new MigrationFileException(file, line(root), "must be a YAML list with exactly one item: "
                    + "'- route:' or '- routeTemplate:'");
        }
        Node item = list.getValue().get(0);
        if (!(item instanceof MappingNode map) || map.getValue().size() != 1
                || !(map.getValue().get(0).getKeyNode() instanceof ScalarNode key)
                || !List.of("route", "routeTemplate").contains(key.getValue())) {
            throw new MigrationFileException(file, line(item), "the item must be 'route:' or 'routeTemplate:' (one key)");
        }
        Node body = map.getValue().get(0).getValueNode();
        boolean hasFrom = body instanceof MappingNode m && m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && "from".equals(k.getValue()));
        if (!hasFrom) {
            throw new MigrationFileException(file, line(body), key.getValue() + " needs a 'from:' with its steps "
                    + "(its uri is replaced by the step's own endpoint; write for example 'uri: direct:migrate')");
        }
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static int line(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : LINE.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new MigrationFileException(dir.toString(), 0, "cannot be listed: " + e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
