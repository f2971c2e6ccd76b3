package org.rscale.sweeps.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.initscan.WorkUnit;

/**
 * How many workers of a study a heap takes: 80% of the heap holds the shared data once and the largest unit's
 * workspaces once per worker; a default number is lowered to that, a given one refused, and a unit that does not
 * fit alone refused with the heap it needs. Workers that hold only their own unit (a sweep's cells) count the
 * {@code jobs} largest units instead.
 */
class StudyFootprintTest {
    private static final long MIB = 1L << 20;
    private static final HeapLimit HEAP = new HeapLimit(1000 * MIB, "a heap of 1000 MiB");

    private record Unit(int index, long bytes) implements WorkUnit {
        @Override
        public String describe() {
            return "unit of " + bytes / MIB + " MiB";
        }
    }

    private static StudyFootprint of(long shared, long... sizes) {
        List<Unit> units = new java.util.ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            units.add(new Unit(i, sizes[i] * MIB));
        }
        return StudyFootprint.of(units, Unit::bytes, shared * MIB, "units");
    }

    @Test
    void theLargestUnitCountsForEveryWorker() {
        StudyFootprint f = of(100, 50, 300, 120);
        assertEquals(300 * MIB, f.perWorker());
        assertEquals("unit of 300 MiB", f.largest());
        // (800 - 100) / 300 = 2.33
        assertEquals(2, f.jobsThatFit(HEAP));
        assertEquals(100 * MIB + 3 * 300 * MIB, f.bytes(3));
    }

    @Test
    void workersThatFitRunAsRequested() {
        StudyFootprint f = of(0, 200);
        assertEquals(4, f.jobsThatFit(HEAP));
        assertEquals(4, f.jobs(4, true, HEAP));
        assertEquals(3, f.jobs(3, false, HEAP));
    }

    @Test
    void aDefaultIsLoweredToWhatFitsAndAGivenNumberIsRefused() {
        StudyFootprint f = of(100, 300);
        assertEquals(2, f.jobs(8, false, HEAP));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.jobs(3, true, HEAP));
        assertTrue(e.getMessage().startsWith("--jobs 3: 3 units at once need about 1000 MiB of heap (300 MiB each, "
                + "plus 100 MiB of data), more than 80% of a heap of 1000 MiB; use at most --jobs 2"), e.getMessage());
    }

    @Test
    void aUnitThatDoesNotFitAloneIsRefusedWithTheHeapItNeeds() {
        StudyFootprint f = of(0, 10, 900);
        assertEquals(0, f.jobsThatFit(HEAP));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.jobs(1, false, HEAP));
        assertTrue(e.getMessage().startsWith("unit of 900 MiB needs about 900 MiB of heap, more than 80% of a heap of "
                + "1000 MiB; it needs -Xmx2g"), e.getMessage());
    }

    @Test
    void nothingToDoFitsAnyNumberOfWorkers() {
        StudyFootprint f = of(0);
        assertEquals(0, f.perWorker());
        assertEquals(2, f.jobs(2, true, HEAP));
    }
    private static StudyFootprint ofEach(long... sizes) {
        List<Long> bytes = new java.util.ArrayList<>();
        for (long b : sizes) {
            bytes.add(b * MIB);
        }
        return StudyFootprint.ofEach(bytes, "the largest cell", 0, "cells");
    }

    @Test
    void workersThatHoldOnlyTheirUnitCountTheLargestUnitsLeft() {
        StudyFootprint f = ofEach(300, 200, 500);
        assertEquals(List.of(500 * MIB, 300 * MIB, 200 * MIB), f.largestFirst(), "largest first, whatever the order");
        assertEquals(500 * MIB, f.perWorker());
        assertEquals(500 * MIB, f.bytes(1));
        assertEquals(800 * MIB, f.bytes(2));
        assertEquals(1000 * MIB, f.bytes(3));
        assertEquals(1000 * MIB, f.bytes(8), "workers past the last unit hold nothing");
        // 500 + 300 = 800 MiB is 80% of 1000 MiB exactly; all three need 1000 MiB. Kept workspaces would give 1.
        assertEquals(2, f.jobsThatFit(HEAP));
        assertEquals(1, new StudyFootprint(500 * MIB, "the largest cell", 0, "cells").jobsThatFit(HEAP));
        assertEquals(2, f.jobs(2, true, HEAP));
        assertEquals(2, f.jobs(8, false, HEAP), "the default is lowered");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.jobs(3, true, HEAP));
        assertEquals("--jobs 3: 3 cells at once need about 1000 MiB of heap (the 3 largest cells left, up to 500 MiB "
                + "each), more than 80% of a heap of 1000 MiB; use at most --jobs 2, or RSCALE_JAVA_OPTS=-Xmx2g",
                e.getMessage());
    }

    @Test
    void moreWorkersThanUnitsLeftFitWhenTheUnitsDo() {
        StudyFootprint all = ofEach(400, 400);
        assertEquals(Integer.MAX_VALUE, all.jobsThatFit(HEAP));
        assertEquals(16, all.jobs(16, true, HEAP));

        StudyFootprint two = ofEach(500, 400);
        assertEquals(1, two.jobsThatFit(HEAP));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> two.jobs(4, true, HEAP));
        assertTrue(e.getMessage().startsWith("--jobs 4: 2 cells at once need about 900 MiB of heap (the 2 largest "
                + "cells left, up to 500 MiB each), more than 80% of a heap of 1000 MiB; use at most --jobs 1"),
                e.getMessage());
        assertEquals(1, two.jobs(4, false, HEAP));

        StudyFootprint none = ofEach();
        assertEquals(0, none.bytes(4));
        assertEquals(4, none.jobs(4, true, HEAP));
    }

    @Test
    void aUnitThatDoesNotFitAloneIsRefusedWhateverTheWorkersHold() {
        StudyFootprint f = ofEach(100, 900);
        assertEquals(0, f.jobsThatFit(HEAP));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.jobs(1, false, HEAP));
        assertTrue(e.getMessage().startsWith("the largest cell needs about 900 MiB of heap, more than 80% of a heap "
                + "of 1000 MiB; it needs -Xmx2g"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new StudyFootprint(List.of(1L, 2L), false, "x", 0, "cells"), "sizes must be largest first");
    }
}
