package io.stagesync.devstage.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.testing.DevstageExtension;
import io.stagesync.testing.ManagementTestClient;
import io.stagesync.testing.NodePackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code @hygraph/management-sdk} 1.5.2, unmodified, builds a schema in devstage (models, fields,
 * a component, component, modular and union fields), then diffs and applies it.
 */
class ManagementSdkTest {

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.demo(5);

    @Test
    @SuppressWarnings("unchecked")
    void should_build_diff_and_apply_a_schema_with_the_official_sdk() throws Exception {
        // given
        Path sdk = NodePackages.install("management-sdk");
        String source = devstage.freshEnvironment("sdksource");
        String target = devstage.freshEnvironment("sdktarget");
        // when
        var result = NodePackages.run(sdk, Path.of("src/test/node/management-sdk/schema-flow.js"), Map.of(
                "SOURCE_ENDPOINT", devstage.contentApiUrl(source), "TARGET_ENDPOINT", devstage.contentApiUrl(target),
                "DEVSTAGE_TOKEN", devstage.token()));
        // then
        assertThat(result.exitCode()).as(result.output()).isZero();
        String json = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        Map<String, Object> outcome = new ObjectMapper().readValue(json, Map.class);
        assertThat(outcome).containsEntry("built", "SUCCESS").containsEntry("applied", "SUCCESS");
        assertThat((java.util.List<String>) outcome.get("planned"))
                .containsExactly("createEnumeration", "createModel", "createComponent", "createEnumerableField",
                        "createComponentField", "createUnionField", "createSimpleField", "createComponentUnionField",
                        "createSimpleField", "createRelationalField");
        assertThat(new ManagementTestClient(devstage).diff(target, source)).isEmpty();
        var brands = devstage.client().post(devstage.contentApiUrl(target), "{ brands(stage: DRAFT) { label hotels { id }"
                + " blocks { __typename } } hotels(first: 1) { badges { caption } partner { __typename } } }");
        assertThat(brands.errors()).isEmpty();
    }
}
