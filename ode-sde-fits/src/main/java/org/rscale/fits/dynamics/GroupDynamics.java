package org.rscale.fits.dynamics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.rscale.analysis.DepthRange;
import org.rscale.analysis.MedianEstimate;
import org.rscale.analysis.ScalingFit;

/**
 * The hidden-state statistics of one group: a row per network, the log-log fits against depth over the judged
 * range, and the levels over the deepest third of its depths.
 *
 * <p>Fits ({@link #fits()}, keys as in rates.csv under tensor {@value SweepDynamics#HIDDEN_STATES}): {@code qv1},
 * {@code q}, {@code v2}, {@code e_lin}, {@code e_nn}, {@code e_sde}, {@code e_nonlin}, {@code d_cons}, {@code d_seed},
 * and for gated activations {@code active_share} and {@code q_per_active} (q / active share): OLS of the
 * logarithm against log L over the measured networks in the range, with the seed bootstrap ({@link ScalingFit};
 * non-positive values are dropped and counted).
 *
 * @param group            the group id
 * @param activation       sigma's key
 * @param activationSource where sigma comes from
 * @param inputSource      where the probe inputs come from ({@link ProbeInputs})
 * @param fSource          {@link NetworkDynamics#F_TARGETS} or {@link NetworkDynamics#F_SCALE}
 * @param range            the depths judged
 * @param includeUnconverged whether stalled and capped networks are judged
 * @param depths           the distinct depths of the measured networks in the range
 * @param deepest          the deepest third of those depths
 * @param networks         one row per cell of the group, in depth then seed order
 * @param fits             the log-log fits by quantity
 * @param kappa            the median of kappa over the deepest third
 * @param qOverF           the median of q/f over the deepest third
 * @param qOverFMax        the largest q/f over the deepest third
 * @param v2OverNoise      the median of v2 / v2_noise over the deepest third
 * @param eLinRatio        the median of e_lin / sqrt(f) over the deepest third
 * @param eNnRatio         the median of e_nn / sqrt(f) over the deepest third
 * @param eNonlinRatio     the median of e_nonlin / sqrt(f) over the deepest third
 * @param sdeRatio         the median of e_sde / e_nn over the deepest third
 * @param dConsOverDSeed   the largest D_cons / D_seed over the deepest third
 * @param notes            what was left out and why
 */
public record GroupDynamics(String group, String activation, String activationSource, String inputSource,
                            String fSource, DepthRange range, boolean includeUnconverged, List<Integer> depths, List<Integer> deepest,
                            List<NetworkDynamics> networks, Map<String, ScalingFit> fits,
                            Optional<MedianEstimate> kappa, Optional<MedianEstimate> qOverF, OptionalDouble qOverFMax,
                            Optional<MedianEstimate> v2OverNoise,
                            Optional<MedianEstimate> eLinRatio, Optional<MedianEstimate> eNnRatio,
                            Optional<MedianEstimate> eNonlinRatio,
                            Optional<MedianEstimate> sdeRatio, OptionalDouble dConsOverDSeed, List<String> notes) {

    /** Copies. */
    public GroupDynamics {
        depths = List.copyOf(depths);
        deepest = List.copyOf(deepest);
        networks = List.copyOf(networks);
        fits = Collections.unmodifiableMap(new LinkedHashMap<>(fits));
        notes = List.copyOf(notes);
    }

    /**
     * @param quantity e.g. {@code q}
     * @return its fit, if any
     */
    public Optional<ScalingFit> fit(String quantity) {
        return Optional.ofNullable(fits.get(quantity));
    }

    /** @return whether f is a fit error (targets known) */
    public boolean fitError() {
        return NetworkDynamics.F_TARGETS.equals(fSource);
    }

    /** @return the networks judged: measured, in the range, and converged (or of unknown status) unless told */
    public List<NetworkDynamics> judged() {
        return networks.stream().filter(this::judges).toList();
    }

    /**
     * @param n a network of the group
     * @return whether it enters the fits and levels
     */
    public boolean judges(NetworkDynamics n) {
        return n.measured() && range.contains(n.depth()) && (includeUnconverged || trained(n.status()));
    }

    /**
     * @param status a training status
     * @return whether it counts as trained: converged, or unknown (weights trained elsewhere)
     */
    public static boolean trained(String status) {
        return "converged".equals(status) || "unknown".equals(status);
    }

    /** @return how many cells of the group were left out as diverged */
    public long diverged() {
        return networks.stream().filter(n -> NetworkDynamics.DIVERGED.equals(n.note())).count();
    }
}
