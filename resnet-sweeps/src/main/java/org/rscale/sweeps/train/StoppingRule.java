package org.rscale.sweeps.train;

/**
 * The stopping rule of the reference code (SCIENCE 3), applied after each epoch to the
 * epoch-average training loss:
 * <pre>
 *   if loss &lt; stallFactor * best:  best = loss, bad = 0   else  bad += 1
 *   if loss &lt; epsilon:             converged
 *   else if bad &gt;= patience:        stalled
 *   else if epochs == maxEpochs:    max-epochs
 * </pre>
 * A non-finite loss is {@code diverged} at once. When the cap and the patience run out on the
 * same epoch, {@code stalled} is reported (the more informative of the two). Mutable: one
 * instance per training.
 */
public final class StoppingRule {
    private final double epsilon;
    private final int patience;
    private final double stallFactor;
    private final int maxEpochs;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;
    private int epochs;

    /**
     * @param epsilon     the convergence threshold
     * @param patience    epochs without progress before stalling
     * @param stallFactor progress means going below this factor times the best loss
     * @param maxEpochs   the epoch cap
     */
    public StoppingRule(double epsilon, int patience, double stallFactor, int maxEpochs) {
        this.epsilon = epsilon;
        this.patience = patience;
        this.stallFactor = stallFactor;
        this.maxEpochs = maxEpochs;
    }

    /**
     * Records one epoch.
     *
     * @param epochLoss the epoch-average training loss
     * @return the status if training stops now, else null
     */
    public TrainingStatus afterEpoch(double epochLoss) {
        epochs++;
        if (!Double.isFinite(epochLoss)) {
            return TrainingStatus.DIVERGED;
        }
        if (epochLoss < stallFactor * best) {
            best = epochLoss;
            bad = 0;
        } else {
            bad++;
        }
        if (epochLoss < epsilon) {
            return TrainingStatus.CONVERGED;
        }
        if (bad >= patience) {
            return TrainingStatus.STALLED;
        }
        if (epochs >= maxEpochs) {
            return TrainingStatus.MAX_EPOCHS;
        }
        return null;
    }

    /** @return the best (progress-defining) epoch loss so far */
    public double best() {
        return best;
    }
}
