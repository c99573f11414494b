package io.camelinngest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.camelinngest.InngestConstants;
import io.camelinngest.client.InngestJson;
import io.camelinngest.model.InngestEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.net.URIBuilder;

/**
 * Scenario 3: {@code from("inngest:newEvents")} draining a backlog into a no-op route, against a plain loop that reads
 * the same backlog page by page (newest first, with the cursor, 51 a page) and parses each page into the component's
 * own {@link InngestEvent}s. Also the heap the consumer keeps once the backlog is drained, the state it writes per
 * event, and one more drain of events 1 s apart instead of 10 ms (fewer IDs in the overlap window).
 */
final class CatchUp {

    /** Events are 10 ms apart: 100,000 of them are 17 minutes of traffic, a plausible backlog after an outage. */
    static final long SPACING_MILLIS = 10;
    /** The longest one drain may take (bench.catchup.capSeconds); a slower drain is reported at the rate it reached. */
    private static final Duration GIVE_UP = Duration.ofSeconds(Long.getLong("bench.catchup.capSeconds", 60));
    /**
     * Endpoint options added to the consumer's URI (bench.catchup.options, e.g. maxMessagesPerPoll=5000); none by
     * default.
     */
    private static final String OPTIONS = System.getProperty("bench.catchup.options", "");
    /**
     * The consumer's scheduler options (bench.catchup.scheduler); empty for the consumer's defaults (delay 5 s, polling
     * again at once while behind), to compare a default route with Camel's greedy polling.
     */
    private static final String SCHEDULER = System.getProperty("bench.catchup.scheduler", "greedy=true&delay=10");

    /** The shape of a listEvents page for the baseline's parse. */
    record EventsPage(List<InngestEvent> data) {
    }

    private CatchUp() {
    }

    static void run(LoopbackInngest server, List<Integer> sizes, int rounds, Report report) throws Exception {
        try (CloseableHttpClient raw = HttpClients.custom().disableAutomaticRetries().build()) {
            // an untimed drain and loop first: the first drain measured must not pay for the JIT
            EventBacklog warmUp = new EventBacklog(
                    20_000, Instant.now().minus(Duration.ofMillis(20_000 * SPACING_MILLIS))
                            .minusSeconds(60),
                    SPACING_MILLIS);
            server.serve(warmUp);
            System.out.println("  catch-up, warming up on " + warmUp.size() + " events");
            drain(server, warmUp);
            plainLoop(raw, server, warmUp);
            for (int size : sizes) {
                drainAndCompare(server, raw, size, SPACING_MILLIS, rounds, report);
            }
            // the same drain with events 1 s apart: the overlap window then holds 5 IDs instead of 500
            drainAndCompare(server, raw, 10_000, 1_000, 1, report);
        }
    }

