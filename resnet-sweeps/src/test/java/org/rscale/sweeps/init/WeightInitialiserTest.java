package org.rscale.sweeps.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.testing.Tolerance;

class WeightInitialiserTest {
    /** Sample standard deviations of ~10^4 Gaussians are within 3% of the truth with overwhelming probability. */
    private static final Tolerance STD = Tolerance.relative("sample std of >= 10^4 draws", 0.03);

    private static InitSpec cell(String... sets) {
        SweepConfigLoader l = new SweepConfigLoader();
        for (String s : sets) {
            l.set(s);
        }
        return l.resolve().cells().get(0).initSpec();
    }

    @Test
    void xavierLawsHaveTheirStandardDeviations() {
        ResidualNet x = WeightInitialiser.initialise(cell("depths.values=1000", "init=xavier", "initial_sd=0.5"));
        STD.check(0.5 / 10, std(x.A()), "xavier A: sigma0/d");
        STD.check(0.5 / Math.sqrt(10), std(x.b()), "xavier b: sigma0/sqrt(d)");
        ResidualNet xd = WeightInitialiser.initialise(cell("depths.values=100", "init=xavier-depth", "initial_sd=0.5"));
        STD.check(0.5 / (100 * 10), std(xd.A()), "xavier-depth A: sigma0/(L d)");
        ResidualNet iid = WeightInitialiser.initialise(cell("depths.values=1000", "init=iid"));
        STD.check(1 / Math.sqrt(10), std(iid.A()), "iid A: variance 1/d");
        ResidualNet uni = WeightInitialiser.initialise(cell("depths.values=100", "init=iid", "iid_distribution=uniform"));
        STD.check(1 / Math.sqrt(10), std(uni.A()), "uniform iid A: variance 1/d");
        for (double a : uni.A()) {
            assertFalse(Math.abs(a) > Math.sqrt(3.0 / 10), "uniform support");
        }
    }

    @Test
    void smoothAndFbmEntriesHaveVarianceOneOverD() {
        ResidualNet s = WeightInitialiser.initialise(cell("depths.values=400", "init=smooth"));
        // a smooth path is strongly correlated along k: pool over the 100 independent entries
        Tolerance pooled = Tolerance.relative("pooled std over 100 independent smooth paths", 0.2);
        pooled.check(1 / Math.sqrt(10), std(s.A()), "smooth A");
        ResidualNet f = WeightInitialiser.initialise(cell("depths.values=400", "init=fbm(0.3)"));
        STD.check(1 / Math.sqrt(10), std(f.A()), "fbm A");
    }

    @Test
    void deltaVariantsStartWhereTheySay() {
        assertArrayEquals(new double[] {1.0 / 37}, WeightInitialiser.initialise(
                cell("depths.values=37", "delta=shared")).delta(), 0.0, "shared: exactly 1/L");
        assertArrayEquals(new double[] {1.0}, WeightInitialiser.initialise(cell("delta=none")).delta(), 0.0);
        assertArrayEquals(new double[] {Math.pow(50, -0.5)}, WeightInitialiser.initialise(
                cell("depths.values=50", "delta=fixed", "delta_beta=0.5")).delta(), 0.0);
        double[] perLayer = WeightInitialiser.initialise(cell("depths.values=20000", "delta=per-layer")).delta();
        assertEquals(20000, perLayer.length);
        STD.check(1.0 / 20000, std(perLayer), "per-layer: N(0, std 1/L)");
    }

    @Test
    void theSameCellGivesTheSameWeightsAndTheActivationDoesNotChangeThem() {
        ResidualNet a = WeightInitialiser.initialise(cell("init=xavier", "activation=tanh"));
        ResidualNet b = WeightInitialiser.initialise(cell("init=xavier", "activation=relu", "lr=0.5"));
        assertArrayEquals(a.A(), b.A(), 0.0);
        ResidualNet c = WeightInitialiser.initialise(cell("init=xavier", "seeds=1"));
        assertFalse(Arrays.equals(a.A(), c.A()), "another seed, other weights");
    }

    private static double std(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s / v.length);
    }
}
