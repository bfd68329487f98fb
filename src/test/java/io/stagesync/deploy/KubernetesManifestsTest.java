package io.stagesync.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in deploy/kubernetes/ against the Kubernetes API model (fabric8's typed classes, the schema
 * kubectl's objects follow): every document reads into its kind with no field the model does not know, and the
 * Deployment, Service, Lease RBAC and Secret hold what docs/operations.md promises.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy", "kubernetes");
    private static final List<HasMetadata> resources = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String file : kustomizationResources()) {
            for (String document : Files.readString(DIR.resolve(file)).split("(?m)^---$")) {
                if (!document.isBlank()) {
                    resources.add(serialization.unmarshal(document, HasMetadata.class));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> kustomizationResources() throws Exception {
        Map<String, Object> kustomization = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(DIR.resolve("kustomization.yaml")));
        return (List<String>) kustomization.get("resources");
    }

    private static <T> T one(Class<T> kind) {
        List<T> found = resources.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void should_list_every_manifest_file_and_use_only_fields_the_kubernetes_model_knows() throws Exception {
        // when
        Set<String> files;
        try (Stream<Path> paths = Files.list(DIR)) {
            files = paths.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toSet());
        }

        // then
        assertThat(kustomizationResources()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(resources).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Secret", "Deployment", "Service");
        for (HasMetadata resource : resources) {
            assertThat(unknownFields(resource, "", new IdentityHashMap<>())).as(resource.getKind()).isEmpty();
            assertThat(resource.getMetadata().getName()).as(resource.getKind()).isNotBlank();
        }
    }

    @Test
    void should_run_two_non_root_replicas_with_probes_on_health_and_secrets_from_the_secret() {
        // when
        Deployment deployment = one(Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

        // then
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("stagesync");
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).startsWith("/observe/health");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).startsWith("/observe/health");
        assertThat(env.get("STAGESYNC_CLUSTER_TYPE").getValue()).isEqualTo("kubernetes");
        assertThat(env.get("STAGESYNC_STATE_URL").getValue()).startsWith("jdbc:postgresql://");
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        Set<String> secretKeys = one(io.fabric8.kubernetes.api.model.Secret.class).getStringData().keySet();
        for (String name : List.of("STAGESYNC_API_TOKEN", "STAGESYNC_STATE_PASSWORD", "STAGESYNC_PRODUCTION_TOKEN", "STAGESYNC_STAGING_TOKEN")) {
            assertThat(env.get(name).getValue()).as(name).isNull();
            assertThat(secretKeys).as(name).contains(env.get(name).getValueFrom().getSecretKeyRef().getKey());
        }
        assertThat(one(io.fabric8.kubernetes.api.model.Secret.class).getStringData().values()).allMatch(String::isEmpty);
    }

    @Test
    void should_let_the_pods_hold_the_lease_and_reach_them_through_the_service() {
        // when
        Role role = one(Role.class);
        RoleBinding binding = one(RoleBinding.class);
        Service service = one(Service.class);
        Deployment deployment = one(Deployment.class);

        // then
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).contains("coordination.k8s.io");
            assertThat(rule.getResources()).contains("leases");
            assertThat(rule.getVerbs()).contains("get", "create", "update");
        });
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).anySatisfy(s -> assertThat(s.getName()).isEqualTo("stagesync"));
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                .isEqualTo(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getName());
    }

    /** Paths of the fields the model did not know (kept in additionalProperties), anywhere in the object. */
    private static List<String> unknownFields(Object value, String path, Map<Object, Boolean> seen) throws Exception {
        List<String> unknown = new ArrayList<>();
        if (value == null || seen.put(value, true) != null) {
            return unknown;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                unknown.addAll(unknownFields(e.getValue(), path + "." + e.getKey(), seen));
            }
        } else if (value instanceof KubernetesResource || value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                    continue;
                }
                Object field = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) field).keySet().forEach(k -> unknown.add(path + "." + k));
                } else {
                    unknown.addAll(unknownFields(field, path + "." + getter.getName().substring(3), seen));
                }
            }
        }
        return unknown;
    }
}
