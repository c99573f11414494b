package io.camelinngest.contract;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelinngest.contract.RecordedIds.SLEEPING_RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every response recorded from a real Inngest Dev Server ({@code fixtures/inngest-dev}), served from WireMock for the
 * recorded request, read by the real {@link InngestClient}: what the component makes of it, file by file. A success is
 * checked for the values a user reads (IDs, statuses in the model's names, outputs); a failure for the
 * {@link InngestApiException}'s HTTP status, status, error code, error text, message and whether it may be retried.
 * Where the component never sends the recorded request (a malformed ID, a missing path), the table says what it does
 * instead, and what it makes of that answer when it gets it for a request it does send.
 * <p>
 * The table has one expectation per recording, kept by API area in the {@code *Expectations} classes of this package
 * ({@link EventExpectations}, {@link RunExpectations}, {@link FunctionExpectations}, {@link SignalExpectations},
 * {@link CancellationExpectations}, {@link UnknownPathExpectations}); {@link Replay} serves a recording and shows what
 * the client sent.
 */
class RecordedContractTest {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

    static {
        CancellationExpectations.addTo(EXPECTED);
        EventExpectations.addTo(EXPECTED);
        RunExpectations.addTo(EXPECTED);
        FunctionExpectations.addTo(EXPECTED);
        SignalExpectations.addTo(EXPECTED);
        UnknownPathExpectations.addTo(EXPECTED);
    }

    private HttpTransport transport;
    private InngestClient client;

    @BeforeEach
    void client() {
        transport = HttpTransport.create(HttpSettings.defaults());
        client = new InngestClient(
                InngestClientConfig.builder()
                        .baseUrl(SERVER.baseUrl())
                        .eventBaseUrl(SERVER.baseUrl())
                        .signingKey("signkey-test-12345678")
                        .eventKey("dev-key")
                        .maxRetries(0) // each failure as the first answer shows it; isRetryable() says whether a retry may help
                        .retryDelay(Duration.ofMillis(1))
                        .build(),
                transport);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    static Stream<String> recordings() {
        return HttpRecording.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void whatTheComponentMakesOfTheRecordedResponse(String name) throws Throwable {
        Expectation expectation = EXPECTED.get(name);
        assertThat(expectation).as("an expectation for recording " + name).isNotNull();
        HttpRecording recording = HttpRecording.load(name);
        Replay.serve(SERVER, recording);
        expectation.check(new Replay(recording, client, SERVER));
    }

    @Test
    void theTableCoversExactlyTheRecordings() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(HttpRecording.names());
        assertThat(HttpRecording.names()).hasSize(49);
    }

    @Test
    void theReaderKeepsTheBodyAsSentAndTheRequestAsRecorded() {
        HttpRecording send = HttpRecording.load("sendEvents-one");
        assertThat(send.method()).isEqualTo("POST");
        assertThat(send.target()).isEqualTo("/e/dev-key");
        assertThat(send.requestBody()).isEqualTo("{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"43\"}}");
        assertThat(send.status()).isEqualTo(200);
        assertThat(send.mediaType()).isEqualTo("text/plain");
        for (String name : HttpRecording.names()) {
            HttpRecording recording = HttpRecording.load(name);
            if ("application/json".equals(recording.mediaType()) && !recording.body().isEmpty()) {
                assertThatCode(() -> new ObjectMapper().readTree(recording.body())).as(name).doesNotThrowAnyException();
            }
        }
        HttpRecording cancelled = HttpRecording.load("getRun-cancelled");
        assertThat(cancelled.path()).isEqualTo("/v1/runs/" + SLEEPING_RUN);
        assertThat(cancelled.target()).endsWith("?_=2");
        assertThat(HttpRecording.load("cancelRun-completed").requestBody()).isEmpty();
        assertThat(HttpRecording.load("cancelRun-completed").body()).isEmpty();
    }
}
