package io.stagesync.hygraph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled publishing is reported, not copied: the count query and the warnings built from its answer. */
class ScheduledPublishingReportTest {

    private static IntrospectedTypes schema(boolean scheduling) {
        Map<String, Object> connection = Map.of("kind", "OBJECT", "name", "ScheduledOperationConnection");
        List<Object> queryFields = scheduling
                ? List.of(Map.of("name", "scheduledOperationsConnection", "args", List.of(), "type", connection),
                Map.of("name", "scheduledReleasesConnection", "args", List.of(),
                        "type", Map.of("kind", "OBJECT", "name", "ScheduledReleaseConnection")))
                : List.of();
        return new IntrospectedTypes(Map.of("queryType", Map.of("name", "Query"),
                "types", List.of(Map.of("kind", "OBJECT", "name", "Query", "fields", queryFields))));
    }

    @Test
    void should_count_pending_operations_and_releases_when_the_stage_serves_scheduling() {
        // when
        String query = SchemaIntrospector.scheduledQuery(schema(true));
        // then
        assertThat(query).contains("operations: scheduledOperationsConnection(stage: DRAFT, where: { status: PENDING })")
                .contains("releases: scheduledReleasesConnection(stage: DRAFT, where: { status: PENDING })");
        assertThat(SchemaIntrospector.scheduledQuery(schema(false))).isNull();
    }

    @Test
    void should_name_each_kind_of_pending_scheduled_publishing_in_a_warning() {
        // given
        GraphQLResult answer = new GraphQLResult(200, Map.of("operations", Map.of("aggregate", Map.of("count", 3)),
                "releases", Map.of("aggregate", Map.of("count", 0))), List.of());
        // when
        List<String> warnings = SchemaIntrospector.scheduledNotCopied("production", answer);
        // then
        assertThat(warnings).singleElement().asString().startsWith("ScheduledOperation: 3 pending scheduled operations of stage production are not copied");
    }
}
