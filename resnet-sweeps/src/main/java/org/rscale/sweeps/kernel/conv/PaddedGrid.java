package org.rscale.sweeps.kernel.conv;

/**
 * The layout of the feature maps of one resolution in {@link ConvGemmKernel}: channel-major, each
 * channel one row of {@code ld} values holding the batch's zero-padded planes one after the other,
 * between two margins of {@code margin = wp + 1} zeros:
 * <pre>
 * row c:  [margin zeros] [plane of sample 0: hp x wp] [plane of sample 1] ... [margin zeros]
 * </pre>
 * with {@code hp = h + 2}, {@code wp = w + 2}. Pixel (y, x) of sample n (0-based, unpadded) is at column
 * {@code margin + n hp wp + (y + 1) wp + (x + 1)}. A 3x3 convolution with padding 1 reads, for tap
 * (ky, kx), the columns shifted by {@code (ky - 1) wp + (kx - 1)}: over the columns of a batch that
 * is one matrix product per tap on contiguous rows, without im2col. Columns of the padding ring then
 * receive values that must be reset to zero (the mask).
 *
 * @param h      rows of the feature map
 * @param w      columns of the feature map
 * @param batch  the batch capacity
 */
record PaddedGrid(int h, int w, int batch) {

    /** @return the padded height */
    int hp() {
        return h + 2;
    }

    /** @return the padded width */
    int wp() {
        return w + 2;
    }

    /** @return values per padded plane */
    int plane() {
        return hp() * wp();
    }

    /** @return zeros before the first plane and after the last */
    int margin() {
        return wp() + 1;
    }

    /** @return the row length */
    int ld() {
        return 2 * margin() + batch * plane();
    }

    /**
     * @param count samples in use
     * @return the columns the planes of {@code count} samples span
     */
    int span(int count) {
        return count * plane();
    }

    /**
     * @param n sample
     * @param y row, 0-based unpadded
     * @param x column, 0-based unpadded
     * @return the column of that pixel
     */
    int column(int n, int y, int x) {
        return margin() + n * plane() + (y + 1) * wp() + x + 1;
    }

    /**
     * @param ky tap row, 0..2
     * @param kx tap column, 0..2
     * @return the column shift of a 3x3 tap
     */
    int shift(int ky, int kx) {
        return (ky - 1) * wp() + (kx - 1);
    }

    /** @return 1 at the pixel columns of every sample, 0 on the padding ring and the margins */
    double[] mask() {
        double[] m = new double[ld()];
        for (int n = 0; n < batch; n++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m[column(n, y, x)] = 1;
                }
            }
        }
        return m;
    }
}
