package io.stagesync.routes;

import io.stagesync.graphql.ModelRef;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/list-models.camel.yaml against devstage's demo schema. */
class ListModelsRouteTest extends DevstageRouteTestSupport {

    @Test
    void should_list_the_models_of_a_stage_with_their_plural_names() {
        // given
        String stage = "production";

        // when
        Exchange result = template.send("direct:list-models", e -> e.setProperty("stage", stage));

        // then
        assertThat(result.getException()).isNull();
        @SuppressWarnings("unchecked")
        List<ModelRef> models = result.getMessage().getBody(List.class);
        assertThat(models).containsExactly(
                new ModelRef("Asset", "Assets", "assetsConnection", true),
                new ModelRef("Destination", "Destinations", "destinationsConnection", false),
                new ModelRef("Hotel", "Hotels", "hotelsConnection", false),
                new ModelRef("Review", "Reviews", "reviewsConnection", false));
    }
}
