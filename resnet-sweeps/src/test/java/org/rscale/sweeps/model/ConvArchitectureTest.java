package org.rscale.sweeps.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The paper's block counts, the other rules, and the geometry of CIFAR and IDX inputs. */
class ConvArchitectureTest {

    @Test
    void thePapersSixteenDepths() {
        assertEquals(List.of(8, 11, 12, 14, 16, 18, 20, 24, 28, 33, 42, 50, 65, 80, 100, 121),
                List.copyOf(ConvArchitecture.PAPER_BLOCK_COUNTS.keySet()));
        assertEquals(List.of(3, 4, 6, 3), ConvArchitecture.blockCounts("paper", 16));
        assertEquals(List.of(4, 31, 82, 4), ConvArchitecture.blockCounts("paper", 121));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvArchitecture.blockCounts("paper", 9));
        assertTrue(e.getMessage().contains("no network of depth 9"), e.getMessage());
    }

    @Test
    void evenAndExplicitRules() {
        assertEquals(List.of(1, 1, 1, 1), ConvArchitecture.blockCounts("even", 4));
        assertEquals(List.of(1, 2, 2, 2), ConvArchitecture.blockCounts("even", 7));
        assertEquals(List.of(2, 3, 3, 2), ConvArchitecture.blockCounts("even", 10));
        assertEquals(List.of(3, 4, 6, 3), ConvArchitecture.blockCounts("3-4-6-3", 16));
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.blockCounts("3-4-6-3", 15));
        assertThrows(IllegalArgumentException.class, () -> ConvArchitecture.blockCounts("even", 3));
        assertTrue(!ConvArchitecture.validRule("3-x") && !ConvArchitecture.validRule("0-1"));
    }

    @Test
    void cifarAndIdxSizesEndAtFourByFour() {
        ConvArchitecture cifar = new ConvArchitecture(List.of(2, 2, 2, 2), 64, 3, 32, 32, 10);
        assertArrayEquals(new int[] {4, 4}, cifar.finalMapSize());
        assertEquals(List.of(32, 32, 32, 16, 16, 8, 8, 4),
                cifar.blockShapes().stream().map(ConvArchitecture.BlockShape::inputHeight).toList());
        assertEquals(List.of(64, 128, 256, 512), cifar.stageWidths());
        assertEquals(512, cifar.features());
        ConvArchitecture idx = new ConvArchitecture(List.of(1, 1, 1, 1), 4, 1, 28, 28, 10);
        assertArrayEquals(new int[] {4, 4}, idx.finalMapSize(), "28 -> 14 -> 7 -> 4");
        assertEquals(List.of(false, true, true, true),
                idx.blockShapes().stream().map(ConvArchitecture.BlockShape::shortcut).toList());
    }

    /** The parameter count is the length of a network's arrays together. */
    @Test
    void parameterCountIsTheLengthOfTheNetworksArrays() {
        for (ConvArchitecture a : List.of(new ConvArchitecture(List.of(2, 1, 1), 3, 2, 7, 6, 4),
                new ConvArchitecture(List.of(3, 4, 6, 3), 64, 3, 32, 32, 10))) {
            org.rscale.sweeps.model.ConvNet n = org.rscale.sweeps.init.ConvInitialiser.initialise(a, 0, "test");
            long sum = n.stem().length + n.linearWeight().length + n.linearBias().length;
            for (int k = 0; k < a.depth(); k++) {
                sum += n.conv1().get(k).length + n.conv2().get(k).length
                        + (n.shortcut().get(k) == null ? 0 : n.shortcut().get(k).length);
            }
            assertEquals(sum, a.parameterCount(), a.toString());
        }
    }
}
