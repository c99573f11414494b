package io.camelinngest;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.camelinngest.ContractFixtures.AUTHENTICATION_FAILED;
import static io.camelinngest.ContractFixtures.NEW_EVENT;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_JSON;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static io.camelinngest.ContractFixtures.SEND_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where endpoints get their origins and credentials: options first, then the standard Inngest environment variables (as
 * the Inngest SDKs read them), then the Dev Server or Inngest Cloud defaults. Unlike the other tests, the component
 * here has no origin and no key of its own: each test sets options or variables itself.
 */
class ConfigurationTest extends InngestTestSupport {

    /** The environment variables the component sees; tests add to it before the first message. */
    private final Map<String, String> env = new HashMap<>();

    @Override
    protected Map<String, String> environment() {
        return env;
    }

    @Override
    protected void configure(InngestConfiguration config) {
        config.setBaseUrl(null);
        config.setEventBaseUrl(null);
        config.setSigningKey(null);
        config.setEventKey(null);
    }

    private static Map<String, String> variables(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static InngestClientConfig fromEnvironment(Map<String, String> variables) {
        return InngestClientConfig.builder().build(variables::get);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Origins: option > specific variable > INNGEST_BASE_URL > Dev Server > Inngest Cloud

    @Test
    void explicitOriginsWinOverEveryVariable() {
        Map<String, String> all = variables("INNGEST_API_BASE_URL", "http://api-var:1", "INNGEST_EVENT_API_BASE_URL",
                "http://event-var:2", "INNGEST_BASE_URL", "http://shared-var:3", "INNGEST_DEV", "http://dev-var:4");

        InngestClientConfig config = InngestClientConfig.builder()
                .baseUrl("http://api-option:5").eventBaseUrl("http://event-option:6").build(all::get);

        assertThat(config.apiBaseUrl()).isEqualTo(URI.create("http://api-option:5"));
        assertThat(config.eventBaseUrl()).isEqualTo(URI.create("http://event-option:6"));
    }

    @Test
    void theRestOriginFallsBackFromVariableToVariable() {
        Map<String, String> vars = variables("INNGEST_API_BASE_URL", "http://api-var:1", "INNGEST_BASE_URL",
                "http://shared-var:3", "INNGEST_DEV", "http://dev-var:4");

        assertThat(fromEnvironment(vars).apiBaseUrl()).hasToString("http://api-var:1");
        vars.remove("INNGEST_API_BASE_URL");
        assertThat(fromEnvironment(vars).apiBaseUrl()).hasToString("http://shared-var:3");
        vars.remove("INNGEST_BASE_URL");
        assertThat(fromEnvironment(vars).apiBaseUrl()).hasToString("http://dev-var:4");
        vars.remove("INNGEST_DEV");
        assertThat(fromEnvironment(vars).apiBaseUrl()).hasToString("https://api.inngest.com");
    }

    @Test
    void theEventOriginFallsBackFromVariableToVariable() {
        Map<String, String> vars = variables("INNGEST_EVENT_API_BASE_URL", "http://event-var:2", "INNGEST_BASE_URL",
                "http://shared-var:3", "INNGEST_DEV", "http://dev-var:4");

        assertThat(fromEnvironment(vars).eventBaseUrl()).hasToString("http://event-var:2");
        vars.remove("INNGEST_EVENT_API_BASE_URL");
        assertThat(fromEnvironment(vars).eventBaseUrl()).hasToString("http://shared-var:3");
        vars.remove("INNGEST_BASE_URL");
        assertThat(fromEnvironment(vars).eventBaseUrl()).hasToString("http://dev-var:4");
        vars.remove("INNGEST_DEV");
        assertThat(fromEnvironment(vars).eventBaseUrl()).hasToString("https://inn.gs");
    }

    @ParameterizedTest
    @CsvSource({
            "1,                   true,  http://localhost:8288, http://localhost:8288",
            "true,                true,  http://localhost:8288, http://localhost:8288",
            "http://inngest:8288, true,  http://inngest:8288,   http://inngest:8288",
            "0,                   false, https://api.inngest.com, https://inn.gs",
            "false,               false, https://api.inngest.com, https://inn.gs" })
    void inngestDevSelectsTheDevServer(String value, boolean dev, String api, String events) {
        InngestClientConfig config = fromEnvironment(variables("INNGEST_DEV", value));

        assertThat(config.isDev()).isEqualTo(dev);
        assertThat(config.apiBaseUrl()).hasToString(api);
        assertThat(config.eventBaseUrl()).hasToString(events);
    }

    @Test
    void theDevOptionWinsOverInngestDev() {
        InngestClientConfig config = InngestClientConfig.builder().dev("false").build(variables("INNGEST_DEV", "1")::get);

        assertThat(config.isDev()).isFalse();
        assertThat(config.apiBaseUrl()).hasToString("https://api.inngest.com");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Keys and branch environment from the environment, end to end

    @Test
    void keysOriginsAndBranchComeFromTheEnvironmentWhenOptionsAreUnset() {
        env.putAll(variables(
                "INNGEST_BASE_URL", "http://localhost:1", // less specific than the two below: never used
                "INNGEST_API_BASE_URL", INNGEST.baseUrl(),
                "INNGEST_EVENT_API_BASE_URL", INNGEST.baseUrl(),
                "INNGEST_SIGNING_KEY", SIGNING_KEY,
                "INNGEST_EVENT_KEY", "env-event-key",
                "INNGEST_ENV", "feature-x"));
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        INNGEST.stubFor(post("/e/env-event-key").willReturn(okJson(SEND_OK)));

        Exchange run = call("inngest:getRun?runId=" + RUN_ID);
        Exchange send = call("inngest:sendEvents", NEW_EVENT, Map.of());

        assertThat(run.getException()).isNull();
        assertThat(send.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("X-Inngest-Env", equalTo("feature-x")));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/env-event-key"))
                .withHeader("X-Inngest-Env", equalTo("feature-x")));
    }

    @Test
    void theFallbackKeyComesFromTheEnvironment() {
        env.putAll(variables("INNGEST_BASE_URL", INNGEST.baseUrl(), "INNGEST_SIGNING_KEY", SIGNING_KEY,
                "INNGEST_SIGNING_KEY_FALLBACK", "signkey-test-87654321"));
        String fallbackBearer = "Bearer signkey-test-235c6e3ab89786e7f171838fda309579aa64e99a9a1431ad94c650fdf3622969";
        INNGEST.stubFor(get(RUN_PATH).withHeader("Authorization", equalTo(HASHED_BEARER))
                .willReturn(aResponse().withStatus(401).withBody(AUTHENTICATION_FAILED)));
        INNGEST.stubFor(get(RUN_PATH).withHeader("Authorization", equalTo(fallbackBearer)).willReturn(okJson(RUN_JSON)));

        Exchange exchange = call("inngest:getRun?runId=" + RUN_ID);

        assertThat(exchange.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)).withHeader("Authorization", equalTo(fallbackBearer)));
    }

