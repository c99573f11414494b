package io.camelinngest;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.camelinngest.client.InngestApiException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelinngest.ContractFixtures.AUTHENTICATION_FAILED;
import static io.camelinngest.ContractFixtures.NEW_EVENT;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_JSON;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys given as URI options never show up where a user or an operator could see them: endpoint strings, the client
 * configuration, exception messages (also when the server echoes a key), and the logs of a route at DEBUG. All keys
 * here are fake.
 */
class SecretsTest extends InngestTestSupport {

    private static final String FAKE_SIGNING_KEY = "signkey-test-deadbeefcafef00d";
    private static final String FAKE_FALLBACK_KEY = "signkey-test-f00dfeedfacecafe";
    private static final String FAKE_EVENT_KEY = "fake-event-key-do-not-leak";
    /**
     * The hashed bearer tokens sent for the two keys: the server accepts them as credentials, so they are secrets too.
     */
    private static final String SIGNING_HASH = "3214d3b4c40973dee1004995924fb89ccb003113433a0101485be4380370c6fd";
    private static final String FALLBACK_HASH = "36e2e280fa86533c4c7908d0471bf72840963e009e9398e70995932f4d09dc05";
    private static final String[] SECRETS = {
            FAKE_SIGNING_KEY, "deadbeefcafef00d", FAKE_FALLBACK_KEY, "f00dfeedfacecafe",
            FAKE_EVENT_KEY, SIGNING_HASH, FALLBACK_HASH };

    private static final String KEYS = "signingKey=" + FAKE_SIGNING_KEY + "&signingKeyFallback=" + FAKE_FALLBACK_KEY
                                       + "&eventKey=" + FAKE_EVENT_KEY;
    private static final String SEND_PATH = "/e/" + FAKE_EVENT_KEY;

    @Override
    protected void configure(InngestConfiguration config) {
        // the keys of this test come from endpoint URIs, except the fallback key, set on the component
        config.setSigningKey(null);
        config.setEventKey(null);
        config.setSigningKeyFallback(FAKE_FALLBACK_KEY);
    }

