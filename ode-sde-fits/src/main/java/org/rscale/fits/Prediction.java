package org.rscale.fits;

import java.util.OptionalDouble;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one row of the {@link PredictionTable} predicts for one quantity, and whether the estimate agrees. The
 * window is {@code [low - tolerance, high + tolerance]}, either end possibly unbounded (empty); the test says
 * how the estimate meets it:
 * <pre>
 *   overlaps   the estimate's interval meets the window          ("compatible with", two-sided or one-sided)
 *   value_in   the point estimate lies in the window             (levels: medians, maxima)
 *   inside     the whole interval lies in the window             ("the upper bound of the slope is below ...")
 * </pre>
 *
 * @param outcome   what the row predicts for (a regime, a named case, an equation, the qualifier)
 * @param rule      the prediction in words, e.g. {@code -beta_var - 1}
 * @param test      how the estimate is compared
 * @param low       the window's lower end before the tolerance, empty when unbounded
 * @param high      the window's upper end before the tolerance, empty when unbounded
 * @param tolerance the allowed deviation beyond the window, {@code >= 0}
 * @param result    compatible (holds), excluded (fails), or not_available when the estimate is missing or does
 *                  not count
 */
public record Prediction(Outcome outcome, String rule, Test test, OptionalDouble low, OptionalDouble high,
                         double tolerance, Compatibility result) {

    /** How an estimate is compared with a window. */
    public enum Test {
        /** The interval meets the window. */
        OVERLAPS("overlaps"),
        /** The point estimate lies in the window. */
        VALUE_IN("value_in"),
        /** The whole interval lies in the window. */
        INSIDE("inside");

        private final String key;

        Test(String key) {
            this.key = key;
        }

        /** @return the on-disk name */
        @JsonValue
        public String key() {
            return key;
        }

        /**
         * Applies the test.
         *
         * @param e    the estimate
         * @param low  the window's lower end, tolerance included ({@code -Infinity} when unbounded)
         * @param high the window's upper end, tolerance included ({@code +Infinity} when unbounded)
         * @return whether the estimate meets the window in this test's sense
         */
        public boolean holds(Estimate e, double low, double high) {
            return switch (this) {
                case OVERLAPS -> e.ciLow() <= high && e.ciHigh() >= low;
                case VALUE_IN -> e.value() >= low && e.value() <= high;
                case INSIDE -> e.ciLow() >= low && e.ciHigh() <= high;
            };
        }
    }

    /** @return e.g. {@code [-1, 0] +/- 0.15}, {@code >= 1.75}, {@code < -0.25} (before the test's words) */
    public String window() {
        String tol = tolerance > 0 ? " +/- " + VerdictRule.num(tolerance) : "";
        if (low.isPresent() && high.isPresent()) {
            double a = low.getAsDouble();
            double b = high.getAsDouble();
            return (a == b ? VerdictRule.num(a) : "[" + VerdictRule.num(a) + ", " + VerdictRule.num(b) + "]") + tol;
        }
        if (low.isPresent()) {
            return ">= " + VerdictRule.num(low.getAsDouble() - tolerance);
        }
        if (high.isPresent()) {
            return "<= " + VerdictRule.num(high.getAsDouble() + tolerance);
        }
        return "any value";
    }

    /** @return the prediction in words with its window, e.g. {@code ode: -beta_var - 1, [-1.3, -1.2] +/- 0.25} */
    public String describe() {
        String how = switch (test) {
            case OVERLAPS -> "interval meets ";
            case VALUE_IN -> "";
            case INSIDE -> "whole interval ";
        };
        return outcome.key() + ": " + rule + " (" + how + window() + ")";
    }
}