    @Test
    void optionsWinOverTheKeysAndBranchOfTheEnvironment() {
        env.putAll(variables("INNGEST_BASE_URL", INNGEST.baseUrl(), "INNGEST_SIGNING_KEY", "signkey-test-87654321",
                "INNGEST_EVENT_KEY", "env-event-key", "INNGEST_ENV", "from-env"));
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        INNGEST.stubFor(post("/e/option-event-key").willReturn(okJson(SEND_OK)));

        Exchange run = call("inngest:getRun?runId=" + RUN_ID + "&signingKey=" + SIGNING_KEY + "&env=feature-x");
        Exchange send = call("inngest:sendEvents?eventKey=option-event-key&env=feature-x", NEW_EVENT, Map.of());

        assertThat(run.getException()).isNull();
        assertThat(send.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("X-Inngest-Env", equalTo("feature-x")));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/option-event-key"))
                .withHeader("X-Inngest-Env", equalTo("feature-x")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Dev Server without keys; cloud without keys

    @Test
    void aDevServerNeedsNoKeys() {
        env.put("INNGEST_DEV", INNGEST.baseUrl());
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        INNGEST.stubFor(post(urlPathMatching("/e/.+")).willReturn(okJson(SEND_OK)));

        Exchange run = call("inngest:getRun?runId=" + RUN_ID);
        Exchange send = call("inngest:sendEvents", NEW_EVENT, Map.of());

        assertThat(run.getException()).isNull();
        assertThat(run.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        assertThat(send.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)).withoutHeader("Authorization").withoutHeader("X-Inngest-Env"));
        // the Dev Server accepts any non-empty event key; the SDKs' placeholder is sent
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/NO_EVENT_KEY_SET")));
    }

    @Test
    void withoutDevModeAndWithoutSigningKeyAGetFailsBeforeAnyHttpCall() {
        Throwable failure = producerFailure("inngest:getRun?dev=false&runId=" + RUN_ID + "&baseUrl=" + INNGEST.baseUrl());

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getRun needs a signing key")
                .hasMessageContaining("option signingKey").hasMessageContaining("INNGEST_SIGNING_KEY");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutDevModeAndWithoutEventKeyASendFailsBeforeAnyHttpCall() {
        Throwable failure = producerFailure("inngest:sendEvents?eventBaseUrl=" + INNGEST.baseUrl());

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendEvents needs an event key")
                .hasMessageContaining("option eventKey").hasMessageContaining("INNGEST_EVENT_KEY");
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad configuration fails early and clearly

    @Test
    void anUnknownOperationFailsAtEndpointCreationListingTheValidOnes() {
        assertThatThrownBy(() -> context.getEndpoint("inngest:nope"))
                .hasMessageContaining("Unknown Inngest operation 'nope'")
                .hasMessageContaining(String.join(", ", Arrays.stream(InngestOperation.values()).map(Enum::name).toList()));
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dev=maybe                            | | dev must be one of true, yes, on, 1 (the Dev Server at http://localhost:8288), false, no, off, 0 or empty (not dev mode), or a Dev Server origin such as http://inngest:8288; was 'maybe'",
            "                                     | maybe | INNGEST_DEV must be one of true, yes, on, 1 (the Dev Server at http://localhost:8288), false, no, off, 0 or empty (not dev mode), or a Dev Server origin such as http://inngest:8288; was 'maybe'",
            "baseUrl=ftp://files.example.com      | | baseUrl must be an http or https URL such as http://localhost:8288, was 'ftp://files.example.com'",
            "eventBaseUrl=localhost:8288          | | eventBaseUrl must be an http or https URL such as http://localhost:8288, was 'localhost:8288'" })
    void aBadOriginOrDevValueFailsWhenTheRouteStarts(String options, String inngestDev, String message) {
        if (inngestDev != null) {
            env.put("INNGEST_DEV", inngestDev);
        }
        String uri = "inngest:getRun?signingKey=" + SIGNING_KEY + (options == null ? "" : "&" + options);

        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").routeId("bad").to(uri);
            }
        })).satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class).hasMessage(message));
        assertThat(context.getRoute("bad") == null || !context.getRouteController().getRouteStatus("bad").isStarted()).isTrue();
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void trailingSlashesInTheOriginsAreIgnored() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        INNGEST.stubFor(post("/e/" + EVENT_KEY).willReturn(okJson(SEND_OK)));

        Exchange run
                = call("inngest:getRun?runId=" + RUN_ID + "&signingKey=" + SIGNING_KEY + "&baseUrl=" + INNGEST.baseUrl() + "/");
        Exchange send
                = call("inngest:sendEvents?eventKey=" + EVENT_KEY + "&eventBaseUrl=" + INNGEST.baseUrl() + "//", NEW_EVENT,
                        Map.of());

        assertThat(run.getException()).isNull();
        assertThat(send.getException()).isNull();
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/" + EVENT_KEY)));
        assertThat(fromEnvironment(variables("INNGEST_BASE_URL", "https://inngest.example.com/")).apiBaseUrl())
                .hasToString("https://inngest.example.com");
    }
}
