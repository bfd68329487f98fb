package io.stagesync.devstage.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Management API's migrations: each batch is queued, run one at a time on a single worker, and kept with its
 * status ({@code QUEUED → RUNNING → SUCCESS|FAILED}) and errors for {@code migration(id)}. A migration of an
 * environment whose faults hold migrations stays RUNNING until they are released.
 */
final class Migrations implements AutoCloseable {
    private final Map<String, Migration> byId = new ConcurrentHashMap<>();
    private final Predicate<String> held;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "devstage-migration");
        t.setDaemon(true);
        return t;
    });

    /** @param held whether an environment's migrations are held: a held migration stays RUNNING until released */
    Migrations(Predicate<String> held) {
        this.held = held;
    }

    /** One migration of one environment; {@code errors} is one string, as Hygraph's. */
    static final class Migration {
        final String id = HttpJson.requestId();
        final String environment;
        final String name;
        final String createdAt = Instant.now().toString();
        final String operationType;
        volatile String status = "QUEUED";
        volatile String errors;
        volatile String finishedAt;

        Migration(String environment, String name, String operationType) {
            this.environment = environment;
            this.name = name;
            this.operationType = operationType;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("status", status);
            m.put("errors", errors);
            m.put("createdAt", createdAt);
            m.put("finishedAt", finishedAt);
            m.put("operationType", operationType);
            m.put("resourceId", null);
            return m;
        }
    }

    /** Queues work for an environment; an {@link IllegalArgumentException} from it fails the migration with its message. */
    synchronized Migration submit(String environment, String name, String operationType, Consumer<String> work) {
        String unique = name == null ? "migration-" + Instant.now().toEpochMilli() + "-" + byId.size() : name;
        if (byId.values().stream().anyMatch(m -> m.environment.equals(environment) && m.name.equals(unique))) {
            throw new IllegalArgumentException("A migration named '" + unique + "' already exists in environment " + environment);
        }
        Migration migration = new Migration(environment, unique, operationType);
        byId.put(migration.id, migration);
        worker.submit(() -> run(migration, work));
        return migration;
    }

    /** Records work already done synchronously (an environment clone) as a finished migration. */
    Migration finished(String environment, String operationType) {
        Migration migration = new Migration(environment, operationType.toLowerCase() + "-" + Instant.now().toEpochMilli(), operationType);
        migration.status = "SUCCESS";
        migration.finishedAt = Instant.now().toString();
        byId.put(migration.id, migration);
        return migration;
    }

    Migration find(String environment, String id) {
        Migration m = byId.get(id);
        return m != null && m.environment.equals(environment) ? m : null;
    }

    private void run(Migration migration, Consumer<String> work) {
        migration.status = "RUNNING";
        try {
            while (held.test(migration.environment)) {
                Thread.sleep(20);
            }
            work.accept(migration.environment);
            migration.status = "SUCCESS";
        } catch (IllegalArgumentException e) {
            migration.errors = e.getMessage();
            migration.status = "FAILED";
        } catch (RuntimeException e) {
            migration.errors = "Internal error: " + e.getMessage();
            migration.status = "FAILED";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            migration.errors = "devstage stopped before the migration ran";
            migration.status = "FAILED";
        } finally {
            migration.finishedAt = Instant.now().toString();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
