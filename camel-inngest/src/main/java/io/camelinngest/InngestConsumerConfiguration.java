package io.camelinngest;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The endpoint options of the polling consumers (newEvents, runStatus): where they start, how they page, what they
 * deliver, and where and when they save their position. Options that the producers read too are in
 * {@link InngestConfiguration}.
 * <p>
 * A link of the chain that makes {@link InngestConfiguration} (see {@link InngestConnectionConfiguration} for why it is
 * a chain).
 */
@UriParams
public abstract class InngestConsumerConfiguration extends InngestProducerConfiguration {

    @UriParam(label = "consumer", description = "newEvents: only events with exactly this name. The same filter as"
                                                + " eventName, under the name the newEvents consumer documents.")
    private String name;
    @UriParam(label = "consumer", defaultValue = "now",
              description = "Where a consumer with no saved position starts: now, earliest (as far back as the server"
                            + " keeps events), or an ISO-8601 instant.")
    private String startFrom = "now";
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How far behind the newest delivered time each poll looks again, in milliseconds: the"
                            + " server stores events asynchronously, so one can appear a little behind those already"
                            + " seen. IDs in this window are remembered, so nothing is delivered twice.")
    private long overlap = 5_000;
    @UriParam(label = "consumer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "newEvents, and runStatus with source=v2: how long an item is held back so that items the"
                            + " server lists late (events sent before it, runs queued before it) are delivered first,"
                            + " in milliseconds. An item is delivered, in order, once it lies this far behind the newest"
                            + " one seen or this host's clock, or was seen this long ago. One that shows up later still"
                            + " is delivered, with header CamelInngestLate=true. 0 delivers what is seen at once.")
    private long settleWindow = 5_000;
    @UriParam(label = "consumer", defaultValue = "51",
              description = "The page size of the listings a consumer reads: up to 51 for events (the server's"
                            + " maximum), up to 100 for v2 runs.")
    private int pageSize = 51;
    @UriParam(label = "consumer", defaultValue = "1000",
              description = "The most messages one poll delivers; the rest follow on the next polls. 0 for no limit.")
    private int maxMessagesPerPoll = 1000;
    @UriParam(label = "consumer", defaultValue = "message", enums = "message,poll",
              description = "When a consumer writes its position to the state repository: message, after each"
                            + " delivered message (after a crash at most the message in flight comes again); poll, once"
                            + " per poll, after its batch, before a stop and when an exchange fails (one write per batch;"
                            + " after a crash up to maxMessagesPerPoll messages come again). Delivery is at least once"
                            + " either way.")
    private String positionCommit = "message";
    @UriParam(label = "consumer,advanced",
              description = "Where the consumer keeps its position (watermark, IDs at the boundary, watched runs), saved"
                            + " as positionCommit says: a FileStateRepository survives restarts; a shared one"
                            + " (JDBC, Infinispan) lets another node take over. Default: in memory.")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,advanced",
              description = "The key of this consumer's position in the state repository. Default: derived from the"
                            + " operation and its filters, e.g. newEvents:name:shop/order.created.")
    private String stateKey;
    @UriParam(label = "consumer",
              description = "runStatus: deliver only changes to these statuses, comma-separated (e.g. Completed,Failed)."
                            + " Other changes are tracked but not delivered.")
    private String statuses;
    @UriParam(label = "consumer", defaultValue = "v1", enums = "v1,v2",
              description = "runStatus: v1 polls each run (runs found from eventName, runId or handed over); v2 reads"
                            + " the new and the ended runs of appId/functionId from the v2 runs listing (by queuedAt and"
                            + " by endedAt), with no per-run polling.")
    private String source = "v1";
    @UriParam(label = "consumer", defaultValue = "1000",
              description = "runStatus: the most runs watched at once; when full, the oldest is dropped with a warning"
                            + " that names it.")
    private int maxWatchedRuns = 1000;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "runStatus with eventName: how long after an event arrived its runs are looked for, in"
                            + " milliseconds (runs can appear late; debounced or batched functions start later).")
    private long discoveryWindow = 60_000;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public long getOverlap() {
        return overlap;
    }

    public void setOverlap(long overlap) {
        this.overlap = overlap;
    }

    public long getSettleWindow() {
        return settleWindow;
    }

    public void setSettleWindow(long settleWindow) {
        this.settleWindow = settleWindow;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getPositionCommit() {
        return positionCommit;
    }

    public void setPositionCommit(String positionCommit) {
        this.positionCommit = positionCommit;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public String getStatuses() {
        return statuses;
    }

    public void setStatuses(String statuses) {
        this.statuses = statuses;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public int getMaxWatchedRuns() {
        return maxWatchedRuns;
    }

    public void setMaxWatchedRuns(int maxWatchedRuns) {
        this.maxWatchedRuns = maxWatchedRuns;
    }

    public long getDiscoveryWindow() {
        return discoveryWindow;
    }

    public void setDiscoveryWindow(long discoveryWindow) {
        this.discoveryWindow = discoveryWindow;
    }
}
