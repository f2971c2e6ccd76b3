package org.rscale.sweeps.data;

import java.nio.file.Path;
import java.util.Arrays;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.FileIdentity;

/**
 * Class labels of an IDX file ({@code *-labels-idx1-ubyte}, plain or {@code .gz}): one unsigned
 * byte per image, 0..255 (MNIST: the digit 0..9; Fashion-MNIST: the article 0..9). Immutable.
 *
 * <pre>{@code
 * IdxLabels labels = IdxLabels.read(Path.of("/data/mnist/t10k-labels-idx1-ubyte.gz"));
 * int y = labels.label(0);            // 7 for MNIST's first test image
 * }</pre>
 */
public final class IdxLabels {
    private static final int DIMENSIONS = 1;

    private final byte[] labels;
    private final FileIdentity source;

    private IdxLabels(byte[] labels, FileIdentity source) {
        this.labels = labels;
        this.source = source;
    }

    /**
     * Reads an IDX label file.
     *
     * @param file {@code *-labels-idx1-ubyte}, plain or gzip-compressed
     * @return its labels, with the file's identity
     * @throws InvalidInputException one line naming the file and the fault
     */
    public static IdxLabels read(Path file) {
        IdxFile f = IdxFile.read(file, DIMENSIONS, "labels");
        return new IdxLabels(f.data(), f.source());
    }

    /**
     * Labels held in memory.
     *
     * @param labels the labels, 0..255 each; not modified
     * @param source where they came from
     * @return the labels
     */
    public static IdxLabels of(int[] labels, FileIdentity source) {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " is not an unsigned byte");
            }
            b[i] = (byte) labels[i];
        }
        return new IdxLabels(b, source);
    }

    /** @return the number of labels */
    public int count() {
        return labels.length;
    }

    /**
     * @param i an index in {@code [0, count)}
     * @return its label, 0..255
     */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** @return the largest label plus one (0 when there are none): the number of classes if every class occurs */
    public int classes() {
        int max = -1;
        for (byte b : labels) {
            max = Math.max(max, b & 0xff);
        }
        return max + 1;
    }

    /** @return the labels as a new array */
    public int[] toArray() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xff;
        }
        return out;
    }

    /** @return the file the labels were read from (path, size, SHA-256) */
    public FileIdentity source() {
        return source;
    }

    /**
     * @param indices indices, in the order wanted (repeats allowed); not modified
     * @return those labels, same source
     */
    public IdxLabels select(int[] indices) {
        byte[] out = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return new IdxLabels(out, source);
    }

    @Override
    public String toString() {
        return labels.length + " labels from " + source.path();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxLabels other && source.equals(other.source) && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(labels);
    }
}
