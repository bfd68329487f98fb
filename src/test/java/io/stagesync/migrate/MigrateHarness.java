package io.stagesync.migrate;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncProgress;
import io.stagesync.sync.SyncRequest;
import io.stagesync.sync.SyncResult;
import io.stagesync.sync.SyncService;
import io.stagesync.testing.DevstageExtension;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole application as the CLI starts it, against devstage, with a fresh H2 state store and the given migrations
 * folder; helpers that create and read hotels over the devstage GraphQL API.
 */
public final class MigrateHarness implements AutoCloseable {

    private final Main main;
    private final DevstageExtension devstage;

    private MigrateHarness(Main main, DevstageExtension devstage) {
        this.main = main;
        this.devstage = devstage;
    }

    static MigrateHarness start(DevstageExtension devstage, Path dir, Path migrations, Map<String, String> extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        for (String env : devstage.server().environments()) {
            props.put("stagesync.stages." + env + ".content-api", devstage.contentApiUrl(env));
            props.put("stagesync.stages." + env + ".token", devstage.token());
        }
        props.put("stagesync.state.url", "jdbc:h2:file:" + dir.toAbsolutePath().resolve("state") + ";WRITE_DELAY=0");
        props.put("stagesync.migrate.dir", migrations.toString());
        props.put("stagesync.sync.retry.base-delay", "20ms");
        props.put("stagesync.sync.retry.max-delay", "200ms");
        props.putAll(extra);
        Files.createDirectories(dir);
        Main main = CamelBootstrap.of(null, props).createMain();
        main.start();
        return new MigrateHarness(main, devstage);
    }

    /** A migrations folder holding the shipped example (migrations/Hotel/V1.1.0__fill_stars.camel.yaml). */
    public static Path exampleMigrations(Path dir) throws Exception {
        Path hotel = Files.createDirectories(dir.resolve("migrations").resolve("Hotel"));
        Files.copy(Path.of("migrations/Hotel/V1.1.0__fill_stars.camel.yaml"), hotel.resolve("V1.1.0__fill_stars.camel.yaml"));
        return dir.resolve("migrations");
    }

    /** A versioned fixture of the example migration ({@code src/test/resources/migrations/Hotel/1.1.0/<name>}). */
    static <T> T fixture(String name, com.fasterxml.jackson.core.type.TypeReference<T> type) throws Exception {
        try (java.io.InputStream in = MigrateHarness.class.getResourceAsStream("/migrations/Hotel/1.1.0/" + name)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(in, type);
        }
    }

    /** The hotels of a fixture file. */
    static List<Map<String, Object>> hotelsFixture(String name) throws Exception {
        return fixture(name, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    /** A --config file: application.properties, then the devstage stages, a state store under {@code dir} and {@code extra}. */
    public static Path config(DevstageExtension devstage, Path dir, Path migrations, Map<String, String> extra) throws Exception {
        StringBuilder cfg = new StringBuilder(Files.readString(Path.of("application.properties"))).append('\n');
        for (String e : devstage.server().environments()) {
            cfg.append("stagesync.stages.").append(e).append(".content-api=").append(devstage.contentApiUrl(e)).append('\n');
            cfg.append("stagesync.stages.").append(e).append(".token=").append(devstage.token()).append('\n');
        }
        cfg.append("stagesync.state.url=jdbc:h2:file:").append(dir.toAbsolutePath().resolve("run").resolve("state")).append(";WRITE_DELAY=0\n");
        cfg.append("stagesync.migrate.dir=").append(migrations).append('\n');
        extra.forEach((k, v) -> cfg.append(k).append('=').append(v).append('\n'));
        Path config = Files.writeString(dir.resolve("test.properties"), cfg.toString());
        io.stagesync.testing.secrets.TestSecrets.holdsSecretOnPurpose(config);
        return config;
    }

    MigrateService migrate() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("migrateService", MigrateService.class);
    }

    MigrateResult run(String stage, String id, boolean dryRun, SyncProgress progress) {
        return migrate().run(new MigrateRequest(null, stage, "Hotel", id, null, dryRun), progress);
    }

    SyncResult sync(String from, String to, boolean migrate) {
        return main.getCamelContext().getRegistry().lookupByNameAndType("syncService", SyncService.class)
                .run(new SyncRequest(null, from, to, List.of(), true, false, migrate ? Map.of("migrate", "true") : Map.of()), SyncProgress.NONE);
    }

    /** Creates the fixture hotels in the environment; returns their ids by slug. */
    Map<String, String> create(String env, List<Map<String, Object>> hotels, boolean publish) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> h : hotels) {
            var r = devstage.client().post(devstage.contentApiUrl(env), "mutation($d: HotelCreateInput!) { createHotel(data: $d) { id } }",
                    Map.of("d", h));
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("createHotel failed: " + r.errors());
            }
            ids.put((String) h.get("slug"), (String) r.data("createHotel").get("id"));
        }
        if (publish) {
            var r = devstage.client().post(devstage.contentApiUrl(env),
                    "mutation($ids: [ID!]) { publishManyHotelsConnection(where: {id_in: $ids}, to: PUBLISHED) { aggregate { count } } }",
                    Map.of("ids", new ArrayList<>(ids.values())));
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("publish failed: " + r.errors());
            }
        }
        return ids;
    }

    /** Every hotel of the environment in a content stage (DRAFT or PUBLISHED): id -> {slug, stars, name, category}. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> hotels(String env, String stage) throws Exception {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        String after = null;
        while (true) {
            var r = devstage.client().post(devstage.contentApiUrl(env), "query($after: String) { hotelsConnection(stage: " + stage
                    + ", first: 100, after: $after) { edges { node { id slug stars name category localizations(locales: [de]) { locale name stars } } } pageInfo { hasNextPage endCursor } } }",
                    after == null ? Map.of() : Map.of("after", after));
            if (!r.errors().isEmpty()) {
                throw new IllegalStateException("read failed: " + r.errors());
            }
            Map<String, Object> conn = r.data("hotelsConnection");
            for (Map<String, Object> edge : (List<Map<String, Object>>) conn.get("edges")) {
                Map<String, Object> node = (Map<String, Object>) edge.get("node");
                all.put((String) node.get("id"), node);
            }
            Map<String, Object> page = (Map<String, Object>) conn.get("pageInfo");
            if (!Boolean.TRUE.equals(page.get("hasNextPage"))) {
                return all;
            }
            after = (String) page.get("endCursor");
        }
    }

    StateStore store() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("stateStore", StateStore.class);
    }

    @Override
    public void close() {
        StateStore store = store();
        main.stop();
        if (store != null) {
            store.close();
        }
    }
}
