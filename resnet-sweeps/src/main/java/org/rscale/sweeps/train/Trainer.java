package org.rscale.sweeps.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.TrainTestData;
import org.rscale.sweeps.kernel.TrainingKernel;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The training protocol of SCIENCE 3: epochs of mini-batch steps until the {@link StoppingRule}
 * says stop.
 *
 * <p>Batches: with {@code batching: reference} the training set is cut once into consecutive
 * batches and only their order is shuffled each epoch (the reference code); with
 * {@code batching: shuffle} the samples are permuted afresh each epoch and the last batch may be
 * smaller. The epoch loss is the mean of the batch losses weighted by batch size (equal to the
 * reference's plain mean when batches are equal). The shuffle stream is
 * {@link RandomStreams#of}(seed, key, {@code shuffle}) with the key made of depth, data and
 * batching settings only.
 */
public final class Trainer {
    private static final String[] SHUFFLE_KEYS = {CellSettings.DEPTH_KEY, "data.kind", "data.dim", "data.train_size",
        "data.test_size", "data.seed", "batch_size", "batching"};

    private Trainer() {
    }

    /**
     * @param cell     the cell's settings
     * @param kernel   a kernel holding the initial parameters and the training set
     * @param data     the training and test sets
     * @param listener told after each epoch
     * @return the outcome, with the final parameters
     */
    public static TrainingResult train(CellSettings cell, TrainingKernel kernel, TrainTestData data,
                                       TrainingListener listener) {
        long start = System.nanoTime();
        int n = data.train().n();
        int batch = Math.min(cell.batchSize(), n);
        boolean reference = "reference".equals(cell.batching());
        int batches = (n + batch - 1) / batch;
        SplittableRandom rng = RandomStreams.of(cell.seed(), cell.canonical(SHUFFLE_KEYS), RandomStreams.SHUFFLE);
        int[] order = new int[n];
        int[] batchOrder = new int[batches];
        StoppingRule rule = new StoppingRule(cell.epsilon(), cell.patience(), cell.stallFactor(), cell.epochs());
        List<EpochRecord> history = new ArrayList<>();
        long steps = 0;
        TrainingStatus status = null;
        double trainLoss = Double.NaN;
        double testLoss = Double.NaN;
        int divergedEpoch = 0;
        int divergedBatch = 0;
        int epoch = 0;
        while (status == null) {
            epoch++;
            if (reference) {
                for (int i = 0; i < batches; i++) {
                    batchOrder[i] = i;
                }
                shuffle(batchOrder, rng);
                int pos = 0;
                for (int bi : batchOrder) {
                    int from = bi * batch;
                    int to = Math.min(n, from + batch);
                    for (int s = from; s < to; s++) {
                        order[pos++] = s;
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                shuffle(order, rng);
            }
            double sum = 0;
            for (int bi = 0, from = 0; from < n; bi++, from += batch) {
                int count = Math.min(batch, n - from);
                double loss = kernel.trainStep(order, from, count);
                steps++;
                if (!Double.isFinite(loss)) {
                    divergedEpoch = epoch;
                    divergedBatch = bi + 1;
                    sum = Double.NaN;
                    break;
                }
                sum += loss * count;
            }
            trainLoss = sum / n;
            if (!Double.isFinite(trainLoss)) {
                status = TrainingStatus.DIVERGED;
                testLoss = Double.NaN;
                break;
            }
            testLoss = data.test().n() > 0 ? kernel.loss(data.test()) : Double.NaN;
            history.add(new EpochRecord(epoch, trainLoss, testLoss, (System.nanoTime() - start) * 1e-9));
            listener.onEpoch(epoch, cell.epochs(), trainLoss, testLoss);
            status = rule.afterEpoch(trainLoss);
        }
        int epochs = status == TrainingStatus.DIVERGED ? epoch - 1 : epoch;
        return new TrainingResult(status, epochs, trainLoss, testLoss, rule.best(), history, kernel.parameters(), steps,
                (System.nanoTime() - start) * 1e-9, divergedEpoch, divergedBatch);
    }

    /** Fisher-Yates, from the last position down. */
    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
