package io.stagesync.jobs;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.stagesync.config.ConfigValues.durationMillis;
import static io.stagesync.config.ConfigValues.integer;
import static io.stagesync.config.ConfigValues.property;

/**
 * Leader election of the jobs service on Camel's cluster service ({@code stagesync.cluster.type}): {@code file}, a
 * lock file in a folder all instances share ({@code stagesync.cluster.file.root}), or {@code kubernetes}, a
 * coordination.k8s.io Lease. The schedules and the file-drop inbox run under the {@code leaderRoutePolicy} route
 * policy, and the run coordinator takes queued runs only while this instance leads.
 */
public final class JobsCluster {

    private static final Logger log = LoggerFactory.getLogger(JobsCluster.class);
    public static final String POLICY = "leaderRoutePolicy";

    private final CamelClusterService service;
    private final String namespace;
    private final String type;

    private JobsCluster(CamelClusterService service, String namespace, String type) {
        this.service = service;
        this.namespace = namespace;
        this.type = type;
    }

    /** Builds the configured cluster service, adds it to Camel and binds the leader route policy. */
    public static JobsCluster configure(CamelContext context, String instance) {
        String type = property(context, "stagesync.cluster.type", "file");
        String namespace = property(context, "stagesync.cluster.namespace", "stagesync-jobs");
        CamelClusterService service = switch (type) {
            case "file" -> fileService(context);
            case "kubernetes" -> kubernetesService(context);
            default -> throw new IllegalArgumentException("stagesync.cluster.type must be 'file' or 'kubernetes', got: " + type);
        };
        service.setId(instance);
        try {
            context.addService(service);
            ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(service, namespace);
            policy.setInitialDelay(java.time.Duration.ZERO);
            context.getRegistry().bind(POLICY, policy);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up leader election (" + type + "): " + e.getMessage(), e);
        }
        log.info("Leader election type={} namespace={} instance={}", type, namespace, instance);
        return new JobsCluster(service, namespace, type);
    }

    static FileLockClusterService fileService(CamelContext context) {
        FileLockClusterService file = new FileLockClusterService();
        file.setRoot(Path.of(property(context, "stagesync.cluster.file.root", "data/cluster")).toAbsolutePath().toString());
        file.setAcquireLockDelay(durationMillis(context, "stagesync.cluster.file.acquire-lock-delay", "100ms"), TimeUnit.MILLISECONDS);
        file.setAcquireLockInterval(durationMillis(context, "stagesync.cluster.file.acquire-lock-interval", "1s"), TimeUnit.MILLISECONDS);
        return file;
    }

    static KubernetesClusterService kubernetesService(CamelContext context) {
        KubernetesClusterService k8s = new KubernetesClusterService();
        k8s.setLeaseResourceType(LeaseResourceType.Lease);
        k8s.setKubernetesResourceName(property(context, "stagesync.cluster.kubernetes.lease-name", "stagesync-leader"));
        String ns = property(context, "stagesync.cluster.kubernetes.namespace", "");
        if (!ns.isEmpty()) {
            k8s.setKubernetesNamespace(ns);
        }
        String pod = property(context, "stagesync.cluster.kubernetes.pod-name", "");
        if (!pod.isEmpty()) {
            k8s.setPodName(pod);
        }
        String master = property(context, "stagesync.cluster.kubernetes.master-url", "");
        if (!master.isEmpty()) {
            k8s.setMasterUrl(master);
        }
        k8s.setLeaseDurationMillis(durationMillis(context, "stagesync.cluster.kubernetes.lease-duration", "15s"));
        k8s.setRenewDeadlineMillis(durationMillis(context, "stagesync.cluster.kubernetes.renew-deadline", "10s"));
        k8s.setRetryPeriodMillis(durationMillis(context, "stagesync.cluster.kubernetes.retry-period", "2s"));
        return k8s;
    }

    /** Tells the coordinator whenever this instance gains or loses the leadership (also if it already leads). */
    public void follow(RunCoordinator coordinator) {
        try {
            CamelClusterView view = service.getView(namespace);
            view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> changed(v, coordinator));
            changed(view, coordinator);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot follow the leader election: " + e.getMessage(), e);
        }
    }

    private static void changed(CamelClusterView view, RunCoordinator coordinator) {
        if (view.getLocalMember().isLeader()) {
            coordinator.leadershipGained();
        } else {
            coordinator.leadershipLost();
        }
    }

    public String type() {
        return type;
    }

    CamelClusterService service() {
        return service;
    }
}
