package io.camelinngest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.camelinngest.client.InngestJson;
import io.camelinngest.testing.FakeInngest.StoredEvent;
import io.camelinngest.testing.FakeInngest.StoredRun;
import io.camelinngest.testing.FakeInngestServer;
import io.camelinngest.testing.Ulids;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kamelets of {@code src/main/resources/kamelets} as a user runs them: YAML routes (and a Camel K {@code Pipe})
 * that use {@code kamelet:inngest-...}, in a real CamelContext, against the fake Inngest of camel-inngest-testing. Each
 * Kamelet reaches the fake through its {@code dev} property.
 */
class KameletsTest extends CamelTestSupport {

    private static final FakeInngestServer INNGEST = FakeInngestServer.start();
    private static final String ORDER = "shop/order.created";

    @AfterAll
    static void stopInngest() {
        INNGEST.close();
    }

    @BeforeEach
    void resetInngest() {
        INNGEST.fake().clear();
        INNGEST.wireMock().resetRequests();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent inngest = new InngestComponent();
        // no INNGEST_* variable of the machine running the tests leaks in; the Kamelets' properties decide
        inngest.environment(variable -> null);
        // the fake caches nothing: the run watcher need not wait for the real server's cache windows
        inngest.getConfiguration().setRunPollInterval(100);
        inngest.getConfiguration().setEventRunsInterval(100);
        context.addComponent("inngest", inngest);
        return context;
    }

