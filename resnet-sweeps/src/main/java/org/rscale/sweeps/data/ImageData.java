package org.rscale.sweeps.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The training and test images of a conv cell with their per-channel normalisation
 * {@code (pixel / 255 - mean[c]) / std[c]}: CIFAR-10's constants of SCIENCE 1.3 for {@code cifar10}
 * (mean 0.4914, 0.4822, 0.4465; std 0.2023, 0.1994, 0.2010); for {@code idx-images} the mean and
 * standard deviation of the training subset's pixels (one channel), computed here.
 *
 * @param train the training images (a seeded subset)
 * @param test  the test images (a seeded subset)
 * @param mean  per channel, of pixel / 255
 * @param std   per channel, of pixel / 255
 */
public record ImageData(ImageSet train, ImageSet test, double[] mean, double[] std) {

    private static final double[] CIFAR_MEAN = {0.4914, 0.4822, 0.4465};
    private static final double[] CIFAR_STD = {0.2023, 0.1994, 0.2010};

    /**
     * Reads the files and takes the subsets.
     *
     * @param spec the data settings
     * @return the data
     * @throws InvalidInputException naming the file or setting at fault
     */
    public static ImageData load(ImageDataSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new InvalidInputException("data.kind=" + spec.kind() + " needs data.path, the directory of the files");
        }
        Path dir = Path.of(spec.path());
        ImageSet train;
        ImageSet test;
        switch (spec.kind()) {
            case "cifar10" -> {
                ImageSet[] both = Cifar10Files.read(dir);
                train = both[0];
                test = both[1];
            }
            case "idx-images" -> {
                IdxDataset idx = IdxDataset.read(dir);
                train = fromIdx(idx.train());
                test = fromIdx(idx.test());
                int classes = Math.max(train.classes(), test.classes());
                train = new ImageSet(1, train.height(), train.width(), train.pixels(), train.labels(), classes);
                test = new ImageSet(1, test.height(), test.width(), test.pixels(), test.labels(), classes);
            }
            default -> throw new InvalidInputException("data.kind=" + spec.kind() + " holds no images");
        }
        SplittableRandom r = RandomStreams.of(spec.seed(), spec.streamKey(), RandomStreams.DATA);
        train = subset(train, spec.trainSize(), r, "data.train_size", dir);
        test = subset(test, spec.testSize(), r, "data.test_size", dir);
        double[] mean;
        double[] std;
        if ("cifar10".equals(spec.kind())) {
            mean = CIFAR_MEAN.clone();
            std = CIFAR_STD.clone();
        } else {
            mean = new double[1];
            std = new double[1];
            double s = 0;
            double s2 = 0;
            for (byte b : train.pixels()) {
                double v = (b & 0xff) / 255.0;
                s += v;
                s2 += v * v;
            }
            long n = train.pixels().length;
            mean[0] = s / n;
            std[0] = Math.sqrt(Math.max(s2 / n - mean[0] * mean[0], 1e-12));
        }
        return new ImageData(train, test, mean, std);
    }

    private static ImageSet fromIdx(LabelledImages li) {
        IdxImages im = li.images();
        int classes = Math.max(2, li.labels().classes());
        return new ImageSet(1, im.rows(), im.cols(), im.copyPixels(), li.labels().toArray(), classes);
    }

    /** The first {@code size} of a seeded permutation, in file order; all images when size is 0 or the count. */
    private static ImageSet subset(ImageSet all, int size, SplittableRandom r, String setting, Path dir) {
        if (size == 0) {
            return all;
        }
        if (size > all.count()) {
            throw new InvalidInputException("setting '" + setting + "' is " + size + " but " + dir + " holds "
                    + all.count() + " such images");
        }
        if (size == all.count()) {
            return all;
        }
        int[] p = new int[all.count()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + r.nextInt(p.length - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] keep = Arrays.copyOf(p, size);
        Arrays.sort(keep);
        return all.select(keep);
    }
}
