package org.rscale.fits.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.model.ScalingFactor;
import org.rscale.sweeps.run.Provenance;

/**
 * {@link NetworkDynamics#measure} on networks whose hidden states are known in closed form: with {@code A = 0}
 * every increment is {@code delta sigma(b_k)}, whatever the input.
 */
class NetworkDynamicsTest {
    private static final int D = 4;
    private static final double TOL = 1e-12;

    /** Two unit inputs without targets. */
    private static ProbeInputs inputs() {
        double[] x = new double[2 * D];
        x[0] = 1;
        x[D + 1] = 1;
        return new ProbeInputs(x, null, 2, D, ProbeInputs.UNIT_VECTORS);
    }

    /** A = 0, b_k = sign_k c with c = (0.1, 0.1, -0.1, -0.1). */
    private static ResidualNet constantBias(Activation sigma, int L, boolean alternate) {
        double[] b = new double[L * D];
        for (int k = 0; k < L; k++) {
            double s = alternate && k % 2 == 1 ? -1 : 1;
            b[k * D] = 0.1 * s;
            b[k * D + 1] = 0.1 * s;
            b[k * D + 2] = -0.1 * s;
            b[k * D + 3] = -0.1 * s;
        }
        return ResidualNet.of(sigma, ScalingFactor.NONE, L, D, new double[L * D * D], b, new double[] {1});
    }

    private static NetworkDynamics measure(ResidualNet net) {
        return NetworkDynamics.measure(net, "L", 0, "converged", inputs(), 4, 4, 3).row();
    }

    @Test
    void equalIncrementsAreSmoothWithoutDiffusion() {
        // linear: every increment is c, |c|^2 = 0.04; QV1 = m |c|^2, QV2 = (m/2) |2c|^2 = 2 QV1
        int L = 10;
        NetworkDynamics n = measure(constantBias(Activation.LINEAR, L, false));
        assertEquals(L * 0.04, n.qv1(), TOL);
        assertEquals(2 * L * 0.04, n.qv2(), TOL);
        assertEquals(2, n.kappa(), TOL);
        assertEquals(0, n.q(), TOL);
        assertEquals(L * (n.qv2() - n.qv1()), n.v2TwoStep(), TOL);
        assertTrue(Double.isNaN(n.activeShare()), "linear is not gated");
    }

    @Test
    void alternatingIncrementsAreAllDiffusion() {
        // linear: increments +c, -c, ...: every two-layer step is 0, so QV2 = 0, kappa = 0, q = 2 QV1
        int L = 10;
        NetworkDynamics n = measure(constantBias(Activation.LINEAR, L, true));
        assertEquals(L * 0.04, n.qv1(), TOL);
        assertEquals(0, n.qv2(), TOL);
        assertEquals(0, n.kappa(), TOL);
        assertEquals(2 * L * 0.04, n.q(), TOL);
    }

    @Test
    void theActiveShareOfAReluNetworkCountsTheUnitsOn() {
        // relu(b_k): two units on, two off at every layer and for every input -> 1/2
        NetworkDynamics n = measure(constantBias(Activation.RELU, 12, false));
        assertEquals(0.5, n.activeShare(), TOL);
        // alternating signs: the same two units at even layers, the other two at odd ones -> still 1/2
        assertEquals(0.5, measure(constantBias(Activation.RELU, 12, true)).activeShare(), TOL);
        // a bias that switches every unit off at every layer but the first three
        double[] b = new double[12 * D];
        Arrays.fill(b, 3 * D, b.length, -1);
        Arrays.fill(b, 0, 3 * D, 0.1);
        ResidualNet net = ResidualNet.of(Activation.RELU, ScalingFactor.NONE, 12, D, new double[12 * D * D], b,
                new double[] {1});
        assertEquals(3.0 / 12, measure(net).activeShare(), TOL);
        assertTrue(Double.isNaN(measure(constantBias(Activation.TANH, 12, false)).activeShare()), "tanh is not gated");
    }

    @Test
    void theActiveShareReadsBackFromDynamicsCsvAndOldFilesReadWithoutIt(@TempDir Path dir) throws IOException {
        NetworkDynamics n = measure(constantBias(Activation.RELU, 12, false));
        GroupDynamics g = new GroupDynamics("all", "relu", "run.json", ProbeInputs.UNIT_VECTORS,
                NetworkDynamics.F_SCALE, DynamicsSettings.defaults().range(), false, List.of(12),
                List.of(12), List.of(n), Map.of(), Optional.empty(),
                Optional.empty(), OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalDouble.empty(), List.of());
        SweepDynamics s = new SweepDynamics(dir, DynamicsSettings.defaults(), 0.95, List.of(g),
                Provenance.here("none", "float64", false, "cpu", Instant.EPOCH, Instant.EPOCH));
        DynamicsFiles.write(s, dir);
        assertEquals(0.5, DynamicsFiles.read(dir).get(0).network().activeShare(), TOL);
        // a file written before the column existed
        Path f = dir.resolve(DynamicsFiles.NAME);
        List<String> lines = Files.readAllLines(f);
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("active_share");
        StringBuilder old = new StringBuilder();
        for (String line : lines) {
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            fields.remove(col);
            old.append(String.join(",", fields)).append('\n');
        }
        Files.writeString(f, old);
        NetworkDynamics back = DynamicsFiles.read(dir).get(0).network();
        assertTrue(Double.isNaN(back.activeShare()));
        assertEquals(n.q(), back.q(), 1e-15);
    }
}
