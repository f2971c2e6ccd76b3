package org.rscale.sweeps.initscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.rscale.sweeps.testing.QuietConsole;

/**
 * A scan on disk: units published atomically and skipped when done, the tables assembled in unit
 * order, a killed scan resumed to the same bytes, non-finite ratios written as such, and a
 * different scan refused.
 */
@ExtendWith(QuietConsole.class)
class ScanDirectoryTest {

    private static ScanConfig tiny(String... extra) {
        ScanConfigLoader l = new ScanConfigLoader().set("model=res-1,res-3").set("init=iid,fbm").set("hursts=0.3,0.7")
                .set("widths=3").set("depths=5,9").set("betas=0.5,1").set("draws=2").set("inputs=2")
                .set("input_dim=4").set("paths=2");
        for (String e : extra) {
            l.set(e);
        }
        return l.resolve();
    }

    @Test
    void runsAssemblesAndResumesToTheSameBytes(@TempDir Path tmp) throws IOException {
        ScanDirectory dir = ScanDirectory.plan(tmp, tiny());
        // 2 models x (iid + 2 fbm) x 2 depths x 2 draws
        assertEquals(24, dir.plan().units().size());
        InitScan.Summary first = InitScan.run(dir, 2, ScanListener.NONE);
        assertEquals(24, first.computed());
        assertNotNull(first.record());
        List<RatiosTable.Row> rows = RatiosTable.read(dir.ratiosFile());
        assertEquals(24 * 2 * 2, rows.size(), "one row per network, beta and input");
        assertEquals(24 * 2 * 2, first.record().rows());
        assertEquals(RatiosTable.header(), Files.readAllLines(dir.ratiosFile()).get(0));
        assertEquals(2 * 12 * (5 + 9), PathsTable.read(dir.pathsFile()).size(), "2 entries x L layers per network");
        // rows in unit order: model, init, H, width, depth, draw; then beta, input
        assertEquals("res-1", rows.get(0).model().key());
        assertTrue(Double.isNaN(rows.get(0).hurst()), "no H for iid");
        assertEquals(",,", Files.readAllLines(dir.ratiosFile()).get(1).substring(9, 11), "an empty field for no H");
        ScanRecord record = ScanRecord.read(dir.recordFile());
        assertEquals(24, record.units());
        byte[] before = Files.readAllBytes(dir.ratiosFile());

        // kill: two units lost, the tables gone, a temporary file of a dead process left behind
        Files.delete(dir.unitFile(dir.plan().unit(3)));
        Files.delete(dir.unitFile(dir.plan().unit(17)));
        Files.delete(dir.ratiosFile());
        Files.writeString(dir.unitFile(dir.plan().unit(5)).resolveSibling(".unit-00005.csv.tmp-dead"), "partial");
        ScanDirectory again = ScanDirectory.open(tmp);
        assertEquals(List.of(dir.plan().unit(3), dir.plan().unit(17)), again.missing());
        InitScan.Summary second = InitScan.run(again, 1, ScanListener.NONE);
        assertEquals(2, second.computed());
        assertEquals(22, second.skipped());
        assertArrayEquals(before, Files.readAllBytes(dir.ratiosFile()), "a resumed scan gives the same table");
    }

    @Test
    void oneUnitAtATimeAsClusterTasksThenAssembly(@TempDir Path tmp) throws IOException {
        ScanDirectory dir = ScanDirectory.plan(tmp, tiny("model=res-3", "init=iid"));
        assertTrue(InitScan.runOne(dir, 1));
        assertFalse(InitScan.runOne(dir, 1), "a done unit is not computed again");
        assertFalse(dir.isAssembled());
        assertThrows(InvalidInputException.class, () -> InitScan.runOne(dir, 99));
        InitScan.Summary rest = InitScan.run(dir, 2, ScanListener.NONE);
        assertEquals(3, rest.computed());
        assertTrue(dir.isAssembled());
        // the loop kernel gives the same bits as whatever kernel ran before
        Path other = tmp.resolve("loop");
        InitScan.run(ScanDirectory.plan(other, tiny("model=res-3", "init=iid", "kernel=loop")), 1, ScanListener.NONE);
        assertArrayEquals(Files.readAllBytes(dir.ratiosFile()),
                Files.readAllBytes(other.resolve("init").resolve("ratios.csv")));
    }

    @Test
    void aDifferentScanIsRefusedAndTheKernelMayChange(@TempDir Path tmp) {
        ScanDirectory.plan(tmp, tiny());
        ScanDirectory.plan(tmp, tiny());
        ScanDirectory.plan(tmp, tiny("kernel=loop"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScanDirectory.plan(tmp, tiny("betas=0.5,2")));
        assertTrue(e.getMessage().contains("'betas'"), e.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> ScanDirectory.open(tmp.resolve("elsewhere")));
        assertTrue(none.getMessage().contains("no init/scan.yaml"), none.getMessage());
    }

    @Test
    void overflowIsWrittenAsInfAndNanAndCounted(@TempDir Path tmp) throws IOException {
        // beta = -2: alpha = L^2, the networks explode; every row stays in the table
        ScanDirectory dir = ScanDirectory.plan(tmp, tiny("model=res-3", "init=iid", "betas=-2,1", "depths=400",
                "widths=1", "paths=0"));
        ScanRecord record = InitScan.run(dir, 1, ScanListener.NONE).record();
        List<String> lines = Files.readAllLines(dir.ratiosFile());
        assertEquals(1 + 2 * 2 * 2, lines.size());
        String text = String.join("\n", lines);
        assertTrue(text.contains(",inf,") || text.contains(",nan"), text);
        long nonFinite = 0;
        for (RatiosTable.Row r : RatiosTable.read(dir.ratiosFile())) {
            nonFinite += Double.isFinite(r.gradientChange()) ? 0 : 1;
        }
        assertEquals(nonFinite, record.infinite().get("gradient_change") + record.undefined().get("gradient_change"));
        assertTrue(nonFinite >= 2, "the beta = -2 rows overflow: " + text);
    }

    @Test
    void malformedTablesAreNamedByFileAndLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("ratios.csv");
        Files.writeString(f, RatiosTable.header() + "\nres-3,iid,,4,10,0.5,0,0,1.0,x,1.0,1.0\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RatiosTable.read(f));
        assertTrue(e.getMessage().contains(f + ":2") && e.getMessage().contains("output_change"), e.getMessage());
        Files.writeString(f, "a,b\n");
        assertThrows(InvalidInputException.class, () -> RatiosTable.read(f));
    }
}
