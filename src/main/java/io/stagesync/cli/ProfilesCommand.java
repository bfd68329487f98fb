package io.stagesync.cli;

import io.stagesync.backup.BackupSettings;
import io.stagesync.backup.Manifest;
import io.stagesync.backup.SnapshotCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** Lists, shows, deletes, promotes and prunes the snapshots of backup profiles. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "Lists and manages the backup profiles and their snapshots.",
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Show.class, ProfilesCommand.Delete.class,
                ProfilesCommand.Promote.class, ProfilesCommand.Prune.class})
public class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "profiles needs a sub-command: list, show P, delete P/<ts>, promote P/<ts>, prune P --keep N");
    }

    private static SnapshotCatalog catalog(org.apache.camel.spi.Registry registry) {
        return registry.lookupByNameAndType("snapshotCatalog", SnapshotCatalog.class);
    }

    /** {@code P/<timestamp>} split in two; one line when it is not that. */
    static String[] snapshotRef(CommandSpec spec, String ref) {
        int slash = ref == null ? -1 : ref.indexOf('/');
        if (slash < 1 || slash == ref.length() - 1) {
            throw new ParameterException(spec.commandLine(), "'" + ref + "' is not allowed: PROFILE/TIMESTAMP, for example customer1/20261205T003015.123Z");
        }
        return new String[] {ref.substring(0, slash), ref.substring(slash + 1)};
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The profiles with snapshots, with their latest complete snapshot.")
    static class ListProfiles implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            return BackupCommands.run(config, registry -> {
                SnapshotCatalog catalog = catalog(registry);
                List<String> names = catalog.profiles();
                if (names.isEmpty()) {
                    System.out.println("No profiles yet (stagesync backup --stage S --profile P)");
                }
                for (String name : names) {
                    List<SnapshotCatalog.Listed> listed = catalog.list(name);
                    String latest = listed.isEmpty() ? "none complete" : listed.get(listed.size() - 1).manifest().snapshot();
                    System.out.println(name + "  snapshots " + listed.size() + "  latest " + latest
                            + catalog.baseline(name).map(b -> "  baseline " + b).orElse(""));
                }
                return 0;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A profile's complete snapshots: time, source stage, counts.")
    static class Show implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        OutputOptions output;

        @Parameters(index = "0", paramLabel = "PROFILE")
        String profile;

        @Override
        public Integer call() throws Exception {
            return BackupCommands.run(config, registry -> {
                List<SnapshotCatalog.Listed> listed = catalog(registry).list(profile);
                BackupSettings.Profile p = registry.lookupByNameAndType("backupSettings", BackupSettings.class).profile(profile);
                System.out.println("Profile " + profile + " (bucket " + p.bucket() + (p.prefix().isEmpty() ? "" : ", prefix " + p.prefix())
                        + (p.keep() > 0 ? ", keep " + p.keep() : "") + "): " + listed.size() + " complete snapshot" + (listed.size() == 1 ? "" : "s"));
                for (SnapshotCatalog.Listed l : listed) {
                    Manifest m = l.manifest();
                    long entries = m.models().values().stream().mapToLong(Manifest.Part::count).sum();
                    System.out.println("  " + m.snapshot() + (l.baseline() ? " [baseline]" : "") + "  from " + m.sourceStage() + " (" + m.cms()
                            + ")  entries " + entries + "  assets " + (m.assets() == null ? 0 : m.assets().count()) + "  files "
                            + BackupCommands.bytes(m.blobBytes()) + "  schema " + m.schemaHash().substring(0, 12)
                            + (m.scope().isEmpty() ? "" : "  only " + String.join(",", m.scope())));
                }
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes one snapshot; chunks and files other snapshots name stay.")
    static class Delete implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        OutputOptions output;

        @Parameters(index = "0", paramLabel = "PROFILE/TIMESTAMP")
        String ref;

        @Option(names = "--baseline", description = "Also delete the profile's baseline snapshot.")
        boolean baseline;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String[] r = snapshotRef(spec, ref);
            return BackupCommands.run(config, registry -> {
                SnapshotCatalog.Removed removed = catalog(registry).delete(r[0], r[1], baseline);
                System.out.println("Deleted " + ref + ": " + removed.objects() + " objects, " + removed.blobs() + " asset files");
                return 0;
            });
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Marks a complete snapshot as the profile's baseline.")
    static class Promote implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        OutputOptions output;

        @Parameters(index = "0", paramLabel = "PROFILE/TIMESTAMP")
        String ref;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String[] r = snapshotRef(spec, ref);
            return BackupCommands.run(config, registry -> {
                Manifest m = catalog(registry).promote(r[0], r[1]);
                System.out.println("Baseline of " + r[0] + " is now " + m.snapshot() + " (from " + m.sourceStage() + ")");
                return 0;
            });
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = "Deletes the oldest complete snapshots beyond the newest N (never the baseline).")
    static class Prune implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        OutputOptions output;

        @Parameters(index = "0", paramLabel = "PROFILE")
        String profile;

        @Option(names = "--keep", paramLabel = "N", description = "Snapshots to keep (default: stagesync.profiles.<P>.keep).")
        Integer keep;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (keep != null && keep < 1) {
                throw new ParameterException(spec.commandLine(), "--keep must be at least 1, got: " + keep);
            }
            return BackupCommands.run(config, registry -> {
                int n = keep != null ? keep : registry.lookupByNameAndType("backupSettings", BackupSettings.class).profile(profile).keep();
                if (n < 1) {
                    throw new IllegalArgumentException("prune " + profile + " needs --keep N or stagesync.profiles." + profile + ".keep");
                }
                SnapshotCatalog.Removed removed = catalog(registry).prune(profile, n);
                System.out.println("Pruned " + profile + " to " + n + ": deleted " + removed.snapshots().size() + " snapshot"
                        + (removed.snapshots().size() == 1 ? "" : "s") + " " + removed.snapshots() + ", " + removed.objects() + " objects, "
                        + removed.blobs() + " asset files");
                return 0;
            });
        }
    }
}
