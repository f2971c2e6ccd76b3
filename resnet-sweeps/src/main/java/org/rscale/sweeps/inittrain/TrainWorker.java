package org.rscale.sweeps.inittrain;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.initstudy.ScaledResNet;
import org.rscale.sweeps.initstudy.ScaledResNetSampler;
import org.rscale.sweeps.kernel.Res1Training;
import org.rscale.sweeps.random.RandomStreams;

/**
 * Trains the res-1 network of one unit (SCIENCE 1.2; the reference code's {@code training.fit}): the
 * initial weights from stream {@code (seed, unit.initKey, init)}, then {@code epochs} epochs of Adam
 * on new random batches every epoch (stream {@code (seed, "jmlr-train-batches|n=<n>|batch=<b>",
 * shuffle)}, the same order for every law, beta and learning rate of a seed), the learning rate
 * multiplied by {@code lr_gamma} every {@code lr_step} epochs (PyTorch's {@code StepLR}), the test
 * set evaluated after every epoch. A non-finite training loss stops the training: {@code diverged}.
 */
public final class TrainWorker {
    private final TrainConfig config;
    private final ImageData data;

    /**
     * What one training gives.
     *
     * @param run     its result.json
     * @param history one row per epoch: epoch, lr, train_loss, test_loss, test_accuracy, seconds
     * @param trained the trained network
     */
    public record Result(TrainRun run, List<double[]> history, ScaledResNet trained) {
        /**
         * Copies the list.
         *
         * @param run     the result
         * @param history the history
         * @param trained the network
         */
        public Result {
            history = List.copyOf(history);
        }
    }

    /**
     * @param config the study
     * @param data   its data, loaded once
     */
    public TrainWorker(TrainConfig config, ImageData data) {
        this.config = config;
        this.data = data;
    }

    /**
     * The bytes a worker holds while it trains a unit (every unit of a study has the same shape): the training
     * kernel ({@link Res1Training#estimatedBytes}), three more copies of the network (the drawn one, the trained
     * one, and V.npy's buffer while it is written) and the batch order.
     *
     * @param config the study
     * @param data   its data
     * @return the bytes, estimated
     */
    public static long estimatedBytes(TrainConfig config, ImageData data) {
        long d = config.width();
        long network = 8 * (d * data.inputs() + (long) data.classes() * d + (long) config.depth() * d * d);
        int batch = Math.max(1, Math.min(config.batchSize(), data.trainCount()));
        return Res1Training.estimatedBytes(config.width(), data.inputs(), data.classes(), config.depth(), batch)
                + 3 * network + 4L * data.trainCount();
    }

    /**
     * @param unit a unit of this study
     * @return its training
     */
    public Result train(TrainUnit unit) {
        Instant started = Instant.now();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int m = data.inputs();
        int classes = data.classes();
        ScaledResNetSampler sampler = new ScaledResNetSampler(BranchModel.RES_1, config.law(unit.init(), unit.hurst()),
                config.width(), m, classes, config.depth());
        ScaledResNet initial = sampler.draw(RandomStreams.of(unit.seed(), unit.initKey(config, m, classes),
                RandomStreams.INIT));
        int n = data.trainCount();
        int batch = Math.min(config.batchSize(), n);
        Res1Training trainer = new Res1Training(initial, Math.pow(config.depth(), -unit.beta()), batch);
        SplittableRandom shuffle = RandomStreams.of(unit.seed(), "jmlr-train-batches|n=" + n + "|batch=" + batch,
                RandomStreams.SHUFFLE);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<double[]> history = new ArrayList<>();
        String status = TrainRun.FINISHED;
        double trainLoss = Double.NaN;
        double[] test = {Double.NaN, 0};
        int epochs = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double lr = unit.lr() * Math.pow(config.lrGamma(), epoch / config.lrStep());
            permute(order, shuffle);
            double sum = 0;
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                double loss = trainer.trainStep(data.trainX(), data.trainY(), order, from, count, lr);
                sum += loss * count;
                if (!Double.isFinite(loss)) {
                    status = TrainRun.DIVERGED;
                    break;
                }
            }
            trainLoss = sum / n;
            test = trainer.evaluate(data.testX(), data.testY(), data.testCount());
            epochs++;
            history.add(new double[] {epoch + 1, lr, trainLoss, test[0], test[1] / data.testCount(),
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) * 1e-9});
            if (TrainRun.DIVERGED.equals(status)) {
                break;
            }
        }
        double seconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) * 1e-9;
        TrainRun run = new TrainRun(TrainRun.FORMAT_VERSION, unit.index(), unit.init().key(),
                unit.init() == Initialisation.FBM ? unit.hurst() : null, unit.beta(), unit.lr(), unit.seed(), status,
                epochs, trainer.steps(), TrainRun.finite(trainLoss), TrainRun.finite(test[0]),
                test[1] / data.testCount(), n, data.testCount(), seconds,
                org.rscale.sweeps.run.Provenance.here("res1-loop", "float64", false, "cpu", started, Instant.now()));
        return new Result(run, history, trainer.parameters());
    }

    /** A new random order, Fisher-Yates from the end. */
    private static void permute(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
