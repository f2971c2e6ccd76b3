package org.rscale.sweeps.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;
import org.rscale.sweeps.testing.IdxFixtures;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.Tolerance;

@ExtendWith(QuietConsole.class)
class MnistFeaturesTest {
    private static final Tolerance SAME_SUMS = Tolerance.relative("same sums in another order", 1e-13);
    private static final FileIdentity MEMORY = new FileIdentity("memory", 0, "0".repeat(64));

    @TempDir
    Path tmp;

    @Test
    void aConstantImageThroughAllOnesKernelsGivesEqualFeaturesOfNormOne() {
        double[] ones25 = new double[25];
        double[] ones9 = new double[9];
        Arrays.fill(ones25, 1);
        Arrays.fill(ones9, 1);
        RandomConvolutions conv = new RandomConvolutions(ones25, 0, ones9, 0);
        byte[] px = new byte[784];
        Arrays.fill(px, (byte) 7);
        IdxImages img = IdxImages.of(1, 28, 28, px, MEMORY);
        double[] raw = new double[25];
        double[] x = new double[784];
        img.copyImage(0, 1, x, 0);
        conv.apply(x, 0, new double[144], raw, 0);
        for (double v : raw) {
            assertEquals(225 * 7, v, 0.0, "9 x 25 pixels of 7");
        }
        double[] f = MnistFeatures.features(img, conv, PixelScale.RAW);
        for (double v : f) {
            assertEquals(0.2, v, 1e-15, "1/sqrt(25)");
        }
    }

    @Test
    void aSinglePixelLandsWhereTheStridesPutIt() {
        // x[6][9] = 1; conv2 keeps u[2i][2j] only, so v[i][j] = w1[6 - 4i][9 - 4j] where that is a kernel entry:
        // 6 - 4i in [0, 5) only for i = 1 (row 2); 9 - 4j in [0, 5) only for j = 2 (column 1)
        double[] w1 = new double[25];
        for (int i = 0; i < 25; i++) {
            w1[i] = i + 1;
        }
        double[] w2 = new double[9];
        w2[0] = 1;
        RandomConvolutions conv = new RandomConvolutions(w1, 0, w2, 0);
        double[] x = new double[784];
        x[6 * 28 + 9] = 1;
        double[] v = new double[25];
        conv.apply(x, 0, new double[144], v, 0);
        double[] expected = new double[25];
        expected[5 + 2] = w1[2 * 5 + 1];
        assertArrayEquals(expected, v, 0.0);
        // the biases: b2 + b1 * sum(w2)
        RandomConvolutions withBias = new RandomConvolutions(w1, 0.5, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, -1);
        withBias.apply(new double[784], 0, new double[144], v, 0);
        for (double vi : v) {
            assertEquals(-1 + 0.5 * 45, vi, 1e-15);
        }
    }

