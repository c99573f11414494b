package io.camelinngest.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.Ulids;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code from("inngest:runStatus?source=v2")} against the fake Inngest server: each new run once and each end once from
 * the two v2 runs listings, in time order across pages, and the options that select what is read.
 */
class RunStatusV2ConsumerTest extends RunStatusTestSupport {

    @Test
    void v2DeliversEachNewRunOnceAndEachEndOnceInTimeOrderAcrossPages() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        StoredRun shipped = FAKE.putRun(new StoredRun(
                Ulids.at(start), "01JWNNSVKR5DW3DMHK620M933E", "ship-order",
                "my-app", "Completed", start, start.plusSeconds(3), Map.of("trackingId", "TRK-99")));
        StoredRun charged = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Failed", start,
                start.plusSeconds(1), Map.of("message", "card declined")));
        StoredRun cancelled = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Cancelled", start,
                start.plusSeconds(2), null));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "other-app", "Completed", start,
                start.plusSeconds(2), null));
        StoredRun open = running(null, "ship-order");

        startRoute("inngest:runStatus?source=v2&appId=my-app&startFrom=" + start + "&pageSize=2&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 4);
        awaitPolls("runs", 3);
        // the ended runs by endedAt, then the one still running, first seen in the listing by queuedAt
        assertThat(received).containsExactly(
                c(charged, "", "Failed"),
                c(cancelled, "", "Cancelled"),
                c(shipped, "", "Completed"),
                c(open, "", "Running"));

        FAKE.setStatus(open.runId(), "Completed", Map.of("late", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 5);
        awaitPolls("runs", 3);
        assertThat(received).containsExactly(
                c(charged, "", "Failed"),
                c(cancelled, "", "Cancelled"),
                c(shipped, "", "Completed"),
                c(open, "", "Running"),
                c(open, "Running", "Completed"));

        Exchange done = delivered(c(shipped, "", "Completed"));
        FunctionRun body = done.getMessage().getBody(FunctionRun.class);
        assertThat(body.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(body.output()).isEqualTo(Map.of("trackingId", "TRK-99"));
        assertThat(done.getMessage().getHeader("CamelInngestFunctionId")).isEqualTo("ship-order");
        assertThat(done.getMessage().getHeader("CamelInngestEventId")).isEqualTo("01JWNNSVKR5DW3DMHK620M933E");
        assertThat(delivered(c(charged, "", "Failed")).getMessage().getBody(FunctionRun.class).output())
                .isEqualTo(Map.of("message", "card declined"));

        List<LoggedRequest> requests = INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs")));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.queryParameter("order").values()).containsExactly("ASC");
            assertThat(r.queryParameter("appId").values()).containsExactly("my-app");
            assertThat(r.queryParameter("functionId").isPresent()).isFalse();
            assertThat(r.queryParameter("from").isPresent()).isTrue();
            assertThat(r.getHeader("Authorization")).isEqualTo(
                    "Bearer signkey-test-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c");
            if (r.queryParameter("timeField").firstValue().equals("endedAt")) {
                assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("COMPLETED", "FAILED", "CANCELLED");
            } else {
                assertThat(r.queryParameter("timeField").values()).containsExactly("queuedAt");
                assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("QUEUED", "RUNNING");
            }
        });
        assertThat(requests).extracting(r -> r.queryParameter("timeField").firstValue())
                .contains("endedAt", "queuedAt");
        assertThat(requests).anySatisfy(r -> assertThat(r.queryParameter("cursor").isPresent()).isTrue());
        INNGEST.verify(0, anyRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void v2SendsTheFunctionAndTheStatusesAsked() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        StoredRun shipped = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Completed", start,
                start.plusSeconds(1), Map.of()));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Failed", start, start.plusSeconds(2),
                Map.of()));
        StoredRun cancelled = FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Cancelled", start,
                start.plusSeconds(3), null));
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "charge", "my-app", "Completed", start, start.plusSeconds(4),
                Map.of()));

        startRoute("inngest:runStatus?source=v2&appId=my-app&functionId=ship-order&statuses=Cancelled,Completed"
                   + "&startFrom=" + start + "&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 2);
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(c(shipped, "", "Completed"), c(cancelled, "", "Cancelled"));
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs")))).allSatisfy(r -> {
            assertThat(r.queryParameter("status").values()).containsExactlyInAnyOrder("COMPLETED", "CANCELLED");
            assertThat(r.queryParameter("appId").values()).containsExactly("my-app");
            assertThat(r.queryParameter("functionId").values()).containsExactly("ship-order");
            assertThat(r.queryParameter("timeField").values()).containsExactly("endedAt");
            assertThat(r.queryParameter("order").values()).containsExactly("ASC");
        });
    }

    @Test
    void v2WithoutAppIdFailsAtRouteStart() throws Exception {
        assertStartFails("inngest:runStatus?source=v2&delay=50",
                "source=v2 needs option appId");
    }

    @Test
    void v2WithAStatusTheV2ApiDoesNotKnowFailsAtRouteStart() throws Exception {
        assertStartFails("inngest:runStatus?source=v2&appId=my-app&statuses=Skipped&delay=50",
                "statuses may hold Scheduled, Running, Completed, Failed and Cancelled, was Skipped");
    }

    @Test
    void v2WithStatusesRunningDeliversOnlyNewRunsAndReadsNoEndedOnes() throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        FAKE.putRun(new StoredRun(
                Ulids.at(start), null, "ship-order", "my-app", "Completed", start, start.plusSeconds(1),
                Map.of()));
        StoredRun open = running(null, "ship-order");

        startRoute("inngest:runStatus?source=v2&appId=my-app&statuses=Running&startFrom=" + start
                   + "&delay=50&initialDelay=0",
                this::record);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1);
        FAKE.setStatus(open.runId(), "Completed", Map.of());
        awaitPolls("runs", 3);

        assertThat(received).containsExactly(c(open, "", "Running"));
        assertThat(INNGEST.findAll(getRequestedFor(urlPathEqualTo("/v2/runs"))))
                .allSatisfy(r -> assertThat(r.queryParameter("timeField").values()).containsExactly("queuedAt"));
    }
}
