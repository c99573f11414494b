package io.camelinngest.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.camelinngest.InngestEndpoint;
import io.camelinngest.bench.Repositories.Kind;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * Scenario 3: {@code from("inngest:newEvents")} catching up on a backlog, against {@link MinimalConsumer} (the same
 * windows, a Camel exchange per event, the position in the same repository with the same policy), for each state
 * repository and {@code positionCommit}; each drain's deliveries checked by a {@link DeliveryCheck}. Per point a
 * warm-up runs until the CPU per event of every arm is stable, then {@code bench.rounds} rounds run the three arms in
 * rotating order. Last, the heap slope: one route in one started context, the used heap after a full GC after 10,000
 * events and after {@code bench.catchup.slopeEvents}. See docs/performance.md.
 */
final class CatchUp {

    /** Events are 10 ms apart: 20,000 of them are 3 minutes of traffic, 1,000,000 almost 3 hours. */
    static final long SPACING_MILLIS = 10;
    private static final int EVENTS = Integer.getInteger("bench.catchup.events", 20_000);
    private static final int SLOPE_EVENTS = Integer.getInteger("bench.catchup.slopeEvents", 1_000_000);
    private static final int SLOPE_FROM = 10_000;
    private static final int WARM_UP_MAX = Integer.getInteger("bench.catchup.warmUpMax", 6);
    /** Warm-up ends when no arm's CPU per event moved by more than this between two warm-up rounds. */
    private static final double STABLE = 0.05;
    private static final long CAP_SECONDS = Long.getLong("bench.catchup.capSeconds", 300);
    private static final String GREEDY = "greedy=true&delay=10";
    /** What the component reads per poll by default, and so the minimal consumer per window. */
    private static final int MAX_PER_POLL = 1000;

    /** The three arms of a point. */
    enum Arm {
        DEFAULTS("component, default options"),
        GREEDY("component, " + CatchUp.GREEDY),
        MINIMAL("minimal consumer");

        final String label;

        Arm(String label) {
            this.label = label;
        }
    }

    /**
     * One drain: its rate (first request to last delivery), CPU and allocated bytes per event, the requests it made and
     * the events the server wrote into its pages per event of the backlog (up to the moment the last delivery was seen:
     * a poll of the component may follow it).
     */
    record Drain(double eventsPerSecond, double cpuMicrosPerEvent, double bytesPerEvent, long requests, double readPerEvent) {
    }

    private final LoopbackInngest server;
    private final CamelContext camel;
    private final Repositories repositories;
    private final CloseableHttpClient http;
    private int drains;

    private CatchUp(LoopbackInngest server, CamelContext camel, Repositories repositories, CloseableHttpClient http) {
        this.server = server;
        this.camel = camel;
        this.repositories = repositories;
        this.http = http;
    }

    static void run(LoopbackInngest server, int rounds, Report report) throws Exception {
        long started = System.nanoTime();
        double loadBefore = load();
        List<Kind> kinds = list("bench.catchup.repositories", "memory,file,jdbc").stream().map(Kind::parse).toList();
        List<String> policies = list("bench.catchup.policies", "message,poll");
        EventBacklog backlog = backlog(EVENTS);
        try (Repositories repositories = new Repositories();
             CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().build();
             CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            CatchUp bench = new CatchUp(server, camel, repositories, http);
            server.serve(backlog);
            List<CatchUpPoint> points = new ArrayList<>();
            for (Kind kind : kinds) {
                for (String policy : policies) {
                    CatchUpPoint point = bench.point(backlog, kind, policy, rounds);
                    point.report(report);
                    points.add(point);
                }
            }
            CatchUpPoint.compareWithMemory(points, report);
            server.serve(new EventBacklog(0, Instant.now(), 1));
            bench.heapSlope(report);
            report.add(Result.reported("3 catch-up", "how long the catch-up scenario took", "s",
                    (System.nanoTime() - started) / 1e9, null,
                    String.format(Locale.ROOT, "%,d events a drain, %d rounds a point; load average %.1f at the start,"
                                               + " %.1f at the end; JDBC on %s",
                            EVENTS, rounds, loadBefore, load(), repositories.database())));
        } finally {
            server.serve(new EventBacklog(0, Instant.now(), 1));
        }
    }

    /** Warm-up until the CPU per event is stable, then the measured rounds, arms in rotating order. */
    private CatchUpPoint point(EventBacklog backlog, Kind kind, String policy, int rounds) throws Exception {
        CatchUpPoint point = new CatchUpPoint(kind, policy);
        System.out.println("  catch-up, " + kind.label() + " repository, positionCommit=" + policy + ": warming up");
        double[] last = null;
        double change = Double.NaN;
        int warmUp = 0;
        while (warmUp < WARM_UP_MAX) {
            double[] cpu = new double[Arm.values().length];
            for (Arm arm : order(warmUp)) {
                cpu[arm.ordinal()] = drain(arm, backlog, kind, policy).cpuMicrosPerEvent();
            }
            warmUp++;
            if (last != null) {
                change = 0;
                for (int i = 0; i < cpu.length; i++) {
                    change = Math.max(change, Math.abs(cpu[i] - last[i]) / last[i]);
                }
                System.out.printf(Locale.ROOT, "    warm-up %d: CPU per event moved by up to %.1f %%%n", warmUp, 100 * change);
                if (change <= STABLE) {
                    break;
                }
            }
            last = cpu;
        }
        point.warmedUp(warmUp, change, change <= STABLE);
        for (int round = 0; round < rounds; round++) {
            for (Arm arm : order(round)) {
                point.add(arm, drain(arm, backlog, kind, policy));
            }
            point.printRound(round);
        }
        return point;
    }

