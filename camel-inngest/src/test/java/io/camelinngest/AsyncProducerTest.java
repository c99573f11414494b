package io.camelinngest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.consumer.ConsumerTestSupport;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import io.camelinngest.testing.FakeInngest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer is asynchronous: exchanges awaiting their runs hold no route thread. 200 of them wait at once in a route
 * with 10 threads, all complete, and the route answers other messages while they wait. Calls do not wait for each other
 * either.
 */
class AsyncProducerTest extends CamelTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncProducerTest.class);

    private static final FakeInngest FAKE = new FakeInngest();
    private static final int EXCHANGES = 200;
    private static final int THREADS = 10;
    private static final Duration RUN_TIME = Duration.ofSeconds(6);

    @RegisterExtension
    static final WireMockExtension INNGEST = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(60).extensions(FAKE).disableRequestJournal())
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("inngest", ConsumerTestSupport.component(INNGEST.baseUrl()));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:thread").routeId("thread")
                        .setProperty("caller", method(Thread.class, "currentThread().getName()"))
                        .toD("inngest:sendEvents?synchronous=${header.sync}")
                        .setHeader("after", method(Thread.class, "currentThread().getName()"));
                from("direct:get").routeId("get").to("inngest:getRun?runId=01JWNNSVKR5DW3DMHK620M933E&maxRetries=0");
                from("direct:in").routeId("in").threads(THREADS, THREADS).maxQueueSize(1000)
                        .choice()
                        .when(header("kind").isEqualTo("ping")).setBody(constant("pong"))
                        .otherwise().to("inngest:sendEvents?awaitRuns=true&awaitTimeout=60000"
                                        + "&runPollInterval=1000&eventRunsInterval=1000")
                        .end();
            }
        };
    }

    /**
     * Calls that wait for a slow server do not queue behind each other for threads of the component: 20 callers calling
     * a server answering after 3 s all finish in about 3 s (a pool of 10 threads, as the component's scheduler has,
     * would need two rounds, 6 s or more). Each call is made on its caller's thread.
     */
    @Test
    void twentyCallsToASlowServerRunAtOnce() throws Exception {
        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"code\":\"not_found\",\"message\":\"run not found\"}]}")));

        ExecutorService callers = Executors.newFixedThreadPool(20);
        long started = System.nanoTime();
        List<CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(CompletableFuture.supplyAsync(() -> template.send("direct:get", e -> e.getMessage().setBody("x")),
                    callers));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        callers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("ASYNC-PRODUCER: 20 calls of 3 s done in {}s", String.format("%.1f", seconds));

        for (CompletableFuture<Exchange> future : pending) {
            assertThat(future.get().getException()).hasMessageContaining("getRun failed");
        }
        assertThat(seconds).as("20 calls of 3 s at once").isLessThan(5.5);
    }

    @Test
    void twoHundredExchangesAwaitTheirRunsAtOnceThroughTenThreadsAndTheRouteServesOthersMeanwhile() throws Exception {
        FAKE.clear();
        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeInngest.NAME)));
        FAKE.onEvent("acc/await", "test-app", "await-fn", RUN_TIME, data -> Map.of("n", data.get("n")));

        long started = System.nanoTime();
        List<CompletableFuture<Exchange>> pending = new ArrayList<>();
        for (int i = 0; i < EXCHANGES; i++) {
            int n = i;
            pending.add(template.asyncSend("direct:in",
                    e -> e.getMessage().setBody(Map.of("name", "acc/await", "data", Map.of("n", n)))));
        }
        // every event was sent: each exchange is now awaiting its run, or done with it
        await().atMost(Duration.ofSeconds(60)).until(() -> FAKE.events().size() == EXCHANGES);
        long ping = System.nanoTime();
        String pong = template.requestBodyAndHeader("direct:in", null, "kind", "ping", String.class);
        double pingMillis = (System.nanoTime() - ping) / 1e6;
        long awaitingAtPing = pending.stream().filter(f -> !f.isDone()).count();

        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format("ASYNC-PRODUCER: routeThreads=%d exchanges=%d runTime=%ds allCompletedIn=%.1fs"
                               + " pingAnsweredIn=%.0fms whileAwaiting=%d",
                THREADS, EXCHANGES, RUN_TIME.toSeconds(), seconds, pingMillis, awaitingAtPing));

        assertThat(pong).isEqualTo("pong");
        // a producer holding the route's threads could have at most THREADS exchanges awaiting at any time
        assertThat(awaitingAtPing).as("exchanges awaiting at once while the ping was answered")
                .isGreaterThan(EXCHANGES / 2);
        for (CompletableFuture<Exchange> future : pending) {
            Exchange exchange = future.get();
            assertThat(exchange.getException()).isNull();
            List<?> runs = exchange.getMessage().getBody(List.class);
            assertThat(runs).singleElement().isInstanceOfSatisfying(FunctionRun.class,
                    run -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED));
        }
        // held route threads would need EXCHANGES / THREADS rounds of RUN_TIME (120 s)
        assertThat(seconds).isLessThan(EXCHANGES / THREADS * RUN_TIME.toSeconds() / 2.0);
    }

    /**
     * A call that has nothing to wait for is made on the route's thread and the route goes on there, by default and
     * with {@code synchronous=true}. A call that must wait (here the server's {@code Retry-After} before a retry) goes
     * on from the component's call pool by default, and on the route's own thread with {@code synchronous=true}; the
     * same answer and the same failures either way.
     */
    @Test
    void theRouteGoesOnFromItsOwnThreadUnlessTheCallMustWait() {
        FAKE.clear();
        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(FakeInngest.NAME)));

        for (boolean sync : new boolean[] { false, true }) {
            Exchange done = template.request("direct:thread", e -> {
                e.getMessage().setHeader("sync", sync);
                e.getMessage().setBody(Map.of("name", "acc/thread", "data", Map.of("sync", sync)));
            });
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(List.class)).singleElement().asString().hasSize(26);
            String caller = done.getProperty("caller", String.class);
            String after = done.getMessage().getHeader("after", String.class);
            assertThat(after).as("thread after a call with nothing to wait for, synchronous=" + sync).isEqualTo(caller);
        }

        for (boolean sync : new boolean[] { false, true }) {
            INNGEST.resetAll();
            INNGEST.stubFor(any(anyUrl()).inScenario("busy").whenScenarioStateIs(STARTED)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                            .withHeader("Content-Type", "application/json").withBody("{\"error\":\"busy\",\"status\":503}"))
                    .willSetStateTo("ready"));
            INNGEST.stubFor(any(anyUrl()).inScenario("busy").whenScenarioStateIs("ready")
                    .willReturn(aResponse().withTransformers(FakeInngest.NAME)));
            Exchange done = template.request("direct:thread", e -> {
                e.getMessage().setHeader("sync", sync);
                e.getMessage().setBody(Map.of("name", "acc/thread", "data", Map.of("sync", sync)));
            });
            // answered after the retry: the first answer was a 503
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(List.class)).singleElement().asString().hasSize(26);
            String caller = done.getProperty("caller", String.class);
            String after = done.getMessage().getHeader("after", String.class);
            if (sync) {
                assertThat(after).as("thread after a synchronous call that waited").isEqualTo(caller);
            } else {
                assertThat(after).as("thread after a call that waited").isNotEqualTo(caller).contains("inngest-call");
            }
        }

        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"bad event\",\"status\":400}")));
        Exchange failed = template.request("direct:thread", e -> {
            e.getMessage().setHeader("sync", true);
            e.getMessage().setBody(Map.of("name", "acc/thread"));
        });
        assertThat(failed.getException()).isInstanceOf(io.camelinngest.client.InngestApiException.class)
                .hasMessageContaining("sendEvents failed");
        assertThat(failed.getMessage().getHeader("after")).as("the route stops at the failure").isNull();
    }
}
