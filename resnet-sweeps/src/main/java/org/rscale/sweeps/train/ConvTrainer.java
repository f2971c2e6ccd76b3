package org.rscale.sweeps.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.data.ImageBatches;
import org.rscale.sweeps.data.ImageData;
import org.rscale.sweeps.data.ImageSet;
import org.rscale.sweeps.kernel.conv.ConvTrainingKernel;
import org.rscale.sweeps.model.ConvArchitecture;
import org.rscale.sweeps.random.RandomStreams;

/**
 * Trains a conv cell as SCIENCE 1.3: {@code epochs} epochs of mini-batch SGD (the kernel's update) on
 * the training images in a new seeded order every epoch (the last batch smaller), the learning rate
 * constant or PyTorch's {@code CosineAnnealingLR(T_max = epochs, eta_min = 0)} stepped per epoch,
 * {@code lr_e = lr (1 + cos(pi e / epochs)) / 2} in epoch e = 0, 1, ...; augmentation as
 * {@link ImageBatches}; after every epoch the test loss and accuracy. There is no early stopping (the
 * paper trains a fixed number of epochs): the status is {@code max-epochs}, or {@code diverged} at
 * the first non-finite batch loss.
 */
public final class ConvTrainer {

    /** The purpose of the augmentation's random stream. */
    public static final String AUGMENT_STREAM = "augment";

    private ConvTrainer() {
    }

    /**
     * What {@link #train} holds besides the kernel and the images: the batch of normalised images and its labels,
     * the training and test orders, and the trained network it returns ({@link ConvTrainingKernel#parameters}, float64).
     *
     * @param arch       the network's shape
     * @param maxBatch   the kernel's batch capacity
     * @param trainCount the training images
     * @param testCount  the test images
     * @return the bytes
     */
    public static long estimatedBytes(ConvArchitecture arch, int maxBatch, int trainCount, int testCount) {
        long image = (long) arch.inputChannels() * arch.inputHeight() * arch.inputWidth();
        return 8 * maxBatch * image + 4L * maxBatch + 4L * ((long) trainCount + testCount) + 8 * arch.parameterCount();
    }

    /**
     * @param epoch    0-based
     * @param s        the settings ({@code lr}, {@code lr_schedule}, {@code epochs})
     * @return the learning rate of that epoch
     */
    public static double learningRate(int epoch, CellSettings s) {
        if ("cosine".equals(s.lrSchedule())) {
            return s.lr() * (1 + Math.cos(Math.PI * epoch / s.epochs())) / 2;
        }
        return s.lr();
    }

    /**
     * @param s        the cell's settings
     * @param kernel   the kernel, holding the initial network
     * @param data     the images
     * @param listener told after each epoch
     * @return the trained network, the history and the status
     */
    public static ConvTrainingResult train(CellSettings s, ConvTrainingKernel kernel, ImageData data,
                                           TrainingListener listener) {
        long start = System.nanoTime();
        ImageSet train = data.train();
        int n = train.count();
        int batch = Math.min(s.batchSize(), kernel.maxBatch());
        String key = s.canonical(CellSettings.DEPTH_KEY, "data.kind", "data.path", "data.train_size", "data.seed",
                "batch_size", "augment");
        SplittableRandom shuffle = RandomStreams.of(s.seed(), key, RandomStreams.SHUFFLE);
        SplittableRandom augment = RandomStreams.of(s.seed(), key, AUGMENT_STREAM);
        boolean augmenting = "crop-flip".equals(s.augment());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] images = new double[Math.max(batch, kernel.maxBatch()) * train.imageSize()];
        int[] labels = new int[Math.max(batch, kernel.maxBatch())];
        List<ConvEpochRecord> history = new ArrayList<>();
        long steps = 0;
        TrainingStatus status = TrainingStatus.MAX_EPOCHS;
        int divergedEpoch = 0;
        int divergedBatch = 0;
        int epochs = 0;
        for (int e = 0; e < s.epochs(); e++) {
            double lr = learningRate(e, s);
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double lossSum = 0;
            long correct = 0;
            int b = 0;
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                ImageBatches.fill(train, data, order, from, count, augmenting, augment, images);
                for (int i = 0; i < count; i++) {
                    labels[i] = train.labels()[order[from + i]];
                }
                ConvTrainingKernel.BatchResult r = kernel.trainStep(images, labels, count, lr);
                steps++;
                b++;
                if (!Double.isFinite(r.meanLoss())) {
                    status = TrainingStatus.DIVERGED;
                    divergedEpoch = e + 1;
                    divergedBatch = b;
                    lossSum = r.meanLoss();
                    break;
                }
                lossSum += r.meanLoss() * count;
                correct += r.correct();
            }
            epochs = e + 1;
            double seconds = (System.nanoTime() - start) / 1e9;
            if (status == TrainingStatus.DIVERGED) {
                history.add(new ConvEpochRecord(epochs, lr, lossSum, Double.NaN, Double.NaN, Double.NaN, seconds));
                listener.onEpoch(epochs, s.epochs(), lossSum, Double.NaN);
                break;
            }
            double[] test = evaluate(kernel, data, images, labels);
            seconds = (System.nanoTime() - start) / 1e9;
            history.add(new ConvEpochRecord(epochs, lr, lossSum / n, (double) correct / n, test[0], test[1], seconds));
            listener.onEpoch(epochs, s.epochs(), lossSum / n, test[0]);
        }
        return new ConvTrainingResult(kernel.parameters(), history, status, epochs, steps,
                (System.nanoTime() - start) / 1e9, divergedEpoch, divergedBatch);
    }

    /** Mean test loss and accuracy, in batches of the kernel's capacity, without augmentation. */
    private static double[] evaluate(ConvTrainingKernel kernel, ImageData data, double[] images, int[] labels) {
        ImageSet test = data.test();
        int n = test.count();
        int batch = kernel.maxBatch();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double loss = 0;
        long correct = 0;
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            ImageBatches.fill(test, data, order, from, count, false, null, images);
            System.arraycopy(test.labels(), from, labels, 0, count);
            ConvTrainingKernel.BatchResult r = kernel.evaluate(images, labels, count);
            loss += r.meanLoss() * count;
            correct += r.correct();
        }
        return new double[] {loss / n, (double) correct / n};
    }
}
