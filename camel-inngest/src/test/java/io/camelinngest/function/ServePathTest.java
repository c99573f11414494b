package io.camelinngest.function;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.InngestComponent;
import io.camelinngest.LogLines;
import io.camelinngest.client.InngestJson;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serve path as Inngest Cloud meets it: a real CamelContext serving function routes over platform-http, called with
 * a real HTTP client the way the server calls (signed call requests, SDK spec 4.1.3 and 4.4).
 */
class ServePathTest extends CamelTestSupport {

    private static final String KEY = "signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff";
    private static final String FALLBACK = "signkey-test-0000000000000000000000000000000000000000000000000000000000000001";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final AtomicInteger routeRuns = new AtomicInteger();
    private final AtomicInteger chargeRuns = new AtomicInteger();
    private String serveUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        InngestComponent inngest = new InngestComponent();
        inngest.getConfiguration().setDev("false");
        inngest.getConfiguration().setSigningKey(KEY);
        inngest.getConfiguration().setSigningKeyFallback(FALLBACK);
        context.addComponent("inngest", inngest);
        serveUrl = ServedApp.serve(context, "shop", false) + "/api/inngest";
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest-function:greet?trigger=shop/greet")
                        .process(e -> routeRuns.incrementAndGet())
                        .setBody(simple("hello ${body[name]}"));
                from("inngest-function:checkout?trigger=shop/checkout")
                        .to("inngest-step:charge?to=direct:charge")
                        .setBody(simple("charged ${body}"));
                from("direct:charge").process(e -> chargeRuns.incrementAndGet()).setBody(constant(42));
            }
        };
    }

    @Test
    void aSignedCallRunsTheRouteAndTheAnswerIsSigned() throws Exception {
        String body = call("Ada", Map.of());

        HttpResponse<String> response = post("shop-greet", body, header(KEY, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"hello Ada\"");
        assertThat(response.headers().firstValue("X-Inngest-Sdk")).contains(AppSync.SDK);
        assertThat(response.headers().firstValue("X-Inngest-Req-Version")).contains("2");
        String signature = response.headers().firstValue("X-Inngest-Signature").orElseThrow();
        String t = signature.substring(2, signature.indexOf('&'));
        assertThat(signature).endsWith("&s=" + RequestSignature.sign(KEY, response.body(), t));
    }

    @Test
    void aCallSignedWithTheFallbackKeyRunsTooAndIsAnsweredWithThatKey() throws Exception {
        String body = call("Bob", Map.of());

        HttpResponse<String> response = post("shop-greet", body, header(FALLBACK, body));

        assertThat(response.statusCode()).isEqualTo(200);
        String signature = response.headers().firstValue("X-Inngest-Signature").orElseThrow();
        String t = signature.substring(2, signature.indexOf('&'));
        assertThat(signature).endsWith("&s=" + RequestSignature.sign(FALLBACK, response.body(), t));
    }

    @Test
    void unsignedStaleAndForgedCallsAreRefusedBeforeTheRouteRunsAndLoggedWithoutBodyOrKey() throws Exception {
        String body = call("secret-customer-name", Map.of());
        long stale = System.currentTimeMillis() / 1000 - 600;
        try (LogLines log = LogLines.capture(Map.of("io.camelinngest", Level.INFO), Map.of("io.camelinngest", Level.INFO))) {
            List<HttpResponse<String>> answers = List.of(
                    post("shop-greet", body, null),
                    post("shop-greet", body, "t=" + stale + "&s=" + RequestSignature.sign(KEY, body, Long.toString(stale))),
                    post("shop-greet", body.replace("secret", "forged"), header(KEY, body)));

            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(500));
            assertThat(routeRuns).hasValue(0);
            assertThat(log.at(Level.WARN)).hasSize(3).allSatisfy(line -> assertThat(line.message())
                    .startsWith("Refused a call request for function shop-greet")
                    .doesNotContain("secret-customer-name").doesNotContain("8ee2262a"));
        }
    }

    @Test
    void aCallForAFunctionTheAppDoesNotServeOrWithAMalformedBodyAnswers500AndRunsNothing() throws Exception {
        String body = call("Ada", Map.of());

        HttpResponse<String> unknown = post("shop-nope", body, header(KEY, body));
        HttpResponse<String> malformed = post("shop-greet", "{not json", header(KEY, "{not json"));
        HttpResponse<String> noEvent = post("shop-greet", "{}", header(KEY, "{}"));

        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(unknown.body()).contains("function not found: shop-nope");
        assertThat(malformed.statusCode()).isEqualTo(500);
        assertThat(malformed.body()).contains("not a JSON object");
        assertThat(noEvent.statusCode()).isEqualTo(500);
        assertThat(noEvent.body()).contains("no 'event' object");
        assertThat(routeRuns).hasValue(0);
    }

    @Test
    void aStepRunsOnceReportsItsResultAndIsHandedOnWhenCalledAgain() throws Exception {
        String first = call("x", Map.of());
        HttpResponse<String> reported = post("shop-checkout", first, header(KEY, first));

        assertThat(reported.statusCode()).isEqualTo(206);
        JsonNode op = InngestJson.mapper().readTree(reported.body()).get(0);
        assertThat(op.path("op").asText()).isEqualTo("StepRun");
        assertThat(op.path("id").asText()).isEqualTo(StepIds.hash("charge"));
        assertThat(op.path("displayName").asText()).isEqualTo("charge");
        assertThat(op.path("data").asInt()).isEqualTo(42);

        String second = call("x", Map.of(StepIds.hash("charge"), Map.of("data", 42)));
        HttpResponse<String> done = post("shop-checkout", second, header(KEY, second));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).isEqualTo("\"charged 42\"");
        assertThat(chargeRuns).hasValue(1);
    }

    @Test
    void introspectionWithoutSignatureTellsOnlyWhetherKeysAreSet() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serveUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode answer = InngestJson.mapper().readTree(response.body());
        assertThat(answer.path("authentication_succeeded").isNull()).isTrue();
        assertThat(answer.path("function_count").asInt()).isEqualTo(2);
        assertThat(answer.path("has_signing_key").asBoolean()).isTrue();
        assertThat(answer.path("mode").asText()).isEqualTo("cloud");
        assertThat(answer.has("app_id")).isFalse();
        assertThat(response.body()).doesNotContain("8ee2262a");
    }

    private HttpResponse<String> post(String fnId, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serveUrl + "?fnId=" + fnId + "&stepId=step"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Inngest-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String call(String name, Map<String, Object> steps) throws Exception {
        Map<String, Object> event = Map.of("name", "shop/greet", "data", Map.of("name", name), "id", "01EVENT", "ts", 1);
        return InngestJson.mapper().writeValueAsString(Map.of("event", event, "events", List.of(event), "steps", steps,
                "ctx", Map.of("run_id", "01RUN", "attempt", 0, "disable_immediate_execution", false, "use_api", false,
                        "stack", Map.of("stack", List.of(), "current", 0))));
    }

    private static String header(String key, String body) {
        String t = Long.toString(System.currentTimeMillis() / 1000);
        return "t=" + t + "&s=" + RequestSignature.sign(key, body, t);
    }
}
