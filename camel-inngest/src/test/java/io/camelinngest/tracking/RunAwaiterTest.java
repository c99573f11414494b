package io.camelinngest.tracking;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunAwaiter#schedule}: the first step runs on the calling thread (a run that has ended answers before
 * {@code schedule} returns), later steps on the I/O executor after a timer; the timer's threads never run a step, even
 * when a read must wait out the server's {@code Retry-After} (a client made with {@code deferringRetries()}).
 */
class RunAwaiterTest {

    @RegisterExtension
    static final WireMockExtension INNGEST = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String RUN_ID = "01M8T01D08W9PB4VKVN3ZRQNA0";
    private static final String RUN = "/v2/runs/" + RUN_ID;
    private static final String COMPLETED = """
            {"data":{"app":{"id":"test-app"},"endedAt":"2026-12-01T23:46:31.190Z","function":{"id":"ship-order"},\
            "id":"01M8T01D08W9PB4VKVN3ZRQNA0","output":{"shipped":true},"queuedAt":"2026-12-01T23:46:31.048Z",\
            "startedAt":"2026-12-01T23:46:31.101Z","status":"COMPLETED","trigger":{"eventIds":[]}}}""";

    private HttpTransport transport;
    private InngestClient client;
    private ScheduledExecutorService timer;
    private ExecutorService io;

    @BeforeEach
    void setUp() {
        transport = HttpTransport.create(HttpSettings.defaults());
        client = new InngestClient(
                InngestClientConfig.builder().baseUrl(INNGEST.baseUrl())
                        .signingKey("signkey-test-12345678").retryDelay(Duration.ofMillis(1)).build(),
                transport);
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-timer"));
        io = Executors.newCachedThreadPool(r -> new Thread(r, "test-io"));
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        io.shutdownNow();
        transport.close();
    }

    @Test
    void anEndedRunAnswersOnTheCallingThreadBeforeScheduleReturns() throws Exception {
        INNGEST.stubFor(get(urlPathEqualTo(RUN)).willReturn(okJson(COMPLETED)));
        List<String> steps = new CopyOnWriteArrayList<>();

        var awaited = RunAwaiter.schedule(recording(awaiter(client).run(RUN_ID, Duration.ofSeconds(10)), steps), timer, io);

        assertThat(awaited).isDone();
        assertThat(awaited.get().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(steps).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aReadThatMustWaitOutRetryAfterResumesOnTheIoExecutorNeverOnTheTimer() throws Exception {
        INNGEST.stubFor(get(urlPathEqualTo(RUN)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"unavailable\",\"message\":\"later\"}]}"))
                .willSetStateTo("ready"));
        INNGEST.stubFor(get(urlPathEqualTo(RUN)).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(okJson(COMPLETED)));
        List<String> steps = new CopyOnWriteArrayList<>();

        long started = System.nanoTime();
        var awaited = RunAwaiter.schedule(
                recording(awaiter(client.deferringRetries()).run(RUN_ID, Duration.ofSeconds(10)), steps), timer, io);

        assertThat(awaited).as("waiting out Retry-After holds no thread: schedule returned at once").isNotDone();
        FunctionRun run = awaited.get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(seconds).as("the server's Retry-After was waited out").isGreaterThanOrEqualTo(1.0);
        assertThat(steps).first().isEqualTo(Thread.currentThread().getName());
        assertThat(steps.subList(1, steps.size())).isNotEmpty().allMatch("test-io"::equals);
        INNGEST.verify(2, getRequestedFor(urlPathEqualTo(RUN)));
    }

    private static RunAwaiter awaiter(InngestClient client) {
        return new RunAwaiter(client, Duration.ofMillis(200), Duration.ofMillis(200));
    }

    /** The same wait, noting the thread each step runs on. */
    private static <T> RunAwaiter.Await<T> recording(RunAwaiter.Await<T> await, List<String> threads) {
        return new RunAwaiter.Await<>() {
            @Override
            public T step() {
                threads.add(Thread.currentThread().getName());
                return await.step();
            }

            @Override
            public long pause() {
                return await.pause();
            }
        };
    }
}
