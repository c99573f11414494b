package io.camelinngest.contract;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.EventQuery;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.EventPage;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.RunStatus;

import static io.camelinngest.contract.ContractAssertions.assertFailure;
import static io.camelinngest.contract.ContractAssertions.failure;
import static io.camelinngest.contract.ContractAssertions.time;
import static io.camelinngest.contract.RecordedIds.COMPLETED_RUN;
import static io.camelinngest.contract.RecordedIds.ORDER_42_EVENT;
import static io.camelinngest.contract.RecordedIds.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expectations of {@link RecordedContractTest} for the recordings of the events (getEvent, listEvents,
 * listEventRuns) and sendEvents: what the component makes of each response (one entry per recording).
 */
final class EventExpectations {

    private EventExpectations() {
    }

    static void addTo(Map<String, Expectation> expected) {
        // ---- events
        expected.put("getEvent", r -> {
            InngestEvent event = r.client().getEvent(ORDER_42_EVENT);
            assertThat(event.internalId()).isEqualTo(ORDER_42_EVENT);
            assertThat(event.id()).isEqualTo(ORDER_42_EVENT);
            assertThat(event.name()).isEqualTo("shop/order.paid");
            assertThat(event.data()).isEqualTo(Map.of("order", "42"));
            assertThat(event.ts()).isEqualTo(1796168790807L);
            assertThat(event.receivedAt()).isEqualTo(time("2026-12-01T23:46:31.047872846Z"));
            assertThat(event.source()).isEmpty();
            assertThat(event.sourceId()).isNull();
            r.sentTheRecordedRequest();
        });
        expected.put("getEvent-unknown", r -> {
            InngestApiException e = failure(() -> r.client().getEvent(UNKNOWN));
            assertFailure(e, "getEvent", 200, 404, null, "Event not found", false);
            assertThat(e.getMessage()).isEqualTo("getEvent failed: status 404 in the body of an HTTP 200: Event not found");
            r.sentTheRecordedRequest();
        });
        expected.put("getEvent-malformed", r -> {
            r.refusedBeforeSending(() -> r.client().getEvent("not-a-ulid"), "eventId must be a 26-character ULID");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().getEvent(UNKNOWN));
            assertFailure(e, "getEvent", 200, 400, null, "Invalid event ID: not-a-ulid", false);
        });
        expected.put("listEvents", r -> {
            EventPage page = r.client().listEvents(new EventQuery(null, null, null, null, 3));
            assertThat(page.events()).extracting(InngestEvent::internalId).containsExactly(
                    "01M8T01CXGYQ53SNGRJN30QPZP", "01M8T01CXG9XHPPYMWQKTNMYCM", "01M8T01CX2CT51840XVPFC2MZQ");
            assertThat(page.events()).extracting(InngestEvent::name)
                    .containsExactly("acc/other", "shop/order.paid", "shop/order.paid");
            assertThat(page.events().get(0).data()).isEmpty();
            // a full page: the next page starts below its oldest event
            assertThat(page.nextCursor()).isEqualTo("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("limit").firstValue()).isEqualTo("3");
        });
        expected.put("listEvents-by-name", r -> {
            EventPage page = r.client().listEvents(new EventQuery("shop/order.paid", null, null, null, 2));
            assertThat(page.events()).extracting(e -> e.data().get("order")).containsExactly("44", "43");
            assertThat(page.nextCursor()).isEqualTo("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedRequest();
            assertThat(r.sent().get(0).queryParameter("name").firstValue()).isEqualTo("shop/order.paid");
        });
        expected.put("listEvents-limit-0", r -> {
            // the server reads 0 as its default (20); the component asks for what it means instead
            r.refusedBeforeSending(() -> r.client().listEvents(new EventQuery(null, null, null, null, 0)),
                    "limit must be a whole number from 1 to 51, was '0'");
            EventPage page = r.client().listEvents(new EventQuery(null, null, null, null, null));
            assertThat(page.events()).hasSize(4);
            assertThat(page.events().get(3).internalId()).isEqualTo(ORDER_42_EVENT);
            assertThat(page.hasMore()).isFalse(); // 4 events, fewer than the 20 asked for
            r.sentTheRecordedRequest();
        });
        expected.put("listEvents-bad-time", r -> {
            // the component sends times it formats itself, never "yesterday"; the server's answer to a bad one:
            InngestApiException e = failure(() -> r.client().listEvents(new EventQuery(null, null, null, null, null)));
            assertFailure(e, "listEvents", 200, 400, null, "Invalid received_after query parameter", false);
            r.sentTheRecordedRequest();
        });
        expected.put("listEventRuns", r -> {
            // a server without v2: the v1 list, cached 15 s by the server, without the completed run's output
            r.withoutV2();
            List<FunctionRun> runs = r.client().listEventRuns(ORDER_42_EVENT);
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.runId()).isEqualTo(COMPLETED_RUN);
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(run.eventId()).isEqualTo(ORDER_42_EVENT);
                assertThat(run.functionId()).isEqualTo("60f08b07-d0fc-58d2-a1c7-739c0e8d10f1");
                assertThat(run.endedAt()).isEqualTo(time("2026-12-01T23:46:31.191629466Z"));
                assertThat(run.output()).isNull();
            });
            r.triedV2ThenSentTheRecordedRequest();
        });

        // ---- sendEvents: POST /e/{key}, text/plain JSON
        expected.put("sendEvents-one", r -> {
            assertThat(r.client().sendEvents(Map.of("name", "shop/order.paid", "data", Map.of("order", "43"))).ids())
                    .containsExactly("01M8T01CX2CT51840XVPFC2MZQ");
            r.sentTheRecordedBody("[" + r.recording().requestBody() + "]"); // the component always sends an array
        });
        expected.put("sendEvents-batch", r -> {
            assertThat(r.client().sendEvents(List.of(
                    Map.of("name", "shop/order.paid", "data", Map.of("order", "44")),
                    Map.of("name", "acc/other", "data", Map.of()))).ids())
                    .containsExactly("01M8T01CXG9XHPPYMWQKTNMYCM", "01M8T01CXGYQ53SNGRJN30QPZP");
            r.sentTheRecordedBody(r.recording().requestBody());
        });
        expected.put("sendEvents-no-name", r -> {
            r.refusedBeforeSending(() -> r.client().sendEvents(Map.of("data", Map.of())),
                    "Event at index 0 has no name");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().sendEvents(Map.of("name", "a")));
            assertFailure(e, "sendEvents", 400, 400, null, "event name is empty", false);
            assertThat(e.getAcceptedEventIds()).isEmpty();
            assertThat(e.getFailedEventIndex()).isZero();
        });
        expected.put("sendEvents-invalid-json", r -> {
            r.refusedBeforeSending(() -> r.client().sendEvents(r.recording().requestBody()),
                    "Event at index 0 is not valid JSON");
            r.serveEverywhere();
            InngestApiException e = failure(() -> r.client().sendEvents(Map.of("name", "a")));
            assertFailure(e, "sendEvents", 400, 400, null, "unexpected end of JSON input", false);
            assertThat(e.getMessage()).isEqualTo("sendEvents failed: HTTP 400: unexpected end of JSON input");
            assertThat(e.getFailedEventIndex()).isZero();
        });
    }
}