    private static void drainAndCompare(
            LoopbackInngest server, CloseableHttpClient raw, int size, long spacing, int rounds,
            Report report)
            throws Exception {
        EventBacklog backlog = new EventBacklog(
                size,
                Instant.now().minus(Duration.ofMillis(size * spacing)).minusSeconds(60), spacing);
        server.serve(backlog);
        // a drain is long: two rounds for the small backlog, one for the larger ones
        int sizeRounds = size > 10_000 ? 1 : Math.min(rounds, 2);
        String what = size + " events " + spacing + " ms apart";
        System.out.println("  catch-up, " + what + ", " + sizeRounds + " round(s)");
        long[] componentRequests = new long[1];
        long[] baselineRequests = new long[1];
        double[] heapGrowth = new double[] { Double.NEGATIVE_INFINITY };
        double[] stateBytes = new double[1];
        List<Double> cpuComponent = new ArrayList<>();
        List<Double> cpuLoop = new ArrayList<>();
        String[] limited = new String[1];
        Interleaved result = Interleaved.run(sizeRounds, () -> {
            long before = server.requests();
            Drain drain = drain(server, backlog);
            // up to the last delivery: the polls after it (each re-reads the overlap) until the route stops are not
            // part of the drain, whose time ends there too
            componentRequests[0] = drain.requestsAtEnd - before;
            heapGrowth[0] = Math.max(heapGrowth[0], drain.heapGrowthMiB);
            stateBytes[0] = drain.stateBytesPerEvent;
            if (drain.delivered == size) {
                cpuComponent.add(drain.cpuMicrosPerEvent);
            }
            if (drain.delivered < size) {
                limited[0] = "stopped at the " + GIVE_UP.toSeconds() + " s cap with " + drain.delivered + " of " + size
                             + " delivered: the rate is the rate reached";
            }
            return drain.delivered / drain.seconds;
        }, () -> {
            long before = server.requests();
            Pass pass = plainLoop(raw, server, backlog);
            baselineRequests[0] = server.requests() - before;
            cpuLoop.add(pass.cpuMicrosPerEvent());
            return pass.eventsPerSecond();
        });
        String note = "requests until the last delivery: component " + componentRequests[0] + ", loop " + baselineRequests[0]
                      + "; scheduler " + (SCHEDULER.isEmpty() ? "defaults" : SCHEDULER)
                      + (OPTIONS.isEmpty() ? "" : "; options " + OPTIONS) + "; median of " + sizeRounds
                      + " interleaved round(s), " + result.spread() + (limited[0] == null ? "" : "; " + limited[0]);
        report.add(Result.atLeast("3 catch-up", "newEvents draining " + what + " into a no-op route",
                "events/s", result.componentMedian(), result.baselineMedian(), result.ratioMedian(), 0.70, note));
        if (!cpuComponent.isEmpty()) {
            // reported as the rates are: loop's CPU per event over the component's, higher is better
            double component = Stats.median(cpuComponent);
            double loop = Stats.median(cpuLoop);
            report.add(new Result(
                    "3 catch-up", "CPU time per event of the reading thread, " + what, "µs",
                    component, loop, loop / component, null, null,
                    "the ratio is loop / component (higher is better, as for the rates): the thread's own CPU time, less"
                                                                   + " swayed by a shared machine than the rate; median of "
                                                                   + cpuComponent.size() + " round(s)"));
        }
        if (spacing == SPACING_MILLIS && size <= 100_000) {
            camelLoop(raw, server, backlog, what, report);
        }
        report.add(new Result(
                "3 catch-up", "heap after the drain minus before, " + what, "MiB",
                heapGrowth[0], null, null, "<= 64", heapGrowth[0] <= 64,
                "used heap after full GC, route still started; worst round"));
        report.add(Result.reported("3 catch-up", "state bytes written per delivered event, " + what, "bytes",
                stateBytes[0], null, "what the consumer wrote to its state repository, over the events delivered"));
        server.serve(new EventBacklog(0, Instant.now(), 1));
    }

