package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.analysis.spectral.StrideRule;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.StateDictLayout;
import org.rscale.sweeps.run.StateDictNames;
import org.rscale.sweeps.testing.PythonScripts;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

/**
 * Kernels exported from PyTorch ({@code export_conv_resnet.py} in this package's test resources) analysed by
 * {@link SweepAnalysis} and compared with the same singular values and statistics computed by numpy: the
 * reference code's FFT formula ({@code unstrided}) and the dense strided circular convolution
 * ({@code subsampled}). One network is committed ({@code statedict/}, see its SOURCE.txt); more depths and
 * both export formats are generated at test time when {@code /usr/bin/python3} has torch.
 */
@ExtendWith(QuietConsole.class)
class StateDictAnalysisTest {
    /**
     * numpy's SVD (LAPACK gesdd, of the frequency matrices or of the dense operator) against Gram-matrix
     * eigenvalues: both within a few eps of the exact values, which are of order 1 here; numpy's zero singular
     * values (a 1x1 shortcut's frequency matrices have rank c_in &lt; c_out) are ~1e-16, rscale's exactly 0.
     */
    private static final Tolerance NUMPY = new Tolerance("numpy float64 SVD", 1e-14, 1e-11);
    private static final StateDictLayout EIGHT = new StateDictLayout(StateDictNames.TORCHVISION, 8, 8);

    private static Path resource(String name) {
        URL url = StateDictAnalysisTest.class.getResource(name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    private static SweepAnalysis analyse(Path dir, StrideRule rule) {
        return SweepAnalysis.of(dir, 0, 0.95, new ConvAnalysisSettings(10, rule, EIGHT,
                dir.resolve("analysis/conv-" + rule.key()), 2));
    }

    /** Compares every kernel's and increment's top singular values and the statistics of every cell. */
    private static int compare(SweepAnalysis a, JsonNode reference, StrideRule rule) {
        String convention = rule.key();
        int compared = 0;
        Iterator<Map.Entry<String, JsonNode>> cells = reference.get("cells").fields();
        while (cells.hasNext()) {
            Map.Entry<String, JsonNode> cell = cells.next();
            ConvNetSpectra s = a.convSpectra().get(cell.getKey());
            assertEquals(cell.getValue().get("depth").asInt(), s.depth(), cell.getKey());
            for (JsonNode block : cell.getValue().get("blocks")) {
                int k = block.get("k").asInt();
                for (String tensor : ConvNetSpectra.TENSORS) {
                    compared += compare(s, k, tensor, ConvKernelNorm.KERNEL, block.get(tensor), convention);
                    compared += compare(s, k, tensor, ConvKernelNorm.INCREMENT, block.get(tensor + "_increment"),
                            convention);
                }
            }
            CellResult c = a.groups().stream().flatMap(g -> g.group().cells().stream())
                    .filter(x -> x.id().equals(cell.getKey())).findFirst().orElseThrow();
            JsonNode stats = cell.getValue().get("statistics").get(convention);
            for (String tensor : List.of(ConvNetSpectra.CONV1, ConvNetSpectra.CONV2)) {
                Iterator<Map.Entry<String, JsonNode>> it = stats.get(tensor).fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    WeightStatistic ws = Stream.of(WeightStatistic.values()).filter(w -> w.key().equals(e.getKey()))
                            .findFirst().orElseThrow();
                    NUMPY.check(e.getValue().asDouble(), c.statistics().get(tensor).get(ws).orElseThrow(),
                            cell.getKey() + " " + tensor + " " + e.getKey() + " (" + convention + ")");
                    compared++;
                }
            }
        }
        return compared;
    }

    private static int compare(ConvNetSpectra s, int k, String tensor, String kind, JsonNode expected, String convention) {
        Optional<ConvKernelNorm> row = s.rows(tensor, kind).stream().filter(n -> n.block() == k).findFirst();
        if (expected == null) {
            assertTrue(row.isEmpty(), "no " + tensor + " " + kind + " at block " + k + " in numpy, but rscale has one");
            return 0;
        }
        JsonNode values = expected.get(convention);
        double[] got = row.orElseThrow(() -> new AssertionError("rscale has no " + tensor + " " + kind + " at block " + k))
                .singularValues();
        assertEquals(values.size(), got.length, tensor + " " + kind + " block " + k);
        for (int i = 0; i < got.length; i++) {
            NUMPY.check(values.get(i).asDouble(), got[i], tensor + " " + kind + " block " + k + " value " + i
                    + " (" + convention + ")");
        }
        return 1;
    }

    @Test
    void theCommittedPyTorchExportMatchesNumpy(@TempDir Path dir) throws IOException {
        copy(resource("statedict"), dir);
        JsonNode reference = DataFormats.json().readTree(dir.resolve("reference.json").toFile());
        for (StrideRule rule : StrideRule.values()) {
            SweepAnalysis a = analyse(dir, rule);
            assertEquals(1, a.groups().size());
            assertEquals(3, a.groups().get(0).group().cells().get(0).seed());
            // 6 blocks: 12 kernels, 3 shortcuts, increments conv1 1 (stage 1) and conv2 2 (stages 1, 3), 12 statistics
            assertEquals(12 + 3 + 3 + 12, compare(a, reference, rule), "kernels, increments and statistics");
        }
    }

    @Test
    void pyTorchExportsAtSeveralDepthsInBothFormatsMatchNumpy(@TempDir Path dir) throws IOException, InterruptedException {
        Optional<String> python = PythonScripts.interpreterWith("torch", "numpy");
        if (python.isEmpty()) {
            if (PythonScripts.required()) {
                fail("RSCALE_REQUIRE_NUMPY=1 but no python3 imports torch and numpy");
            }
            assumeTrue(false, "no python3 with torch");
        }
        String script;
        try (InputStream in = StateDictAnalysisTest.class.getResourceAsStream("export_conv_resnet.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PythonScripts.Result r = PythonScripts.run(python.get(), script, dir.toString(), "--width", "2", "--input-size",
                "8", "--depths", "1,1,1,1", "2,1,2,1", "2,2,3,2", "--seeds", "0");
        assertEquals(0, r.exitCode(), r.output());
        JsonNode reference = DataFormats.json().readTree(dir.resolve("reference.json").toFile());
        for (String format : List.of("npy", "safetensors")) {
            for (StrideRule rule : StrideRule.values()) {
                SweepAnalysis a = analyse(dir.resolve(format), rule);
                assertEquals(3, a.convSpectra().size(), format);
                assertTrue(compare(a, reference, rule) > 80, format);
            }
        }
        SweepAnalysis npy = analyse(dir.resolve("npy"), StrideRule.SUBSAMPLED);
        SweepAnalysis st = analyse(dir.resolve("safetensors"), StrideRule.SUBSAMPLED);
        assertEquals(npy.convSpectra(), st.convSpectra(), "both formats give the same spectra");
    }
}
