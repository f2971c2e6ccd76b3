package org.rscale.fits;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * The limit equation a regime verdict implies (SCIENCE.md section 6), with effective weights
 * {@code A~_k = delta_k A_k}, {@code b~_k = delta_k b_k} and {@code H_t} the limit of
 * {@code h_floor(tL)}:
 * <pre>
 *   key          when                                           limit
 *   neural-ode   ode, beta compatible with 0, delta ~ 1/L        dH/dt = delta-bar sigma(A-bar_t H + b-bar_t)
 *   linear-ode   ode, 0 &lt; beta &lt;= 1, delta L^(1-beta) -&gt; d-bar   dH/dt = delta-bar sigma'(0) (A-bar_t H + b-bar_t)
 *   sde          sde (beta = 1/2)                               dH = sigma'(0)[(A-bar H + b-bar) dt + dW^A H + dW^b]
 *                                                               + (1/2) sigma''(0) d[(W^A H + W^b)_i]_t
 *   none         neither, inconclusive, or an ode whose scaling factor does not make delta A ~ 1/L
 * </pre>
 *
 * <p>Reference: A.-S. Cohen, R. Cont, A. Rossier, R. Xu, "Scaling Properties of Deep Residual
 * Networks", ICML 2021, arXiv:2105.12245; R. Cont, A. Rossier, R. Xu, "Asymptotic Analysis of Deep
 * Residual Networks", arXiv:2212.08199.
 */
public enum LimitEquation {
    /** The neural ODE, beta = 0. */
    NEURAL_ODE("neural-ode"),
    /** The linear ("alternative") ODE, 0 &lt; beta &lt;= 1: the nonlinearity disappears in the limit. */
    LINEAR_ODE("linear-ode"),
    /** The SDE of the diffusive regime. */
    SDE("sde"),
    /** No limit equation. */
    NONE("none");

    private final String key;

    LimitEquation(String key) {
        this.key = key;
    }

    /** @return the on-disk name ({@code verdict.json}) */
    @JsonValue
    public String key() {
        return key;
    }

    /**
     * @param key an on-disk name
     * @return the limit equation
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static LimitEquation fromKey(String key) {
        for (LimitEquation l : values()) {
            if (l.key.equals(key)) {
                return l;
            }
        }
        throw new InvalidInputException("unknown limit equation '" + key + "'");
    }
}