    private record Drain(long delivered, double seconds, double heapGrowthMiB, double stateBytesPerEvent, long requestsAtEnd,
            double cpuMicrosPerEvent) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static Drain drain(LoopbackInngest server, EventBacklog backlog) throws Exception {
        LongAdder delivered = new LongAdder();
        // the CPU time of the consumer's thread up to its last delivery: a consumer thread starts with (almost) no CPU
        // time, so its whole CPU time then is the drain's
        long[] cpuAtLastDelivery = new long[1];
        CountingStateRepository repo = new CountingStateRepository();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("repo", repo);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("inngest:newEvents?dev=" + server.url() + "&startFrom=RAW(" + backlog.oldest().minusSeconds(1)
                         + ")" + (SCHEDULER.isEmpty() ? "" : "&" + SCHEDULER) + "&initialDelay=0&stateRepository=#repo"
                         + (OPTIONS.isEmpty() ? "" : "&" + OPTIONS))
                            .routeId("catch-up")
                            .process(exchange -> {
                                delivered.increment();
                                if (delivered.sum() == backlog.size()) {
                                    cpuAtLastDelivery[0] = THREADS.getCurrentThreadCpuTime();
                                }
                            });
                }
            });
            long heapBefore = Heap.usedAfterGc();
            long start = System.nanoTime();
            camel.start();
            long deadline = start + GIVE_UP.toNanos();
            while (delivered.sum() < backlog.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long requestsAtEnd = server.requests();
            long count = delivered.sum();
            long heapAfter = Heap.usedAfterGc();
            return new Drain(
                    count, seconds, Heap.mib(heapAfter - heapBefore), repo.bytes() / (double) Math.max(1, count),
                    requestsAtEnd, cpuAtLastDelivery[0] / 1e3 / Math.max(1, count));
        }
    }

    /** One pass of a loop over the backlog: its rate, and the CPU time per event of the thread that ran it. */
    private record Pass(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    /** The baseline: every page once, newest first, each parsed into events. */
    private static Pass plainLoop(CloseableHttpClient raw, LoopbackInngest server, EventBacklog backlog) throws Exception {
        return plainLoop(raw, server, backlog, null);
    }

    /** The loop, handing each event to {@code perEvent} when given (the reference with Camel's delivery). */
    private static Pass plainLoop(
            CloseableHttpClient raw, LoopbackInngest server, EventBacklog backlog,
            PerEvent perEvent)
            throws Exception {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long count = 0;
        String cursor = null;
        String after = backlog.oldest().minusSeconds(1).toString();
        while (true) {
            URIBuilder uri = new URIBuilder(URI.create(server.url() + "/v1/events"))
                    .addParameter("received_after", after).addParameter("limit", "51");
            if (cursor != null) {
                uri.addParameter("cursor", cursor);
            }
            EventsPage page = raw.execute(new HttpGet(uri.build()),
                    response -> InngestJson.mapper().readValue(response.getEntity().getContent(), EventsPage.class));
            count += page.data().size();
            if (perEvent != null) {
                for (int i = page.data().size() - 1; i >= 0; i--) {
                    perEvent.accept(page.data().get(i));
                }
            }
            if (page.data().size() < 51) {
                break;
            }
            cursor = page.data().get(page.data().size() - 1).internalId();
        }
        if (count != backlog.size()) {
            throw new IllegalStateException("the loop read " + count + " events of " + backlog.size());
        }
        return new Pass(
                count * 1e9 / (System.nanoTime() - start), (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / count);
    }

    interface PerEvent {
        void accept(InngestEvent event) throws Exception;
    }

    /**
     * The reference: the loop delivering each event as the consumer does, one exchange with the event as body, its
     * three headers and the batch properties, through a no-op route ({@code direct:}, one hop more than a consumer's
     * own route). What Camel's delivery costs any consumer, with no position kept.
     */
    private static void camelLoop(
            CloseableHttpClient raw, LoopbackInngest server, EventBacklog backlog, String what,
            Report report)
            throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:noop").process(exchange -> {
                    });
                }
            });
            camel.start();
            Endpoint endpoint = camel.getEndpoint("direct:noop");
            Producer producer = endpoint.createProducer();
            producer.start();
            int[] index = new int[1];
            PerEvent deliver = event -> {
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody(event);
                exchange.getMessage().setHeader(InngestConstants.EVENT_ID, event.internalId());
                exchange.getMessage().setHeader(InngestConstants.EVENT_NAME, event.name());
                exchange.getMessage().setHeader(InngestConstants.RECEIVED_AT, event.receivedAt());
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index[0]++);
                exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, 51);
                exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, false);
                producer.process(exchange);
            };
            plainLoop(raw, server, backlog, deliver); // warm
            List<Double> cpuCamel = new ArrayList<>();
            List<Double> cpuLoop = new ArrayList<>();
            Interleaved result = Interleaved.run(3, () -> {
                Pass pass = plainLoop(raw, server, backlog, deliver);
                cpuCamel.add(pass.cpuMicrosPerEvent());
                return pass.eventsPerSecond();
            }, () -> {
                Pass pass = plainLoop(raw, server, backlog);
                cpuLoop.add(pass.cpuMicrosPerEvent());
                return pass.eventsPerSecond();
            });
            report.add(new Result(
                    "3 catch-up", "reference: the loop delivering each event through a no-op route (what"
                                  + " Camel's delivery costs any consumer), " + what,
                    "events/s",
                    result.componentMedian(), result.baselineMedian(), result.ratioMedian(), null, null, String.format(
                            Locale.ROOT, "no target; CPU per event %.1f µs with the exchanges, %.1f µs without;"
                                         + " median of 3 interleaved rounds, %s",
                            Stats.median(cpuCamel),
                            Stats.median(cpuLoop), result.spread())));
            producer.stop();
        }
    }
}
