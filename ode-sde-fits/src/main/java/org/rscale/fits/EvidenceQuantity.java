package org.rscale.fits;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * Every quantity a regime verdict weighs, with the stage that measures it. What each regime predicts for
 * each quantity is {@link PredictionTable}; the estimates come with intervals ({@link Estimate}).
 *
 * <p><b>Weight level</b> ({@code rscale analyze}, the first verdict; {@code T_k} the judged tensor,
 * {@code M = mean_k T_k} its depth average, {@code V_k = T_k - M} its depth-varying part; slopes of log-log fits
 * against depth):
 * <pre>
 *   max_norm_slope               slope of max_k ||T_k|| (or of a robust per-layer summary when that fit is poor)
 *   depth_average_slope          slope of ||M||                                  (-beta_avg)
 *   varying_slope                slope of max_k ||V_k|| (or RMS_k ||V_k||)        (-beta_var)
 *   increment_slope              slope of max_k ||T_k - T_{k-1}|| (raw; or its RMS)
 *   smoothness_gap               varying_slope - increment_slope
 *   quadratic_variation_slope    slope of sum_k ||T_k - T_{k-1}||^2
 *   root_ssq_slope               slope of sqrt(sum_k ||T_k||^2)
 * </pre>
 * <b>Hidden states</b> ({@code rscale fit}, the decision; per network, then over the group's depth range;
 * see {@code fits.dynamics.NetworkDynamics}):
 * <pre>
 *   kappa                        median over the deepest third of QV2 / QV1 (2 smooth, 1 rough)
 *   q_over_f                     median over the deepest third of q / f (diffusion against the fit floor)
 *   q_over_f_max                 the largest q / f over the deepest third
 *   q_slope                      slope of the diffusive part q = 2 QV1 - QV2
 *   v2_slope                     slope of the drift energy v2
 *   v2_over_noise                median over the deepest third of v2 / (q sqrt(2B)): the drift energy against
 *                                the sampling noise of its estimate (B blocks)
 *   qv1_slope                    slope of QV1 = mean_x sum_k |h_{k+1} - h_k|^2
 *   e_lin_ratio, e_nn_ratio      median over the deepest third of e_lin / sqrt(f), e_nn / sqrt(f)
 *   e_lin_slope, e_nn_slope      slopes of e_lin, e_nn
 *   e_nonlin_ratio               median over the deepest third of e_nonlin / sqrt(f): the network against its own
 *                                linearisation (raw weights), what the nonlinearity does
 *   e_nonlin_slope               slope of e_nonlin
 *   sde_ratio                    median over the deepest third of e_sde / e_nn (the rough-part SDE against the
 *                                own-coefficient neural network)
 *   d_cons_slope, d_seed_slope   slopes of the trajectory spreads between consecutive depths and between seeds
 *   d_cons_over_d_seed           the largest D_cons / D_seed over the deepest third
 *   active_share_slope           slope of the share of units on (gated activations: ReLU)
 *   q_per_active_slope           slope of q / active share: the diffusion per unit on
 * </pre>
 * <b>Limit analysis</b> (corroboration from {@code fits.paths}):
 * <pre>
 *   convergence_rate             -slope of the sup distance between consecutive depths' rescaled weight curves
 *   hurst                        median Hurst exponent of the cumulative weight paths at the deepest depth
 * </pre>
 */
