package io.stagesync.migrate;

import io.stagesync.config.SharedBeans;
import io.stagesync.config.StageRateLimiter;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.state.MigrationRecords;
import io.stagesync.state.StateStore;
import io.stagesync.sync.SyncSettings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads the migration files of {@code stagesync.migrate.dir} as routes when Camel is configured (a bad file stops the
 * start with its path and line) and builds the migrate engine's beans.
 */
@Configuration
public class MigrationConfiguration implements CamelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MigrationConfiguration.class);

    @Override
    public void configure(CamelContext camel) {
        Path dir = Path.of(SharedBeans.property(camel, "stagesync.migrate.dir", "migrations"));
        MigrationLoader loader = new MigrationLoader();
        List<MigrationStep> steps = loader.scan(dir);
        loader.load(camel, dir, steps);
        camel.getRegistry().bind("migrationCatalog", new MigrationCatalog(steps));
        if (!steps.isEmpty()) {
            log.info("Migrations loaded dir={} steps={}", dir, steps.stream().map(s -> s.model() + "/" + s.label()).toList());
        }
    }

    @BindToRegistry(value = "migrationRecords", lazy = true)
    public MigrationRecords migrationRecords(@BeanInject("stateStore") StateStore store) {
        return new MigrationRecords(store.dataSource());
    }

    @BindToRegistry(value = "entryMigrator", lazy = true)
    public EntryMigrator entryMigrator(@BeanInject("migrationCatalog") MigrationCatalog catalog,
                                       @BeanInject("migrationRecords") MigrationRecords records, @BeanInject("stepRunner") StepRunner runner) {
        return new EntryMigrator(catalog, records, runner);
    }

    @BindToRegistry(value = "migrationWriter", lazy = true)
    public MigrationWriter migrationWriter(@BeanInject("migrationRecords") MigrationRecords records) {
        return new MigrationWriter(records);
    }

    @BindToRegistry(value = "migratePager", lazy = true)
    public MigratePager migratePager(@BeanInject("migrationRecords") MigrationRecords records,
                                     @BeanInject("syncReadAheadPool") java.util.concurrent.ExecutorService readAhead) {
        return new MigratePager(records, readAhead);
    }

    @BindToRegistry(value = "migrateService", lazy = true)
    public MigrateService migrateService(CamelContext camel, @BeanInject("dialects") Dialects dialects,
                                         @BeanInject("stageRegistry") StageRegistry stages,
                                         @BeanInject("stageRateLimiter") StageRateLimiter limiter,
                                         @BeanInject("syncSettings") SyncSettings settings,
                                         @BeanInject("migrationCatalog") MigrationCatalog catalog,
                                         @BeanInject("migrationRecords") MigrationRecords records,
                                         @BeanInject("migrationWriter") MigrationWriter writer) {
        return new MigrateService(camel, dialects, stages, limiter, settings, catalog, records, writer);
    }
}
