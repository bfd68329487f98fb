package io.stagesync.cli;

import io.stagesync.config.CamelBootstrap;
import io.stagesync.graphql.GraphQLStageClients;
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
        GraphQLStageClients clients = camel.getRegistry().lookupByNameAndType("graphQLStageClients", GraphQLStageClients.class);
        clients.stages().get(from);
        clients.stages().get(to);
        StageChecks checks = new StageChecks(clients,
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
