package io.camelinngest.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestConstants;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.NewEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both consumers against the Dev Server. Other users' events and runs reach the routes too (the consumers read the
 * whole environment): each test keeps only what carries its own unique data or run.
 */
@Tag("live")
class LiveConsumersTest extends LiveTestSupport {

    /** The position of a consumer that has never run: a moment before the test sends anything. */
    private final String startFrom = Instant.now().minusSeconds(2).toString();

    /** One runStatus message, as the route saw it. */
    record Change(String runId, String status, String previous, String eventId, String functionId, Object output) {
        static Change of(Message message) {
            FunctionRun run = message.getBody(FunctionRun.class);
            return new Change(
                    message.getHeader(InngestConstants.RUN_ID, String.class),
                    message.getHeader(InngestConstants.RUN_STATUS, String.class),
                    message.getHeader(InngestConstants.PREVIOUS_RUN_STATUS, String.class),
                    message.getHeader(InngestConstants.EVENT_ID, String.class),
                    message.getHeader(InngestConstants.FUNCTION_ID, String.class), run.output());
        }
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();

    private void followRuns(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:runStatus?" + options + "&startFrom=" + startFrom + "&delay=250&initialDelay=0")
                        .process(exchange -> changes.add(Change.of(exchange.getMessage())));
            }
        });
    }

    private List<Change> changesOf(String runId) {
        return changes.stream().filter(change -> runId.equals(change.runId())).toList();
    }

    private Change awaitChange(String runId, String status) {
        return await("run " + runId + " reported " + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> changesOf(runId).stream().filter(c -> status.equals(c.status())).findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }

    // ---------------------------------------------------------------------------------------------------------
    // newEvents

    @Test
    void newEventsDeliversEachEventOnceInTheOrderSent() throws Exception {
        String tag = DevServer.unique();
        String name = "live/newEvents";
        List<InngestEvent> delivered = new CopyOnWriteArrayList<>();
        List<String> headerIds = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?name=" + name + "&startFrom=" + startFrom + "&delay=250&initialDelay=0")
                        .process(exchange -> {
                            InngestEvent event = exchange.getMessage().getBody(InngestEvent.class);
                            if (tag.equals(event.data().get("tag"))) {
                                delivered.add(event);
                                headerIds.add(exchange.getMessage().getHeader(InngestConstants.EVENT_ID, String.class));
                            }
                        });
            }
        });

        List<String> sent = new ArrayList<>();
        for (int seq = 0; seq < 5; seq++) {
            sent.add(sendEvent(name, Map.of("tag", tag, "seq", seq)));
        }
        // a last event: once it is delivered, everything before it has been, and any duplicate would have been too
        String last = sendEvent(name, Map.of("tag", tag, "seq", "last"));
        sent.add(last);

        await("the last event delivered").atMost(PATIENCE)
                .until(() -> delivered.stream().anyMatch(e -> last.equals(e.internalId())));
        assertThat(delivered).extracting(InngestEvent::internalId).containsExactlyElementsOf(sent);
        assertThat(delivered).extracting(e -> e.data().get("seq")).containsExactly(0, 1, 2, 3, 4, "last");
        assertThat(delivered).extracting(InngestEvent::name).containsOnly(name);
        assertThat(headerIds).containsExactlyElementsOf(sent);
    }

    /**
     * Catching up on a backlog in small polls with a short overlap, so that the polls after the first start at the
     * watermark instead of the overlap behind it (the server's newest event is more than the overlap ahead): every
     * event comes once, in the order sent.
     */
    @Test
    void newEventsCatchesUpOnABacklogInSmallPollsWithEveryEventOnceInOrder() throws Exception {
        String tag = DevServer.unique();
        String name = "live/backlog";
        String from = Instant.now().minusSeconds(1).toString();
        List<String> sent = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(NewEvent.of(name, Map.of("tag", tag, "seq", batch * 10 + i)));
            }
            for (Object id : request("inngest:sendEvents", events, Map.of(), List.class)) {
                sent.add((String) id);
            }
            Thread.sleep(300);
        }
        Thread.sleep(1500); // the backlog is stored, and its newest event is well over the overlap old

        List<String> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?name=" + name + "&startFrom=" + from
                     + "&pageSize=5&maxMessagesPerPoll=10&overlap=500&delay=100&initialDelay=0")
                        .process(exchange -> {
                            InngestEvent event = exchange.getMessage().getBody(InngestEvent.class);
                            if (tag.equals(event.data().get("tag"))) {
                                delivered.add(event.internalId());
                            }
                        });
            }
        });

        await("60 events delivered").atMost(PATIENCE).until(() -> delivered.size() >= sent.size());
        // nothing more comes over further polls: no event twice
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == sent.size());
        assertThat(delivered).containsExactlyElementsOf(sent);
    }

    // ---------------------------------------------------------------------------------------------------------
    // runStatus

    @Test
    void runStatusReportsARunGoingRunningThenCompletedWithItsOutput() throws Exception {
        followRuns("eventName=acc/approval&runPollInterval=500&eventRunsInterval=500");
        String key = DevServer.unique();
        String eventId = sendEvent("acc/approval", Map.of("key", key));
        String runId = runOf(eventId).runId();

        Change running = awaitChange(runId, "Running");
        assertThat(running.eventId()).isEqualTo(eventId);
        await("the run waiting for approve-" + key).atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> call("inngest:sendSignal", Map.of("by", "runStatus-test"),
                        Map.of(InngestConstants.SIGNAL, "approve-" + key)), e -> e.getException() == null);
        Change completed = awaitChange(runId, "Completed");

        assertThat(completed.previous()).isEqualTo("Running");
        assertThat(completed.eventId()).isEqualTo(eventId);
        assertThat(completed.output()).isEqualTo(Map.of("approved", true, "by", "runStatus-test"));
        // the first read may catch the run still queued (seen once against the Dev Server): a true observation
        assertThat(changesOf(runId).stream().map(Change::status).toList())
                .isIn(List.of("Running", "Completed"), List.of("Scheduled", "Running", "Completed"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runStatusReportsAFailedRunWithItsError() throws Exception {
        followRuns("eventName=acc/fail&runPollInterval=500&eventRunsInterval=500");
        String eventId = sendEvent("acc/fail", Map.of("key", DevServer.unique()));
        String runId = runOf(eventId).runId();

        Change failed = awaitChange(runId, "Failed");

        assertThat(failed.eventId()).isEqualTo(eventId);
        assertThat(failed.output()).isInstanceOfSatisfying(Map.class, error -> assertThat((Map<String, Object>) error)
                .containsEntry("message", "boom on purpose"));
        assertThat(changesOf(runId)).extracting(Change::status).last().isEqualTo("Failed");
    }

    @Test
    void runStatusFromV2ReportsACancelledRun() throws Exception {
        followRuns("source=v2&appId=test-app&functionId=slow-job");
        String runId = runOf(sendEvent("acc/slow", Map.of("key", DevServer.unique()))).runId();
        Change first = await("run " + runId + " seen").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> changesOf(runId), list -> !list.isEmpty()).get(0);
        assertThat(first.status()).isIn("Scheduled", "Running");
        assertThat(first.functionId()).isEqualTo("slow-job");
        awaitRunning(runId);

        Exchange cancelled = call("inngest:cancelRun", null, Map.of(InngestConstants.RUN_ID, runId));
        assertThat(cancelled.getException()).isNull();
        Change end = awaitChange(runId, "Cancelled");

        assertThat(end.previous()).isEqualTo(first.status());
        assertThat(changesOf(runId)).extracting(Change::status).containsExactly(first.status(), "Cancelled");
    }
}
