package io.stagesync.devstage.server;

import io.stagesync.devstage.files.S3AssetFiles;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.GraphQLTestClient;
import io.stagesync.testing.ManagementTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** devstage's Management API over HTTP: clone, diff, atomic batches and what they do to the content API. */
class ManagementMigrationHttpTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final ManagementTestClient management = new ManagementTestClient(devstage);

    private String cloneOfProduction() throws Exception {
        String name = "clone" + NAMES.incrementAndGet();
        management.cloneEnvironment("production", name);
        return name;
    }

    private List<Map<String, Object>> hotels(String environment, String fields) throws Exception {
        return management.hotels(environment, fields);
    }

    private static Map<String, Object> op(String operation, Map<String, Object> input) {
        return Map.of(operation, input);
    }

    @Test
    void should_answer_the_probe_without_a_token_and_refuse_everything_else() throws Exception {
        // given
        var anonymous = new GraphQLTestClient(null);
        String url = devstage.server().managementApiUrl();
        // when
        var probe = anonymous.post(url, "{ metaInfo { serverVersion } }");
        var viewer = anonymous.post(url, "{ viewer { id } }");
        // then
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.data("metaInfo")).containsEntry("serverVersion", ManagementApiHandler.SERVER_VERSION);
        assertThat(viewer.status()).isEqualTo(401);
    }

    @Test
    void should_clone_schema_content_and_ids() throws Exception {
        // when
        String clone = cloneOfProduction();
        // then
        assertThat(hotels(clone, "slug name")).isNotEmpty().isEqualTo(hotels("production", "slug name"));
        String assets = "{ assets(stage: DRAFT, first: 100, orderBy: id_ASC) { id fileName size } }";
        var cloned = devstage.client().post(devstage.contentApiUrl(clone), assets).json().get("data");
        assertThat(cloned.toString()).contains("fileName").isEqualTo(devstage.client().post(devstage.contentApiUrl("production"), assets).json().get("data").toString());
        assertThat(management.diff(clone, "production")).isEmpty();
    }

    @Test
    void should_diff_a_changed_clone_and_apply_it_keeping_content() throws Exception {
        // given
        String source = cloneOfProduction();
        String target = cloneOfProduction();
        var before = hotels(target, "slug stars");
        var changed = management.apply(source, List.of(
                op("createModel", Map.of("apiId", "Brand", "apiIdPlural", "Brands", "displayName", "Brand")),
                op("createSimpleField", Map.of("apiId", "label", "modelApiId", "Brand", "type", "STRING", "displayName", "Label")),
                op("createSimpleField", Map.of("apiId", "subtitle", "modelApiId", "Hotel", "type", "STRING", "displayName", "Subtitle")),
                op("createRelationalField", Map.of("apiId", "brand", "modelApiId", "Hotel", "type", "RELATION", "displayName", "Brand",
                        "reverseField", Map.of("apiId", "hotels", "modelApiId", "Brand", "displayName", "Hotels", "isList", true)))));
        assertThat(changed).containsEntry("status", "SUCCESS");
        // when
        var changes = management.diff(target, source);
        var applied = management.apply(target, changes);
        // then
        assertThat(changes).extracting(c -> c.keySet().iterator().next())
                .containsExactly("createModel", "createSimpleField", "createSimpleField", "createRelationalField");
        assertThat(applied).containsEntry("status", "SUCCESS");
        assertThat(management.diff(target, source)).isEmpty();
        assertThat(hotels(target, "slug stars")).isEqualTo(before);
        assertThat(hotels(target, "subtitle brand { id }")).allSatisfy(h -> assertThat(h.get("subtitle")).isNull());
    }

    @Test
    void should_keep_content_through_a_rename_and_lose_it_with_a_deleted_field() throws Exception {
        // given
        String env = cloneOfProduction();
        var before = hotels(env, "slug stars");
        // when
        var renamed = management.apply(env, List.of(op("updateSimpleField",
                Map.of("apiId", "stars", "modelApiId", "Hotel", "newApiId", "starRating"))));
        var afterRename = hotels(env, "slug starRating");
        var recreated = management.apply(env, List.of(
                op("deleteField", Map.of("apiId", "starRating", "modelApiId", "Hotel")),
                op("createSimpleField", Map.of("apiId", "starRating", "modelApiId", "Hotel", "type", "INT", "displayName", "Stars"))));
        // then
        assertThat(renamed).containsEntry("status", "SUCCESS");
        assertThat(afterRename).extracting(h -> h.get("starRating")).containsExactlyElementsOf(
                before.stream().map(h -> h.get("stars")).toList());
        assertThat(before).anySatisfy(h -> assertThat(h.get("stars")).isNotNull());
        assertThat(recreated).containsEntry("status", "SUCCESS");
        assertThat(hotels(env, "starRating")).allSatisfy(h -> assertThat(h.get("starRating")).isNull());
    }

    @Test
    void should_fill_a_newly_required_field_from_its_migration_value_and_fail_without_one() throws Exception {
        // given
        String env = cloneOfProduction();
        var field = Map.<String, Object>of("apiId", "checkIn", "modelApiId", "Hotel", "type", "STRING",
                "displayName", "Check-in", "isRequired", true);
        // when
        var without = management.apply(env, List.of(op("createSimpleField", field)));
        var schemaAfterFailure = management.diff(env, "production");
        var with = new java.util.LinkedHashMap<>(field);
        with.put("migrationValue", "15:00");
        var filled = management.apply(env, List.of(op("createSimpleField", with)));
        // then
        assertThat(without).containsEntry("status", "FAILED");
        assertThat((String) without.get("errors")).contains("Hotel.checkIn", "migrationValue");
        assertThat(schemaAfterFailure).isEmpty();
        assertThat(filled).containsEntry("status", "SUCCESS");
        assertThat(hotels(env, "checkIn")).isNotEmpty().allSatisfy(h -> assertThat(h.get("checkIn")).isEqualTo("15:00"));
    }

    @Test
    void should_apply_nothing_when_one_change_of_a_batch_fails() throws Exception {
        // given
        String env = cloneOfProduction();
        // when
        var failed = management.apply(env, List.of(
                op("createSimpleField", Map.of("apiId", "motto", "modelApiId", "Hotel", "type", "STRING", "displayName", "Motto")),
                op("deleteField", Map.of("apiId", "stars", "modelApiId", "Hotel")),
                op("createSimpleField", Map.of("apiId", "x", "modelApiId", "Nowhere", "type", "STRING", "displayName", "X"))));
        // then
        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("errors")).contains("Change 3", "Nowhere");
        assertThat(management.diff(env, "production")).isEmpty();
        assertThat(hotels(env, "stars")).isEqualTo(hotels("production", "stars"));
    }

    @Test
    void should_diff_and_apply_custom_stages() throws Exception {
        // given
        String source = cloneOfProduction();
        String target = cloneOfProduction();
        assertThat(management.apply(source, List.of(op("createStage", Map.of("apiId", "QA", "displayName", "QA", "color", "TEAL")))))
                .containsEntry("status", "SUCCESS");
        assertThat(management.apply(target, List.of(op("createStage", Map.of("apiId", "REVIEW", "displayName", "Review", "color", "PINK")))))
                .containsEntry("status", "SUCCESS");
        // when
        var changes = management.diff(target, source);
        var applied = management.apply(target, changes);
        // then
        assertThat(changes).containsExactly(op("createStage", Map.of("apiId", "QA", "displayName", "QA", "color", "TEAL")),
                op("deleteStage", Map.of("apiId", "REVIEW")));
        assertThat(applied).containsEntry("status", "SUCCESS");
        assertThat(management.diff(target, source)).isEmpty();
    }

    @Test
    void should_mask_remote_source_secrets_in_the_diff() throws Exception {
        // given
        String source = cloneOfProduction();
        String target = cloneOfProduction();
        var created = management.apply(source, List.of(op("createGraphQLRemoteSource", Map.of("prefix", "Weather",
                "displayName", "Weather", "url", "https://weather.example/graphql", "kind", "Custom", "introspectionMethod", "POST",
                "oAuth", Map.of("clientId", "client-1", "clientSecret", "s3cr3t-value", "authorizationUrl", "https://weather.example/token",
                        "authorizationGrantType", "client_credentials")))));
        // when
        var changes = management.diff(target, source);
        // then
        assertThat(created).containsEntry("status", "SUCCESS");
        assertThat(changes.toString()).contains("createGraphQLRemoteSource", "CLIENT_SECRET").doesNotContain("s3cr3t-value");
    }

    @Test
    void should_refuse_badly_typed_changes_as_a_validation_error_and_apply_nothing() throws Exception {
        // given
        String target = cloneOfProduction();
        String submit = "mutation ($data: BatchMigrationInput!) { submitBatchChanges(data: $data) { migration { id status } } }";
        Map<String, Object> good = op("createSimpleField", Map.of("apiId", "motto", "modelApiId", "Hotel", "type", "STRING",
                "displayName", "Motto"));
        // when
        var unknownMember = management.post(submit, Map.of("data", Map.of("environmentId", io.stagesync.devstage.files.S3AssetFiles
                .environmentId(target), "changes", List.of(good, op("createSimpelField", Map.of("apiId", "x"))))));
        var badType = management.post(submit, Map.of("data", Map.of("environmentId", io.stagesync.devstage.files.S3AssetFiles
                .environmentId(target), "changes", List.of(good, op("createSimpleField", Map.of("apiId", "y", "modelApiId", "Hotel",
                "type", "TEXT", "displayName", "Y"))))));
        var missing = management.post(submit, Map.of("data", Map.of("environmentId", io.stagesync.devstage.files.S3AssetFiles
                .environmentId(target), "changes", List.of(good, op("createModel", Map.of("apiId", "Brand", "displayName", "Brand"))))));
        // then
        for (var refused : List.of(unknownMember, badType, missing)) {
            assertThat(refused.status()).as(refused.json().toString()).isEqualTo(400);
            assertThat(refused.json().get("data")).isNull();
        }
        assertThat(unknownMember.errors().toString()).contains("createSimpelField");
        assertThat(badType.errors().toString()).contains("TEXT", "SimpleFieldType");
        assertThat(missing.errors().toString()).contains("apiIdPlural");
        assertThat(management.diff(target, "production")).as("nothing applied").isEmpty();
    }
}