public enum EvidenceQuantity {
    /** Slope of the max norm (or of its robust stand-in). */
    MAX_NORM_SLOPE("max_norm_slope", Stage.WEIGHTS),
    /** Slope of the norm of the depth average. */
    DEPTH_AVERAGE_SLOPE("depth_average_slope", Stage.WEIGHTS),
    /** Slope of the depth-varying part. */
    VARYING_SLOPE("varying_slope", Stage.WEIGHTS),
    /** Slope of the raw (f = 0) increment. */
    INCREMENT_SLOPE("increment_slope", Stage.WEIGHTS),
    /** Varying-part slope minus increment slope. */
    SMOOTHNESS_GAP("smoothness_gap", Stage.WEIGHTS),
    /** Slope of the quadratic variation. */
    QUADRATIC_VARIATION_SLOPE("quadratic_variation_slope", Stage.WEIGHTS),
    /** Slope of the root sum of squares. */
    ROOT_SSQ_SLOPE("root_ssq_slope", Stage.WEIGHTS),
    /** Coherence of the hidden-state increments. */
    KAPPA("kappa", Stage.HIDDEN_STATES),
    /** Diffusive part against the fit floor, median. */
    Q_OVER_F("q_over_f", Stage.HIDDEN_STATES),
    /** Diffusive part against the fit floor, largest. */
    Q_OVER_F_MAX("q_over_f_max", Stage.HIDDEN_STATES),
    /** Slope of the diffusive part. */
    Q_SLOPE("q_slope", Stage.HIDDEN_STATES),
    /** Slope of the drift energy. */
    V2_SLOPE("v2_slope", Stage.HIDDEN_STATES),
    /** The drift energy against its sampling noise. */
    V2_OVER_NOISE("v2_over_noise", Stage.HIDDEN_STATES),
    /** Slope of the hidden-state quadratic variation. */
    QV1_SLOPE("qv1_slope", Stage.HIDDEN_STATES),
    /** Distance to the own-coefficient linear network against the fit floor. */
    E_LIN_RATIO("e_lin_ratio", Stage.HIDDEN_STATES),
    /** Slope of that distance. */
    E_LIN_SLOPE("e_lin_slope", Stage.HIDDEN_STATES),
    /** Distance to the own-coefficient nonlinear network against the fit floor. */
    E_NN_RATIO("e_nn_ratio", Stage.HIDDEN_STATES),
    /** Slope of that distance. */
    E_NN_SLOPE("e_nn_slope", Stage.HIDDEN_STATES),
    /** Distance to the network's own linearisation against the fit floor. */
    E_NONLIN_RATIO("e_nonlin_ratio", Stage.HIDDEN_STATES),
    /** Slope of that distance. */
    E_NONLIN_SLOPE("e_nonlin_slope", Stage.HIDDEN_STATES),
    /** The rough-part SDE's error against the own-coefficient nonlinear network's. */
    SDE_RATIO("sde_ratio", Stage.HIDDEN_STATES),
    /** Slope of the spread between consecutive depths. */
    D_CONS_SLOPE("d_cons_slope", Stage.HIDDEN_STATES),
    /** Slope of the spread between seeds. */
    D_SEED_SLOPE("d_seed_slope", Stage.HIDDEN_STATES),
    /** Spread between consecutive depths against the spread between seeds. */
    D_CONS_OVER_D_SEED("d_cons_over_d_seed", Stage.HIDDEN_STATES),
    /** Slope of the share of units on (gated activations). */
    ACTIVE_SHARE_SLOPE("active_share_slope", Stage.HIDDEN_STATES),
    /** Slope of the diffusion per unit on. */
    Q_PER_ACTIVE_SLOPE("q_per_active_slope", Stage.HIDDEN_STATES),
    /** Convergence rate of the rescaled weight curves. */
    CONVERGENCE_RATE("convergence_rate", Stage.LIMITS),
    /** Hurst exponent of the cumulative weight paths. */
    HURST("hurst", Stage.LIMITS);

    /** Which part of the analysis measures a quantity. */
    public enum Stage {
        /** The trained weights' scaling with depth ({@code analyze}). */
        WEIGHTS("weights"),
        /** The networks' hidden states ({@code fit}). */
        HIDDEN_STATES("hidden_states"),
        /** The weights as paths in t: convergence, roughness ({@code fit}). */
        LIMITS("limits");

        private final String key;

        Stage(String key) {
            this.key = key;
        }

        /** @return the on-disk name */
        @JsonValue
        public String key() {
            return key;
        }
    }

    private final String key;
    private final Stage stage;

    EvidenceQuantity(String key, Stage stage) {
        this.key = key;
        this.stage = stage;
    }

    /** @return the on-disk name ({@code verdict.json}) */
    @JsonValue
    public String key() {
        return key;
    }

    /** @return the stage that measures it */
    public Stage stage() {
        return stage;
    }

    /**
     * @param key an on-disk name
     * @return the quantity
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static EvidenceQuantity fromKey(String key) {
        for (EvidenceQuantity q : values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        throw new InvalidInputException("unknown evidence quantity '" + key + "'");
    }
}
