package org.rscale.sweeps.initscan;

/**
 * One independent piece of a study's work (a network of an initialisation scan, a training of the
 * trained study), computed by any process in any order and published as one file or directory.
 */
public interface WorkUnit {
    /** @return the unit's index in its plan */
    int index();

    /** @return what it is, for progress lines, e.g. {@code res-3, fbm(H=0.3), d=40, L=1000, draw 2} */
    String describe();
}
