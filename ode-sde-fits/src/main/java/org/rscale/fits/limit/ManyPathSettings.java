package org.rscale.fits.limit;

import java.util.Arrays;

/**
 * Settings of the many-path simulation of the limit SDE ({@link SdeLimit#terminalDistributions}).
 *
 * <pre>
 *   setting           default                meaning
 *   paths             1000                   simulated Brownian paths (each drives every input)
 *   steps             256                    Euler-Maruyama steps on the uniform grid of [0, 1]
 *   levels            0.025, 0.5, 0.975      quantile levels of H_1, per coordinate
 *   divergenceBound   1e6                    a path whose |H_1| is not finite or exceeds this is diverged
 * </pre>
 * The Euler&ndash;Maruyama scheme has weak order 1, so the bias of the mean is {@code O(1/steps)}; the
 * Monte Carlo error of the mean is {@code sd / sqrt(paths)}. Cost: {@code paths * steps * (m r + n d^2)}
 * flops for m = d^2 + d noise coordinates of rank r and n inputs.
 *
 * @param paths           the number of paths, at least 2
 * @param steps           the number of steps, at least 1
 * @param levels          quantile levels, each in [0, 1]; copied
 * @param divergenceBound the norm beyond which a path counts as diverged, {@code > 0}
 */
public record ManyPathSettings(int paths, int steps, double[] levels, double divergenceBound) {

    /** The defaults of the table above. */
    public static final ManyPathSettings DEFAULTS = new ManyPathSettings(1000, 256,
            new double[] {0.025, 0.5, 0.975}, 1e6);

    /**
     * Checks the ranges and copies the levels.
     *
     * @param paths the number of paths, at least 2
     * @param steps the number of steps, at least 1
     * @param levels quantile levels, each in [0, 1]; copied
     * @param divergenceBound the norm beyond which a path counts as diverged, {@code > 0}
     */
    public ManyPathSettings {
        if (paths < 2 || steps < 1) {
            throw new IllegalArgumentException("need at least 2 paths and 1 step, got " + paths + " and " + steps);
        }
        levels = levels.clone();
        for (double p : levels) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("quantile level " + p + " is not in [0, 1]");
            }
        }
        if (!(divergenceBound > 0)) {
            throw new IllegalArgumentException("divergence bound must be positive, got " + divergenceBound);
        }
    }

    /**
     * @param paths the number of paths
     * @param steps the number of steps
     * @return these settings with another size
     */
    public ManyPathSettings withSize(int paths, int steps) {
        return new ManyPathSettings(paths, steps, levels, divergenceBound);
    }

    /** @return the quantile levels; a copy */
    @Override
    public double[] levels() {
        return levels.clone();
    }

    @Override
    public String toString() {
        return "ManyPathSettings[paths=" + paths + ", steps=" + steps + ", levels=" + Arrays.toString(levels)
                + ", divergenceBound=" + divergenceBound + "]";
    }
}
