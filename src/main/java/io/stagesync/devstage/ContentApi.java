package io.stagesync.devstage;

import java.util.Set;

/**
 * The per-environment GraphQL content API of devstage, independent of HTTP.
 * The HTTP layer authenticates, injects faults, then hands the request here.
 */
public interface ContentApi {

    /** The environments this API serves (each at {@code /v2/<project>/<environment>}). */
    Set<String> environments();

    /**
     * Runs one request against an environment. Validation errors answer 400 with {@code data: null};
     * resolver errors answer 200 with per-field {@code errors[].path}; an unknown environment answers 404.
     */
    GraphQLResponse execute(String environment, GraphQLRequest request);
}
