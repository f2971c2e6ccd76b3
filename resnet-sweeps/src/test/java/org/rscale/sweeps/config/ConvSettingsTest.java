package org.rscale.sweeps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.InvalidInputException;

/** The conv presets resolve; depths: paper-cifar; conv cells refuse settings they cannot train with, in one line. */
class ConvSettingsTest {

    @Test
    void paperCifarHasTheSixteenDepthsAndTheirBlockCounts() {
        SweepConfig c = new SweepConfigLoader().preset("paper-cifar").resolve();
        List<CellSettings> cells = c.cells();
        assertEquals(16, cells.size());
        assertEquals(List.of(8, 11, 12, 14, 16, 18, 20, 24, 28, 33, 42, 50, 65, 80, 100, 121),
                cells.stream().map(CellSettings::depth).sorted().toList());
        CellSettings deepest = cells.stream().filter(s -> s.depth() == 121).findFirst().orElseThrow();
        assertEquals(List.of(4, 31, 82, 4), deepest.convBlockCounts());
        assertTrue(deepest.isConv());
        assertEquals(5e-4, deepest.weightDecay());
        assertEquals("cosine", deepest.lrSchedule());
        assertEquals("crop-flip", deepest.augment());
        assertEquals(64, deepest.convBaseWidth());
        for (String preset : List.of("cifar-small", "fashion-conv-small")) {
            assertEquals(5, new SweepConfigLoader().preset(preset).resolve().cells().size(), preset);
        }
    }

    @Test
    void explicitBlockCountsAndBadCombinationsAreOneLine() {
        SweepConfig c = new SweepConfigLoader().preset("cifar-small").set("conv.blocks=3-4-6-3").set("depths=16")
                .resolve();
        assertEquals(List.of(3, 4, 6, 3), c.cells().get(0).convBlockCounts());
        assertMessage(() -> new SweepConfigLoader().preset("cifar-small").set("depths=9").resolve(),
                "conv.blocks=paper has no network of depth 9");
        assertMessage(() -> new SweepConfigLoader().preset("cifar-small").set("optimizer=adam").resolve(),
                "model=conv trains with sgd");
        assertMessage(() -> new SweepConfigLoader().set("model=conv").set("optimizer=sgd").set("depths=8").resolve(),
                "model=conv needs image data");
        assertMessage(() -> new SweepConfigLoader().preset("cifar-small").set("conv.blocks=3-x").resolve(),
                "setting 'conv.blocks' must be 'paper', 'even' or block counts");
        assertMessage(() -> new SweepConfigLoader().preset("cifar-small").set("kernel=vector").resolve(),
                "kernel=vector trains the fully-connected network only");
    }

    private static void assertMessage(Runnable r, String fragment) {
        InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
