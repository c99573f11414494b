package io.camelinngest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Awaits do not stall each other: while sixteen {@code getRun?awaitTerminal=true} awaits wait out a server answering
 * 503 with {@code Retry-After: 2} (three retries each, about 6 s), awaits of runs that have already ended answer at
 * once. A back-off is a timer, not a thread sleeping on a pool the other awaits need.
 */
class AwaitsDoNotStallEachOtherTest extends InngestTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AwaitsDoNotStallEachOtherTest.class);
    private static final int SLOW = 16;
    private static final int ENDED = 5;
    private static final int RETRY_AFTER_SECONDS = 2;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:await").to("inngest:getRun?awaitTerminal=true&awaitTimeout=60000");
            }
        };
    }

    @Test
    void awaitsOfEndedRunsAnswerWithinASecondWhileOthersWaitOutA503WithRetryAfter() throws Exception {
        INNGEST.stubFor(get(urlPathMatching("/v2/runs/01M8T01D08W9PB4VKVN3ZRS.*")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .withBody("{\"errors\":[{\"code\":\"unavailable\",\"message\":\"try again later\"}]}")));
        for (int i = 0; i < ENDED; i++) {
            INNGEST.stubFor(get(urlPathEqualTo("/v2/runs/" + ended(i)))
                    .willReturn(okJson(RunOutputsTest.V2_COMPLETED.replace(RunOutputsTest.RUN, ended(i)))));
        }

        long slowStarted = System.nanoTime();
        List<CompletableFuture<Exchange>> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            String runId = slow(i);
            slow.add(template.asyncSend("direct:await", e -> e.getMessage().setHeader(InngestConstants.RUN_ID, runId)));
        }
        // every slow await has had its first 503 and is now waiting out the Retry-After
        await().atMost(Duration.ofSeconds(10)).until(() -> INNGEST.getAllServeEvents().size() >= SLOW);

        List<Double> answeredMillis = new ArrayList<>();
        for (int i = 0; i < ENDED; i++) {
            String runId = ended(i);
            long started = System.nanoTime();
            Exchange done = template.request("direct:await", e -> e.getMessage().setHeader(InngestConstants.RUN_ID, runId));
            double millis = (System.nanoTime() - started) / 1e6;
            answeredMillis.add(millis);

            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(FunctionRun.class)).satisfies(run -> {
                assertThat(run.runId()).isEqualTo(runId);
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            });
        }
        long slowStillWaiting = slow.stream().filter(f -> !f.isDone()).count();

        CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double slowSeconds = (System.nanoTime() - slowStarted) / 1e9;
        LOG.info("awaits of ended runs answered in {} ms while {} of {} awaits waited out 503 + Retry-After: {} s;"
                 + " those {} ended (failed) after {} s in all",
                answeredMillis.stream().map(m -> String.format("%.0f", m)).toList(), slowStillWaiting, SLOW,
                RETRY_AFTER_SECONDS, SLOW, String.format("%.1f", slowSeconds));

        assertThat(answeredMillis).as("time to answer each await of an ended run, ms").allMatch(ms -> ms < 1000);
        assertThat(slowStillWaiting).as("slow awaits still waiting while the ended runs were awaited").isEqualTo(SLOW);
        for (int i = 0; i < SLOW; i++) {
            Exchange exchange = slow.get(i).get();
            assertThat(exchange.getException()).isInstanceOf(InngestApiException.class)
                    .hasMessageContaining("getRun failed").hasMessageContaining("503");
            // the server's Retry-After was honoured: the first answer and three retries, each after 2 s
            INNGEST.verify(4, getRequestedFor(urlPathEqualTo("/v2/runs/" + slow(i))));
        }
        assertThat(slowSeconds).as("the 16 slow awaits waited out their back-offs side by side")
                .isBetween(3.0 * RETRY_AFTER_SECONDS, 3.0 * RETRY_AFTER_SECONDS + 4);
    }

    private static String slow(int i) {
        return "01M8T01D08W9PB4VKVN3ZRS" + String.format("%03d", i);
    }

    private static String ended(int i) {
        return "01M8T01D08W9PB4VKVN3ZRE" + String.format("%03d", i);
    }
}
