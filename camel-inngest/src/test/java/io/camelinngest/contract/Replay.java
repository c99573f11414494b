package io.camelinngest.contract;

import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.client.InngestClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recording under test, the client, and ways to serve the recording elsewhere (on the WireMock server that replays
 * it) and look at what was sent.
 */
record Replay(HttpRecording recording, InngestClient client, WireMockExtension server) {

    /** Serves a recording for its own request. */
    static void serve(WireMockExtension server, HttpRecording recording) {
        MappingBuilder mapping = request(recording.method(), urlPathEqualTo(recording.path()));
        server.stubFor(mapping.willReturn(response(recording)));
    }

    private static ResponseDefinitionBuilder response(HttpRecording recording) {
        ResponseDefinitionBuilder response = aResponse().withStatus(recording.status()).withBody(recording.body());
        // WireMock sets the length and framing of the body it sends itself
        recording.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                response.withHeader(name, value);
            }
        });
        return response;
    }

    /** Serves the recording for every request, whatever its method and path. */
    void serveEverywhere() {
        server.stubFor(WireMock.any(anyUrl()).atPriority(5).willReturn(response(recording)));
    }

    /** Serves another recording for its own request. */
    void serveAlso(String name) {
        serve(server, HttpRecording.load(name));
    }

    /** The requests the client sent. */
    List<LoggedRequest> sent() {
        List<LoggedRequest> newestFirst
                = server.getAllServeEvents().stream().map(e -> (LoggedRequest) e.getRequest()).toList();
        return IntStream.range(0, newestFirst.size())
                .mapToObj(i -> newestFirst.get(newestFirst.size() - 1 - i)).toList();
    }

    /** Asserts the client asked v2 first, found it missing, then sent the recorded v1 request. */
    void triedV2ThenSentTheRecordedRequest() {
        assertThat(sent()).hasSize(2);
        assertThat(sent().get(0).getUrl()).startsWith("/v2/");
        assertThat(sent().get(1).getMethod().getName()).isEqualTo(recording.method());
        assertThat(sent().get(1).getUrl().split("\\?")[0]).isEqualTo(recording.path());
    }

    /** Asserts the client sent exactly the recorded request (method and path) and nothing else. */
    void sentTheRecordedRequest() {
        assertThat(sent()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo(recording.method());
            assertThat(r.getUrl().split("\\?")[0]).isEqualTo(recording.path());
        });
    }

    /** Asserts the client sent the recorded request with a body equal (as JSON) to the recorded one. */
    void sentTheRecordedBody(String expectedJson) {
        sentTheRecordedRequest();
        server.verify(WireMock.requestedFor(recording.method(), urlPathEqualTo(recording.path()))
                .withRequestBody(equalToJson(expectedJson)));
    }

    /**
     * Makes the server one without the v2 API: every {@code /v2} path answers the Dev Server's plain-text 404 for a
     * path it lacks (recording {@code listFunctions-v1-missing}). The client then reads runs through v1.
     */
    void withoutV2() {
        server.stubFor(WireMock.any(WireMock.urlPathMatching("/v2/.*")).atPriority(1)
                .willReturn(response(HttpRecording.load("listFunctions-v1-missing"))));
    }

    /** Asserts the client refused the call before sending anything. */
    void refusedBeforeSending(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(sent()).isEmpty();
    }
}
