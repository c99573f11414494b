package io.camelinngest.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Scenario 5 through JMH ({@code io.camelinngest.bench.JsonBenchmarks}): each round runs every pair once, in a fork of
 * its own; the ratio of each pair is taken per round and the median over rounds reported.
 */
final class JsonScenario {

    private static final Map<String, String> FIGURES = Map.of(
            "eventsPage", "read a listEvents page (51 events)",
            "runsPage", "read a v2 runs page (100 runs)",
            "run", "read one run (getRun)",
            "send", "write a send of 100 events");

    private JsonScenario() {
    }

    static void run(int rounds, Report report) throws Exception {
        Map<String, List<Double>> component = new HashMap<>();
        Map<String, List<Double>> baseline = new HashMap<>();
        Map<String, List<Double>> ratios = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            System.out.println("  JSON, JMH round " + (round + 1) + " of " + rounds);
            Options options = new OptionsBuilder()
                    .include("io\\.camelinngest\\.bench\\.JsonBenchmarks\\.")
                    .forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1))
                    .jvmArgs("-Xms512m", "-Xmx512m")
                    .shouldFailOnError(true)
                    .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                    .build();
            Map<String, Double> scores = new HashMap<>();
            for (RunResult result : new Runner(options).run()) {
                String method = result.getParams().getBenchmark();
                scores.put(method.substring(method.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
            }
            for (String figure : FIGURES.keySet()) {
                double c = scores.get(figure + "Component");
                double b = scores.get(figure + "Jackson");
                component.computeIfAbsent(figure, k -> new ArrayList<>()).add(c);
                baseline.computeIfAbsent(figure, k -> new ArrayList<>()).add(b);
                ratios.computeIfAbsent(figure, k -> new ArrayList<>()).add(c / b);
                System.out.printf("    %s: component %.0f ops/s, Jackson %.0f ops/s, ratio %.3f%n", figure, c, b, c / b);
            }
        }
        for (String figure : List.of("eventsPage", "runsPage", "run", "send")) {
            report.add(Result.atLeast("5 JSON", FIGURES.get(figure) + " vs Jackson alone", "ops/s",
                    Stats.median(component.get(figure)), Stats.median(baseline.get(figure)), Stats.median(ratios.get(figure)),
                    0.90, String.format(java.util.Locale.ROOT, "JMH, %d rounds of 1 fork, 2x1 s warmup + 2x1 s; in-memory HTTP"
                                                               + " on both sides; per-round ratios %.2f to %.2f",
                            rounds,
                            ratios.get(figure).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                            ratios.get(figure).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))));
        }
    }
}
