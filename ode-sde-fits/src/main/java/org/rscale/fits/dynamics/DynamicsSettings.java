package org.rscale.fits.dynamics;

import org.rscale.analysis.DepthRange;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.model.Activation;

/**
 * The settings of the hidden-state statistics. Defaults ({@link #defaults()}) and why:
 * <pre>
 *   samples      64    probe inputs per network (VERDICT.md: 64..128); the means over inputs of QV1 and QV2 are
 *                      then steady to a few percent (the inputs share the network, so they do not average the
 *                      weights' noise away)
 *   modes        16    low-pass cut-off, the same at every depth (VERDICT.md's example)
 *   blocks       16    blocks of the drift energy, as many as modes: the drift is resolved at the low-pass scale
 *   gridPoints   101   trajectory points for the spreads D_seed, D_cons (t = 0, 0.01, ..., 1)
 *   seed         0     the probe inputs' stream
 *   range        L &gt;= 2 modes = 32 by default: below two layers per mode the low-pass keeps nearly all the
 *                      detail of a layer (the own-coefficient networks are the network itself, e_nn = 0 for
 *                      L &lt;= 16) and the two-step increments of QV2 number fewer than 16
 *   activation   tanh  the activation of weights whose run.json names none
 *   unconverged  left out  networks whose training stalled or hit the epoch cap are measured and listed but enter
 *                      no fit or level: the limit theorems describe trained networks, and a stalled one can sit far
 *                      from the others (the paper's tanh sweep: at L = 6319 a stalled network has 150 times the
 *                      drift energy of its neighbours); they are counted, and more than a quarter of them makes the
 *                      verdict inconclusive. {@code includeUnconverged} judges them too.
 * </pre>
 *
 * @param samples           probe inputs, at least 1
 * @param modes             low-pass modes, at least 1
 * @param blocks            drift-energy blocks, at least 2
 * @param gridPoints        trajectory points, at least 2
 * @param seed              the inputs' seed
 * @param range             the depths the fits and levels use (every network is measured)
 * @param foreignActivation the activation of weights without one
 * @param includeUnconverged whether stalled and capped networks are judged too
 */
public record DynamicsSettings(int samples, int modes, int blocks, int gridPoints, long seed, DepthRange range,
                               Activation foreignActivation, boolean includeUnconverged) {
    /** The default probe inputs. */
    public static final int DEFAULT_SAMPLES = 64;
    /** The default drift-energy blocks. */
    public static final int DEFAULT_BLOCKS = 16;
    /** The default trajectory points. */
    public static final int DEFAULT_GRID_POINTS = 101;

    /**
     * Validates.
     *
     * @param samples probe inputs
     * @param modes low-pass modes
     * @param blocks drift-energy blocks
     * @param gridPoints trajectory points
     * @param seed the inputs' seed
     * @param range the depths judged
     * @param foreignActivation the activation of weights without one
     * @param includeUnconverged whether stalled and capped networks are judged too
     * @throws InvalidInputException naming the field when out of range
     */
    public DynamicsSettings {
        if (samples < 1) {
            throw new InvalidInputException("--dynamics-samples " + samples + ": must be at least 1");
        }
        if (modes < 1) {
            throw new InvalidInputException("--modes " + modes + ": must be at least 1");
        }
        if (blocks < 2 || gridPoints < 2) {
            throw new InvalidInputException("dynamics settings: blocks " + blocks + " and grid points " + gridPoints
                    + " must be at least 2");
        }
    }

    /**
     * @param modes low-pass modes
     * @return the default range for that cut-off: {@code L >= 2 modes}
     */
    public static DepthRange defaultRange(int modes) {
        return new DepthRange(2 * modes, Integer.MAX_VALUE);
    }

    /** @return the defaults of the class comment */
    public static DynamicsSettings defaults() {
        return new DynamicsSettings(DEFAULT_SAMPLES, LowPass.DEFAULT_MODES, DEFAULT_BLOCKS, DEFAULT_GRID_POINTS, 0,
                defaultRange(LowPass.DEFAULT_MODES), Activation.TANH, false);
    }

    /**
     * @param r the depths judged
     * @return these settings with that range
     */
    public DynamicsSettings withRange(DepthRange r) {
        return new DynamicsSettings(samples, modes, blocks, gridPoints, seed, r, foreignActivation, includeUnconverged);
    }
}
