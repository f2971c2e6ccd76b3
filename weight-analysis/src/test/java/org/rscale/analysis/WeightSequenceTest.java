package org.rscale.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class WeightSequenceTest {

    @Test
    void layoutIsLayerMajorRowMajor() {
        double[] v = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};
        WeightSequence w = new WeightSequence("A", 2, 2, 3, v);
        assertEquals(6, w.layerSize());
        assertEquals(5, w.get(0, 1, 2));
        assertEquals(13, w.get(1, 1, 0));
        assertTrue(w.isFinite());
    }

    @Test
    void rejectsBadShapesNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new WeightSequence("A", 2, 2, 2, new double[7]));
        assertEquals("weight sequence A: 7 values, expected L*rows*cols = 2*2*2 = 8", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new WeightSequence("b", 0, 3, 1, new double[0]));
        assertTrue(e.getMessage().contains("L = 0"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new WeightSequence("b", 1, 0, 1, new double[0]));
        assertTrue(e.getMessage().contains("0 x 1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new WeightSequence(" ", 1, 1, 1, new double[1]));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    void acceptsNonFiniteValues() {
        WeightSequence w = new WeightSequence("A", 2, 1, 1, new double[] {1, Double.NaN});
        assertFalse(w.isFinite());
    }

    @Test
    void effectiveUsesAbsoluteDeltaPerLayerOrShared() {
        WeightSequence T = new WeightSequence("A", 3, 1, 2, new double[] {1, 2, 3, 4, 5, 6});
        WeightSequence perLayer = WeightSequence.effective("delta_A", T, new double[] {-2, 0.5, 0});
        assertEquals("delta_A", perLayer.name());
        assertArrayEquals(new double[] {2, 4, 1.5, 2, 0, 0}, perLayer.values());
        WeightSequence shared = WeightSequence.effective("delta_A", T, new double[] {-0.5});
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, shared.values());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, T.values(), "input not modified");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WeightSequence.effective("delta_A", T, new double[] {1, 2}));
        assertEquals("effective weights delta_A: delta has 2 values, expected L = 3 or 1 (shared)", e.getMessage());
    }

    @Test
    void wrapsNpyArraysOfRankOneToThree() {
        WeightSequence s = WeightSequence.of("delta", new NpyArray(new int[] {4}, new double[4], "<f8"));
        assertEquals(4, s.L());
        assertEquals(1, s.rows());
        WeightSequence b = WeightSequence.of("b", new NpyArray(new int[] {2, 3}, new double[6], "<f8"));
        assertEquals(3, b.rows());
        assertEquals(1, b.cols());
        WeightSequence A = WeightSequence.of("A", new NpyArray(new int[] {2, 3, 4}, new double[24], "<f4"));
        assertEquals(4, A.cols());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WeightSequence.of("A", new NpyArray(new int[] {}, new double[1], "<f8")));
        assertTrue(e.getMessage().contains("shape ()"), e.getMessage());
    }

    @Test
    void equalityComparesContents() {
        WeightSequence a = new WeightSequence("A", 2, 1, 1, new double[] {1, 2});
        WeightSequence b = new WeightSequence("A", 2, 1, 1, new double[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new WeightSequence("A", 2, 1, 1, new double[] {1, 3}));
        assertNotEquals(a, new WeightSequence("A", 1, 2, 1, new double[] {1, 2}));
    }
}