    @Test
    void matchesAFullResolutionCrossCorrelationSubsampled() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            RandomConvolutions conv = RandomConvolutions.pytorchDefault(trial);
            double[] x = new double[784];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(256);
            }
            double[] v = new double[25];
            conv.apply(x, 0, new double[144], v, 0);
            // naive: stride-1 cross-correlations, then every second entry
            double[] w1 = conv.conv1Weight();
            double[] w2 = conv.conv2Weight();
            double[][] full1 = new double[24][24];
            for (int i = 0; i < 24; i++) {
                for (int j = 0; j < 24; j++) {
                    double s = conv.conv1Bias();
                    for (int p = 0; p < 5; p++) {
                        for (int q = 0; q < 5; q++) {
                            s += w1[p * 5 + q] * x[(i + p) * 28 + j + q];
                        }
                    }
                    full1[i][j] = s;
                }
            }
            double[][] u = new double[12][12];
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    u[i][j] = full1[2 * i][2 * j];
                }
            }
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double s = conv.conv2Bias();
                    for (int p = 0; p < 3; p++) {
                        for (int q = 0; q < 3; q++) {
                            s += w2[p * 3 + q] * u[2 * i + p][2 * j + q];
                        }
                    }
                    SAME_SUMS.check(s, v[i * 5 + j], "feature " + i + "," + j);
                }
            }
        }
    }

    @Test
    void pytorchDefaultInitialisationIsUniformOnPlusMinusOneOverRootFanIn() {
        int seeds = 4000;
        double sum1 = 0;
        double sq1 = 0;
        double sq2 = 0;
        double sqb = 0;
        for (int s = 0; s < seeds; s++) {
            RandomConvolutions c = RandomConvolutions.pytorchDefault(s);
            for (double w : c.conv1Weight()) {
                assertTrue(Math.abs(w) <= 0.2, "|w1| <= 1/sqrt(25)");
                sum1 += w;
                sq1 += w * w;
            }
            for (double w : c.conv2Weight()) {
                assertTrue(Math.abs(w) <= 1.0 / 3, "|w2| <= 1/sqrt(9)");
                sq2 += w * w;
            }
            assertTrue(Math.abs(c.conv1Bias()) <= 0.2);
            assertTrue(Math.abs(c.conv2Bias()) <= 1.0 / 3);
            sqb += c.conv1Bias() * c.conv1Bias();
        }
        int n1 = 25 * seeds;
        // U(-b, b): mean 0, variance b^2 / 3; tolerances about 4 standard errors
        assertEquals(0, sum1 / n1, 4 * 0.2 / Math.sqrt(3 * n1));
        assertEquals(0.04 / 3, sq1 / n1, 4 * 0.04 * Math.sqrt(4.0 / 45 / n1));
        assertEquals(1.0 / 27, sq2 / (9 * seeds), 4 * (1.0 / 9) * Math.sqrt(4.0 / 45 / (9 * seeds)));
        assertEquals(0.04 / 3, sqb / seeds, 4 * 0.04 * Math.sqrt(4.0 / 45 / seeds));
        assertEquals(RandomConvolutions.pytorchDefault(3), RandomConvolutions.pytorchDefault(3));
        assertNotEquals(RandomConvolutions.pytorchDefault(3), RandomConvolutions.pytorchDefault(4));
    }

    @Test
    void featuresHaveNormOneAndTargetsAreOneHot() {
        IdxFixtures.writeDataset(tmp, 30, 10, 28, 28, true);
        IdxDataset d = IdxDataset.read(tmp);
        MnistFeatureSet set = MnistFeatureSet.compute(d, 5, PixelScale.UNIT);
        assertEquals(30, set.trainCount());
        for (int i = 0; i < 30; i++) {
            double sq = 0;
            for (int j = 0; j < 25; j++) {
                sq += set.trainFeatures()[i * 25 + j] * set.trainFeatures()[i * 25 + j];
            }
            assertEquals(1.0, sq, 1e-14);
        }
        Dataset train = MnistFeatures.dataset(set.trainFeatures(), set.trainLabels(), new int[] {3, 17}, "labels");
        assertEquals(2, train.n());
        assertEquals(25, train.d());
        double[] y = new double[50];
        y[3] = 1;
        y[25 + 7] = 1;
        assertArrayEquals(y, train.y(), 0.0);
        assertArrayEquals(Arrays.copyOfRange(set.trainFeatures(), 17 * 25, 18 * 25), Arrays.copyOfRange(train.x(), 25, 50));
        // raw and unit pixels give different features (the bias weighs differently) but both of norm 1
        MnistFeatureSet raw = MnistFeatureSet.compute(d, 5, PixelScale.RAW);
        assertFalse(Arrays.equals(raw.trainFeatures(), set.trainFeatures()));
        assertEquals(raw.convolutions(), set.convolutions());
        assertNotEquals(raw.key(), set.key());
    }

    @Test
    void refusesImagesOfAnotherSizeAndLabelsBeyondTheTargets() {
        IdxFixtures.writeDataset(tmp.resolve("small"), 4, 2, 8, 8, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MnistFeatureSet.compute(IdxDataset.read(tmp.resolve("small")), 0, PixelScale.RAW));
        assertTrue(e.getMessage().contains("images are 8 x 8 but data.kind mnist-features needs 28 x 28"), e.getMessage());
        Path big = tmp.resolve("labels");
        IdxFixtures.writeDataset(big, 3, 2, 28, 28, false);
        IdxFixtures.write(big, "t10k-labels-idx1-ubyte", IdxFixtures.labelFile(4, 31));
        e = assertThrows(InvalidInputException.class,
                () -> MnistFeatureSet.compute(IdxDataset.read(big), 0, PixelScale.RAW));
        assertTrue(e.getMessage().startsWith(big.resolve("t10k-labels-idx1-ubyte").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 31 of image 1 does not fit the 25 coordinates"), e.getMessage());
    }

    @Test
    void theKeyDependsOnEveryInputOfTheComputation() {
        List<FileIdentity> in = List.of(MEMORY, MEMORY, MEMORY, MEMORY);
        List<FileIdentity> other = List.of(MEMORY, MEMORY, MEMORY, new FileIdentity("memory", 0, "1".repeat(64)));
        String k = MnistFeatures.key(in, 0, PixelScale.RAW);
        assertEquals(64, k.length());
        assertEquals(k, MnistFeatures.key(in, 0, PixelScale.RAW));
        assertNotEquals(k, MnistFeatures.key(in, 1, PixelScale.RAW));
        assertNotEquals(k, MnistFeatures.key(in, 0, PixelScale.UNIT));
        assertNotEquals(k, MnistFeatures.key(other, 0, PixelScale.RAW));
    }
}
