package io.camelinngest;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.EVENT_KEY_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inngest:sendEvents}: failures answered by the server, part-way ones naming the events already accepted, and an
 * event key that never shows in the error.
 */
class SendEventsFailureTest extends SendEventsTestSupport {

    // -----------------------------------------------------------------------------------------------------------
    // failures answered by the server

    @Test
    void aConnectionLostOnTheSecondChunkStillNamesTheEventsTheFirstChunkGotAccepted() {
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("0")))
                .willReturn(accepted(ID_0, ID_1)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("2")))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        Exchange exchange = call("inngest:sendEvents?maxEventsPerRequest=2&maxRetries=0",
                List.of(event("a/b", "n", 0), event("a/b", "n", 1), event("a/b", "n", 2)), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1);
        assertThat(e.getFailedEventIndex()).isEqualTo(2);
        assertThat(e.getMessage()).contains("accepted 2 of 3", "index 2", "could not reach Inngest");
    }

    @Test
    void aSendTheServerRejectsPartWayNamesTheAcceptedIdsAndTheFirstRejectedEvent() {
        // Inngest Cloud's free plan rejects events over 256 KiB; the component's own limit is the server's 3 MiB
        String error = "Event is over the max size: Max 262144 bytes / Size 300046 bytes";
        INNGEST.stubFor(post(SEND_PATH).willReturn(rejected(error, ID_0, ID_1, "")));

        Exchange exchange = call("inngest:sendEvents",
                List.of(event("a/first"), event("a/second"), event("a/big", "blob", "x".repeat(300_000))), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getOperation()).isEqualTo("sendEvents");
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1);
        assertThat(e.getFailedEventIndex()).isEqualTo(2);
        assertThat(e.getMessage()).contains("accepted 2 of 3", "index 2", error);
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS)).isNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    @Test
    void aRejectionInTheSecondChunkIncludesTheIdsOfTheFirstChunk() {
        String error = "Event is over the max size: Max 262144 bytes / Size 300046 bytes";
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("0")))
                .willReturn(accepted(ID_0, ID_1)));
        INNGEST.stubFor(post(SEND_PATH).withRequestBody(matchingJsonPath("$[0].data.n", equalTo("2")))
                .willReturn(rejected(error, ID_2, "")));

        Exchange exchange = call("inngest:sendEvents?maxEventsPerRequest=2",
                List.of(event("a/b", "n", 0), event("a/b", "n", 1), event("a/b", "n", 2), event("a/b", "n", 3),
                        event("a/b", "n", 4)),
                Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getAcceptedEventIds()).containsExactly(ID_0, ID_1, ID_2);
        assertThat(e.getFailedEventIndex()).isEqualTo(3);
        assertThat(e.getMessage()).contains("accepted 3 of 5", "index 3", error);
        // the third chunk is never sent
        assertThat(requests()).hasSize(2);
    }

    @Test
    void anUnknownEventKeyFailsWith401WithoutRetryAndWithoutShowingTheKey() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(EVENT_KEY_NOT_FOUND)));

        Exchange exchange = call("inngest:sendEvents", event("a/b"), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isEqualTo(401);
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Event key not found");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getAcceptedEventIds()).isEmpty();
        assertThat(e.getMessage()).contains("sendEvents failed", "401", "Event key not found")
                .doesNotContain(EVENT_KEY);
        assertThat(e.toString()).doesNotContain(EVENT_KEY);
        INNGEST.verify(1, postRequestedFor(urlEqualTo(SEND_PATH)));
    }

    @Test
    void anErrorTextThatEchoesTheEventKeyIsRedacted() {
        INNGEST.stubFor(post(SEND_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":401,\"message\":\"\",\"error\":\"Event key not found: " + EVENT_KEY + "\"}")));

        Exchange exchange = call("inngest:sendEvents", event("a/b"), Map.of());

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Event key not found").doesNotContain(EVENT_KEY);
        assertThat(e.getError()).doesNotContain(EVENT_KEY);
    }
}
