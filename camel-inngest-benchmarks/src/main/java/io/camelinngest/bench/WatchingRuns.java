package io.camelinngest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.camelinngest.InngestConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario 4: {@code from("inngest:runStatus")} with 1,000 / 10,000 / 50,000 runs in flight, for source v1 and v2.
 * Figures only reported (no baseline): requests per poll, CPU per poll (the polling thread), memory per watched run
 * (heap after full GC, watching vs before) and state bytes written per delivered message.
 * <ul>
 * <li>v1: the runs are handed over ({@code to("inngest:runStatus")}) and each is read with {@code GET /v1/runs/{id}}.
 * Steady polls are measured with {@code statuses=Completed} (the runs stay Running, so nothing is delivered and every
 * poll reads every run: {@code runPollInterval=1000}, polls 1 s apart); state bytes per message on a second route that
 * delivers the first sight of each run, 100 a poll, for its first poll (which saves the whole watch set once) and for
 * the poll after it.</li>
 * <li>v2: the runs are found in the v2 listing by {@code queuedAt}; the first sight of each is delivered, then two
 * steady polls (nothing new) are measured.</li>
 * </ul>
 */
final class WatchingRuns {

    static final int[] RUNS = java.util.Arrays.stream(System.getProperty("bench.watch.runs", "1000,10000,50000").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    /** Runs queued 10 ms apart: the 5 s overlap window then holds 500 of them. */
    static final long SPACING_MILLIS = 10;
    /** The longest one phase may take (bench.watch.capSeconds); what did not finish is reported as such. */
    private static final Duration GIVE_UP = Duration.ofSeconds(Long.getLong("bench.watch.capSeconds", 90));
    private static final int STEADY_POLLS = 2;

    private WatchingRuns() {
    }

    static void run(LoopbackInngest server, Report report) throws Exception {
        for (String source : List.of("v1", "v2")) {
            for (int n : RUNS) {
                RunBoard board = new RunBoard(
                        n, Instant.now().minus(Duration.ofMillis(n * SPACING_MILLIS)).minusSeconds(60),
                        SPACING_MILLIS);
                server.serve(board);
                System.out.println("  watching runs, " + source + ", " + n + " in flight");
                if (source.equals("v1")) {
                    v1(server, board, report);
                } else {
                    v2(server, board, report);
                }
                server.serve(new RunBoard(0, Instant.now(), 1));
            }
        }
    }

    private static void v1(LoopbackInngest server, RunBoard board, Report report) throws Exception {
        int n = board.size();
        String uri = "inngest:runStatus?dev=" + server.url() + "&maxWatchedRuns=60000&runPollInterval=1000&delay=1000"
                     + "&initialDelay=0&pollStrategy=#probe&stateRepository=#repo";
        // steady polls: nothing delivered
        Steady steady;
        double memory;
        try (CamelContext camel = new DefaultCamelContext()) {
            PollProbe probe = new PollProbe(server);
            camel.getRegistry().bind("probe", probe);
            camel.getRegistry().bind("repo", new CountingStateRepository());
            String steadyUri = uri + "&statuses=Completed";
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(steadyUri).routeId("watch").log("unexpected: ${body}");
                    from("direct:handOver").to(steadyUri);
                }
            });
            camel.start();
            long heapBefore = Heap.usedAfterGc();
            camel.createProducerTemplate().sendBodyAndHeader("direct:handOver", null, InngestConstants.RUN_ID, board.ids());
            // the first poll that reads them all takes them in; then the steady polls
            int first = awaitPoll(probe, 0, p -> p.requests() >= n);
            if (first < 0) {
                report.add(Result.reported("4 watching runs", "v1, " + n + " runs: requests per poll", "requests", null, null,
                        "the first poll did not finish within " + GIVE_UP.toSeconds() + " s"));
                return;
            }
            steady = steady(probe, first + 1);
            memory = (Heap.usedAfterGc() - heapBefore) / (double) n;
        }
        report(report, "v1", n, steady, memory);

        // state bytes per delivered message: the first sight of each run, 100 a poll
        try (CamelContext camel = new DefaultCamelContext()) {
            PollProbe probe = new PollProbe(server);
            CountingStateRepository repo = new CountingStateRepository();
            camel.getRegistry().bind("probe", probe);
            camel.getRegistry().bind("repo", repo);
            String deliveringUri = uri + "&maxMessagesPerPoll=100";
            LongAdder delivered = new LongAdder();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(deliveringUri).routeId("watch").process(e -> delivered.increment());
                    from("direct:handOver").to(deliveringUri);
                }
            });
            camel.start();
            long bytesBefore = repo.bytes();
            camel.createProducerTemplate().sendBodyAndHeader("direct:handOver", null, InngestConstants.RUN_ID, board.ids());
            int first = awaitPoll(probe, 0, p -> p.messages() > 0);
            double perMessage = first < 0 ? Double.NaN : (repo.bytes() - bytesBefore) / (double) delivered.sum();
            long firstMessages = delivered.sum();
            report.add(Result.reported("4 watching runs", "v1, " + n + " runs: state bytes written per delivered message",
                    "bytes", perMessage, null, "first poll: " + firstMessages + " messages (maxMessagesPerPoll=100),"
                                               + " with the first snapshot of the whole watch set"));
            // the next poll: what a message costs once the watch set is saved
            long bytesAfterFirst = repo.bytes();
            int second = first < 0 ? -1 : awaitPoll(probe, first + 1, p -> p.messages() > 0);
            long secondMessages = delivered.sum() - firstMessages;
            double steadyPerMessage = second < 0 || secondMessages == 0
                    ? Double.NaN
                    : (repo.bytes() - bytesAfterFirst) / (double) secondMessages;
            report.add(Result.reported("4 watching runs", "v1, " + n + " runs: state bytes written per delivered message,"
                                                          + " next poll",
                    "bytes", steadyPerMessage, null,
                    "second poll: " + secondMessages + " messages"));
        }
    }

    private static void v2(LoopbackInngest server, RunBoard board, Report report) throws Exception {
        int n = board.size();
        String uri = "inngest:runStatus?dev=" + server.url() + "&source=v2&appId=test-app&pageSize=100&maxWatchedRuns=60000"
                     + "&startFrom=RAW(" + board.oldest().minusSeconds(1) + ")&delay=1000&greedy=true&initialDelay=0"
                     + "&pollStrategy=#probe&stateRepository=#repo";
        try (CamelContext camel = new DefaultCamelContext()) {
            PollProbe probe = new PollProbe(server);
            CountingStateRepository repo = new CountingStateRepository();
            camel.getRegistry().bind("probe", probe);
            camel.getRegistry().bind("repo", repo);
            LongAdder delivered = new LongAdder();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("watch").autoStartup(false).process(e -> delivered.increment());
                }
            });
            camel.start();
            long heapBefore = Heap.usedAfterGc();
            long start = System.nanoTime();
            camel.getRouteController().startRoute("watch");
            long deadline = start + GIVE_UP.toNanos();
            while (delivered.sum() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = delivered.sum();
            double perMessage = repo.bytes() / (double) Math.max(1, count);
            if (count < n) {
                report.add(Result.reported("4 watching runs", "v2, " + n + " runs: state bytes written per delivered message",
                        "bytes", perMessage, null, "stopped at the " + GIVE_UP.toSeconds() + " s cap with " + count + " of " + n
                                                   + " first sights delivered; no steady poll measured"));
                return;
            }
            // the poll that delivered the last first sight may still be finishing: skip it
            Steady steady = steady(probe, probe.count() + 1);
            double memory = (Heap.usedAfterGc() - heapBefore) / (double) n;
            report(report, "v2", n, steady, memory);
            report.add(Result.reported("4 watching runs", "v2, " + n + " runs: state bytes written per delivered message",
                    "bytes", perMessage, null,
                    String.format(Locale.ROOT, "all %d first sights delivered in %.1f s", n, seconds)));
        }
    }

    private record Steady(double requests, double cpuMillis, double wallMillis) {
    }

    /** The median of the next {@link #STEADY_POLLS} polls from {@code index} on. */
    private static Steady steady(PollProbe probe, int index) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (probe.count() < index + STEADY_POLLS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<PollProbe.Poll> polls = probe.since(index);
        polls = polls.subList(0, Math.min(STEADY_POLLS, polls.size()));
        return new Steady(
                Stats.median(polls.stream().map(p -> (double) p.requests()).toList()),
                Stats.median(polls.stream().map(p -> p.cpuNanos() / 1e6).toList()),
                Stats.median(polls.stream().map(p -> p.wallNanos() / 1e6).toList()));
    }

    /** Waits for a poll from {@code index} on that matches; its index, or -1. */
    private static int awaitPoll(PollProbe probe, int index, java.util.function.Predicate<PollProbe.Poll> matches)
            throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            List<PollProbe.Poll> polls = probe.since(index);
            for (int i = 0; i < polls.size(); i++) {
                if (matches.test(polls.get(i))) {
                    return index + i;
                }
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private static void report(Report report, String source, int n, Steady steady, double memory) {
        String what = source + ", " + n + " runs: ";
        report.add(Result.reported("4 watching runs", what + "requests per steady poll", "requests", steady.requests(), null,
                source.equals("v1")
                        ? "one GET /v1/runs/{id} per run" : "v2 listing pages (100 a page) over the overlap window"));
        report.add(Result.reported("4 watching runs", what + "CPU per steady poll", "ms", steady.cpuMillis(), null,
                String.format(Locale.ROOT, "polling thread only; wall %.0f ms", steady.wallMillis())));
        report.add(Result.reported("4 watching runs", what + "memory per watched run", "bytes", memory, null,
                "heap after full GC, watching minus before"));
    }
}
