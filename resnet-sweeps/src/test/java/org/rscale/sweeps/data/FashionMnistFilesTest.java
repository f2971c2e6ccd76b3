package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rscale.sweeps.testing.RealDatasets;

/**
 * The real Fashion-MNIST files of Debian's {@code dataset-fashion-mnist} (skipped when absent,
 * required in CI). Reference values from numpy 1.24.2 on the same files:
 * <pre>
 *   b = gzip.open(d + 'train-images-idx3-ubyte.gz').read()
 *   x = np.frombuffer(b, np.uint8, offset=16).reshape(-1, 28, 28)
 *   int(x[i].sum(dtype=np.int64)); int(x.sum(dtype=np.int64))
 *   np.frombuffer(gzip.open(d + 'train-labels-idx1-ubyte.gz').read(), np.uint8, offset=8)[i]
 * </pre>
 */
class FashionMnistFilesTest {
    private static IdxDataset fashion;

    @BeforeAll
    static void read() {
        Path dir = RealDatasets.fashionMnist();
        fashion = IdxDataset.read(dir).requireImageSize(28, 28, "this test");
    }

    @Test
    void countsAndSizes() {
        assertEquals(60_000, fashion.train().count());
        assertEquals(10_000, fashion.test().count());
        assertEquals(28, fashion.rows());
        assertEquals(28, fashion.cols());
        assertEquals(10, fashion.train().labels().classes());
        int[] perClass = new int[10];
        for (int y : fashion.train().labels().toArray()) {
            perClass[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, perClass[c], "training images of class " + c);
        }
    }

    @Test
    void knownPixelSumsAndLabels() {
        LabelledImages train = fashion.train();
        LabelledImages test = fashion.test();
        assertEquals(76_247, train.images().pixelSum(0));
        assertEquals(9, train.label(0));
        assertEquals(84_598, train.images().pixelSum(1));
        assertEquals(0, train.label(1));
        assertEquals(16_684, train.images().pixelSum(59_999));
        assertEquals(5, train.label(59_999));
        assertEquals(33_456, test.images().pixelSum(0));
        assertEquals(9, test.label(0));
        assertEquals(24_390, test.images().pixelSum(9_999));
        assertEquals(5, test.label(9_999));
        long all = 0;
        for (int i = 0; i < test.count(); i++) {
            all += test.images().pixelSum(i);
        }
        assertEquals(573_469_082L, all);
    }

    @Test
    void identifiesTheFilesByContent() {
        assertEquals(26_421_856L, fashion.train().images().source().bytes());
        assertEquals(64, fashion.train().images().source().sha256().length());
        assertEquals(4, fashion.sources().stream().map(s -> s.sha256()).distinct().count());
    }
}
