package org.rscale.fits.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rscale.analysis.CellResult;
import org.rscale.analysis.WeightSequence;
import org.rscale.fits.SampledPath;
import org.rscale.fits.dynamics.RunNetworks;
import org.rscale.fits.limit.LimitCoefficients;
import org.rscale.fits.paths.TrendNoiseDecomposition;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.run.RunDirectory;

/**
 * The coefficients of the two cross-run candidate ODEs of {@link SweepLimits}, from one pass over the coefficient
 * cells: trends of A, b ({@code e = beta_A}) and delta (per-layer, {@code e = 1 - beta_A}) for the neural ODE, and of
 * the products {@code delta_k A_k}, {@code delta_k b_k} ({@code e = 1}) for the linear ODE, each read half a layer
 * later ({@link #shifted}). Cells whose weights are not all finite are left out.
 *
 * @param neural    A-bar, b-bar, delta-bar of the neural ODE, empty when no cell could be used
 * @param product   the products delta-bar A-bar, delta-bar b-bar (delta-bar = 1) of the linear ODE, likewise
 * @param deltaNote how delta-bar was estimated
 * @param failure   why there are no coefficients, empty otherwise
 */
record CandidateCoefficients(Optional<LimitCoefficients> neural, Optional<LimitCoefficients> product, String deltaNote,
                             String failure) {

    /**
     * @param coefCells the coefficient cells
     * @param byId      the group's fitted cells by id
     * @param grid      n of the grid i/n
     * @param betaA     the neural ODE's exponent of A, in [0, 1]
     * @param sigma     the activation of runs without one
     * @return the coefficients
     */
    static CandidateCoefficients of(List<String> coefCells, Map<String, CellResult> byId, int grid, double betaA,
                                    Activation sigma) {
        TrendNoiseDecomposition.Accumulator a = new TrendNoiseDecomposition.Accumulator("A", betaA, grid);
        TrendNoiseDecomposition.Accumulator b = new TrendNoiseDecomposition.Accumulator("b", betaA, grid);
        TrendNoiseDecomposition.Accumulator dl = new TrendNoiseDecomposition.Accumulator("delta", 1 - betaA, grid);
        TrendNoiseDecomposition.Accumulator pa = new TrendNoiseDecomposition.Accumulator("delta_A", 1, grid);
        TrendNoiseDecomposition.Accumulator pb = new TrendNoiseDecomposition.Accumulator("delta_b", 1, grid);
        double deltaSum = 0;
        double halfLayer = 0;
        boolean perLayer = false;
        int used = 0;
        for (String id : coefCells) {
            CellResult c = byId.get(id);
            if (c == null) {
                continue;
            }
            ResidualNet net = RunNetworks.network(RunDirectory.read(c.dir()), sigma);
            if (!RunNetworks.finite(net)) {
                continue;
            }
            int L = net.depth();
            int d = net.dim();
            perLayer = net.scaling() == ScalingFactor.PER_LAYER;
            a.add(id, new WeightSequence("A", L, d, d, net.A()));
            b.add(id, new WeightSequence("b", L, d, 1, net.b()));
            ResidualNet eff = SweepLimits.effective(net);
            pa.add(id, new WeightSequence("delta_A", L, d, d, eff.A()));
            pb.add(id, new WeightSequence("delta_b", L, d, 1, eff.b()));
            if (perLayer) {
                dl.add(id, new WeightSequence("delta", L, 1, 1, net.delta()));
            } else {
                // delta-bar = L^(1 - beta_A) delta_eff
                deltaSum += Math.pow(L, 1 - betaA) * net.effectiveDelta(0);
            }
            halfLayer += 0.5 / L;
            used++;
        }
        if (used == 0) {
            return new CandidateCoefficients(Optional.empty(), Optional.empty(), "",
                    "no coefficient cell with finite weights");
        }
        // the left Riemann sums lag the integral by half a layer: A-bar(t) = trend(t + mean 1/(2L))
        double shift = halfLayer / used;
        SampledPath tA = shifted(a.build().trend(), shift);
        SampledPath tb = shifted(b.build().trend(), shift);
        SampledPath delta;
        String deltaNote;
        if (perLayer) {
            delta = shifted(dl.build().trend(), shift);
            deltaNote = String.format(Locale.ROOT, "trend of the per-layer delta_k rescaled by L^%.3f", 1 - betaA);
        } else {
            double v = deltaSum / used;
            double[] vals = new double[grid + 1];
            Arrays.fill(vals, v);
            delta = SampledPath.uniform(grid + 1, 1, 1, vals);
            deltaNote = String.format(Locale.ROOT, "constant %.6g, the mean of L^%.3f delta over the coefficient cells",
                    v, 1 - betaA);
        }
        double[] ones = new double[grid + 1];
        Arrays.fill(ones, 1.0);
        LimitCoefficients product = new LimitCoefficients(shifted(pa.build().trend(), shift),
                shifted(pb.build().trend(), shift), SampledPath.uniform(grid + 1, 1, 1, ones));
        return new CandidateCoefficients(Optional.of(new LimitCoefficients(tA, tb, delta)), Optional.of(product),
                deltaNote, "");
    }

    /**
     * The path read {@code shift} later: {@code p(min(1, t_i + shift))} on the same grid.
     *
     * @param p     a path
     * @param shift the delay, in t
     * @return the shifted path
     */
    static SampledPath shifted(SampledPath p, double shift) {
        if (shift == 0) {
            return p;
        }
        int m = p.size();
        double[] t = p.t();
        double[] v = new double[t.length * m];
        double[] one = new double[m];
        for (int i = 0; i < t.length; i++) {
            p.valueAt(Math.min(1.0, t[i] + shift), one);
            System.arraycopy(one, 0, v, i * m, m);
        }
        return new SampledPath(t, p.rows(), p.cols(), v);
    }
}
