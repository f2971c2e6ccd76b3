package org.rscale.sweeps.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StoppingRuleTest {

    @Test
    void convergesBelowEpsilon() {
        StoppingRule r = new StoppingRule(1e-3, 5, 0.99, 200);
        assertNull(r.afterEpoch(0.1));
        assertEquals(TrainingStatus.CONVERGED, r.afterEpoch(9e-4));
    }

    @Test
    void stallsAfterPatienceEpochsWithoutOnePercentProgress() {
        StoppingRule r = new StoppingRule(1e-3, 5, 0.99, 200);
        assertNull(r.afterEpoch(1.0));
        // 0.995 is not below 0.99 x 1.0: no progress, five times
        for (int i = 0; i < 4; i++) {
            assertNull(r.afterEpoch(0.995));
        }
        assertEquals(TrainingStatus.STALLED, r.afterEpoch(0.995));
    }

    @Test
    void progressResetsThePatience() {
        StoppingRule r = new StoppingRule(1e-3, 2, 0.99, 200);
        r.afterEpoch(1.0);
        assertNull(r.afterEpoch(1.0));
        assertNull(r.afterEpoch(0.5));
        assertNull(r.afterEpoch(0.5));
        assertEquals(TrainingStatus.STALLED, r.afterEpoch(0.5));
    }

    @Test
    void capsAtMaxEpochsAndDivergesOnNaN() {
        StoppingRule r = new StoppingRule(1e-3, 5, 0.99, 3);
        assertNull(r.afterEpoch(1.0));
        assertNull(r.afterEpoch(0.5));
        assertEquals(TrainingStatus.MAX_EPOCHS, r.afterEpoch(0.2));
        assertEquals(TrainingStatus.DIVERGED, new StoppingRule(1e-3, 5, 0.99, 3).afterEpoch(Double.NaN));
    }
}
