package dev.sqo.reconcile;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election for more than one operator replica: the Java Operator SDK takes this bean (in the prod profile,
 * and in tests) and starts the controllers only in the replica that holds the Lease. Without it every replica would
 * act, and a decision could be carried out twice.
 */
@Singleton
public class LeaderElectionBeans {

    private static final Logger LOG = Logger.getLogger(LeaderElectionBeans.class);

    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Null, which the SDK reads as "no leader election", when it is switched off. */
    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(SqoConfig config) {
        SqoConfig.LeaderElection election = config.leaderElection();
        if (!election.enabled()) {
            return null;
        }
        // The SDK stops leading when it is stopped too, and would then call System.exit(1): a clean shutdown would
        // end with status 1, and a test's operator would end the test JVM. Only a Lease lost while running ends the
        // process, through Quarkus, so that a restarted pod waits its turn instead of acting beside the new leader.
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> LOG.infof("leading through Lease %s", election.leaseName()),
                this::stoppedLeading,
                leader -> LOG.debugf("Lease %s is held by %s", election.leaseName(), leader));
        return new LeaderElectionConfiguration(election.leaseName(), election.leaseNamespace().orElse(null),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, callbacks, false);
    }

    private void stoppedLeading() {
        if (!stopping.get()) {
            LOG.error("lost the leader-election Lease; exiting so that no two replicas act");
            Quarkus.asyncExit(1);
        }
    }

    /** Before the SDK stops (observers of a lower priority value run first). */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping.set(true);
    }
}
