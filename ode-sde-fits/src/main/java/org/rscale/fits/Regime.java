package org.rscale.fits;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * The scaling regime of a tensor's trained weights (SCIENCE.md section 5).
 *
 * <pre>
 *   key            meaning
 *   ode            H1: L^beta T_k converges uniformly to a continuous curve, beta in [0, 1]
 *   sde            H2: the weights are a drift of size 1/L plus increments of a path with non-zero
 *                  quadratic variation; beta = 1/2
 *   neither        the weights do not shrink (beta ~ 0) and their increments do not vanish
 *   inconclusive   the data cannot separate the regimes (named degenerate outcome, never a guess)
 * </pre>
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245, hypotheses 1 and 2.
 */
public enum Regime {
    /** Smooth limit, an ordinary differential equation. */
    ODE("ode"),
    /** Diffusive limit, a stochastic differential equation. */
    SDE("sde"),
    /** Neither: no shrinking, no vanishing increments. */
    NEITHER("neither"),
    /** The evidence does not separate the regimes. */
    INCONCLUSIVE("inconclusive");

    private final String key;

    Regime(String key) {
        this.key = key;
    }

    /** @return the on-disk name ({@code verdict.json}) */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * @param key an on-disk name
     * @return the regime
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static Regime fromKey(String key) {
        for (Regime r : values()) {
            if (r.key.equals(key)) {
                return r;
            }
        }
        throw new InvalidInputException("unknown regime '" + key + "'");
    }
}
