package org.rscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ArrayIndexListTest {

    @Test
    void runsBecomeRangesAndTheThrottleComesLast() {
        assertEquals("0-5", ArrayIndexList.of(List.of(0, 1, 2, 3, 4, 5), null));
        assertEquals("3,7,12-15%4", ArrayIndexList.of(List.of(3, 7, 12, 13, 14, 15), 4));
        assertEquals("7", ArrayIndexList.of(List.of(7), null));
        assertEquals("0-1,4,9-10", ArrayIndexList.of(List.of(10, 4, 0, 9, 1, 4), null), "any order, duplicates");
        assertThrows(IllegalArgumentException.class, () -> ArrayIndexList.of(List.of(), null));
    }
}
