package io.camelinngest.consumer;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The started Inngest consumers of one CamelContext using each configured state repository, and whether one of them
 * started it. Registered as a service of the CamelContext, so that nothing about repositories is shared between
 * CamelContexts of one JVM.
 * <p>
 * A {@link FileStateRepository} reads its file only when it starts, so the one a consumer started is stopped again when
 * the last consumer using it stops: the next start reads the file again. Otherwise a node that leads again would
 * restore what its repository held when it last led, not what another node delivered since (ClusteredRoutePolicy stops
 * and starts the route as the lead moves). Other repositories are never stopped here: stopping a MemoryStateRepository,
 * for one, clears it.
 */
final class StateRepositoryUsers extends ServiceSupport {

    private final Map<StateRepository<String, String>, Users> users = new IdentityHashMap<>();

    private static final class Users {
        private final boolean startedHere;
        private int count;

        private Users(boolean startedHere) {
            this.startedHere = startedHere;
        }
    }

    /** The instance of this CamelContext, registered on first use. */
    static StateRepositoryUsers of(CamelContext context) {
        synchronized (context) {
            StateRepositoryUsers existing = context.hasService(StateRepositoryUsers.class);
            if (existing != null) {
                return existing;
            }
            StateRepositoryUsers created = new StateRepositoryUsers();
            try {
                context.addService(created, true);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Cannot register the Inngest state repository users with " + context.getName(), e);
            }
            return created;
        }
    }

    /** A consumer starts using the repository: it is started if it was not. */
    synchronized void starting(StateRepository<String, String> repository) {
        Users count = users.computeIfAbsent(repository, r -> new Users(!ServiceHelper.isStarted(r)));
        ServiceHelper.startService(repository);
        count.count++;
    }

    /** A consumer stopped using the repository: the last one stops a file repository a consumer started. */
    synchronized void stopped(StateRepository<String, String> repository) {
        Users count = users.get(repository);
        if (count != null && --count.count <= 0) {
            users.remove(repository);
            if (count.startedHere && repository instanceof FileStateRepository) {
                ServiceHelper.stopService(repository);
            }
        }
    }

    /** How many consumers use the repository now (for tests). */
    synchronized int count(StateRepository<String, String> repository) {
        Users count = users.get(repository);
        return count == null ? 0 : count.count;
    }
}
