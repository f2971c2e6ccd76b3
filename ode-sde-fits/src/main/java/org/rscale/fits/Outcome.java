package org.rscale.fits;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import org.rscale.sweeps.InvalidInputException;

/**
 * What a group of rows of the {@link PredictionTable} predicts when all of them hold: a regime, a named
 * inconclusive case, a limit equation, or the identification of the limit's coefficients.
 * <pre>
 *   key                 kind            meaning when it holds
 *   ode, sde, neither   regime          the regime's predictions all hold
 *   crossover           case            rough, diffusion decaying: the noise is material now but shrinks with depth
 *   drift_growing       case            the drift energy grows with depth: no finite limit at these depths
 *   drift_vanishing     case            the drift energy shrinks with depth: the networks tend to the identity
 *   kappa_undetermined  case            the coherence lies between smooth and rough
 *   linear_ode          equation        the network is within sqrt(f)/10 of its own-coefficient linear network,
 *                                       or the distance decays
 *   neural_ode          equation        the same for the own-coefficient nonlinear network
 *   identified          qualifier       different depths (and seeds) approach one coefficient function
 *   diffusion_gated     qualifier       the diffusion per unit on persists while the share of units on falls: a
 *                                       decaying diffusion whose units are being switched off (gated activations)
 * </pre>
 */
public enum Outcome {
    /** The ODE regime. */
    ODE("ode", Kind.REGIME, "ode"),
    /** The SDE regime. */
    SDE("sde", Kind.REGIME, "sde"),
    /** Neither regime. */
    NEITHER("neither", Kind.REGIME, "neither"),
    /** Rough hidden states whose diffusion decays with depth. */
    CROSSOVER("crossover", Kind.CASE, "rough, diffusion decaying (crossover)"),
    /** A drift energy that grows with depth. */
    DRIFT_GROWING("drift_growing", Kind.CASE, "drift growing"),
    /** A drift energy that shrinks with depth. */
    DRIFT_VANISHING("drift_vanishing", Kind.CASE, "drift vanishing"),
    /** A coherence between smooth and rough. */
    KAPPA_UNDETERMINED("kappa_undetermined", Kind.CASE, "kappa undetermined"),
    /** The linear (alternative) ODE with the network's own coefficients. */
    LINEAR_ODE("linear_ode", Kind.EQUATION, "linear ODE"),
    /** The neural ODE with the network's own coefficients. */
    NEURAL_ODE("neural_ode", Kind.EQUATION, "neural ODE"),
    /** The coefficients are identified. */
    IDENTIFIED("identified", Kind.QUALIFIER, "coefficients identified"),
    /** The diffusion per unit on persists while the share of units on falls (a diagnosis of a crossover). */
    DIFFUSION_GATED("diffusion_gated", Kind.QUALIFIER, "diffusion switched off with the units"),
    /** The rough-part SDE is credited (corroboration of sde; no regime of its own). */
    SDE_CREDIT("sde_credit", Kind.QUALIFIER, "rough-part SDE credited");

    /** What an outcome is about. */
    public enum Kind {
        /** A regime: ode, sde, neither. */
        REGIME,
        /** A named inconclusive case. */
        CASE,
        /** A limit equation. */
        EQUATION,
        /** The identification qualifier. */
        QUALIFIER
    }

    private final String key;
    private final Kind kind;
    private final String words;

    Outcome(String key, Kind kind, String words) {
        this.key = key;
        this.kind = kind;
        this.words = words;
    }

    /** @return the on-disk name */
    @JsonValue
    public String key() {
        return key;
    }

    /** @return what the outcome is about */
    public Kind kind() {
        return kind;
    }

    /** @return the outcome in words, e.g. {@code rough, diffusion decaying (crossover)} */
    public String words() {
        return words;
    }

    /** @return the regime, for the three regime outcomes */
    public Optional<Regime> regime() {
        return switch (this) {
            case ODE -> Optional.of(Regime.ODE);
            case SDE -> Optional.of(Regime.SDE);
            case NEITHER -> Optional.of(Regime.NEITHER);
            default -> Optional.empty();
        };
    }

    /**
     * @param r ode, sde or neither
     * @return its outcome
     * @throws IllegalArgumentException for {@link Regime#INCONCLUSIVE}
     */
    public static Outcome of(Regime r) {
        return switch (r) {
            case ODE -> ODE;
            case SDE -> SDE;
            case NEITHER -> NEITHER;
            default -> throw new IllegalArgumentException("no outcome for " + r);
        };
    }

    /**
     * @param key an on-disk name
     * @return the outcome
     * @throws InvalidInputException naming the key when it is unknown
     */
    public static Outcome fromKey(String key) {
        for (Outcome o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        throw new InvalidInputException("unknown outcome '" + key + "'");
    }
}
