package io.camelinngest.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.camelinngest.bench.CatchUp.Arm;
import io.camelinngest.bench.CatchUp.Drain;
import io.camelinngest.bench.Repositories.Kind;

/**
 * The measured rounds of one catch-up point (a repository and a {@code positionCommit}) and the rows they give: the
 * targets are held to the median of the per-round ratios (each round runs the three arms back to back, so the load of
 * the shared machine falls on all of them alike), the medians of each arm shown next to them.
 */
final class CatchUpPoint {

    static final double OF_MINIMAL = 0.90;
    static final double DEFAULTS_OF_GREEDY = 0.90;
    static final double JDBC_OF_MEMORY = 0.80;

    private final Kind kind;
    private final String policy;
    private final Map<Arm, List<Drain>> drains = new EnumMap<>(Arm.class);
    private int warmUpRounds;
    private double warmUpChange;
    private boolean stable;

    CatchUpPoint(Kind kind, String policy) {
        this.kind = kind;
        this.policy = policy;
        for (Arm arm : Arm.values()) {
            drains.put(arm, new ArrayList<>());
        }
    }

    void warmedUp(int rounds, double lastChange, boolean stable) {
        this.warmUpRounds = rounds;
        this.warmUpChange = lastChange;
        this.stable = stable;
    }

    void add(Arm arm, Drain drain) {
        drains.get(arm).add(drain);
    }

    void printRound(int round) {
        StringBuilder line = new StringBuilder("    round ").append(round + 1).append(':');
        for (Arm arm : Arm.values()) {
            Drain d = drains.get(arm).get(round);
            line.append(String.format(Locale.ROOT, " %s %.0f/s %.1f µs %.0f B %d req %.3f read;",
                    arm.name().toLowerCase(Locale.ROOT), d.eventsPerSecond(), d.cpuMicrosPerEvent(), d.bytesPerEvent(),
                    d.requests(), d.readPerEvent()));
        }
        System.out.println(line);
    }

    String where() {
        return kind.label() + " repository, positionCommit=" + policy;
    }

    Kind kind() {
        return kind;
    }

    String policy() {
        return policy;
    }

    double median(Arm arm, ToDoubleFunction<Drain> metric) {
        return Stats.median(drains.get(arm).stream().map(metric::applyAsDouble).toList());
    }

    /** The per-round ratios of a metric, {@code top} over {@code bottom}. */
    private List<Double> ratios(Arm top, Arm bottom, ToDoubleFunction<Drain> metric) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < drains.get(top).size(); i++) {
            ratios.add(metric.applyAsDouble(drains.get(top).get(i)) / metric.applyAsDouble(drains.get(bottom).get(i)));
        }
        return ratios;
    }

    private String spread(List<Double> ratios) {
        return String.format(Locale.ROOT, "median of %d interleaved rounds, per-round ratios %.2f to %.2f", ratios.size(),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    void report(Report report) {
        ToDoubleFunction<Drain> rate = Drain::eventsPerSecond;
        ToDoubleFunction<Drain> cpu = Drain::cpuMicrosPerEvent;
        ToDoubleFunction<Drain> bytes = Drain::bytesPerEvent;
        String warmUp = String.format(Locale.ROOT, "warm-up %d rounds, %s (CPU per event moved by %.1f %% in the last)",
                warmUpRounds, stable ? "stable within 5 %" : "**not** stable within 5 %", 100 * warmUpChange);
        List<Double> greedyRatios = ratios(Arm.GREEDY, Arm.MINIMAL, rate);
        report.add(Result.atLeast("3 catch-up", "component (" + Arm.GREEDY.label.substring(11) + ") / minimal consumer, "
                                                + where(),
                "events/s", median(Arm.GREEDY, rate), median(Arm.MINIMAL, rate), Stats.median(greedyRatios), OF_MINIMAL,
                spread(greedyRatios) + "; " + warmUp));
        List<Double> defaultRatios = ratios(Arm.DEFAULTS, Arm.GREEDY, rate);
        report.add(Result.atLeast("3 catch-up", "component, default options / greedy=true&delay=10, " + where(),
                "events/s", median(Arm.DEFAULTS, rate), median(Arm.GREEDY, rate), Stats.median(defaultRatios),
                DEFAULTS_OF_GREEDY, spread(defaultRatios) + String.format(Locale.ROOT,
                        "; default options / minimal consumer %.2f", Stats.median(ratios(Arm.DEFAULTS, Arm.MINIMAL, rate)))));
        // reported as the rates are: the minimal consumer's cost over the component's, higher is better
        List<Double> cpuRatios = ratios(Arm.MINIMAL, Arm.GREEDY, cpu);
        report.add(new Result(
                "3 catch-up", "CPU per event (Java threads but the server's), component (greedy) /"
                              + " minimal consumer, " + where(),
                "µs", median(Arm.GREEDY, cpu), median(Arm.MINIMAL, cpu), Stats.median(cpuRatios), null, null,
                "ratio minimal / component (higher is better, as for rates); " + spread(cpuRatios)
                                                                                                              + String.format(
                                                                                                                      Locale.ROOT,
                                                                                                                      "; default options %.1f µs",
                                                                                                                      median(Arm.DEFAULTS,
                                                                                                                              cpu))));
        List<Double> byteRatios = ratios(Arm.MINIMAL, Arm.GREEDY, bytes);
        report.add(new Result(
                "3 catch-up", "allocated bytes per event, component (greedy) / minimal consumer, " + where(),
                "bytes", median(Arm.GREEDY, bytes), median(Arm.MINIMAL, bytes), Stats.median(byteRatios), null, null,
                "ratio minimal / component; " + spread(byteRatios)
                                                                                                                      + String.format(
                                                                                                                              Locale.ROOT,
                                                                                                                              "; default options %,.0f bytes",
                                                                                                                              median(Arm.DEFAULTS,
                                                                                                                                      bytes))));
    }

    /**
     * The database with per-batch commits against the in-memory repository with the same policy: the greedy component's
     * median rates of two points (run one after the other, not interleaved), with the CPU per event.
     */
    static void compareWithMemory(List<CatchUpPoint> points, Report report) {
        for (String policy : List.of("poll", "message")) {
            CatchUpPoint jdbc = find(points, Kind.JDBC, policy);
            CatchUpPoint memory = find(points, Kind.MEMORY, policy);
            if (jdbc == null || memory == null) {
                continue;
            }
            double rate = jdbc.median(Arm.GREEDY, Drain::eventsPerSecond);
            double memoryRate = memory.median(Arm.GREEDY, Drain::eventsPerSecond);
            String note = String.format(Locale.ROOT, "medians of two points run one after the other; CPU per event %.1f"
                                                     + " µs (JDBC, PostgreSQL's own CPU not counted) and %.1f µs (memory)",
                    jdbc.median(Arm.GREEDY, Drain::cpuMicrosPerEvent), memory.median(Arm.GREEDY, Drain::cpuMicrosPerEvent));
            String metric = "component (greedy) with the JDBC repository / in-memory, positionCommit=" + policy;
            report.add("poll".equals(policy)
                    ? Result.atLeast("3 catch-up", metric, "events/s", rate, memoryRate, rate / memoryRate, JDBC_OF_MEMORY,
                            note)
                    : Result.reported("3 catch-up", metric, "events/s", rate, memoryRate, note));
        }
    }

    private static CatchUpPoint find(List<CatchUpPoint> points, Kind kind, String policy) {
        return points.stream().filter(p -> p.kind == kind && p.policy.equals(policy)).findFirst().orElse(null);
    }
}
