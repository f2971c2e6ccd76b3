package org.rscale.sweeps.data;

import java.util.Arrays;

/**
 * Labelled images as unsigned bytes, channel-major per image ({@code c x h x w}, as CIFAR-10's binary
 * format and PyTorch's tensors): image i, channel ch, pixel (y, x) at
 * {@code pixels[((i c + ch) h + y) w + x]}.
 *
 * @param channels 3 for CIFAR-10, 1 for IDX images
 * @param height   rows
 * @param width    columns
 * @param pixels   count c h w values 0..255 (as bytes)
 * @param labels   count classes
 * @param classes  the number of classes
 */
public record ImageSet(int channels, int height, int width, byte[] pixels, int[] labels, int classes) {

    // Checks the sizes and the labels.
    public ImageSet {
        if (channels < 1 || height < 1 || width < 1 || classes < 2) {
            throw new IllegalArgumentException("bad image set " + channels + "x" + height + "x" + width + ", "
                    + classes + " classes");
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + pixels.length + " pixel values");
        }
        for (int l : labels) {
            if (l < 0 || l >= classes) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + (classes - 1));
            }
        }
    }

    /** @return the number of images */
    public int count() {
        return labels.length;
    }

    /** @return values per image, c h w */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * @param indices images to keep, in this order
     * @return those images
     */
    public ImageSet select(int[] indices) {
        int size = imageSize();
        byte[] p = new byte[indices.length * size];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, p, i * size, size);
            l[i] = labels[indices[i]];
        }
        return new ImageSet(channels, height, width, p, l, classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageSet s && channels == s.channels && height == s.height && width == s.width
                && classes == s.classes && Arrays.equals(pixels, s.pixels) && Arrays.equals(labels, s.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ImageSet(" + count() + " x " + channels + "x" + height + "x" + width + ", " + classes + " classes)";
    }
}
