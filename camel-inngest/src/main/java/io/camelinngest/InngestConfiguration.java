package io.camelinngest;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of the Inngest component and its endpoints. Values set on the component are the defaults of every
 * endpoint. Credentials and origins not set here come from the standard Inngest environment variables.
 * <p>
 * The options are kept by concern along one class chain: {@link InngestConnectionConfiguration} (keys, origins, HTTP,
 * retries), {@link InngestProducerConfiguration} (producer inputs, sends, awaits), {@link InngestConsumerConfiguration}
 * (the polling consumers), and this class, which holds the options both producers and consumers read: the run, app,
 * function and event name they are about, and how often a run and an event's runs are read.
 */
@UriParams
public class InngestConfiguration extends InngestConsumerConfiguration {

    @UriParam(label = "common", description = "The ID of a run, for getRun, listRunJobs, cancelRun and rerunRun (header"
                                              + " CamelInngestRunId wins). For the runStatus consumer: the runs to watch,"
                                              + " comma-separated.")
    private String runId;
    @UriParam(label = "common", description = "The app ID (as the SDK was created with), for listFunctions (all apps"
                                              + " when unset), invokeFunction and createCancellation (header"
                                              + " CamelInngestAppId wins). For"
                                              + " the runStatus consumer with source=v2: the app whose runs to follow.")
    private String appId;
    @UriParam(label = "common", description = "The function: for invokeFunction its ID within its app (e.g."
                                              + " ship-order); for createCancellation its slug, the app ID and that ID"
                                              + " joined by a dash (e.g. my-app-ship-order). Header"
                                              + " CamelInngestFunctionId wins. For the runStatus consumer with source=v2:"
                                              + " only runs of this function (its ID within its app).")
    private String functionId;
    @UriParam(label = "common", description = "listEvents: only events with exactly this name (header"
                                              + " CamelInngestEventName wins). For the runStatus consumer: watch the runs"
                                              + " started by new events of this name.")
    private String eventName;
    @UriParam(label = "advanced", defaultValue = "3000", javaType = "java.time.Duration",
              description = "The least time between two reads of one run, in milliseconds. The server caches a run for"
                            + " 3 s, so reading it sooner returns the same answer.")
    private long runPollInterval = 3_000;
    @UriParam(label = "advanced", defaultValue = "15000", javaType = "java.time.Duration",
              description = "The least time between two reads of an event's runs, in milliseconds. The server caches"
                            + " them for 15 s, an early empty list too.")
    private long eventRunsInterval = 15_000;

    /**
     * The event name filter: {@code eventName} or {@code name} (one filter under two names).
     *
     * @throws IllegalArgumentException when both are set to different names
     */
    public String eventNameFilter() {
        boolean hasName = getName() != null && !getName().isBlank();
        boolean hasEventName = eventName != null && !eventName.isBlank();
        if (hasName && hasEventName && !getName().trim().equals(eventName.trim())) {
            throw new IllegalArgumentException(
                    "Options name and eventName are the same event name filter; they differ ('"
                                               + getName() + "', '" + eventName + "'): set one");
        }
        return hasEventName ? eventName.trim() : hasName ? getName().trim() : null;
    }

    /** A copy of every option (a shallow one: beans such as the state repository are shared, as before). */
    public InngestConfiguration copy() {
        try {
            return (InngestConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId;
    }

    public String getFunctionId() {
        return functionId;
    }

    public void setFunctionId(String functionId) {
        this.functionId = functionId;
    }

    public String getEventName() {
        return eventName;
    }

    public void setEventName(String eventName) {
        this.eventName = eventName;
    }

    public long getRunPollInterval() {
        return runPollInterval;
    }

    public void setRunPollInterval(long runPollInterval) {
        this.runPollInterval = runPollInterval;
    }

    public long getEventRunsInterval() {
        return eventRunsInterval;
    }

    public void setEventRunsInterval(long eventRunsInterval) {
        this.eventRunsInterval = eventRunsInterval;
    }
}
