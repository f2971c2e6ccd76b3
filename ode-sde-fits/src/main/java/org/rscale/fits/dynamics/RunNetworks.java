package org.rscale.fits.dynamics;

import java.util.Arrays;

import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The residual network of a trained run, as the limit fit and the hidden-state statistics evaluate it.
 *
 * <p>Activation and delta variant come from run.json; weights without them use the given activation, and a
 * delta of length L is per layer, of length 1 shared ({@code |delta|}), none without delta.npy; a missing b.npy
 * is zero. A delta whose length does not fit its variant is replaced by ones (a per-layer delta) or none.
 */
public final class RunNetworks {
    private RunNetworks() {
    }

    /**
     * @param run   the run
     * @param sigma the activation when run.json does not name one
     * @return the network; its arrays are the run's
     */
    public static ResidualNet network(TrainedRun run, Activation sigma) {
        Object act = run.settings().get(Setting.ACTIVATION.key());
        Activation a = act != null ? Activation.of(act.toString()) : sigma;
        int L = run.depth();
        int d = run.dim();
        double[] b = run.b() != null ? run.b() : new double[L * d];
        double[] delta = run.delta();
        ScalingFactor f;
        String mode = run.deltaMode();
        if (mode != null) {
            f = ScalingFactor.of(mode);
        } else if (delta == null) {
            f = ScalingFactor.NONE;
        } else {
            f = delta.length == L && L > 1 ? ScalingFactor.PER_LAYER : ScalingFactor.SHARED;
        }
        if (delta == null || delta.length != f.storedLength(L)) {
            double[] ones = new double[f == ScalingFactor.PER_LAYER ? L : 1];
            Arrays.fill(ones, 1.0);
            delta = ones;
            f = f == ScalingFactor.PER_LAYER ? f : ScalingFactor.NONE;
        }
        return ResidualNet.of(a, f, L, d, run.A(), b, delta);
    }

    /**
     * @param run a run
     * @param sigma the activation for runs whose run.json names none
     * @return the activation the network uses
     */
    public static Activation activation(TrainedRun run, Activation sigma) {
        Object act = run.settings().get(Setting.ACTIVATION.key());
        return act != null ? Activation.of(act.toString()) : sigma;
    }

    /**
     * @param net a network
     * @return whether its weights are all finite
     */
    public static boolean finite(ResidualNet net) {
        return allFinite(net.A()) && allFinite(net.b()) && allFinite(net.delta());
    }

    private static boolean allFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }
}
