package io.stagesync.hygraph;

import java.util.Map;

/**
 * One GraphQL request to send. A write that the stage may have applied before failing (ambiguous failure)
 * is asked for the request to send instead; a read simply resends itself.
 */
public interface GraphQLCall {

    String query();

    Map<String, Object> variables();

    /** The call to send after an ambiguous failure; by default the same call (safe for reads and updates). */
    default GraphQLCall afterAmbiguousFailure() {
        return this;
    }

    static GraphQLCall of(String query, Map<String, Object> variables) {
        return new GraphQLCall() {
            @Override
            public String query() {
                return query;
            }

            @Override
            public Map<String, Object> variables() {
                return variables;
            }
        };
    }
}
