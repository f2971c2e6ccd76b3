package org.rscale.sweeps.data;

import java.util.SplittableRandom;

/**
 * Fills batches of normalised images for a conv kernel, optionally with torchvision's training
 * augmentation {@code RandomCrop(size, padding=4)} then {@code RandomHorizontalFlip()}: the image is
 * padded with 4 zero pixels on every side (zero before normalisation, as torchvision pads the PIL
 * image), a window of the original size is cut at offsets drawn uniformly from 0..8 in each
 * direction, and mirrored with probability 1/2. Then {@code (pixel / 255 - mean[c]) / std[c]}.
 */
public final class ImageBatches {

    /** The crop padding of torchvision's CIFAR recipe. */
    public static final int PADDING = 4;

    private ImageBatches() {
    }

    /**
     * @param set     the images
     * @param data    the normalisation
     * @param order   image indices
     * @param from    first position in {@code order}
     * @param count   images in the batch
     * @param augment whether to crop and flip
     * @param random  the augmentation's generator (draws 3 values per image when augmenting)
     * @param out     receives count x (c h w) values; modified
     */
    public static void fill(ImageSet set, ImageData data, int[] order, int from, int count, boolean augment,
                            SplittableRandom random, double[] out) {
        int c = set.channels();
        int h = set.height();
        int w = set.width();
        int size = set.imageSize();
        byte[] px = set.pixels();
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = 1.0 / (255.0 * data.std()[ch]);
            shift[ch] = -data.mean()[ch] / data.std()[ch];
        }
        for (int b = 0; b < count; b++) {
            int img = order[from + b];
            int dy = 0;
            int dx = 0;
            boolean flip = false;
            if (augment) {
                dy = random.nextInt(2 * PADDING + 1) - PADDING;
                dx = random.nextInt(2 * PADDING + 1) - PADDING;
                flip = random.nextBoolean();
            }
            for (int ch = 0; ch < c; ch++) {
                int src = img * size + ch * h * w;
                int dst = b * size + ch * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int xx = flip ? w - 1 - x : x;
                        int sx = xx + dx;
                        int v = sy >= 0 && sy < h && sx >= 0 && sx < w ? px[src + sy * w + sx] & 0xff : 0;
                        out[dst + y * w + x] = v * scale[ch] + shift[ch];
                    }
                }
            }
        }
    }
}
