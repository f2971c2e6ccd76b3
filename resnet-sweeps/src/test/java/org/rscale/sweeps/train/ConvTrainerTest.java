package org.rscale.sweeps.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.Setting;
import org.rscale.sweeps.data.ImageData;
import org.rscale.sweeps.data.ImageSet;
import org.rscale.sweeps.init.ConvInitialiser;
import org.rscale.sweeps.kernel.conv.ConvGemmKernel;
import org.rscale.sweeps.model.ConvArchitecture;

/** The conv training loop: PyTorch's cosine schedule, history rows, reproducibility, divergence. */
class ConvTrainerTest {

    private static CellSettings settings(double lr, String schedule, int epochs) {
        return CellSettings.of(4, 0, Map.of(Setting.MODEL, "conv", Setting.DATA_KIND, "cifar10",
                Setting.OPTIMIZER, "sgd", Setting.CONV_BLOCKS, "even", Setting.LR, lr, Setting.LR_SCHEDULE, schedule,
                Setting.EPOCHS, epochs, Setting.BATCH_SIZE, 8, Setting.AUGMENT, "crop-flip", Setting.MOMENTUM, 0.9));
    }

    private static ImageData data() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] p = new byte[20 * 3 * 8 * 8];
        int[] l = new int[20];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < l.length; i++) {
            l[i] = i % 3;
        }
        ImageSet s = new ImageSet(3, 8, 8, p, l, 3);
        return new ImageData(s, s.select(new int[] {0, 1, 2, 3, 4}), new double[] {0.5, 0.5, 0.5},
                new double[] {0.25, 0.25, 0.25});
    }

    private static ConvTrainingResult train(CellSettings s) {
        ConvArchitecture arch = new ConvArchitecture(s.convBlockCounts(), 2, 3, 8, 8, 3);
        try (ConvGemmKernel k = new ConvGemmKernel(ConvInitialiser.initialise(arch, s.seed(), s.convInitKey()), 8,
                "float64", s.momentum(), s.weightDecay())) {
            return ConvTrainer.train(s, k, data(), (e, m, a, b) -> { });
        }
    }

    @Test
    void cosineAnnealingIsPyTorchsClosedFormPerEpoch() {
        CellSettings s = settings(0.1, "cosine", 4);
        assertEquals(0.1, ConvTrainer.learningRate(0, s), 1e-15);
        assertEquals(0.1 * (1 + Math.cos(Math.PI / 4)) / 2, ConvTrainer.learningRate(1, s), 1e-15);
        assertEquals(0.05, ConvTrainer.learningRate(2, s), 1e-15);
        assertEquals(0.1, ConvTrainer.learningRate(3, settings(0.1, "constant", 4)), 0.0);
    }

    @Test
    void historyHasEveryEpochAndARerunIsIdentical() {
        CellSettings s = settings(0.05, "cosine", 3);
        ConvTrainingResult a = train(s);
        ConvTrainingResult b = train(s);
        assertEquals(TrainingStatus.MAX_EPOCHS, a.status());
        assertEquals(3, a.history().size());
        assertEquals(9, a.steps(), "20 images in batches of 8: 3 steps per epoch");
        for (ConvEpochRecord e : a.history()) {
            assertTrue(e.trainAccuracy() >= 0 && e.trainAccuracy() <= 1 && e.testAccuracy() >= 0 && e.testAccuracy() <= 1);
            assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.testLoss()));
        }
        assertEquals(a.history().get(2).trainLoss(), b.history().get(2).trainLoss(), 0.0);
        assertEquals(List.of(a.trained().linearBias()[0]), List.of(b.trained().linearBias()[0]));
    }

    @Test
    void aNonFiniteLossIsRecordedAsDiverged() {
        ConvTrainingResult r = train(settings(1e30, "constant", 5));
        assertEquals(TrainingStatus.DIVERGED, r.status());
        assertTrue(r.divergedEpoch() >= 1 && r.divergedBatch() >= 1);
        List<ConvEpochRecord> h = new ArrayList<>(r.history());
        assertEquals(r.divergedEpoch(), h.size());
        assertTrue(!Double.isFinite(h.get(h.size() - 1).trainLoss()));
    }
}
