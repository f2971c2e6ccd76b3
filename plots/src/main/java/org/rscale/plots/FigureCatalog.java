package org.rscale.plots;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every kind of figure rscale draws, found by its file name, with the caption a reader needs: what the figure
 * shows and what to look for. The one registry of captions: the report ({@code rscale report}) puts each under
 * its figure, and a figure whose file name matches no entry is still shown, under its file name.
 *
 * <p>A branch that adds a figure adds one entry here: a regular expression for its file name (without extension;
 * the whole name must match) and its caption. Entries are tried in declaration order, so a more specific pattern
 * goes before a more general one ({@code scaling_delta} before {@code scaling_.+}).
 */
public enum FigureCatalog {
    /** Every block's operator norm of a conv ResNet against depth. */
    BLOCK_NORMS("block_norms_conv[12]", "Operator norm of every block's conv1 (the Aₖ of a conv ResNet) or conv2 (its δₖ) "
            + "kernel against the depth L, log-log (small markers), each network's largest block highlighted with its OLS "
            + "line: the slope is −β for conv1 and −α for conv2. Trained weights that shrink like 1/L^β give a straight "
            + "falling line; β near 0 (a flat line) means the kernels do not shrink with depth, as the paper reports "
            + "for CIFAR-10."),
    /** Per-block operator norms of a conv ResNet against k/L. */
    BLOCK_PROFILE("block_profile_conv[12]", "Operator norm of block k's conv1 or conv2 kernel against t = k/L, one "
            + "curve per depth (up to six, lowest seed): curves that fall onto one profile as L grows point to a limit "
            + "in t; jumps at the stage boundaries (stride 2, more channels) are the architecture's, not noise."),
    /** Statistics of conv kernels against depth. */
    SCALING_CONV("scaling_conv[12]", "Max norm, increment and root SSQ of the conv1 (Aₖ) or conv2 (δₖ) kernels' "
            + "operator norms against depth, log-log, with OLS lines and slopes (95% intervals): the paper's CIFAR "
            + "figure. A smooth limit (H1) predicts slopes −β, −β−1 and 1/2−β; a diffusive one (H2) −1/2, −1/2 and 0; "
            + "kernels that do not shrink: max norm flat, root SSQ growing like √L."),
    /** Statistics against depth. */
    SCALING("scaling_(?!delta$)(?!(delta_)?b$).+", "Max norm, increment and root SSQ of the judged weights against depth, log-log, with OLS "
            + "lines and their slopes (95% intervals) in the legend. A smooth limit (H1) predicts slopes −β, −β−1 and "
            + "1/2−β; a diffusive one (H2) −1/2, −1/2 and 0; no limit: flat lines."),
    /** The judged tensor's statistics against depth. */
    SCALING_DELTA("scaling_delta", "|δ| of the shared scaling factor against depth, log-log, with its OLS line: "
            + "the slope is −α. Look for a straight line; H1 needs α + β = 1 (δ·A ~ 1/L)."),
    /** Statistics of the bias against depth. */
    SCALING_BIAS("scaling_(delta_)?b", "Max norm, increment and root SSQ of the biases bₖ against depth, log-log, with OLS lines "
            + "and slopes: the bias version of the scaling figure. A smooth limit predicts the slopes −β, −β−1 and "
            + "1/2−β, a diffusive one −1/2, −1/2 and 0."),
    /** Per-layer scaling factors of the deepest network. */
    DELTA_PATH("delta_path.*", "The trained per-layer scaling factors δₖ of the deepest network against the layer k: "
            + "a smooth curve points to an ODE; signs and sizes that jump from layer to layer point to noise."),
    /** Bias entry against k/L. */
    BIAS_PATH("weight_path_(delta_)?b", "One bias entry bₖ against t = k/L for up to six depths, rescaled by Lᵝ: curves "
            + "that collapse onto one another support a limit; jagged ones show noise."),
    /** Weight entry against k/L. */
    WEIGHT_PATH("weight_path_.+", "One weight entry against t = k/L for up to six depths, rescaled by Lᵝ: curves that "
            + "collapse onto one curve support a smooth limit (H1); curves that stay rough as L grows show noise "
            + "(H2)."),
    /** Final losses against depth. */
    LOSS("loss_vs_depth", "Final training and test loss of every cell against depth, by how its training ended "
            + "(converged, stalled, at the epoch cap, diverged), with the stopping threshold ε. Look for cells "
            + "that did not converge: their weights are not the trained limit."),
    /** Rescaled weights and the fitted limit coefficient. */
    LIMIT_CURVE("limit_curve_.+", "One entry of Lᵝ Aₖ against t = k/L for up to six depths, with the neural ODE's "
            + "coefficient Ā(t) drawn thick: if the curves approach Ā as L grows, the weights have a smooth limit."),
    /** Hidden states and the integrated limits. */
    HIDDEN_STATES("hidden_states.*", "One coordinate of the hidden state hₖ against t = k/L for several depths, with "
            + "the cross-run limit ODEs (neural and linear, one coefficient function for all networks) and the "
            + "deepest network's rough-part SDE from the same input: curves that meet mean the networks share one "
            + "limit; curves that drift apart, coefficients that are not identified."),
    /** Max error of each candidate against depth. */
    LIMIT_ERROR("limit_error.*", "The largest distance max |hₖ − H(k/L)| between the networks and each cross-run "
            + "limit ODE against depth, log-log, with fitted slopes: a clearly negative slope means the networks "
            + "approach that one coefficient function; a slope near 0, that each network follows its own "
            + "coefficients (identification, not the regime)."),
    /** Quadratic variations of the hidden states against depth. */
    DYNAMICS_VARIATION("dynamics_variation.*", "The hidden states' quadratic variation QV1, its diffusive part q = 2 QV1 − QV2, "
            + "the drift energy v2 and the fit floor f (mean |h_L − y|²) against depth, log-log, with fitted slopes: "
            + "the verdict's evidence. ODE: q falls far below f and v2 stays flat; SDE: q stays above f with a flat "
            + "slope; no limit: QV1 grows like L."),
    /** The diffusion, the share of ReLU units on and the diffusion per unit on against depth. */
    DYNAMICS_GATING("dynamics_gating.*", "For ReLU networks: the diffusion q of the hidden states, the share of units "
            + "that are on along the forward pass, and q per unit on, against depth, log-log, with fitted slopes. A "
            + "q that falls while q per unit on stays flat is a diffusion whose units are being switched off, not a "
            + "fading noise in the weights."),
    /** Coherence of the hidden-state increments against depth. */
    DYNAMICS_KAPPA("dynamics_kappa.*", "The coherence κ = QV2/QV1 of each network's hidden-state increments against "
            + "depth, with the verdict's thresholds: κ near 2 means smooth increments (an ODE), near 1 independent "
            + "ones (a diffusion); between 1.25 and 1.75 the verdict says κ is undetermined."),
    /** Distances to the own-coefficient candidates against depth. */
    DYNAMICS_ERRORS("dynamics_errors.*", "Each network's largest distance to the networks built from its own "
            + "coefficients, against depth, log-log: e_lin (the linear ODE with the low-passed coefficients), e_nn "
            + "(the same network with low-passed coefficients), e_nonlin (its own linearisation) and e_sde (the SDE "
            + "driven by the rough part), with √f/10, the level under which a candidate matches. e_nonlin below "
            + "the line or falling: the nonlinearity vanishes, the linear ODE."),
    /** Spreads between depths and seeds against depth. */
    DYNAMICS_SPREAD("dynamics_spread.*", "How far the hidden-state trajectories h(t) of consecutive depths (D_cons) and "
            + "of two seeds at one depth (D_seed) lie apart, against depth, log-log: falling spreads mean the "
            + "networks approach one limit (coefficients identified); flat or growing ones, run-specific "
            + "coefficients."),
    /** Trend and noise of one weight entry. */
    TREND_NOISE("trend_noise_.+", "Trend/noise decomposition of one weight entry of the deepest network: the rescaled "
            + "weights Lᵝ Tₖ, their trend part (the denoised weights) and the noise as its cumulative path "
            + "W(t) = Lᵝ⁻¹ Σ_{k<tL} Tₖ − the cumulative trend, as the paper draws it. A "
            + "noise path that looks like Brownian motion of non-vanishing size points to the diffusive regime; "
            + "one near zero to a smooth limit."),
    /** Loss of original and denoised networks. */
    DENOISED_LOSS("denoised_loss.*", "Training loss of the original and of the denoised networks (weights replaced by "
            + "their trend) against depth: when the two agree, the noise carries no information the network needs."),
    /** Output or gradient change at initialisation against depth, one panel per beta. */
    INIT_CHANGE("change_(output|gradient)_.+", "The mean change ‖h_L − h_0‖/‖h_0‖ (output) or ‖∂ℓ/∂h_L − ∂ℓ/∂h_0‖/‖∂ℓ/∂h_L‖ "
            + "(gradient) of networks at initialisation against the depth L, one panel per branch scale L^−β, with the "
            + "95% interval of the mean over the networks. The theory (Marion et al.): the change behaves like "
            + "L·α_L² = L^(1−2β) for iid weights, so it explodes for β < 1/2, stays of order one at β = 1/2 and "
            + "vanishes like L^(−1/2) at β = 1; for smooth weights the critical scale is β = 1 (flat there, slope −1 at "
            + "β = 2). Look for the panel whose curve is flat: its β is the critical one."),
    /** Histograms of the ratios at initialisation. */
    INIT_HISTOGRAM("histogram_(output|gradient)_ratio_.+", "Histogram of ‖h_L‖/‖h_0‖ (output) or ‖∂ℓ/∂h_0‖/‖∂ℓ/∂h_L‖ "
            + "(gradient) over many networks at one depth and β, the median marked. At the critical scale (β = 1/2 for "
            + "iid weights) the theory predicts a spread, non-degenerate distribution of order one (the random limit of "
            + "a neural SDE), not a spike at 1 (identity) nor a drift to 0 or ∞ (explosion)."),
    /** The (beta, H) phase diagram at initialisation. */
    INIT_PHASE("phase_(output|gradient)_.+", "Phase diagram at initialisation, fbm weights: per (β, H) cell the mean "
            + "over networks and inputs of log₁₀ of the output or gradient change, red for a large change, blue for a "
            + "small one (black cells overflowed, grey ones are undefined). The line is the theory's boundary "
            + "β*(H) = max(H, 1/2): below it the network explodes (red), above it stays at the identity (blue), on it "
            + "the limit is non-trivial (white, log₁₀ change near 0). Look for the colour changing along the line."),
    /** Sample paths of the initial weights. */
    INIT_WEIGHT_PATHS("weight_paths", "One entry of the initial weights as a path along depth, L^−H Σ_{i≤k} √d V_i[0, 0] "
            + "against t = k/L, one panel per law (fbm with Hurst index H; H = 1/2 for iid, 1 for smooth): the smaller "
            + "H, the rougher the path. The roughness of the weights along depth is what sets the critical β."),
    /** One weight entry after training. */
    TRAINED_WEIGHTS("weights_after_training", "One entry V_k[0, 0] of res-1's trained weights against t = k/L, one panel "
            + "per training (init and β): the JMLR paper's Figure 8. The theory predicts that training keeps the "
            + "regularity of the initialisation: weights started smooth (β = 1) stay a smooth curve, weights started "
            + "iid stay rough. Look for smooth curves only in the smooth panels."),
    /** Test accuracy over (beta, H). */
    ACCURACY_HEATMAP("accuracy_heatmap", "Test accuracy of res-1 after training from fbm weights, per (β, H) cell the best "
            + "over the learning rates of the mean over seeds (colours over [0, 1], grey: no training): the JMLR paper's "
            + "Figure 9. Compare with the boundary β*(H) = max(H, 1/2) of the phase diagram at initialisation: cells "
            + "well below it start from an exploding network and are expected to train badly."),
    /** Overlay of several sweeps. */
    OVERLAY("overlay_.+", "The same quantity for several sweeps on shared axes, one series per sweep: compare slopes and "
            + "levels across activations, data sets or scaling factors.");

    private final Pattern name;
    private final String caption;

    FigureCatalog(String name, String caption) {
        this.name = Pattern.compile(name);
        this.caption = caption;
    }

    /** @return the regular expression the whole file name (without extension) of this kind matches */
    public String pattern() {
        return name.pattern();
    }

    /** @return what the figure shows and what to look for */
    public String caption() {
        return caption;
    }

    /**
     * @param baseName a figure's file name without extension, e.g. {@code scaling_A}
     * @return its kind, if the catalog knows it
     */
    public static Optional<FigureCatalog> of(String baseName) {
        for (FigureCatalog k : values()) {
            if (k.name.matcher(baseName).matches()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * @param baseName a figure's file name without extension
     * @return its caption, or the file name itself for a figure the catalog does not know
     */
    public static String captionOf(String baseName) {
        return of(baseName).map(FigureCatalog::caption).orElse(baseName);
    }
}
