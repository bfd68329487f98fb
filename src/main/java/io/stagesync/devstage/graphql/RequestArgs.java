package io.stagesync.devstage.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.stagesync.devstage.store.EnvironmentStore;

import java.util.List;

/** Reads stage and locales of a field, falling back to the gcms-stage / gcms-locales headers when omitted. */
final class RequestArgs {
    static final String HEADER_STAGE = "devstage.header.stage";
    static final String HEADER_LOCALES = "devstage.header.locales";

    private RequestArgs() {
    }

    static boolean given(DataFetchingEnvironment env, String argument) {
        return env.getField().getArguments().stream().anyMatch(a -> a.getName().equals(argument));
    }

    static String stage(DataFetchingEnvironment env) {
        if (given(env, "stage")) {
            return env.getArgument("stage");
        }
        String header = env.getGraphQlContext().get(HEADER_STAGE);
        if (header == null || header.isBlank()) {
            return EnvironmentStore.PUBLISHED;
        }
        if (!EnvironmentStore.STAGES.contains(header.trim())) {
            throw new ContentException("Header gcms-stage names an unknown stage '" + header + "' (DRAFT or PUBLISHED)");
        }
        return header.trim();
    }

    static List<String> locales(DataFetchingEnvironment env, ContentRuntime runtime) {
        if (given(env, "locales")) {
            List<String> l = env.getArgument("locales");
            if (l != null && !l.isEmpty()) {
                return l;
            }
        }
        return headerOrDefault(env, runtime);
    }

    static List<String> headerOrDefault(DataFetchingEnvironment env, ContentRuntime runtime) {
        List<String> header = env.getGraphQlContext().get(HEADER_LOCALES);
        if (header != null && !header.isEmpty()) {
            for (String l : header) {
                if (!runtime.schema.locales().contains(l)) {
                    throw new ContentException("Header gcms-locales names an unknown locale '" + l + "'; known: " + runtime.schema.locales());
                }
            }
            return header;
        }
        return List.of(runtime.schema.defaultLocale());
    }
}
