package dev.sqo.reconcile;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * Leader election for more than one operator replica: the Java Operator SDK takes this bean (in the prod profile)
 * and starts the controllers only in the replica that holds the Lease. Without it every replica would act, and a
 * decision could be carried out twice.
 */
public class LeaderElectionBeans {

    /** Null, which the SDK reads as "no leader election", when it is switched off. */
    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(SqoConfig config) {
        SqoConfig.LeaderElection election = config.leaderElection();
        return election.enabled()
                ? new LeaderElectionConfiguration(election.leaseName(), election.leaseNamespace().orElse(null))
                : null;
    }
}
