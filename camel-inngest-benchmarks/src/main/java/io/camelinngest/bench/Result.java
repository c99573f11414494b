package io.camelinngest.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One figure of a run: the component's value next to its baseline's, measured in the same run.
 *
 * @param scenario  e.g. {@code 1 send overhead}
 * @param metric    what was measured, with the conditions (threads, sizes)
 * @param unit      the unit of the two values
 * @param component the component's value (median over rounds where there are rounds)
 * @param baseline  the baseline's value, or null when the figure has no baseline
 * @param ratio     component / baseline (or the figure compared with the target), or null
 * @param target    the target the ratio is held to, e.g. {@code >= 0.90}, or null for a figure only reported
 * @param pass      whether the target is met, or null when there is no target
 * @param note      how it was measured, or what limited it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Result(String scenario, String metric, String unit, Double component, Double baseline, Double ratio,
        String target, Boolean pass, String note) {

    /** A figure held to "ratio at least {@code min}". */
    static Result atLeast(
            String scenario, String metric, String unit, double component, double baseline, double ratio,
            double min, String note) {
        return new Result(scenario, metric, unit, component, baseline, ratio, ">= " + trim(min), ratio >= min, note);
    }

    /** A figure only reported. */
    static Result reported(String scenario, String metric, String unit, Double component, Double baseline, String note) {
        Double ratio = component != null && baseline != null && baseline != 0 ? component / baseline : null;
        return new Result(scenario, metric, unit, component, baseline, ratio, null, null, note);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
