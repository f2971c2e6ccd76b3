package org.rscale.sweeps.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a tiny learnable image dataset in the MNIST file family (IDX, the four standard names):
 * 4 x 4 images of 3 classes, class c bright in row c, with noise. A test fixture for the trained
 * study; the files are read by the project's IDX reader.
 */
public final class TinyImages {
    private TinyImages() {
    }

    /**
     * @param dir   where to write
     * @param train training images
     * @param test  test images
     * @return dir
     */
    public static Path write(Path dir, int train, int test) {
        split(dir, "train", train, 1);
        split(dir, "t10k", test, 2);
        return dir;
    }

    private static void split(Path dir, String prefix, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ByteBuffer images = ByteBuffer.allocate(16 + count * 16).putInt(0x00000803).putInt(count).putInt(4).putInt(4);
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            int c = i % 3;
            labels.put((byte) c);
            for (int p = 0; p < 16; p++) {
                int v = (p / 4 == c ? 200 : 20) + rng.nextInt(50);
                images.put((byte) v);
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
