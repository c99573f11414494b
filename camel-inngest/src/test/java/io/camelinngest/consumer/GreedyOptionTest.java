package io.camelinngest.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelinngest.InngestEndpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Option {@code greedy} as a Camel user means it: left unset, a consumer behind polls again at once (a backlog drains
 * in one run of the scheduler); set to {@code true}, the same; set to {@code false}, every poll waits for
 * {@code delay}, so a route can throttle its catch-up to {@code maxMessagesPerPoll} per {@code delay}.
 */
class GreedyOptionTest extends ConsumerTestSupport {

    /** For each delivered event, the run of the scheduler it came in (Camel's poll counter). */
    private final List<Long> schedulerRuns = new CopyOnWriteArrayList<>();

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private List<String> drain(String options) throws Exception {
        Instant start = Instant.now().minusSeconds(60);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(FAKE.addEvent("order", start.plusMillis(10L * i), Map.of()).internalId());
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("inngest:newEvents?startFrom=" + start + "&maxMessagesPerPoll=20&initialDelay=0" + options)
                        .routeId("events")
                        .process(exchange -> {
                            received.add(idOf(exchange));
                            schedulerRuns.add(((ScheduledPollConsumer) context.getRoute("events").getConsumer())
                                    .getCounter());
                        });
            }
        });
        context.start();
        await().until(() -> received.size() >= 60);
        assertThat(received).containsExactlyElementsOf(sent);
        return sent;
    }

    @Test
    void leftUnsetABacklogDrainsInOneRunOfTheScheduler() throws Exception {
        drain("&delay=200");
        assertThat(schedulerRuns).containsOnly(schedulerRuns.get(0));
        assertThat(context.getEndpoint("inngest:newEvents?startFrom=now", InngestEndpoint.class).isGreedySet()).isFalse();
    }

    @Test
    void greedyTrueDrainsInOneRunAsInCamel() throws Exception {
        drain("&delay=200&greedy=true");
        assertThat(schedulerRuns).containsOnly(schedulerRuns.get(0));
    }

    @Test
    void greedyFalseWaitsForTheDelayAfterEveryPollEvenWhileBehind() throws Exception {
        drain("&delay=200&greedy=false");
        // three polls of 20, each in its own run of the scheduler: one batch per delay, as asked
        assertThat(schedulerRuns.subList(0, 20)).containsOnly(schedulerRuns.get(0));
        assertThat(schedulerRuns.subList(20, 40)).containsOnly(schedulerRuns.get(0) + 1);
        assertThat(schedulerRuns.subList(40, 60)).containsOnly(schedulerRuns.get(0) + 2);
    }
}
