package org.rscale.sweeps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.data.DataSpec;

/** The data settings: the kind's own width and sizes for 0, {@code all}, data.path, the MNIST presets. */
class DataSettingsTest {

    @Test
    void zeroMeansTheKindsOwnWidthAndSizes() {
        CellSettings synthetic = CellSettings.of(5, 0, Map.of());
        assertEquals(10, synthetic.dim());
        assertEquals(1024, synthetic.trainSize());
        assertEquals(256, synthetic.testSize());
        // the random streams of a default cell are those of the explicit 10 / 1024 / 256 (as before the
        // defaults became the kind's own)
        CellSettings explicit = CellSettings.of(5, 0, Map.of(Setting.DATA_DIM, 10, Setting.DATA_TRAIN_SIZE, 1024,
                Setting.DATA_TEST_SIZE, 256));
        assertEquals(explicit, synthetic);
        assertEquals(explicit.initSpec(), synthetic.initSpec());
        assertEquals(explicit.toMap(), synthetic.toMap());

        CellSettings mnist = CellSettings.of(5, 0, Map.of(Setting.DATA_KIND, "mnist-features",
                Setting.DATA_PATH, "/data/mnist"));
        assertEquals(25, mnist.dim());
        assertEquals(0, mnist.trainSize(), "the whole training split");
        assertEquals(0, mnist.testSize());
        assertEquals(new DataSpec("mnist-features", 25, 0, 0, 0, "/data/mnist", "raw"), mnist.data());
        assertEquals("mnist", mnist.label(Setting.DATA_PATH));
        assertEquals("mnist-features of mnist", CellSettings.datasetName(mnist.toMap()));
        assertEquals("mnist", CellSettings.datasetShortName(mnist.toMap()));
        assertEquals("synthetic (d = 10)", CellSettings.datasetName(synthetic.groupSettings()));
        assertEquals("unknown", CellSettings.datasetName(Map.of("activation", "tanh")));
        // read back from run.json
        assertEquals(mnist, CellSettings.fromMap(mnist.toMap(), "run.json"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CellSettings.of(5, 0,
                Map.of(Setting.DATA_KIND, "mnist-features", Setting.DATA_DIM, 10)));
        assertTrue(e.getMessage().contains("data.kind mnist-features has 25 features"), e.getMessage());
    }

    @Test
    void allIsTheWholeSplitAndPathsAreStoredAbsolute() {
        SweepConfig c = new SweepConfigLoader().set("data.kind=mnist-features").set("data.path=some/dir")
                .set("data.train_size=all").set("data.test_size=ALL").set("data.pixel_scale=unit").resolve();
        CellSettings s = c.cells().get(0);
        assertEquals(0, s.trainSize());
        assertEquals(0, s.testSize());
        assertEquals("unit", s.pixelScale());
        assertEquals(Path.of("some/dir").toAbsolutePath().normalize().toString(), s.dataPath());
        SweepConfig home = new SweepConfigLoader().set("data.path=~/idx").resolve();
        assertEquals(Path.of(System.getProperty("user.home"), "idx").toString(), home.cells().get(0).dataPath());
        assertEquals("", new SweepConfigLoader().resolve().cells().get(0).dataPath());
        assertThrows(InvalidInputException.class, () -> new SweepConfigLoader().set("data.train_size=most").resolve());
        assertThrows(InvalidInputException.class, () -> new SweepConfigLoader().set("data.kind=cifar").resolve());
    }

    @Test
    void aGridOverDatasetsGivesEachCellItsWidthAndAReadableId() {
        SweepConfig c = new SweepConfigLoader().set("data.kind=synthetic,mnist-features").set("depths=4").resolve();
        List<CellSettings> cells = c.cells();
        assertEquals(2, cells.size());
        assertEquals(10, cells.get(0).dim());
        assertEquals(25, cells.get(1).dim());
        SweepConfig paths = new SweepConfigLoader().set("data.kind=mnist-features").set("depths=4")
                .set("data.path=/d/mnist").resolve();
        assertEquals("mnist", paths.cells().get(0).label(Setting.DATA_PATH));
    }

    @Test
    void theMnistPresetsAreThePapersSetupsOnMnist25() {
        for (String preset : new String[] {"paper-mnist-tanh-shared", "paper-mnist-relu-per-layer"}) {
            List<CellSettings> cells = new SweepConfigLoader().preset(preset).resolve().cells();
            assertEquals(44, cells.size());
            CellSettings s = cells.get(0);
            assertEquals("mnist-features", s.dataKind());
            assertEquals(25, s.dim());
            assertEquals(0, s.trainSize());
            assertEquals(32, s.batchSize());
            assertEquals("reference", s.batching());
            assertEquals(10, s.epochs());
            assertEquals("raw", s.pixelScale());
            assertEquals("", s.dataPath(), "the user gives data.path");
        }
        CellSettings small = new SweepConfigLoader().preset("fashion-small").resolve().cells().get(0);
        assertEquals(2048, small.trainSize());
        assertEquals("/usr/share/datasets/fashion-mnist", small.dataPath());
    }
}