    /** The arms rotated by {@code round}: each runs first, second and third in turn. */
    private static List<Arm> order(int round) {
        List<Arm> arms = new ArrayList<>(Arrays.asList(Arm.values()));
        java.util.Collections.rotate(arms, -(round % arms.size()));
        return arms;
    }

    private Drain drain(Arm arm, EventBacklog backlog, Kind kind, String policy) throws Exception {
        StateRepository<String, String> repository = repositories.create(kind);
        DeliveryCheck check = new DeliveryCheck(backlog);
        String what = arm.label + ", " + kind.label() + ", positionCommit=" + policy;
        String id = "catchup-" + ++drains;
        ThreadCost before;
        long requestsBefore = server.requests();
        long servedBefore = backlog.served();
        long requests;
        long served;
        if (arm == Arm.MINIMAL) {
            ServiceHelper.startService(repository);
            Endpoint endpoint = camel.getEndpoint("direct:" + id);
            camel.addRoutes(route(endpoint, id, check));
            Producer producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
            MinimalConsumer consumer = new MinimalConsumer(
                    http, server.url(), repository, id, "message".equals(policy), MAX_PER_POLL);
            server.markEventReads();
            before = ThreadCost.now();
            consumer.drain(backlog.oldest().minusSeconds(1), endpoint, producer);
            requests = server.requests() - requestsBefore;
            served = backlog.served() - servedBefore;
            ServiceHelper.stopService(producer);
        } else {
            InngestEndpoint endpoint = camel.getEndpoint(consumerUri(backlog, id, policy, arm == Arm.GREEDY),
                    InngestEndpoint.class);
            endpoint.getConfiguration().setStateRepository(repository);
            server.markEventReads();
            before = ThreadCost.now();
            camel.addRoutes(route(endpoint, id, check)); // starts the route
            if (!check.await(CAP_SECONDS)) {
                throw new IllegalStateException(what + ": not drained within " + CAP_SECONDS + " s");
            }
            requests = server.requests() - requestsBefore;
            served = backlog.served() - servedBefore;
        }
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
        ServiceHelper.stopService(repository);
        check.verify(what); // also what came between the last delivery and the stop
        ThreadCost after = check.costAtLast();
        double seconds = (check.lastAt() - server.firstEventRead()) / 1e9;
        return new Drain(
                backlog.size() / seconds, after.cpuSince(before) / 1e3 / backlog.size(),
                after.allocatedSince(before) / (double) backlog.size(), requests, served / (double) backlog.size());
    }

    /** The component's URI: only the options of the point, and the scheduler's for the greedy arm. */
    private String consumerUri(EventBacklog backlog, String key, String policy, boolean greedy) {
        return "inngest:newEvents?dev=" + server.url() + "&startFrom=RAW(" + backlog.oldest().minusSeconds(1) + ")"
               + "&stateKey=" + key + "&positionCommit=" + policy + (greedy ? "&" + GREEDY + "&initialDelay=0" : "");
    }

    private static RouteBuilder route(Endpoint from, String id, DeliveryCheck check) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(id).process(check);
            }
        };
    }

    /**
     * The heap slope: one route ({@code greedy=true&delay=10}, in-memory repository, per-message commits) drains
     * {@code SLOPE_EVENTS} events in one started context; the used heap after a full GC is taken on the consumer's
     * thread right after the 10,000th and after the last delivery, so the route holds the same kind of state both times
     * (a batch in flight).
     */
    private void heapSlope(Report report) throws Exception {
        System.out.println("  catch-up, heap slope: building a backlog of " + SLOPE_EVENTS + " events");
        EventBacklog backlog = backlog(SLOPE_EVENTS);
        server.serve(backlog);
        long[] heap = new long[2];
        DeliveryCheck check = new DeliveryCheck(backlog, backlog.size(), delivered -> {
            if (delivered == SLOPE_FROM || delivered == SLOPE_EVENTS) {
                try {
                    heap[delivered == SLOPE_FROM ? 0 : 1] = Heap.usedAfterGc();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        String id = "catchup-heap";
        InngestEndpoint endpoint = camel.getEndpoint(consumerUri(backlog, id, "message", true), InngestEndpoint.class);
        endpoint.getConfiguration().setStateRepository(new MemoryStateRepository());
        long start = System.nanoTime();
        camel.addRoutes(route(endpoint, id, check));
        if (!check.await(Math.max(CAP_SECONDS, 900))) {
            throw new IllegalStateException("heap slope: not drained in time");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
        check.verify("heap slope");
        double slope = Heap.mib(heap[1] - heap[0]);
        report.add(new Result(
                "3 catch-up",
                String.format(Locale.ROOT, "heap growth from %,d to %,d events delivered, one started context",
                        SLOPE_FROM, SLOPE_EVENTS),
                "MiB", slope, null, null, "<= 2", slope <= 2, String.format(Locale.ROOT,
                        "used heap after full GC: %.1f MiB after %,d events, %.1f MiB after %,d (taken on the consumer's"
                                                                                         + " thread); %s, in-memory repository,"
                                                                                         + " positionCommit=message; the drain took %.0f s"
                                                                                         + " (%,.0f events/s, GCs included)",
                        Heap.mib(heap[0]), SLOPE_FROM, Heap.mib(heap[1]), SLOPE_EVENTS, GREEDY, seconds,
                        SLOPE_EVENTS / seconds)));
    }

    private static EventBacklog backlog(int size) {
        return new EventBacklog(
                size, Instant.now().minus(Duration.ofMillis(size * SPACING_MILLIS)).minusSeconds(60),
                SPACING_MILLIS);
    }

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
