package org.rscale.sweeps.data;

import org.rscale.sweeps.InvalidInputException;

/**
 * Images with one label each: a split (training or test) of an IDX dataset.
 *
 * @param images the images
 * @param labels their labels, as many as there are images
 */
public record LabelledImages(IdxImages images, IdxLabels labels) {

    /**
     * Checks that images and labels agree in number.
     *
     * @throws InvalidInputException naming both files and both counts
     */
    public LabelledImages {
        if (images.count() != labels.count()) {
            throw new InvalidInputException(labels.source().path() + ": " + labels.count() + " labels, but "
                    + images.source().path() + " holds " + images.count() + " images (image and label counts disagree)");
        }
    }

    /** @return the number of labelled images */
    public int count() {
        return images.count();
    }

    /**
     * @param i an image index
     * @return its label
     */
    public int label(int i) {
        return labels.label(i);
    }

    /**
     * @param indices image indices, in the order wanted; not modified
     * @return those images with their labels
     */
    public LabelledImages select(int[] indices) {
        return new LabelledImages(images.select(indices), labels.select(indices));
    }
}
