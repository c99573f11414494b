package io.camelinngest.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmark scenarios against a loopback Inngest and writes {@code results.json} and {@code results.md} to
 * {@code bench.out}. System properties: {@code bench.scenarios} ({@code all}, or a list of send, batch, catchup, watch,
 * json, calls, await, functions, sendcost), {@code bench.rounds} (and the catch-up's {@code bench.catchup.*}, see
 * {@link CatchUp}), {@code bench.send.slices} (the in-memory send cost's 100 ms slices, 40; {@code sendcost} runs that
 * part of send alone); {@code inngest.dev.url} for the live scenarios {@code await} and {@code functions}, which
 * {@code all} leaves out (and {@code calls}). See docs/performance.md.
 */
public final class BenchMain {

    private static final List<String> DEFAULT = List.of("send", "batch", "catchup", "watch", "json");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String asked = System.getProperty("bench.scenarios", "all");
        Set<String> scenarios = "all".equals(asked)
                ? Set.copyOf(DEFAULT)
                : Arrays.stream(asked.split(",")).map(String::trim).collect(Collectors.toSet());
        int rounds = Integer.getInteger("bench.rounds", 5);
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));

        long start = System.currentTimeMillis();
        Report report = new Report();
        try (LoopbackInngest server = new LoopbackInngest()) {
            System.out.println("Loopback Inngest at " + server.url() + "; scenarios " + scenarios + ", " + rounds + " rounds");
            if (scenarios.contains("send")) {
                SendOverhead.run(server, rounds, report);
            }
            if (scenarios.contains("batch")) {
                Batching.run(server, rounds, report);
            }
            if (scenarios.contains("catchup")) {
                CatchUp.run(server, Integer.getInteger("bench.catchup.rounds", 9), report);
            }
            if (scenarios.contains("watch")) {
                WatchingRuns.run(server, report);
            }
        }
        if (scenarios.contains("send") || scenarios.contains("sendcost")) {
            SendCost.run(Integer.getInteger("bench.send.slices", 40), report);
        }
        if (scenarios.contains("json")) {
            JsonScenario.run(Math.max(3, rounds / 2 + 1), report);
        }
        if (scenarios.contains("calls")) {
            FunctionCalls.overhead(rounds, report);
        }
        if (scenarios.contains("functions")) {
            FunctionCalls.live(System.getProperty("inngest.dev.url", "http://127.0.0.1:8288"), report);
        }
        if (scenarios.contains("await")) {
            AwaitLatency.run(System.getProperty("inngest.dev.url", "http://127.0.0.1:8288"), report);
        }
        report.write(out, System.currentTimeMillis() - start);
        System.out.println("Wrote " + out.resolve("results.json") + " and " + out.resolve("results.md"));
        System.exit(0);
    }
}
