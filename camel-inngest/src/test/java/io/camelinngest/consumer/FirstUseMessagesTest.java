package io.camelinngest.consumer;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelinngest.LogLines;
import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The messages a new user meets first (issue 19, finding 9): the consumer's WARN line gives its hint once, a wait on an
 * event no function listens to says so when it times out, and an unknown run is named alike by cancelRun and getRun.
 */
class FirstUseMessagesTest extends ConsumerTestSupport {

    private static final String UNKNOWN_RUN = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void theWarnLineOfAnUnreachableServerGivesItsHintOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "inngest:newEvents?baseUrl=http://127.0.0.1:" + closedPort + "&delay=50&initialDelay=0&maxRetries=0";
        try (LogLines log = LogLines.capture(Map.of("io.camelinngest", Level.INFO), Map.of("io.camelinngest", Level.DEBUG))) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("unreachable").log("${body}");
                }
            });
            context.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.at(Level.WARN).isEmpty());

            String warn = log.at(Level.WARN).get(0).message();
            assertThat(warn).contains("the connection was refused", "polling Inngest failed");
            assertThat(warn.split("Check option baseUrl", -1)).as("hint count in: %s", warn).hasSize(2);
            assertThat(warn).doesNotContain("is the Inngest server, or the Dev Server in dev mode, running and reachable");
        }
    }

    @Test
    void awaitRunsOnAnEventNoFunctionListensToSaysSoWhenItTimesOut() throws Exception {
        context.start();
        // the fake stores the event and, with no function registered for its name, starts no run: as on a server
        Exchange exchange = template.send("inngest:sendEvents?awaitRuns=true&awaitTimeout=300&runPollInterval=50"
                                          + "&eventRunsInterval=50",
                e -> e.getMessage().setBody(Map.of("name", "shop/nobody.listens", "data", Map.of("order", 1))));

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("timed out after 300 ms", "(no run yet)",
                "no function triggered by its name", "listFunctions");
        assertThat(FAKE.events()).hasSize(1);
    }

    @Test
    void cancelRunNamesAnUnknownRunAsGetRunDoes() throws Exception {
        // the Dev Server's answer (fixtures/inngest-dev/cancelRun-unknown.http)
        INNGEST.stubFor(delete(urlPathEqualTo("/v1/runs/" + UNKNOWN_RUN)).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Unable to load function run: " + UNKNOWN_RUN + "\",\"data\":null,\"status\":404}")));
        context.start();

        List<String> messages = List.of("cancelRun", "getRun").stream().map(op -> {
            Exchange exchange = template.send("inngest:" + op + "?runId=" + UNKNOWN_RUN, e -> {
            });
            InngestApiException failure = exchange.getException(InngestApiException.class);
            assertThat(failure).as(op).isNotNull();
            assertThat(failure.getStatus()).as(op).isEqualTo(404);
            return failure.getMessage();
        }).toList();

        assertThat(messages.get(0)).startsWith("cancelRun failed: run " + UNKNOWN_RUN + " not found, or not visible yet");
        assertThat(messages.get(1)).startsWith("getRun failed: run " + UNKNOWN_RUN + " not found, or not visible yet");
    }
}
