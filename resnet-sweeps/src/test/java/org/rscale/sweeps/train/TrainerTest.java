package org.rscale.sweeps.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.config.SweepConfigLoader;
import org.rscale.sweeps.data.DataSource;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.init.WeightInitialiser;
import org.rscale.sweeps.kernel.KernelFactory;
import org.rscale.sweeps.kernel.TrainingKernel;

class TrainerTest {

    private static CellSettings cell(String... sets) {
        SweepConfigLoader l = new SweepConfigLoader().preset("smoke");
        for (String s : sets) {
            l.set(s);
        }
        return l.resolve().cells().get(0);
    }

    private static TrainingResult train(CellSettings c) {
        TrainTestData data = DataSource.load(c.data());
        TrainingKernel k = KernelFactory.create(c, WeightInitialiser.initialise(c.initSpec()), data.train());
        return Trainer.train(c, k, data, TrainingListener.NONE);
    }

    @Test
    void aHugeLearningRateDivergesAndSaysWhere() {
        TrainingResult r = train(cell("depths.values=20", "optimizer=sgd", "lr=1e6", "init=iid", "activation=linear",
                "delta=none"));
        assertEquals(TrainingStatus.DIVERGED, r.status());
        assertTrue(r.divergedEpoch() >= 1 && r.divergedBatch() >= 1);
        assertTrue(Double.isNaN(r.finalTrainLoss()));
        assertEquals(r.divergedEpoch() - 1, r.history().size(), "completed epochs only");
    }

    @Test
    void theHistoryHasOneRowPerEpochAndTheStatusFollowsTheRule() {
        TrainingResult r = train(cell("depths.values=5", "epochs=3", "epsilon=0"));
        assertEquals(TrainingStatus.MAX_EPOCHS, r.status());
        assertEquals(3, r.history().size());
        assertEquals(3 * 4, r.steps(), "128 samples in batches of 32, three epochs");
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, r.history().get(i).epoch());
        }
        assertEquals(r.history().get(2).trainLoss(), r.finalTrainLoss());
    }

    @Test
    void trainingIsDeterministicAndDependsOnTheBatching() {
        TrainingResult a = train(cell("depths.values=7"));
        TrainingResult b = train(cell("depths.values=7"));
        assertEquals(a.finalTrainLoss(), b.finalTrainLoss());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.trained().A(), b.trained().A(), 0.0);
        TrainingResult c = train(cell("depths.values=7", "batching=shuffle"));
        assertTrue(a.finalTrainLoss() != c.finalTrainLoss(), "another batching, another trajectory");
        TrainingResult partial = train(cell("depths.values=7", "batching=shuffle", "batch_size=50"));
        assertEquals(3 * partial.epochs(), partial.steps(), "128 samples: 50 + 50 + 28");
    }
}
