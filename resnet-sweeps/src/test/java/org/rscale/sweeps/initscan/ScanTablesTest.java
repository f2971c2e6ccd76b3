package org.rscale.sweeps.initscan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.inittrain.AccuracyTable;

/**
 * The init study's tables read back what their owners wrote, through the one CSV reader: an undefined ratio
 * ({@code nan}) and a missing Hurst index (empty) both read as NaN, infinities and awkward doubles exactly.
 */
class ScanTablesTest {

    @Test
    void ratiosReadBackExactly(@TempDir Path tmp) throws IOException {
        List<RatiosTable.Row> rows = List.of(
                new RatiosTable.Row(BranchModel.RES_1, Initialisation.IID, Double.NaN, 4, 10, -2, 0, 1, Double.NaN,
                        Double.POSITIVE_INFINITY, Double.MIN_VALUE, -0.0),
                new RatiosTable.Row(BranchModel.RES_3, Initialisation.FBM, 0.3, 1, 1000, 0.5, 2, 0, 1.0 / 3,
                        Double.NEGATIVE_INFINITY, 1e300, 0.1));
        Path f = tmp.resolve("ratios.csv");
        write(f, RatiosTable.header(), rows.get(0).line(), rows.get(1).line());
        assertEquals("res-1,iid,,4,10,-2.0,0,1,nan,inf,4.9E-324,-0.0", rows.get(0).line());
        assertEquals(rows, RatiosTable.read(f));
    }

    @Test
    void pathsReadBackExactly(@TempDir Path tmp) throws IOException {
        List<PathsTable.Row> rows = List.of(
                new PathsTable.Row(BranchModel.RES_1, Initialisation.SMOOTH, Double.NaN, 1, 64, 0, 0, 63, 1.0, -1.25,
                        Double.NaN),
                new PathsTable.Row(BranchModel.RES_1, Initialisation.FBM, 0.8, 1, 64, 0, 0, 0, 1.0 / 64,
                        2.0 / 3, Math.nextUp(1.0)));
        Path f = tmp.resolve("paths.csv");
        write(f, PathsTable.header(), rows.get(0).line(), rows.get(1).line());
        assertEquals("res-1,smooth,,1,64,0,0,63,1.0,-1.25,nan", rows.get(0).line());
        assertEquals(rows, PathsTable.read(f));
    }

    @Test
    void accuracyReadsBackExactly(@TempDir Path tmp) throws IOException {
        List<AccuracyTable.Row> rows = List.of(
                new AccuracyTable.Row(Initialisation.IID, Double.NaN, 1.0, 1e-3, 0, "diverged", 2, Double.NaN,
                        Double.NaN, 0.1),
                new AccuracyTable.Row(Initialisation.FBM, 0.7, 0.5, 0.01, 3, "finished", 3, 0.25, 2.0 / 3, 0.875));
        Path f = tmp.resolve("accuracy.csv");
        write(f, AccuracyTable.header(), rows.get(0).line(), rows.get(1).line());
        assertEquals("iid,,1.0,0.001,0,diverged,2,,,0.1", rows.get(0).line());
        assertEquals(rows, AccuracyTable.read(f));
    }

    /** Writes a table as its writer does: the header, then one line per row. */
    private static void write(Path f, String header, String... lines) throws IOException {
        Files.writeString(f, header + "\n" + String.join("\n", lines) + "\n");
    }
}
