package org.rscale.fits.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.rscale.fits.limit.ComparisonCriteria;
import org.rscale.fits.limit.ManyPathSettings;
import org.rscale.fits.limit.OdeSettings;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.model.Activation;

/**
 * The settings of {@link SweepLimits}, the comparison of a sweep's networks with its candidate limits.
 *
 * <pre>
 *   setting             default   meaning
 *   compare_depths      12        at most this many depths are compared, spread evenly in log depth from the
 *                                 shallowest to the deepest (both kept); every cell (seed) of a chosen depth
 *   min_compare_depth   4         depths below this are not compared (1 to 3 layers are no discretisation)
 *   samples             16        inputs x: a seeded sample of the training inputs (regenerated from run.json),
 *                                 else seeded random unit vectors in R^d (foreign weights)
 *   paths               400       simulated Brownian paths of the many-path SDE (distribution of H_1)
 *   steps               256       Euler-Maruyama steps of the many-path SDE
 *   windows             4         windows of the diffusion covariance estimated from the deepest noise path
 *   seed                0         seed of the input sample and of the simulated paths
 *   foreign_activation  tanh      sigma of weights without a run.json naming their activation
 *   trajectory_points   201       grid of the saved limit trajectories (figures)
 *   comparison          0.95 / 0.25 / 1e-12   level, minimum rate, exact tolerance ({@link ComparisonCriteria})
 *   ode                 {@link OdeSettings#DEFAULTS}
 *   modes               16        the low-pass cut-off of the rough-part SDE's drift ({@code fits.dynamics.LowPass})
 * </pre>
 * Cost on the paper's sweep (44 depths to 9100, d = 10, two seeds): 12 depths x 2 seeds x 16 inputs forward
 * passes and SDE paths, 2 x 16 ODE solutions, 400 x 256 Euler-Maruyama steps; a few seconds.
 *
 * @param compareDepths     the number of depths compared, at least 3 (a rate needs 3)
 * @param minCompareDepth   the shallowest depth compared, at least 1
 * @param samples           the number of inputs, at least 1
 * @param paths             the many-path SDE's paths, at least 2
 * @param steps             its steps, at least 1
 * @param windows           covariance windows, at least 1
 * @param seed              the seed
 * @param foreignActivation sigma for weights of unknown activation
 * @param trajectoryPoints  points of the saved trajectories, at least 2
 * @param comparison        the comparison's thresholds
 * @param ode               the ODE integrator's settings
 * @param modes             the low-pass modes of the rough-part SDE, at least 1
 */
public record SweepLimitSettings(int compareDepths, int minCompareDepth, int samples, int paths, int steps,
                                 int windows, long seed, @JsonIgnore Activation foreignActivation, int trajectoryPoints,
                                 ComparisonCriteria comparison, OdeSettings ode, int modes) {

    /**
     * Validates.
     *
     * @param compareDepths the number of depths compared, at least 3
     * @param minCompareDepth the shallowest depth compared, at least 1
     * @param samples the number of inputs, at least 1
     * @param paths the many-path SDE's paths, at least 2
     * @param steps its steps, at least 1
     * @param windows covariance windows, at least 1
     * @param seed the seed
     * @param foreignActivation sigma for weights of unknown activation
     * @param trajectoryPoints points of the saved trajectories, at least 2
     * @param comparison the comparison's thresholds
     * @param ode the ODE integrator's settings
     * @param modes the low-pass modes of the rough-part SDE
     * @throws InvalidInputException naming the setting at fault
     */
    public SweepLimitSettings {
        if (modes < 1) {
            throw new InvalidInputException("fit settings: modes = " + modes + ", must be at least 1");
        }
        if (compareDepths < 3) {
            throw new InvalidInputException("fit settings: compare_depths = " + compareDepths
                    + ", must be at least 3 (a rate needs 3 depths)");
        }
        if (minCompareDepth < 1) {
            throw new InvalidInputException("fit settings: min_compare_depth = " + minCompareDepth + ", must be at least 1");
        }
        if (samples < 1) {
            throw new InvalidInputException("fit settings: samples = " + samples + ", must be at least 1");
        }
        if (paths < 2 || steps < 1 || windows < 1) {
            throw new InvalidInputException("fit settings: paths = " + paths + ", steps = " + steps + ", windows = "
                    + windows + ": need at least 2 paths, 1 step and 1 window");
        }
        if (trajectoryPoints < 2) {
            throw new InvalidInputException("fit settings: trajectory_points = " + trajectoryPoints + ", must be at least 2");
        }
        if (foreignActivation == null || comparison == null || ode == null) {
            throw new InvalidInputException("fit settings: foreign_activation, comparison and ode must be given");
        }
    }

    /**
     * The settings with the default low-pass cut-off ({@code fits.dynamics.LowPass#DEFAULT_MODES}).
     *
     * @param compareDepths the number of depths compared
     * @param minCompareDepth the shallowest depth compared
     * @param samples the number of inputs
     * @param paths the many-path SDE's paths
     * @param steps its steps
     * @param windows covariance windows
     * @param seed the seed
     * @param foreignActivation sigma for weights of unknown activation
     * @param trajectoryPoints points of the saved trajectories
     * @param comparison the comparison's thresholds
     * @param ode the ODE integrator's settings
     */
    public SweepLimitSettings(int compareDepths, int minCompareDepth, int samples, int paths, int steps, int windows,
                              long seed, Activation foreignActivation, int trajectoryPoints,
                              ComparisonCriteria comparison, OdeSettings ode) {
        this(compareDepths, minCompareDepth, samples, paths, steps, windows, seed, foreignActivation, trajectoryPoints,
                comparison, ode, org.rscale.fits.dynamics.LowPass.DEFAULT_MODES);
    }

    /** @return the foreign activation's on-disk name (fit.json: {@code foreign_activation}) */
    @JsonProperty("foreign_activation")
    public String foreignActivationKey() {
        return foreignActivation.key();
    }

    /** @return the defaults of the table above */
    public static SweepLimitSettings defaults() {
        return new SweepLimitSettings(12, 4, 16, 400, 256, 4, 0, Activation.TANH, 201, ComparisonCriteria.DEFAULTS,
                OdeSettings.DEFAULTS);
    }

    /**
     * @param level the level of the rate intervals
     * @return these settings with it
     */
    public SweepLimitSettings withLevel(double level) {
        return new SweepLimitSettings(compareDepths, minCompareDepth, samples, paths, steps, windows, seed,
                foreignActivation, trajectoryPoints,
                new ComparisonCriteria(level, comparison.minimumRate(), comparison.exactTolerance()), ode, modes);
    }

    /** @return the many-path settings: {@code paths}, {@code steps}, quantiles 0.025, 0.5, 0.975 */
    public ManyPathSettings manyPath() {
        return ManyPathSettings.DEFAULTS.withSize(paths, steps);
    }
}
