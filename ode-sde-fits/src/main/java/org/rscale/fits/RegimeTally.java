package org.rscale.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The candidate regimes sorted by their standing against the evidence, and the decision both verdict
 * rules ({@link VerdictRule}, {@code sweep.LimitVerdictRule}) take from it: a regime is the verdict when it
 * is the only compatible one and no other is left undetermined.
 *
 * @param compatible   the compatible candidates, in {@link #CANDIDATES} order
 * @param undetermined the candidates that could not be assessed, in {@link #CANDIDATES} order
 */
public record RegimeTally(List<Regime> compatible, List<Regime> undetermined) {
    /** The regimes a verdict chooses among, in report order. */
    public static final List<Regime> CANDIDATES = List.of(Regime.ODE, Regime.SDE, Regime.NEITHER);

    /** Copies the lists. */
    public RegimeTally {
        compatible = List.copyOf(compatible);
        undetermined = List.copyOf(undetermined);
    }

    /**
     * @param status each candidate's standing
     * @return the tally
     */
    public static RegimeTally of(Map<Regime, Compatibility> status) {
        List<Regime> compatible = new ArrayList<>();
        List<Regime> undetermined = new ArrayList<>();
        for (Regime r : CANDIDATES) {
            if (status.get(r) == Compatibility.COMPATIBLE) {
                compatible.add(r);
            } else if (status.get(r) == Compatibility.NOT_AVAILABLE) {
                undetermined.add(r);
            }
        }
        return new RegimeTally(compatible, undetermined);
    }

    /** @return the verdict: the only compatible regime when no other is undetermined, else empty */
    public Optional<Regime> decided() {
        return compatible.size() == 1 && undetermined.isEmpty() ? Optional.of(compatible.get(0)) : Optional.empty();
    }

    /**
     * @param regimes some regimes
     * @return their keys, comma-separated
     */
    public static String keys(List<Regime> regimes) {
        List<String> k = new ArrayList<>();
        for (Regime r : regimes) {
            k.add(r.key());
        }
        return String.join(", ", k);
    }
}
