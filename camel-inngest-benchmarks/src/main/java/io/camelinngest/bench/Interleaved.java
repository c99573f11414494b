package io.camelinngest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Measures a component and its baseline in alternating rounds (A B, B A, A B ...), so that the noise of a shared
 * machine falls on both alike, and keeps each round's ratio: the figure reported is the median of those ratios, next to
 * the median of each side.
 */
final class Interleaved {

    final List<Double> component = new ArrayList<>();
    final List<Double> baseline = new ArrayList<>();
    final List<Double> ratios = new ArrayList<>();

    /** Both return a rate (higher is better); the ratio is component / baseline. */
    static Interleaved run(int rounds, Callable<Double> component, Callable<Double> baseline) throws Exception {
        Interleaved result = new Interleaved();
        for (int round = 0; round < rounds; round++) {
            double c;
            double b;
            if (round % 2 == 0) {
                c = component.call();
                b = baseline.call();
            } else {
                b = baseline.call();
                c = component.call();
            }
            result.component.add(c);
            result.baseline.add(b);
            result.ratios.add(c / b);
            System.out.printf("    round %d: component %.1f, baseline %.1f, ratio %.3f%n", round + 1, c, b, c / b);
        }
        return result;
    }

    double componentMedian() {
        return Stats.median(component);
    }

    double baselineMedian() {
        return Stats.median(baseline);
    }

    double ratioMedian() {
        return Stats.median(ratios);
    }

    /** The lowest and highest per-round ratio, to show how noisy the rounds were. */
    String spread() {
        return String.format(java.util.Locale.ROOT, "per-round ratios %.2f to %.2f",
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
}