    /** Every message and toString of an exception and its causes. */
    private static String allText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n').append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                text.append(allText(s));
            }
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Endpoint and configuration strings

    /*
     * One key per endpoint URI: wherever Camel shows the endpoint, and where Camel sanitizes the URI itself with the
     * context's sensitive keywords (which the component extends with its key options; see KeyMaskingLogTest for a URI
     * holding all three).
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "signingKey=" + FAKE_SIGNING_KEY, "signingKeyFallback=" + FAKE_FALLBACK_KEY,
            "eventKey=" + FAKE_EVENT_KEY })
    void endpointsShowNoKeyWhereCamelShowsThem(String keyOption) {
        String option = keyOption.substring(0, keyOption.indexOf('='));
        Endpoint getRun = context.getEndpoint("inngest:getRun?runId=" + RUN_ID + "&" + keyOption);
        Endpoint sendEvents = context.getEndpoint("inngest:sendEvents?maxRetries=1&" + keyOption);

        for (Endpoint endpoint : List.of(getRun, sendEvents)) {
            assertThat(endpoint.toString()).doesNotContain(SECRETS).contains(option + "=xxxxxx");
            assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain(SECRETS);
            assertThat(((InngestEndpoint) endpoint).getServiceUrl()).isEqualTo(INNGEST.baseUrl());
        }
        assertThat(context.getEndpoints().toString()).doesNotContain(SECRETS)
                .contains("inngest://getRun", "inngest://sendEvents");
    }

    /*
     * Where the component itself shows an endpoint (its toString, which Camel's endpoint listings use, and the inngest
     * dev console), every key is masked even when one URI holds all three.
     */
    @Test
    void theEndpointAndTheDevConsoleMaskEveryKeyOfAUriWithThreeKeys() throws Exception {
        InngestEndpoint endpoint = context.getEndpoint("inngest:getRun?runId=" + RUN_ID + "&" + KEYS, InngestEndpoint.class);

        assertThat(endpoint.toString()).doesNotContain(SECRETS)
                .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx");
        assertThat(context.getEndpoints().toString()).doesNotContain(SECRETS);

        InngestDevConsole console = new InngestDevConsole();
        console.setCamelContext(context);
        console.start();
        String text = (String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT);
        String json = console.call(org.apache.camel.console.DevConsole.MediaType.JSON).toString();
        assertThat(text).contains("inngest://getRun", "operation: getRun").doesNotContain(SECRETS);
        assertThat(json).contains("getRun").doesNotContain(SECRETS);
    }

    @Test
    void theClientConfigurationShowsNoKey() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        Exchange exchange = call("inngest:getRun?runId=" + RUN_ID + "&" + KEYS);
        assertThat(exchange.getException()).isNull();

        InngestEndpoint endpoint = context.getEndpoint("inngest:getRun?runId=" + RUN_ID + "&" + KEYS, InngestEndpoint.class);
        String config = endpoint.getClient().config().toString();

        assertThat(config).doesNotContain(SECRETS)
                .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx",
                        "apiBaseUrl=" + INNGEST.baseUrl());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Exception messages

    private Exchange failWith(String operation, ResponseDefinitionBuilder response) {
        MappingBuilder route = "getRun".equals(operation) ? get(RUN_PATH) : post(SEND_PATH);
        INNGEST.stubFor(route.willReturn(response));
        return "getRun".equals(operation)
                ? call("inngest:getRun?runId=" + RUN_ID + "&" + KEYS)
                : call("inngest:sendEvents?" + KEYS, NEW_EVENT, Map.of());
    }

    private static void assertNoSecretIn(Exchange exchange) {
        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).as("the call failed with an InngestApiException").isNotNull();
        assertThat(allText(e)).doesNotContain(SECRETS);
        if (e.getError() != null) {
            assertThat(e.getError()).doesNotContain(SECRETS);
        }
    }

    @Test
    void aKeyEchoedInAnErrorEnvelopeIsRedacted() {
        Exchange exchange = failWith("getRun", okJson("{\"error\":\"Invalid signing key " + FAKE_SIGNING_KEY
                                                      + " (fallback " + FAKE_FALLBACK_KEY
                                                      + ")\",\"data\":null,\"status\":401}"));

        assertNoSecretIn(exchange);
        assertThat(exchange.getException().getMessage())
                .isEqualTo(
                        "getRun failed: status 401 in the body of an HTTP 200: Invalid signing key xxxxxx (fallback xxxxxx)");
    }

    @Test
    void anEchoedBearerTokenIsRedacted() {
        Exchange exchange = failWith("getRun", aResponse().withStatus(401).withHeader("Content-Type", "text/plain")
                .withBody("Authentication failed for Bearer signkey-test-" + SIGNING_HASH + "\n"));

        assertNoSecretIn(exchange);
        assertThat(exchange.getException().getMessage()).contains("Authentication failed for Bearer");
    }

    @Test
    void anEventKeyEchoedByTheEventApiIsRedacted() {
        Exchange exchange = failWith("sendEvents", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":401,\"message\":\"\",\"error\":\"Event key not found: " + FAKE_EVENT_KEY + "\"}"));

        assertNoSecretIn(exchange);
        assertThat(exchange.getException().getMessage()).isEqualTo("sendEvents failed: HTTP 401: Event key not found: xxxxxx");
    }

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void aKeyInAPlainTextOrHtmlBodyIsNotShown(String operation) {
        Exchange text = failWith(operation, aResponse().withStatus(404).withHeader("Content-Type", "text/plain")
                .withBody("404 page not found: /e/" + FAKE_EVENT_KEY + "?key=" + FAKE_SIGNING_KEY));
        assertNoSecretIn(text);
        assertThat(text.getException().getMessage()).contains("404 page not found: /e/xxxxxx?key=xxxxxx");

        INNGEST.resetAll();
        Exchange html = failWith(operation, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>No route for /e/" + FAKE_EVENT_KEY + " with " + FAKE_SIGNING_KEY + "</body></html>"));
        assertNoSecretIn(html);
    }

    @ParameterizedTest
    @ValueSource(strings = { "getRun", "sendEvents" })
    void aConnectionErrorNamesTheHostButNoKey(String operation) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String origin = "http://localhost:" + closedPort;

        Exchange exchange = "getRun".equals(operation)
                ? call("inngest:getRun?runId=" + RUN_ID + "&maxRetries=0&baseUrl=" + origin + "&" + KEYS)
                : call("inngest:sendEvents?maxRetries=0&eventBaseUrl=" + origin + "&" + KEYS, NEW_EVENT, Map.of());

        assertNoSecretIn(exchange);
        assertThat(exchange.getException().getMessage()).contains("could not reach Inngest at " + origin);
    }

    @Test
    void aSigningKeyThatIsNotHexIsNotShownWhenTheRouteFails() {
        String badKey = "signkey-test-NOT-HEX-s3cr3t";

        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("inngest:getRun?signingKey=" + badKey);
            }
        })).satisfies(e -> assertThat(allText(e)).doesNotContain("NOT-HEX-s3cr3t").contains("signingKey"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Logs

    @Test
    void aRouteAtDebugLogsNoKey() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
        Configuration logConfig = logContext.getConfiguration();
        AbstractAppender capture = new AbstractAppender("secrets-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    line.append('\n').append(allText(event.getThrown()));
                }
                lines.add(line.toString());
            }
        };
        capture.start();
        logConfig.addAppender(capture);
        logConfig.getRootLogger().addAppender(capture, Level.ALL, null);
        // Apache HttpClient's own DEBUG loggers (org.apache.hc...) print request lines and headers, which hold the
        // event key (POST /e/{eventKey}) and the bearer token: they are kept at INFO, as in any sane production setup.
        Configurator.setLevel(Map.of("io.camelinngest", Level.DEBUG, "org.apache.camel", Level.DEBUG,
                "org.apache.hc", Level.INFO));
        try {
            // getRun: 503 (retried), then 401 with the signing key (the fallback key is tried), then success
            INNGEST.stubFor(get(RUN_PATH).inScenario("run").whenScenarioStateIs(STARTED).willSetStateTo("retried")
                    .willReturn(aResponse().withStatus(503)));
            INNGEST.stubFor(get(RUN_PATH).inScenario("run").whenScenarioStateIs("retried").willSetStateTo("fallback")
                    .willReturn(aResponse().withStatus(401).withBody(AUTHENTICATION_FAILED)));
            INNGEST.stubFor(get(RUN_PATH).inScenario("run").whenScenarioStateIs("fallback").willReturn(okJson(RUN_JSON)));
            // sendEvents: 502 (retried), then an error echoing the key
            INNGEST.stubFor(post(urlPathEqualTo(SEND_PATH)).inScenario("send").whenScenarioStateIs(STARTED)
                    .willSetStateTo("failing").willReturn(aResponse().withStatus(502)));
            INNGEST.stubFor(post(urlPathEqualTo(SEND_PATH)).inScenario("send").whenScenarioStateIs("failing")
                    .willReturn(aResponse().withStatus(400).withBody("{\"ids\":[\"\"],\"status\":400,"
                                                                     + "\"error\":\"bad event for key " + FAKE_EVENT_KEY
                                                                     + "\"}")));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // one key per URI (see endpointsShowNoKeyWhereCamelShowsThem); the fallback key is the component's
                    from("direct:run").routeId("run").to("inngest:getRun?signingKey=" + FAKE_SIGNING_KEY).log("run ${body}");
                    from("direct:send").routeId("send").to("inngest:sendEvents?eventKey=" + FAKE_EVENT_KEY);
                }
            });

            Exchange run = template.send("direct:run", e -> e.getMessage().setHeader(InngestConstants.RUN_ID, RUN_ID));
            Exchange send = template.send("direct:send", e -> e.getMessage().setBody(NEW_EVENT));

            assertThat(run.getException()).isNull();
            assertThat(send.getException()).isInstanceOf(InngestApiException.class);
        } finally {
            logConfig.getRootLogger().removeAppender("secrets-capture");
            Configurator.setLevel(Map.of("io.camelinngest", Level.DEBUG, "org.apache.camel", Level.INFO,
                    "org.apache.hc", Level.INFO));
            capture.stop();
        }

        List<String> leaking = new ArrayList<>();
        for (String line : lines) {
            for (String secret : SECRETS) {
                if (line.contains(secret)) {
                    leaking.add(line);
                }
            }
        }
        assertThat(leaking).as("log lines holding a key").isEmpty();
        // the capture saw the interesting lines: retries, the fallback key, the failed send, the endpoints
        assertThat(lines).anyMatch(l -> l.contains("getRun: status 503; retry 1 of 3"))
                .anyMatch(l -> l.contains("trying the fallback signing key"))
                .anyMatch(l -> l.contains("sendEvents: status 502; retry 1 of 3"))
                .anyMatch(l -> l.contains("bad event for key xxxxxx"))
                .anyMatch(l -> l.contains("inngest://getRun"));
    }
}
