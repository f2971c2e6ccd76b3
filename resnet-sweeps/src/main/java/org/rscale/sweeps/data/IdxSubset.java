package org.rscale.sweeps.data;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.random.RandomStreams;

/**
 * The seeded subset of an IDX split that {@code data.train_size} / {@code data.test_size} select:
 * {@code size} distinct images drawn uniformly without replacement (a partial Fisher-Yates shuffle)
 * from the stream {@link RandomStreams#of}(data seed, {@code idx-subset;<split>;n=<size>;of=<total>},
 * {@code data}), then put back in file order. Size 0, or the split's size, is the whole split in file
 * order. The same seed and sizes select the same images for every cell, whatever the dataset.
 */
public final class IdxSubset {
    private IdxSubset() {
    }

    /**
     * @param total   images in the split
     * @param size    images wanted; 0 for all
     * @param seed    the data seed
     * @param split   the split
     * @param setting the setting that asked ({@code data.train_size}), for the message
     * @param file    the split's image file, for the message
     * @return the indices, ascending
     * @throws InvalidInputException when {@code size} exceeds {@code total}
     */
    public static int[] indices(int total, int size, long seed, IdxSplit split, String setting, String file) {
        if (size > total) {
            throw new InvalidInputException("setting '" + setting + "' is " + size + " but " + file + " holds only "
                    + total + " " + split.description() + " images (0 or all: the whole split)");
        }
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        if (size == 0 || size == total) {
            return all;
        }
        SplittableRandom rng = RandomStreams.of(seed, "idx-subset;" + split.description() + ";n=" + size + ";of=" + total,
                RandomStreams.DATA);
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(total - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, size);
        Arrays.sort(out);
        return out;
    }
}
