package io.stagesync.cli;

import io.stagesync.backup.Manifest;
import io.stagesync.backup.SnapshotCatalog;
import io.stagesync.migrate.SemVer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Records that a profile's baseline snapshot holds every migration up to a version. */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = {"Records that the baseline snapshot of a profile "
        + "(stagesync profiles promote P/<ts>) already holds every migration up to VERSION: a restore --migrate of it (or of a later "
        + "snapshot) does not run those steps, so their files can be deleted from migrations/."})
public class MigrateBaselineCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    OutputOptions output;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", description = "The profile whose baseline holds the migrations.")
    String profile;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version (MAJOR.MINOR.PATCH) the baseline holds every migration up to.")
    String to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (SemVer.parse(to) == null) {
            throw new ParameterException(spec.commandLine(), "--to '" + to + "' is not allowed: a version MAJOR.MINOR.PATCH such as 1.2.0");
        }
        return BackupCommands.run(config, registry -> {
            Manifest m = registry.lookupByNameAndType("snapshotCatalog", SnapshotCatalog.class).markMigrated(profile, SemVer.parse(to).toString());
            System.out.println("Baseline " + profile + "/" + m.snapshot() + " holds every migration up to " + to);
            return 0;
        });
    }
}
