package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.testing.Python;
import org.rscale.sweeps.testing.RealDatasets;
import org.rscale.sweeps.testing.Tolerance;

/**
 * The MNIST-25 features of real Fashion-MNIST images against independent computations in Python:
 * numpy (strided windows, float64) and, where installed, PyTorch's {@code torch.nn.functional.conv2d}
 * in float64, both reading the IDX {@code .gz} files themselves. Skipped without the files or
 * numpy, unless RSCALE_REQUIRE_DATASETS=1 / RSCALE_REQUIRE_NUMPY=1 (CI).
 */
class FashionMnistFeaturesTest {
    private static final Tolerance FLOAT64 = new Tolerance("float64, sums in another order", 1e-14, 1e-12);
    private static final int[] TRAIN = {0, 1, 12_345, 59_999};
    private static final int[] TEST = {0, 9_999};

    /**
     * Reads the IDX files, draws nothing: for each (directory of saved convolutions, pixel scale) applies
     * them and prints the normalised features of the requested images, one line each (numpy, then torch
     * if importable).
     */
    private static final String SCRIPT = String.join("\n",
            "import gzip, sys, numpy as np",
            "d, train_idx, test_idx = sys.argv[1], sys.argv[2], sys.argv[3]",
            "raw = {}",
            "def images(name, idx):",
            "    if name not in raw:",
            "        b = gzip.open(d + '/' + name).read()",
            "        assert int.from_bytes(b[:4], 'big') == 0x803",
            "        raw[name] = np.frombuffer(b, np.uint8, offset=16).reshape(-1, 28, 28)",
            "    return raw[name][idx].astype(np.float64)",
            "def conv(x, w, b):",
            "    k = w.shape[-1]",
            "    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(1, 2))[:, ::2, ::2]",
            "    return np.einsum('nijpq,pq->nij', win, w[0, 0]) + b[0]",
            "def numpy_features(x, w1, b1, w2, b2):",
            "    v = conv(conv(x, w1, b1), w2, b2).reshape(len(x), -1)",
            "    return v / np.linalg.norm(v, axis=1, keepdims=True)",
            "def torch_features(x, w1, b1, w2, b2):",
            "    import torch, torch.nn.functional as F",
            "    t, T = torch.from_numpy(x).unsqueeze(1), torch.from_numpy",
            "    v = F.conv2d(F.conv2d(t, T(w1), T(b1), stride=2), T(w2), T(b2), stride=2).reshape(len(x), -1)",
            "    return (v / torch.norm(v, dim=1, keepdim=True)).numpy()",
            "impls = [('numpy', numpy_features)]",
            "try:",
            "    import torch",
            "    impls.append(('torch', torch_features))",
            "except ImportError:",
            "    pass",
            "for case in range(4, len(sys.argv), 2):",
            "    wdir, scale = sys.argv[case], float(sys.argv[case + 1])",
            "    w = [np.load(wdir + '/' + n + '.npy') for n in ('conv1_weight', 'conv1_bias', 'conv2_weight', 'conv2_bias')]",
            "    for split, name, idx in (('train', 'train-images-idx3-ubyte.gz', train_idx),",
            "                             ('test', 't10k-images-idx3-ubyte.gz', test_idx)):",
            "        x = images(name, [int(i) for i in idx.split(',')]) * scale",
            "        for impl, f in impls:",
            "            for i, row in zip(idx.split(','), f(x, *w)):",
            "                print(wdir, impl, split, i, ' '.join(repr(float(v)) for v in row))");

    private static IdxDataset fashion;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() {
        fashion = IdxDataset.read(RealDatasets.fashionMnist());
    }

    @Test
    void rawAndUnitPixelFeaturesMatchNumpyAndPytorch() {
        String python = Python.with("numpy");
        Map<String, MnistFeatureSet> sets = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of(fashion.directory().toString(), join(TRAIN), join(TEST)));
        for (PixelScale scale : PixelScale.values()) {
            MnistFeatureSet set = MnistFeatureSet.compute(fashion, 7 * scale.ordinal(), scale);
            assertEquals(60_000, set.trainCount());
            assertEquals(10_000, set.testCount());
            Path dir = tmp.resolve(scale.key());
            FeatureCache.write(dir, set, fashion.directory());
            sets.put(dir.toString(), set);
            args.add(dir.toString());
            args.add(Double.toString(scale.factor()));
        }
        String out = Python.run(python, SCRIPT, args.toArray(String[]::new));
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            MnistFeatureSet set = sets.get(f[0]);
            boolean train = "train".equals(f[2]);
            int image = Integer.parseInt(f[3]);
            double[] ours = train ? set.trainFeatures() : set.testFeatures();
            for (int j = 0; j < 25; j++) {
                FLOAT64.check(Double.parseDouble(f[4 + j]), ours[image * 25 + j],
                        set.scale().key() + " " + f[1] + " " + f[2] + " image " + image + " feature " + j);
            }
            lines.merge(f[1], 1, Integer::sum);
        }
        // numpy always; torch too where installed (it is, for /usr/bin/python3, on this project's machines)
        assertEquals(2 * (TRAIN.length + TEST.length), lines.get("numpy"), out);
        if (lines.containsKey("torch")) {
            assertEquals(2 * (TRAIN.length + TEST.length), lines.get("torch"), out);
        }
        // the cache's own copy reads back identically
        for (Map.Entry<String, MnistFeatureSet> e : sets.entrySet()) {
            MnistFeatureSet back = FeatureCache.read(Path.of(e.getKey()));
            assertEquals(e.getValue().convolutions(), back.convolutions());
            assertEquals(e.getValue().key(), back.key());
            assertEquals(e.getValue().trainFeatures()[12_345 * 25 + 24], back.trainFeatures()[12_345 * 25 + 24]);
            assertEquals(60_000, Npy.read(Path.of(e.getKey()).resolve("train_labels.npy")).data().length);
        }
    }

    private static String join(int[] v) {
        StringBuilder s = new StringBuilder();
        for (int i : v) {
            s.append(s.length() == 0 ? "" : ",").append(i);
        }
        return s.toString();
    }
}
