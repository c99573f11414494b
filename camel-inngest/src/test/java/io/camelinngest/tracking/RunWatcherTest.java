package io.camelinngest.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.client.HttpSettings;
import io.camelinngest.client.HttpTransport;
import io.camelinngest.client.InngestClient;
import io.camelinngest.client.InngestClientConfig;
import io.camelinngest.model.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run watcher spaces its calls by the server's cache windows (event runs 15 s, runs 3 s): asking sooner would only
 * get the same cached bytes, an early empty list included. A clock the test moves makes every step exact.
 */
class RunWatcherTest {

    @RegisterExtension
    static final WireMockExtension INNGEST = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT_ID = "01JWNNSVKR5DW3DMHK620M933E";
    private static final String RUN_ID = "01JWNNSWC44J3CY2ENV158DQX8";
    private static final String EVENT_RUNS = "/v1/events/" + EVENT_ID + "/runs";
    private static final String RUN = "/v1/runs/" + RUN_ID;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private HttpTransport transport;
    private RunWatcher watcher;

    @BeforeEach
    void watcher() {
        transport = HttpTransport.create(HttpSettings.defaults());
        InngestClient client = new InngestClient(
                InngestClientConfig.builder().baseUrl(INNGEST.baseUrl())
                        .signingKey("signkey-test-12345678").retryDelay(Duration.ofMillis(1)).build(),
                transport);
        watcher = new RunWatcher(
                client, Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(60), 100,
                now::get);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private static String runJson(String status) {
        return "{\"run_id\":\"" + RUN_ID + "\",\"run_started_at\":\"2025-06-01T12:00:00Z\",\"function_id\":\"f\","
               + "\"function_version\":0,\"environment_id\":\"e\",\"event_id\":\"" + EVENT_ID + "\",\"status\":\"" + status
               + "\",\"ended_at\":null}";
    }

    private void advance(Duration by) {
        now.addAndGet(by.toMillis());
    }

    private static int requests(String path) {
        return INNGEST.findAll(getRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void eventRunsAreAskedEvery15SecondsAndRunsEvery3UntilTheEnd() {
        // the early empty list, then the run
        INNGEST.stubFor(get(EVENT_RUNS).inScenario("late").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"data\":[],\"metadata\":{}}")).willSetStateTo("found"));
        INNGEST.stubFor(get(EVENT_RUNS).inScenario("late").whenScenarioStateIs("found")
                .willReturn(okJson("{\"data\":[" + runJson("Running") + "],\"metadata\":{}}")));
        INNGEST.stubFor(get(RUN).willReturn(okJson("{\"data\":" + runJson("Running") + ",\"metadata\":{}}")));

        watcher.watchEvent(EVENT_ID, Instant.ofEpochMilli(now.get()));
        assertThat(watcher.poll()).isEmpty();
        assertThat(requests(EVENT_RUNS)).isEqualTo(1);

        // polls inside the 15 s window ask nothing
        for (int i = 0; i < 14; i++) {
            advance(Duration.ofSeconds(1));
            assertThat(watcher.poll()).isEmpty();
        }
        assertThat(requests(EVENT_RUNS)).isEqualTo(1);

        advance(Duration.ofSeconds(1)); // 15 s: asked again, the run is found and read at once
        List<RunWatcher.Change> changes = watcher.poll();
        assertThat(requests(EVENT_RUNS)).isEqualTo(2);
        assertThat(requests(RUN)).isEqualTo(1);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.run().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(c.previous()).isNull();
        });
        watcher.acknowledge(changes.get(0));

        advance(Duration.ofSeconds(2)); // inside the run's 3 s window
        assertThat(watcher.poll()).isEmpty();
        assertThat(requests(RUN)).isEqualTo(1);

        INNGEST.stubFor(get(RUN).willReturn(okJson("{\"data\":" + runJson("Completed").replace("\"ended_at\":null",
                "\"ended_at\":\"2025-06-01T12:00:05Z\"") + ",\"metadata\":{}}")));
        advance(Duration.ofSeconds(1));
        changes = watcher.poll();
        assertThat(requests(RUN)).isEqualTo(2);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.run().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(c.previous()).isEqualTo(RunStatus.RUNNING);
        });
        watcher.acknowledge(changes.get(0));
        assertThat(watcher.watchedRuns()).isEmpty();

        // an ended run is not read again; the event is asked about until its 60 s discovery window is over
        for (int i = 0; i < 60; i++) {
            advance(Duration.ofSeconds(1));
            watcher.poll();
        }
        assertThat(requests(RUN)).isEqualTo(2);
        assertThat(requests(EVENT_RUNS)).isEqualTo(5); // at 0, 15, 30, 45 and 60 s
        assertThat(watcher.pendingEvents()).isEmpty();
        advance(Duration.ofSeconds(30));
        watcher.poll();
        assertThat(requests(EVENT_RUNS)).isEqualTo(5);
    }

    @Test
    void anUnacknowledgedChangeIsReportedAgainOnTheNextRead() {
        INNGEST.stubFor(get(RUN).willReturn(okJson("{\"data\":" + runJson("Running") + ",\"metadata\":{}}")));
        watcher.watchRun(RUN_ID, null, null);

        assertThat(watcher.poll()).hasSize(1); // not acknowledged: the exchange failed
        advance(Duration.ofSeconds(3));
        List<RunWatcher.Change> again = watcher.poll();
        assertThat(again).singleElement().satisfies(c -> assertThat(c.previous()).isNull());
        watcher.acknowledge(again.get(0));
        advance(Duration.ofSeconds(3));
        assertThat(watcher.poll()).isEmpty();
        assertThat(requests(RUN)).isEqualTo(3);
    }
}
