package org.rscale.sweeps.kernel;

import java.util.Locale;

/**
 * An optimiser with PyTorch's exact update formulas and default constants (torch.optim, 2.x), so
 * that trained weights are comparable with the reference code's:
 * <pre>
 * adam     m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  t = step count (from 1)
 *          p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)      b1 0.9, b2 0.999, eps 1e-8
 * rmsprop  v = a v + (1-a) g^2;  p -= lr g / (sqrt(v) + eps)              a 0.99, eps 1e-8 (v starts at 0)
 * sgd      buf = g (first step), then buf = mu buf + g;  p -= lr buf      (mu = 0: p -= lr g)
 * </pre>
 * No weight decay, no amsgrad, no nesterov, not centred: PyTorch's defaults, as the reference uses.
 *
 * @param kind     which update
 * @param lr       the learning rate
 * @param momentum mu for sgd (ignored otherwise)
 */
public record Optimiser(Kind kind, double lr, double momentum) {
    /** Adam's beta1. */
    public static final double ADAM_BETA1 = 0.9;
    /** Adam's beta2. */
    public static final double ADAM_BETA2 = 0.999;
    /** Adam's and RMSprop's epsilon. */
    public static final double EPS = 1e-8;
    /** RMSprop's smoothing constant alpha. */
    public static final double RMSPROP_ALPHA = 0.99;

    /** The update rules. */
    public enum Kind {
        /** Adam. */
        ADAM,
        /** SGD with optional momentum. */
        SGD,
        /** RMSprop. */
        RMSPROP
    }

    /**
     * @param name     adam, sgd or rmsprop
     * @param lr       the learning rate
     * @param momentum the sgd momentum
     * @return the optimiser
     */
    public static Optimiser of(String name, double lr, double momentum) {
        return new Optimiser(Kind.valueOf(name.toUpperCase(Locale.ROOT)), lr, momentum);
    }

    /** @return whether the update keeps a first-moment (or momentum) buffer */
    public boolean needsFirstMoment() {
        return kind == Kind.ADAM || (kind == Kind.SGD && momentum != 0);
    }

    /** @return whether the update keeps a second-moment buffer */
    public boolean needsSecondMoment() {
        return kind == Kind.ADAM || kind == Kind.RMSPROP;
    }
}
