package org.rscale.sweeps.initscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initstudy.BranchModel;

/**
 * The scan's configuration: presets, the list grammar (numpy's linspace), and one clear message
 * naming the setting and value for each kind of bad input.
 */
class ScanConfigLoaderTest {

    @Test
    void linspaceIsNumpys() {
        // numpy 1.24: np.linspace(0, 1.3, 70)[[0, 1, 2, 13, 35, 68, 69]]
        List<Double> betas = new ScanConfigLoader().set("betas=linspace(0, 1.3, 70)").resolve().betas();
        assertEquals(70, betas.size());
        double[] expected = {0.0, 0.01884057971014493, 0.03768115942028986, 0.24492753623188407, 0.6594202898550725,
            1.281159420289855, 1.3};
        int[] at = {0, 1, 2, 13, 35, 68, 69};
        for (int i = 0; i < at.length; i++) {
            assertEquals(expected[i], betas.get(at[i]), 0.0, "beta " + at[i]);
        }
        // np.linspace(0.05, 0.97, 51)[[0, 1, 25, 49, 50]]
        List<Double> hursts = new ScanConfigLoader().set("hursts=linspace(0.05,0.97,51)").resolve().hursts();
        assertEquals(List.of(0.05, 0.0684, 0.51, 0.9516, 0.97), List.of(hursts.get(0), hursts.get(1), hursts.get(25),
                hursts.get(49), hursts.get(50)));
        // np.linspace(10, 1e3, num=10, dtype=int) and np.linspace(1, 10, 4, dtype=int)
        assertEquals(List.of(10, 120, 230, 340, 450, 560, 670, 780, 890, 1000),
                new ScanConfigLoader().set("depths=linspace(10, 1000, 10)").resolve().depths());
        assertEquals(List.of(1, 4, 7, 10), new ScanConfigLoader().set("widths=linspace(1,10,4)").resolve().widths());
        assertEquals(List.of(3.7), new ScanConfigLoader().set("betas=linspace(3.7, 3.7, 1)").resolve().betas());
        assertEquals(List.of(2, 3, 4, 8), new ScanConfigLoader().set("depths=2..4,8").resolve().depths());
    }

    @Test
    void everyPresetResolvesToThePapersGrid() {
        for (String name : ScanPresets.names()) {
            assertTrue(ScanPlan.of(new ScanConfigLoader().preset(name).resolve()).units().size() > 0, name);
        }
        ScanConfig heatmap = new ScanConfigLoader().preset("jmlr-heatmap").resolve();
        assertEquals(70, heatmap.betas().size());
        assertEquals(51, heatmap.hursts().size());
        assertEquals(51 * 5, ScanPlan.of(heatmap).units().size(), "one unit per network: 5 per H");
        assertEquals(List.of(Initialisation.FBM), heatmap.inits());
        ScanConfig iid = new ScanConfigLoader().preset("jmlr-iid").resolve();
        assertEquals(10 * 50, ScanPlan.of(iid).units().size());
        assertEquals(List.of(0.25, 0.5, 1.0), iid.betas());
        assertEquals(List.of(BranchModel.RES_3), iid.models());
        ScanConfig hist = new ScanConfigLoader().preset("jmlr-histogram").resolve();
        assertEquals(10_000, ScanPlan.of(hist).units().size());
        assertEquals(List.of(100), hist.widths());
        ScanConfig paths = new ScanConfigLoader().preset("jmlr-fbm-paths").resolve();
        assertEquals(List.of(), paths.betas());
        assertEquals(List.of(0.2, 0.5, 0.8), paths.hursts());
    }

    @Test
    void laterSourcesWinSettingBySetting(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("scan.yaml");
        Files.writeString(file, "widths: [8, 16]\ndraws: 3\nprovenance: {rscale_version: x}\n");
        ScanConfig c = new ScanConfigLoader().preset("jmlr-iid").file(file).set("draws=4").resolve();
        assertEquals(List.of(8, 16), c.widths());
        assertEquals(4, c.draws());
        assertEquals(List.of(0.25, 0.5, 1.0), c.betas(), "kept from the preset");
        assertTrue(c.source().contains("preset jmlr-iid") && c.source().contains("--set draws=4"), c.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hursts=0.5,1.2|'hursts'", "betas=0.5,x|'betas'", "depths=linspace(1,10)|'depths'",
        "depths=0,10|'depths'", "model=res-2|'res-2'", "init=xavier|'xavier'", "draws=0|'draws'",
        "widths=4,4|'widths'", "betas=linspace(0,1,0)|'betas'", "seeds=1|'seeds'", "inputs=2.5|'inputs'",
        "draws|key=value"})
    void badValuesAreNamedInOneLine(String caseText) {
        String[] parts = caseText.split("\\|");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ScanConfigLoader().set(parts[0]).resolve());
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void inconsistentSettingsAreRefused() {
        InvalidInputException paths = assertThrows(InvalidInputException.class,
                () -> new ScanConfigLoader().set("widths=4,8").set("paths=5").resolve());
        assertTrue(paths.getMessage().contains("'paths'"), paths.getMessage());
        InvalidInputException nothing = assertThrows(InvalidInputException.class,
                () -> new ScanConfigLoader().set("betas=").resolve());
        assertTrue(nothing.getMessage().contains("nothing to compute"), nothing.getMessage());
        assertThrows(InvalidInputException.class, () -> new ScanConfigLoader().preset("jmlr-nothing"));
    }

    @Test
    void theTreeReadsBackAsTheSameConfiguration(@TempDir Path tmp) throws IOException {
        ScanConfig c = new ScanConfigLoader().preset("jmlr-heatmap").resolve();
        Path file = tmp.resolve("back.yaml");
        Files.writeString(file, org.rscale.sweeps.io.DataFormats.yaml().writeValueAsString(c.toTree()));
        assertEquals(c.toTree(), new ScanConfigLoader().file(file).resolve().toTree());
    }
}
