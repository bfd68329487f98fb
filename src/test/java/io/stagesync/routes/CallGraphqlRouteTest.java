package io.stagesync.routes;

import io.stagesync.graphql.GraphQLResponseException;
import org.apache.camel.Exchange;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/call-graphql.camel.yaml against devstage over real HTTP. */
class CallGraphqlRouteTest extends DevstageRouteTestSupport {

    @Test
    void should_answer_from_the_configured_stage_whatever_headers_came_in_and_leave_none_behind() throws Exception {
        // given: headers that would steer or leak if they were passed on
        long hotels = productionCounts().get("Hotel");
        devstage.stats("production").reset();

        // when
        Exchange result = template.send("direct:call-graphql", e -> {
            e.setProperty("stage", "production");
            e.setProperty("graphqlOperation", "CountHotels");
            e.setProperty("graphqlQuery", "query CountHotels($stage: Stage!) { c: hotelsConnection(stage: $stage) { aggregate { count } } }");
            e.setProperty("graphqlVariables", new JsonObject(Map.of("stage", "DRAFT")));
            e.getMessage().setHeader("Authorization", "Bearer not-the-token");
            e.getMessage().setHeader("CamelHttpUri", "http://127.0.0.1:1/elsewhere");
            e.getMessage().setHeader("gcms-stage", "PUBLISHED");
        });

        // then
        assertThat(result.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = result.getMessage().getBody(Map.class);
        assertThat(data).isEqualTo(Map.of("c", Map.of("aggregate", Map.of("count", (int) hotels))));
        assertThat(result.getMessage().getHeaders()).isEmpty();
        assertThat(devstage.stats("production").reads()).isEqualTo(1);
    }

    @Test
    void should_fail_on_graphql_errors_inside_a_200_without_retrying() {
        // given: a slug that exists already, so the second create fails with an error in a 200 answer
        String slug = "call-graphql-dup-" + java.util.UUID.randomUUID();
        String mutation = "mutation { m0: createHotel(data: { name: \"Dup\", slug: \"" + slug + "\", category: BUDGET }) { id } }";
        Exchange first = call("staging", mutation);
        devstage.stats("staging").reset();

        // when
        Exchange second = call("staging", mutation);

        // then
        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isInstanceOf(GraphQLResponseException.class)
                .hasMessageContaining("CreateHotel").hasMessageContaining("(path m0)");
        assertThat(devstage.stats("staging").writes()).isEqualTo(1);
    }

    private Exchange call(String stage, String query) {
        return template.send("direct:call-graphql", e -> {
            e.setProperty("stage", stage);
            e.setProperty("graphqlOperation", "CreateHotel");
            e.setProperty("graphqlQuery", query);
            e.setProperty("graphqlVariables", new JsonObject());
        });
    }
}
