package io.stagesync.jobs;

import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster service chosen by {@code stagesync.cluster.type} and configured from its keys (nothing is started:
 * the Kubernetes lease needs a cluster; the file lock is exercised by JobsFailoverTest).
 */
class JobsClusterTest {

    private static DefaultCamelContext context(Map<String, String> settings) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(settings);
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Test
    void should_elect_with_a_kubernetes_lease_configured_from_the_properties() {
        // given
        DefaultCamelContext context = context(Map.of("stagesync.cluster.type", "kubernetes",
                "stagesync.cluster.kubernetes.namespace", "sync", "stagesync.cluster.kubernetes.lease-name", "sync-leader",
                "stagesync.cluster.kubernetes.pod-name", "stagesync-0", "stagesync.cluster.kubernetes.lease-duration", "20s"));

        // when
        JobsCluster cluster = JobsCluster.configure(context, "stagesync-0");

        // then
        KubernetesClusterService k8s = (KubernetesClusterService) cluster.service();
        assertThat(cluster.type()).isEqualTo("kubernetes");
        assertThat(k8s.getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        assertThat(k8s.getKubernetesResourceName()).isEqualTo("sync-leader");
        assertThat(k8s.getKubernetesNamespace()).isEqualTo("sync");
        assertThat(k8s.getPodName()).isEqualTo("stagesync-0");
        assertThat(k8s.getLeaseDurationMillis()).isEqualTo(20000);
        assertThat(k8s.getRenewDeadlineMillis()).isEqualTo(10000);
        assertThat(context.getRegistry().lookupByNameAndType(JobsCluster.POLICY, ClusteredRoutePolicy.class)).isNotNull();
    }

    @Test
    void should_elect_with_a_file_lock_by_default() {
        // when
        JobsCluster cluster = JobsCluster.configure(context(Map.of("stagesync.cluster.file.root", "/shared/cluster")), "host-1");

        // then
        FileLockClusterService file = (FileLockClusterService) cluster.service();
        assertThat(file.getRoot()).isEqualTo("/shared/cluster");
        assertThat(file.getId()).isEqualTo("host-1");
        assertThat(file.getAcquireLockInterval()).isEqualTo(1000);
    }

    @Test
    void should_refuse_an_unknown_type_naming_the_key_and_the_choices() {
        assertThatThrownBy(() -> JobsCluster.configure(context(Map.of("stagesync.cluster.type", "zookeeper")), "host-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stagesync.cluster.type must be 'file' or 'kubernetes', got: zookeeper");
    }
}
