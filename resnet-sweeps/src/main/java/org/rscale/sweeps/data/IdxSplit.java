package org.rscale.sweeps.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two splits of the MNIST file family and their standard file names. Files are looked for in
 * this order, the first that exists wins:
 * <pre>
 *   train-images-idx3-ubyte   train-images-idx3-ubyte.gz   train-images.idx3-ubyte   train-images.idx3-ubyte.gz
 *   train-labels-idx1-ubyte   train-labels-idx1-ubyte.gz   train-labels.idx1-ubyte   train-labels.idx1-ubyte.gz
 * </pre>
 * and the same with {@code t10k} for the test split. The first spelling is the original site's
 * (and Fashion-MNIST's, Debian's {@code dataset-fashion-mnist}); the second, with a dot, is how some
 * mirrors and archives unpack them. A plain file is preferred over its {@code .gz} twin (no
 * decompression).
 */
public enum IdxSplit {
    /** The training split, {@code train-*}. */
    TRAIN("train", "training"),
    /** The test split, {@code t10k-*}. */
    TEST("t10k", "test");

    private final String prefix;
    private final String description;

    IdxSplit(String prefix, String description) {
        this.prefix = prefix;
        this.description = description;
    }

    /** @return {@code training} or {@code test} */
    public String description() {
        return description;
    }

    /** @return the file names looked for, in order, for this split's images */
    public List<String> imageNames() {
        return names("images", 3);
    }

    /** @return the file names looked for, in order, for this split's labels */
    public List<String> labelNames() {
        return names("labels", 1);
    }

    private List<String> names(String what, int dims) {
        List<String> out = new ArrayList<>();
        for (String sep : new String[] {"-", "."}) {
            String base = prefix + "-" + what + sep + "idx" + dims + "-ubyte";
            out.add(base);
            out.add(base + ".gz");
        }
        return List.copyOf(out);
    }

    /**
     * @param directory a directory
     * @param names     file names, in order of preference
     * @return the first that exists as a regular file in it
     */
    static Optional<Path> find(Path directory, List<String> names) {
        for (String n : names) {
            Path p = directory.resolve(n);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
