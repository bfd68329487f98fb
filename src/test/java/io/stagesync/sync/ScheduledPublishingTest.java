package io.stagesync.sync;

import io.stagesync.devstage.DevstageServer;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled publishing over HTTP: devstage serves Hygraph's releases and scheduled operations, and a sync names the
 * source's pending ones (model, entry, release and time) in its warnings instead of copying them.
 */
@SuppressWarnings("unchecked")
class ScheduledPublishingTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();

    @TempDir
    Path dir;

    private GraphQLTestClient.Response post(String env, String query, Map<String, Object> variables) throws Exception {
        GraphQLTestClient.Response r = devstage.client().post(devstage.contentApiUrl(env), query, variables);
        assertThat(r.errors()).as("errors of %s", query).isEmpty();
        return r;
    }

    private static List<Map<String, Object>> list(GraphQLTestClient.Response r, String field) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.json().get("data")).get(field);
    }

    @Test
    void should_serve_releases_and_scheduled_operations_and_name_the_pending_ones_in_the_sync_warnings() throws Exception {
        // given: a release with a scheduled publish of one hotel in de, and a scheduled unpublish of another at a time
        String source = devstage.freshEnvironment("sched", DevstageServer.demoModel(), 10);
        String target = devstage.freshEnvironment("schedcopy", DevstageServer.demoModel());
        List<Map<String, Object>> hotels = list(post(source, "{ hotels(stage: DRAFT, first: 2) { id } }", Map.of()), "hotels");
        String first = (String) hotels.get(0).get("id");
        String second = (String) hotels.get(1).get("id");
        Map<String, Object> release = post(source, "mutation { r: createScheduledRelease(data: { title: \"Spring launch\", "
                + "releaseAt: \"2099-03-01T09:00:00Z\" }) { id status isImplicit isActive } }", Map.of()).data("r");
        post(source, "mutation($id: ID!, $r: String!) { schedulePublishHotel(where: { id: $id }, to: [PUBLISHED], locales: [de], releaseId: $r) { id } }",
                Map.of("id", first, "r", release.get("id")));
        post(source, "mutation($id: ID!) { scheduleUnpublishHotel(where: { id: $id }, releaseAt: \"2099-04-01T10:00:00Z\") { id } }",
                Map.of("id", second));
        GraphQLTestClient.Response neither = devstage.client().post(devstage.contentApiUrl(source),
                "mutation($id: ID!) { schedulePublishHotel(where: { id: $id }) { id } }", Map.of("id", first));

        // when
        List<Map<String, Object>> pending = list(post(source, "{ scheduledOperations(where: { status: PENDING }, stage: DRAFT) "
                + "{ id status rawPayload release { title releaseAt isImplicit status } affectedDocuments { __typename ... on Hotel { id } } } }",
                Map.of()), "scheduledOperations");
        List<Map<String, Object>> releases = list(post(source, "{ scheduledReleases(where: { status: PENDING }) "
                + "{ title isImplicit releaseAt operations { status } } }", Map.of()), "scheduledReleases");
        SyncResult sync;
        try (SyncHarness h = SyncHarness.startApplication(devstage, dir, Map.of())) {
            sync = h.sync(source, target, false, false, SyncProgress.NONE);
        }

        // then: devstage answers in Hygraph's shapes
        assertThat(release).containsEntry("status", "PENDING").containsEntry("isImplicit", false).containsEntry("isActive", true);
        assertThat(neither.errors()).singleElement().satisfies(e -> assertThat((String) e.get("message"))
                .contains("schedulePublishHotel needs exactly one of 'releaseAt'"));
        assertThat(pending).hasSize(2);
        assertThat(pending.get(0)).containsEntry("status", "PENDING");
        assertThat((Map<String, Object>) pending.get(0).get("release")).containsEntry("title", "Spring launch").containsEntry("isImplicit", false);
        assertThat((Map<String, Object>) pending.get(0).get("rawPayload")).containsEntry("operation", "publish").containsEntry("locales", List.of("de"));
        assertThat((List<Object>) pending.get(0).get("affectedDocuments")).containsExactly(Map.of("__typename", "Hotel", "id", first));
        assertThat((Map<String, Object>) pending.get(1).get("release")).containsEntry("isImplicit", true);
        assertThat((String) ((Map<String, Object>) pending.get(1).get("release")).get("releaseAt")).startsWith("2099-04-01T10:00:00");
        assertThat(releases).hasSize(2).allSatisfy(r -> assertThat((List<?>) r.get("operations")).hasSize(1));
        // and the sync names both, copies neither
        assertThat(sync.status()).as("report %s", sync.report()).isEqualTo("SUCCEEDED");
        List<String> warnings = (List<String>) sync.report().get("warnings");
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Hotel " + first + ": scheduled operation ")
                .contains("release 'Spring launch' at 2099-03-01T09:00:00").contains("is not copied"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Hotel " + second + ": scheduled operation ")
                .contains(" at 2099-04-01T10:00:00").contains("is not copied"));
        assertThat(list(post(target, "{ scheduledOperations { id } }", Map.of()), "scheduledOperations")).isEmpty();
    }
}