    private void loadRoutes(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("routes.yaml", yaml));
    }

    private static JsonNode json(Object body) throws Exception {
        return InngestJson.mapper().readTree((String) body);
    }

    // ---------------------------------------------------------------------------------------------------------
    // inngest-source

    @Test
    void inngestSourceDeliversEachNewEventWithTheNameAsJson() throws Exception {
        INNGEST.fake().addEvent(ORDER, Instant.now().minus(Duration.ofMinutes(5)), Map.of("orderId", 1));
        loadRoutes("""
                - route:
                    from:
                      uri: kamelet:inngest-source
                      parameters:
                        eventName: shop/order.created
                        delay: 100
                        dev: "%s"
                      steps:
                        - to: mock:events
                """.formatted(INNGEST.url()));
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(2);
        events.setAssertPeriod(500);

        StoredEvent first = INNGEST.fake().addEvent(ORDER, Instant.now(), Map.of("orderId", 2));
        INNGEST.fake().addEvent("shop/order.cancelled", Instant.now(), Map.of("orderId", 2));
        StoredEvent second = INNGEST.fake().addEvent(ORDER, Instant.now().plusMillis(1), Map.of("orderId", 3));

        events.assertIsSatisfied(10_000);
        List<Exchange> received = events.getExchanges();
        assertThat(received).extracting(e -> e.getMessage().getHeader(InngestConstants.EVENT_ID))
                .containsExactly(first.internalId(), second.internalId());
        JsonNode body = json(received.get(0).getMessage().getBody());
        assertThat(body.path("name").asText()).isEqualTo(ORDER);
        assertThat(body.path("internal_id").asText()).isEqualTo(first.internalId());
        assertThat(body.path("data").path("orderId").asInt()).isEqualTo(2);
        assertThat(json(received.get(1).getMessage().getBody()).path("data").path("orderId").asInt()).isEqualTo(3);
        // the name filter goes to the server
        INNGEST.wireMock().verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("name", equalTo(ORDER)));
    }

    @Test
    void inngestSourceWithoutItsEventNameFailsAtRouteStartNamingTheProperty() {
        assertThatThrownBy(() -> loadRoutes("""
                - route:
                    from:
                      uri: kamelet:inngest-source
                      parameters:
                        dev: "%s"
                      steps:
                        - to: mock:events
                """.formatted(INNGEST.url())))
                .rootCause().hasMessageContaining("eventName");
        assertThat(INNGEST.wireMock().getAllServeEvents()).as("no call to Inngest").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // inngest-sink and inngest-run-status-source

    @Test
    void inngestSinkSendsTheEventsOfTheBody() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: direct:orders
                      steps:
                        - to:
                            uri: kamelet:inngest-sink
                            parameters:
                              eventKey: key-in-a-kamelet
                              eventBaseUrl: "%s"
                """.formatted(INNGEST.url()));

        Object ids = template.requestBody("direct:orders", "{\"name\": \"shop/order.created\", \"data\": {\"orderId\": 7}}");

        assertThat(INNGEST.fake().events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo(ORDER);
            assertThat(event.data()).isEqualTo(Map.of("orderId", 7));
            assertThat(ids).asList().containsExactly(event.internalId());
        });
        // the event key of the property, in the path of the event API
        INNGEST.wireMock().verify(1, postRequestedFor(urlEqualTo("/e/key-in-a-kamelet"))
                .withRequestBody(equalToJson("[{\"name\":\"shop/order.created\",\"data\":{\"orderId\":7}}]")));
        assertThat(context.getEndpoints()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("key-in-a-kamelet"));
    }

    @Test
    void inngestSinkRefusesAnEventWithoutANameBeforeSending() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: direct:orders
                      steps:
                        - to: "kamelet:inngest-sink?dev=%s"
                """.formatted(INNGEST.url()));

        Exchange sent = template.send("direct:orders", e -> e.getMessage().setBody("{\"data\": {\"orderId\": 7}}"));

        assertThat(sent.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no name");
        assertThat(INNGEST.wireMock().getAllServeEvents()).as("nothing sent").isEmpty();
    }

    @Test
    void inngestRunStatusSourceDeliversTheEndOfEachRunTheEventsStart() throws Exception {
        INNGEST.fake().onEvent(ORDER, "shop", "ship-order", Duration.ofMillis(300),
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("orderId")));
        loadRoutes("""
                - route:
                    from:
                      uri: kamelet:inngest-run-status-source
                      parameters:
                        eventName: shop/order.created
                        statuses: Completed,Failed
                        delay: 100
                        dev: "%1$s"
                      steps:
                        - to: mock:runs
                - route:
                    from:
                      uri: direct:orders
                      steps:
                        - to: "kamelet:inngest-sink?dev=%1$s"
                """.formatted(INNGEST.url()));
        MockEndpoint runs = getMockEndpoint("mock:runs");
        runs.expectedMessageCount(1);
        runs.setAssertPeriod(500);

        template.sendBody("direct:orders", "{\"name\": \"shop/order.created\", \"data\": {\"orderId\": 42}}");

        runs.assertIsSatisfied(10_000);
        Exchange ended = runs.getExchanges().get(0);
        String eventId = INNGEST.fake().events().get(0).internalId();
        StoredRun run = INNGEST.fake().runsOf(eventId).get(0);
        assertThat(ended.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo(run.runId());
        assertThat(ended.getMessage().getHeader(InngestConstants.RUN_STATUS)).isEqualTo("Completed");
        JsonNode body = json(ended.getMessage().getBody());
        assertThat(body.path("run_id").asText()).isEqualTo(run.runId());
        assertThat(body.path("status").asText()).isEqualTo("Completed");
        assertThat(body.path("output").path("tracking").asText()).isEqualTo("TRK-42");
    }

    // ---------------------------------------------------------------------------------------------------------
    // inngest-action

    private void actionRoute(String operation, String extraParameters) throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: direct:action
                      steps:
                        - to:
                            uri: kamelet:inngest-action
                            parameters:
                              operation: %s
                              dev: "%s"
                %s
                """.formatted(operation, INNGEST.url(), extraParameters));
    }

    private StoredRun run(String status, Object output) {
        Instant started = Instant.now().minusSeconds(5);
        return INNGEST.fake().putRun(new StoredRun(
                Ulids.at(started), null, "ship-order", "shop", status, started,
                status.equals("Running") ? null : Instant.now(), output));
    }

    @Test
    void inngestActionGetRunAnswersTheRunAsJson() throws Exception {
        StoredRun run = run("Completed", Map.of("shipped", true));
        actionRoute("getRun", "");

        Object body = template.requestBodyAndHeader("direct:action", null, InngestConstants.RUN_ID, run.runId());

        JsonNode json = json(body);
        assertThat(json.path("run_id").asText()).isEqualTo(run.runId());
        assertThat(json.path("status").asText()).isEqualTo("Completed");
        assertThat(json.path("output").path("shipped").asBoolean()).isTrue();
    }

    @Test
    void inngestActionTakesTheRunFromItsPropertyWhenNoHeaderNamesOne() throws Exception {
        StoredRun run = run("Running", null);
        actionRoute("cancelRun", "              runId: " + run.runId());

        Object body = template.requestBody("direct:action", (Object) null);

        assertThat(body).isEqualTo(run.runId());
        assertThat(INNGEST.fake().run(run.runId()).status()).isEqualTo("Cancelled");
    }

    @Test
    void inngestActionSendSignalResumesTheWaitingRun() throws Exception {
        // the fake knows no signals: the Dev Server's recorded answer (fixtures/inngest-dev/sendSignal.http)
        StubMapping signals = INNGEST.wireMock().stubFor(post("/v1/signals").atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"run_id\":\"01M8T01YWF4FPGVRNZHGQ5A4KV\"},"
                          + "\"metadata\":{\"fetched_at\":\"2026-12-01T23:46:54.309712687Z\"}}")));
        actionRoute("sendSignal", "");

        Object body;
        try {
            body = template.requestBodyAndHeader("direct:action", "{\"by\": \"ops\"}", InngestConstants.SIGNAL, "approve-k7");
        } finally {
            INNGEST.wireMock().removeStub(signals);
        }

        assertThat(body).isEqualTo("01M8T01YWF4FPGVRNZHGQ5A4KV");
        INNGEST.wireMock().verify(1, postRequestedFor(urlEqualTo("/v1/signals"))
                .withRequestBody(equalToJson("{\"signal\":\"approve-k7\",\"data\":{\"by\":\"ops\"}}")));
    }

    /** Answers a POST on the fake's server as the Dev Server did (fixtures/inngest-dev/v2-*.http). */
    private StubMapping recorded(String path, String runId) {
        return INNGEST.wireMock().stubFor(post(path).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":{\"runId\":\"" + runId + "\"},"
                          + "\"metadata\":{\"fetchedAt\":\"2026-12-01T23:46:57.553065394Z\"}}")));
    }

    @Test
    void inngestActionInvokeFunctionStartsARunWithTheBodyAsData() throws Exception {
        StubMapping invoke = recorded("/v2/apps/test-app/functions/ship-order/invoke", "01M8T026WEMEWKG51X3ZDGCXPR");
        actionRoute("invokeFunction", "              appId: test-app\n              functionId: ship-order");

        Exchange done;
        try {
            done = template.request("direct:action", e -> e.getMessage().setBody("{\"order\": \"77\"}"));
        } finally {
            INNGEST.wireMock().removeStub(invoke);
        }

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody()).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
        assertThat(done.getMessage().getHeader(InngestConstants.RUN_ID)).isEqualTo("01M8T026WEMEWKG51X3ZDGCXPR");
        INNGEST.wireMock().verify(1, postRequestedFor(urlEqualTo("/v2/apps/test-app/functions/ship-order/invoke"))
                .withRequestBody(equalToJson("{\"data\":{\"order\":\"77\"}}", true, true)));
    }

    @Test
    void inngestActionRerunRunStartsTheRunAgain() throws Exception {
        StubMapping rerun = recorded("/v2/runs/01M8T01D08W9PB4VKVN3ZRQNA0/rerun", "01M8T026XEC239HSPXW2162X3T");
        actionRoute("rerunRun", "");

        Object body;
        try {
            body = template.requestBodyAndHeader("direct:action", null, InngestConstants.RUN_ID, "01M8T01D08W9PB4VKVN3ZRQNA0");
        } finally {
            INNGEST.wireMock().removeStub(rerun);
        }

        assertThat(body).isEqualTo("01M8T026XEC239HSPXW2162X3T");
        INNGEST.wireMock().verify(1, postRequestedFor(urlEqualTo("/v2/runs/01M8T01D08W9PB4VKVN3ZRQNA0/rerun")));
    }

    @Test
    void inngestActionWithAnUnknownOperationFailsAtRouteStartListingTheValidOnes() {
        assertThatThrownBy(() -> actionRoute("getRunz", ""))
                .rootCause().hasMessageContaining("getRunz").hasMessageContaining("getRun, ")
                .hasMessageContaining("cancelRun").hasMessageContaining("sendSignal");
    }

    @Test
    void inngestActionWithoutAnOperationFailsAtRouteStartNamingTheProperty() {
        assertThatThrownBy(() -> loadRoutes("""
                - route:
                    from:
                      uri: direct:action
                      steps:
                        - to: kamelet:inngest-action
                """)).rootCause().hasMessageContaining("operation");
    }

    // ---------------------------------------------------------------------------------------------------------
    // a Camel K Pipe

    @Test
    void aPipeBindsTheInngestSourceToASink() throws Exception {
        // Camel 4.18's YAML DSL URL-encodes the Pipe's properties into the kamelet: URI and the Kamelet never decodes
        // them (CAMEL-23594, fixed in a later Camel): values holding '/' or ':' go in properties, as Camel K passes them
        context.getPropertiesComponent().addInitialProperty("camel.kamelet.inngest-source.eventName", ORDER);
        context.getPropertiesComponent().addInitialProperty("camel.kamelet.inngest-source.dev", INNGEST.url());
        loadRoutes("""
                apiVersion: camel.apache.org/v1
                kind: Pipe
                metadata:
                  name: inngest-orders-to-mock
                spec:
                  source:
                    ref:
                      kind: Kamelet
                      apiVersion: camel.apache.org/v1
                      name: inngest-source
                    properties:
                      startFrom: now
                      delay: 100
                  sink:
                    uri: mock:pipe
                """);
        MockEndpoint sink = getMockEndpoint("mock:pipe");
        sink.expectedMessageCount(1);
        sink.setAssertPeriod(500);

        INNGEST.fake().addEvent("shop/order.cancelled", Instant.now(), Map.of("orderId", 9));
        StoredEvent event = INNGEST.fake().addEvent(ORDER, Instant.now(), Map.of("orderId", 9));

        sink.assertIsSatisfied(10_000);
        assertThat(json(sink.getExchanges().get(0).getMessage().getBody()).path("internal_id").asText())
                .isEqualTo(event.internalId());
        assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).contains("inngest-orders-to-mock");
    }
}
