package io.camelinngest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The figures of scenario 5 as CPU time per operation instead of throughput: the component's and Jackson's side of each
 * {@link JsonBenchmarks} pair run alternately in 100 ms slices on one thread, and each side's CPU time (not wall time)
 * is divided by its operations. On a machine shared with other builds, JMH's throughput pairs swing with the load
 * between the two halves of a pair (docs/performance.md shows how far per-round ratios spread); CPU time per operation
 * moves far less. Not part of the default run and not in results.json: a tool for comparing two builds, e.g.
 * {@code java -cp <benchmarks classpath> io.camelinngest.bench.JsonCpuCost [slices] [pair]}.
 */
public final class JsonCpuCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private JsonCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String only = args.length > 1 ? args[1] : null;
        JsonBenchmarks benchmarks = new JsonBenchmarks();
        benchmarks.setUp();
        Map<String, List<Callable<Object>>> pairs = new LinkedHashMap<>();
        pairs.put("eventsPage", List.of(benchmarks::eventsPageComponent, benchmarks::eventsPageJackson));
        pairs.put("runsPage", List.of(benchmarks::runsPageComponent, benchmarks::runsPageJackson));
        pairs.put("run", List.of(benchmarks::runComponent, benchmarks::runJackson));
        pairs.put("send100", List.of(benchmarks::sendComponent, benchmarks::sendJackson));
        for (Map.Entry<String, List<Callable<Object>>> pair : pairs.entrySet()) {
            if (only != null && !only.equals(pair.getKey())) {
                continue;
            }
            Callable<Object> component = pair.getValue().get(0);
            Callable<Object> jackson = pair.getValue().get(1);
            slice(component, 1500);
            slice(jackson, 1500);
            long[] componentTotal = new long[2];
            long[] jacksonTotal = new long[2];
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                // A B, B A, ...: neither side always runs first
                long[] c;
                long[] j;
                if (i % 2 == 0) {
                    c = slice(component, 100);
                    j = slice(jackson, 100);
                } else {
                    j = slice(jackson, 100);
                    c = slice(component, 100);
                }
                componentTotal[0] += c[0];
                componentTotal[1] += c[1];
                jacksonTotal[0] += j[0];
                jacksonTotal[1] += j[1];
                ratios.add(((double) j[1] / j[0]) / ((double) c[1] / c[0]));
            }
            Collections.sort(ratios);
            double componentMicros = componentTotal[1] / 1000.0 / componentTotal[0];
            double jacksonMicros = jacksonTotal[1] / 1000.0 / jacksonTotal[0];
            System.out.printf("%-10s component %8.1f us CPU/op, Jackson alone %8.1f us CPU/op, ratio %.3f"
                              + " (per slice: median %.3f, %.3f to %.3f)%n",
                    pair.getKey(), componentMicros, jacksonMicros,
                    jacksonMicros / componentMicros, ratios.get(ratios.size() / 2), ratios.get(0),
                    ratios.get(ratios.size() - 1));
        }
        System.exit(0);
    }

    /** Runs {@code op} for {@code millis} of wall time: the operations done and the thread's CPU nanoseconds. */
    private static long[] slice(Callable<Object> op, long millis) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + millis * 1_000_000;
        long ops = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 8; i++) {
                sink = op.call();
                ops++;
            }
        }
        return new long[] { ops, THREADS.getCurrentThreadCpuTime() - cpu };
    }
}
