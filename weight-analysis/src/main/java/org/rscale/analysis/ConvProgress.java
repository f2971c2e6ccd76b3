package org.rscale.analysis;

/**
 * Hears of each convolutional cell as the analysis measures it (a paper-width cell takes minutes), e.g. to
 * print progress. Called from the measuring thread; with several jobs, from several threads.
 */
@FunctionalInterface
public interface ConvProgress {
    /** Hears nothing. */
    ConvProgress NONE = (cell, blocks, kept, seconds) -> { };

    /**
     * @param cell    the cell's id
     * @param blocks  its number of blocks
     * @param kept    whether its spectra were read from {@code analysis/conv/} rather than computed
     * @param seconds the time taken
     */
    void cellMeasured(String cell, int blocks, boolean kept, double seconds);
}
