package org.rscale.sweeps.inittrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.initscan.ScanListener;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.testing.QuietConsole;
import org.rscale.sweeps.testing.TinyImages;

/**
 * A trained study on a tiny learnable image set: every training published atomically, the table
 * assembled in unit order, a resumed study giving the same bytes, the learning-rate schedule, the
 * saved weights, and one clear line for bad data settings.
 */
@ExtendWith(QuietConsole.class)
class InitTrainTest {

    private static TrainConfig tiny(Path data, String... extra) {
        TrainConfigLoader l = new TrainConfigLoader().set("init=iid,fbm").set("hursts=0.3,0.7").set("betas=0.5,1")
                .set("lrs=0.01,0.05").set("width=4").set("depth=8").set("epochs=3").set("batch_size=16")
                .set("lr_step=2").set("data.path=" + data).set("data.train_size=48").set("data.test_size=all")
                .set("save_weights=true");
        for (String e : extra) {
            l.set(e);
        }
        return l.resolve();
    }

    @Test
    void trainsAssemblesAndResumesToTheSameBytes(@TempDir Path tmp) throws IOException {
        Path data = TinyImages.write(tmp.resolve("data"), 60, 30);
        TrainDirectory dir = TrainDirectory.plan(tmp.resolve("out"), tiny(data));
        assertEquals((1 + 2) * 2 * 2, dir.plan().units().size());
        InitTrain.Summary first = InitTrain.run(dir, ImageData.load(dir.plan().config()), 2, ScanListener.NONE);
        assertEquals(12, first.computed());
        assertNotNull(first.record());
        assertEquals(48, first.record().trainSize(), "a seeded subset of 48 of the 60 training images");
        assertEquals(30, first.record().testSize());
        assertEquals(4, first.record().dataSources().size());
        List<AccuracyTable.Row> rows = AccuracyTable.read(dir.accuracyFile());
        assertEquals(12, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.testAccuracy() > 0.9), "the tiny problem is learnt: " + rows);
        TrainRun run = dir.run(dir.plan().unit(0));
        assertEquals(3, run.epochs());
        assertEquals(9, run.steps(), "48 images in batches of 16, 3 epochs");
        List<String> history = Files.readAllLines(dir.unitDir(dir.plan().unit(0)).resolve(TrainDirectory.HISTORY_CSV));
        assertEquals("epoch,lr,train_loss,test_loss,test_accuracy,seconds", history.get(0));
        assertTrue(history.get(3).startsWith("3,0.001"), "StepLR: lr 0.01 x 0.1 from epoch 3: " + history);
        assertArrayEquals(new int[] {8, 4, 4}, Npy.read(dir.unitDir(dir.plan().unit(0)).resolve("V.npy")).shape());
        byte[] before = Files.readAllBytes(dir.accuracyFile());

        org.rscale.sweeps.io.AtomicFiles.deleteRecursively(dir.unitDir(dir.plan().unit(7)));
        Files.delete(dir.accuracyFile());
        TrainDirectory again = TrainDirectory.open(tmp.resolve("out"));
        assertEquals(List.of(dir.plan().unit(7)), again.missing());
        InitTrain.Summary second = InitTrain.run(again, ImageData.load(again.plan().config()), 1,
                ScanListener.NONE);
        assertEquals(1, second.computed());
        assertArrayEquals(before, Files.readAllBytes(dir.accuracyFile()), "a resumed study gives the same table");
        assertTrue(!InitTrain.runOne(again, null, 7), "a done training is not run again");
    }

    @Test
    void badDataSettingsAreOneLine(@TempDir Path tmp) {
        Path data = TinyImages.write(tmp.resolve("data"), 10, 5);
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> ImageData.load(tiny(data, "data.train_size=11")));
        assertTrue(tooMany.getMessage().contains("'data.train_size' is 11"), tooMany.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> TrainDirectory.plan(tmp.resolve("b"), tiny(tmp.resolve("nowhere"))));
        assertTrue(none.getMessage().contains("nowhere"), none.getMessage());
        assertEquals(1, none.getMessage().lines().count());
        assertTrue(!Files.exists(tmp.resolve("b")), "nothing written");
        TrainDirectory.plan(tmp.resolve("a"), tiny(data));
        InvalidInputException lr = assertThrows(InvalidInputException.class,
                () -> new TrainConfigLoader().set("lrs=0.1,0").resolve());
        assertTrue(lr.getMessage().contains("'lrs'"), lr.getMessage());
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> TrainDirectory.plan(tmp.resolve("a"), tiny(data, "epochs=4")));
        assertTrue(other.getMessage().contains("'epochs'"), other.getMessage());
    }

    @Test
    void everyPresetResolves() {
        for (String name : TrainPresets.names()) {
            assertTrue(TrainPlan.of(new TrainConfigLoader().preset(name).resolve()).units().size() > 0, name);
        }
        TrainConfig paper = new TrainConfigLoader().preset("jmlr-trained-heatmap").resolve();
        assertEquals(10 * 10 * 5, TrainPlan.of(paper).units().size());
        assertEquals(0, paper.trainSize(), "all");
    }
}
