package org.rscale.sweeps.run;

import org.rscale.sweeps.InvalidInputException;

/**
 * What a PyTorch {@code state_dict} does not say about a convolutional ResNet and {@link StateDictKernels}
 * needs to build its blocks: the tensors' names and the spatial size of the first block's input (the
 * stem keeps the image's size). Strides follow SCIENCE 1.3 (and torchvision): 2 in the first block of
 * every stage but the first, 1 elsewhere.
 *
 * @param names       the tensors' names
 * @param inputHeight the height of the first block's input (the image's: 32 on CIFAR-10, 28 on MNIST)
 * @param inputWidth  its width
 */
public record StateDictLayout(StateDictNames names, int inputHeight, int inputWidth) {

    /** The default input size, CIFAR-10's 32 x 32. */
    public static final int DEFAULT_INPUT_SIZE = 32;

    /** torchvision names, 32 x 32 input. */
    public static final StateDictLayout DEFAULT = new StateDictLayout(StateDictNames.TORCHVISION, DEFAULT_INPUT_SIZE,
            DEFAULT_INPUT_SIZE);

    /**
     * Validates the size.
     *
     * @param names the tensors' names
     * @param inputHeight the height of the first block's input
     * @param inputWidth its width
     * @throws InvalidInputException naming the value when a size is below 1 or the names are null
     */
    public StateDictLayout {
        if (names == null) {
            throw new InvalidInputException("state_dict layout: names must not be null");
        }
        if (inputHeight < 1 || inputWidth < 1) {
            throw new InvalidInputException("state_dict layout: input size " + inputHeight + " x " + inputWidth
                    + " has an extent below 1");
        }
    }

    /**
     * Parses an input size as {@code N} (square) or {@code HxW}.
     *
     * @param text e.g. {@code 32} or {@code 28x28}
     * @return {@code {height, width}}
     * @throws InvalidInputException naming the value when it is not of that form
     */
    public static int[] parseSize(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].trim());
                return new int[] {n, n};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new InvalidInputException("input size '" + text + "' is not N or HxW (e.g. 32 or 28x28)");
    }
}
