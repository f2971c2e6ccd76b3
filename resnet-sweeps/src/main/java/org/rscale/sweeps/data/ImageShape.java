package org.rscale.sweeps.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.rscale.sweeps.InvalidInputException;

/**
 * The sizes of a conv cell's images, known before they are read: what {@link ImageData#load} would
 * return, from the file sizes (CIFAR-10) or the IDX headers and label files, without the pixels. For
 * the memory estimate of a conv cell at plan time. CIFAR-10 files that are absent count as the real
 * ones (10,000 images each); their absence is the data check's to report ({@link ImageData#load}).
 *
 * @param channels   the images' channels
 * @param height     rows
 * @param width      columns
 * @param classes    the classes the network tells apart (as {@link ImageData#load} counts them)
 * @param trainCount the training images the cell holds ({@code data.train_size}, or the whole split for 0)
 * @param testCount  the test images the cell holds
 */
public record ImageShape(int channels, int height, int width, int classes, int trainCount, int testCount) {

    /** The images of one CIFAR-10 training file. */
    private static final int CIFAR_TRAIN_FILE = 10_000;
    /** The images of CIFAR-10's test file. */
    private static final int CIFAR_TEST = 10_000;

    /**
     * @param spec a conv cell's data settings
     * @return the sizes of its images
     * @throws InvalidInputException naming a missing or malformed file
     */
    public static ImageShape of(ImageDataSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new InvalidInputException("data.kind=" + spec.kind() + " needs data.path, the directory of the files");
        }
        Path dir = Path.of(spec.path());
        return switch (spec.kind()) {
            case "cifar10" -> {
                int train = spec.trainSize();
                if (train == 0) {
                    for (String name : Cifar10Files.TRAIN_FILES) {
                        train += records(dir.resolve(name), CIFAR_TRAIN_FILE);
                    }
                }
                int test = spec.testSize() > 0 ? spec.testSize()
                        : records(dir.resolve(Cifar10Files.TEST_FILE), CIFAR_TEST);
                yield new ImageShape(3, 32, 32, Cifar10Files.CLASSES, train, test);
            }
            case "idx-images" -> {
                IdxFileSet files = IdxFileSet.locate(dir);
                int[] train = IdxFile.header(files.trainImages(), 3, "images");
                int[] test = IdxFile.header(files.testImages(), 3, "images");
                int classes = Math.max(2, Math.max(IdxLabels.read(files.trainLabels()).classes(),
                        IdxLabels.read(files.testLabels()).classes()));
                yield new ImageShape(1, train[1], train[2], classes, count(spec.trainSize(), train[0]),
                        count(spec.testSize(), test[0]));
            }
            default -> throw new InvalidInputException("data.kind=" + spec.kind() + " holds no images");
        };
    }

    /** @return values per image, c h w */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * @return the bytes the images and labels of both sets hold in memory ({@link ImageSet}: one byte per pixel
     *         value, one {@code int} per label)
     */
    public long bytes() {
        return ((long) trainCount + testCount) * (imageSize() + 4L);
    }

    private static int count(int setting, long inFiles) {
        return setting > 0 ? setting : (int) Math.min(Integer.MAX_VALUE, inFiles);
    }

    /** The records of a CIFAR-10 file from its size; the real file's count when it is absent (reported by the data check). */
    private static int records(Path file, int real) {
        try {
            return (int) (Files.size(file) / Cifar10Files.RECORD);
        } catch (NoSuchFileException e) {
            return real;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
