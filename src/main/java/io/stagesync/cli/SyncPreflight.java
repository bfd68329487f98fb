package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.config.StageRegistry;
import io.stagesync.dialect.Dialects;
import io.stagesync.preflight.ModelNames;
import io.stagesync.preflight.PreflightException;
import io.stagesync.preflight.StageChecks;
import org.apache.camel.CamelContext;
import picocli.CommandLine;

import java.util.List;

/**
 * The read-only checks a command makes before its sync writes anything: both stages are configured, have a token
 * and accept it, and every {@code --models} name is a model of the source (ignoring case).
 */
final class SyncPreflight {

    private SyncPreflight() {
    }

    /** The requested models in the source's spelling (empty for all); throws with one clear line when a check fails. */
    static List<String> check(CamelContext camel, CamelBootstrap bootstrap, CommandLine command, String from, String to,
                              List<String> models) {
        StageRegistry stages = camel.getRegistry().lookupByNameAndType("stageRegistry", StageRegistry.class);
        stages.get(from);
        stages.get(to);
        StageChecks checks = new StageChecks(stages, camel.getRegistry().lookupByNameAndType("dialects", Dialects.class),
                stage -> StageChecks.tokenVariable(stage, bootstrap.property("stagesync.stages." + stage + ".token", null)));
        checks.checkAccess(from);
        checks.checkAccess(to);
        if (models == null || models.isEmpty()) {
            return List.of();
        }
        try {
            return ModelNames.resolve(models, checks.models(from), "--models");
        } catch (PreflightException e) {
            if (e.subject().equals("--models")) {
                throw new CommandLine.ParameterException(command, e.getMessage());
            }
            throw e;
        }
    }
}
