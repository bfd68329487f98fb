package io.stagesync.sync;

import io.stagesync.config.CoreConfiguration;
import io.stagesync.dialect.Dialects;
import io.stagesync.hygraph.HygraphDialects;

import io.stagesync.testing.DevstageExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts camel-main with the sync routes and beans against a devstage server and a fresh H2 state store.
 */
final class SyncHarness implements AutoCloseable {

    static final List<String> ROUTES = List.of("error-handling", "sync-entries", "sync-relations", "publish", "mirror-target");

    private final Main main;
    final Path stateDir;

    private SyncHarness(Main main, Path stateDir) {
        this.main = main;
        this.stateDir = stateDir;
    }

    static SyncHarness start(DevstageExtension devstage, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        for (String env : devstage.server().environments()) {
            props.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            props.put("stagesync.stages." + env + ".token", devstage.token());
        }
        return start(props, stateDir, extra);
    }

    /** The sync routes and beans against the stages the properties configure. */
    static SyncHarness start(Map<String, String> stages, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>(stages);
        props.put("stagesync.state.url", "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("state") + ";WRITE_DELAY=0");
        props.put("stagesync.sync.retry.base-delay", "20ms");
        props.put("stagesync.sync.retry.max-delay", "200ms");
        props.put("stagesync.sync.documents-dir", stateDir.resolve("graphql").toString());
        props.putAll(extra);
        Files.createDirectories(stateDir);
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        props.forEach(main::addInitialProperty);
        StringBuilder pattern = new StringBuilder();
        for (String r : ROUTES) {
            pattern.append(pattern.length() == 0 ? "" : ",").append("file:routes/").append(r).append(".camel.yaml");
        }
        main.configure().withRoutesIncludePattern(pattern.toString());
        main.configure().addConfiguration(new CoreConfiguration());
        main.configure().addConfiguration(new SyncConfiguration());
        main.start();
        return new SyncHarness(main, stateDir);
    }

    /** The whole application as the CLI starts it (every route file, the asset phase included). */
    static SyncHarness startApplication(DevstageExtension devstage, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        for (String env : devstage.server().environments()) {
            props.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            props.put("stagesync.stages." + env + ".token", devstage.token());
        }
        return startApplication(props, stateDir, extra);
    }

    /** The whole application as the CLI starts it, against the stages the properties configure. */
    static SyncHarness startApplication(Map<String, String> stages, Path stateDir, Map<String, String> extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>(stages);
        props.put("stagesync.state.url", "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("state") + ";WRITE_DELAY=0");
        props.putAll(extra);
        Files.createDirectories(stateDir);
        Main main = io.stagesync.config.CamelBootstrap.of(null, props).createMain();
        main.start();
        return new SyncHarness(main, stateDir);
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    SyncService service() {
        return camel().getRegistry().lookupByNameAndType("syncService", SyncService.class);
    }

    DataSource dataSource() {
        return camel().getRegistry().lookupByNameAndType("stateStore", io.stagesync.state.StateStore.class).dataSource();
    }

    /** The plan the engine makes for a stage pair (introspecting both). */
    io.stagesync.sync.schema.SyncPlan syncPlan(String from, String to) {
        Dialects dialects = camel().getRegistry().lookupByNameAndType("dialects", Dialects.class);
        return new io.stagesync.sync.schema.SyncPlanner("syncSourceId", Map.of()).plan(
                dialects.forStage(from).describe(), dialects.forStage(to).describe(), List.of());
    }

    /** The read document the Hygraph dialect generates for a model of the source stage. */
    String readDocument(String from, String to, String model) {
        HygraphDialects dialects = (HygraphDialects) ((io.stagesync.dialect.CmsDialects) camel().getRegistry()
                .lookupByNameAndType("dialects", Dialects.class)).forCms(io.stagesync.config.StageConfig.HYGRAPH);
        io.stagesync.sync.schema.SyncPlan plan = syncPlan(from, to);
        return dialects.readDocument(from, plan.model(model).orElseThrow(), plan.locales());
    }

    SyncResult sync(String from, String to, boolean plan, boolean full, SyncProgress progress) {
        return service().run(new SyncRequest(null, from, to, List.of(), full, plan, Map.of()), progress);
    }

    @Override
    public void close() {
        var store = camel().getRegistry().lookupByNameAndType("stateStore", io.stagesync.state.StateStore.class);
        main.stop();
        if (store != null) {
            store.close();
        }
    }
}
