package org.rscale.fits.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rscale.analysis.KnownRegimeWeights;
import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.DynamicsCriteria;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.VerdictReport;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.dynamics.GroupDynamics;
import org.rscale.fits.dynamics.SweepDynamics;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.Npy;

/**
 * Sweeps of networks of known regime ({@link KnownRegimeWeights.Network}) written as run directories (the
 * network's activation, status converged, no data settings: the probe inputs are unit vectors and f is the scale), and the upgraded
 * verdict of such a directory.
 */
final class KnownRegimeRuns {
    /** Ten depths from 32 to 724, ratio sqrt(2). */
    static final int[] DEPTHS = {32, 45, 64, 91, 128, 181, 256, 362, 512, 724};

    /** A generator of one network. */
    interface Generator {
        KnownRegimeWeights.Network at(int L, long seed);
    }

    private KnownRegimeRuns() {
    }

    /**
     * Writes every (depth, seed) network.
     *
     * @param dir    the sweep directory
     * @param depths the depths
     * @param seeds  the number of seeds
     * @param g      the generator
     */
    static void write(Path dir, int[] depths, int seeds, Generator g) {
        try {
            for (int L : depths) {
                for (int s = 0; s < seeds; s++) {
                    KnownRegimeWeights.Network n = g.at(L, s);
                    Path run = Files.createDirectories(dir.resolve("runs").resolve(String.format("L%05d_s%d", L, s)));
                    Npy.write(run.resolve("A.npy"), new int[] {L, n.d(), n.d()}, n.A());
                    Npy.write(run.resolve("b.npy"), new int[] {L, n.d()}, n.b());
                    Npy.write(run.resolve("delta.npy"), new int[] {n.delta().length}, n.delta());
                    Map<String, Object> settings = new LinkedHashMap<>();
                    settings.put("depth", L);
                    settings.put("seed", s);
                    settings.put("activation", n.activation());
                    settings.put("delta", n.deltaMode());
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("settings", settings);
                    json.put("status", "converged");
                    Files.writeString(run.resolve("run.json"), DataFormats.json().writeValueAsString(json));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The upgraded verdict of a directory's only group, without the limit analysis (decided on the hidden states).
     *
     * @param dir      the directory
     * @param settings the hidden-state settings
     * @return the verdict
     */
    static UpgradedVerdict decide(Path dir, DynamicsSettings settings) {
        SweepAnalysis a = SweepAnalysis.of(dir, 0, 0.95);
        VerdictReport first = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now());
        GroupDynamics dyn = SweepDynamics.of(a, settings, DynamicsCriteria.defaults().deepestFraction()).groups().get(0);
        return HiddenStateVerdict.decide(first.groups().get(0).verdict(), dyn,
                HiddenStateVerdict.LimitCorroboration.none(), new UpgradedVerdict.CrossRun(java.util.Optional.empty(),
                        java.util.List.of()), RegimeCriteria.defaults(), DynamicsCriteria.defaults());
    }

    /**
     * @param v a verdict
     * @return its decision and reasons, for a failure message
     */
    static String explain(UpgradedVerdict v) {
        return v.decision() + "\n  " + String.join("\n  ", v.reasons());
    }
}
