package org.rscale.fits;

import org.rscale.sweeps.InvalidInputException;

/**
 * How the cells of one group ended (SCIENCE.md section 3): a verdict needs most of them trained to
 * convergence.
 * <pre>
 *   total = converged + unconverged + diverged + unknownStatus
 *   fitted = total - diverged                       (diverged cells are excluded from the fits)
 *   unconvergedFraction = unconverged / fitted      (0 when fitted = 0)
 * </pre>
 *
 * @param total         cells in the group
 * @param converged     cells whose training loss went below epsilon
 * @param unconverged   cells that stalled or reached the epoch cap
 * @param diverged      cells whose loss became non-finite; not in the fits
 * @param unknownStatus foreign weights without a {@code run.json}: counted as fitted, of unknown convergence
 */
public record CellCounts(int total, int converged, int unconverged, int diverged, int unknownStatus) {

    /**
     * Validates the counts.
     *
     * @param total cells in the group
     * @param converged cells whose training loss went below epsilon
     * @param unconverged cells that stalled or reached the epoch cap
     * @param diverged cells whose loss became non-finite; not in the fits
     * @param unknownStatus foreign weights without a {@code run.json}: counted as fitted, of unknown convergence
     * @throws InvalidInputException when a count is negative or they do not add up to {@code total}
     */
    public CellCounts {
        if (converged < 0 || unconverged < 0 || diverged < 0 || unknownStatus < 0) {
            throw new InvalidInputException("cell counts must not be negative: converged " + converged
                    + ", unconverged " + unconverged + ", diverged " + diverged + ", unknown " + unknownStatus);
        }
        if ((long) converged + unconverged + diverged + unknownStatus != total) {
            throw new InvalidInputException("cell counts do not add up: converged " + converged + " + unconverged "
                    + unconverged + " + diverged " + diverged + " + unknown " + unknownStatus + " != total " + total);
        }
    }

    /**
     * @param n cells
     * @return {@code n} cells, all converged
     */
    public static CellCounts allConverged(int n) {
        return new CellCounts(n, n, 0, 0, 0);
    }

    /** @return cells that entered the fits, {@code total - diverged} */
    public int fitted() {
        return total - diverged;
    }

    /** @return {@code unconverged / fitted}, 0 when no cell was fitted */
    public double unconvergedFraction() {
        return fitted() == 0 ? 0 : (double) unconverged / fitted();
    }
}
