package org.rscale.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvRow;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.run.ConvRunDirectory;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;
import org.rscale.sweeps.run.RunRecord;
import org.rscale.sweeps.run.StateDictKernels;
import org.rscale.sweeps.run.TrainedConvRun;
import org.rscale.sweeps.run.TrainedRun;

/**
 * The files of the convolutional analysis, with their typed readers:
 * <pre>
 *   analysis/conv_norms.csv            group, cell, depth, seed, block, stage, tensor, kind, c_out, c_in, kh, kw,
 *                                      stride, input_height, input_width, strided, frequency_y, frequency_x,
 *                                      operator_norm, frobenius_norm
 *   analysis/conv_singular_values.csv  group, cell, depth, seed, block, tensor, kind, rank, singular_value
 *   analysis/conv/&lt;cell&gt;.json          one cell's spectra ({@link ConvNetSpectra}) and what they were computed
 *                                      from: the settings and the SHA-256 of every kernel file of the run directory
 * </pre>
 * One row of {@code conv_norms.csv} per kernel ({@code kind = kernel}) and per increment
 * ({@code kind = increment}, block {@code k} for {@code K_k - K_{k-1}}), as {@link ConvKernelNorm}; ranks are
 * 1-based; {@code strided} is 1 or 0; an unknown seed is an empty field.
 *
 * <p>The per-cell JSON is the analysis' memory: a cell whose kernel files (every file of its run directory
 * but {@code run.json} and {@code history.csv}) and settings are unchanged is not measured again, and an
 * interrupted analysis resumes with the cells it had not finished (each file is written atomically when its
 * cell is done).
 */
public final class ConvSpectraFiles {
    /** The per-cell directory under the analysis directory. */
    public static final String CELLS_DIR = "conv";
    /** The kernels' table. */
    public static final String NORMS_CSV = "conv_norms.csv";
    /** The singular values' table. */
    public static final String SINGULAR_VALUES_CSV = "conv_singular_values.csv";
    /** The per-cell file format version. */
    public static final int FORMAT_VERSION = 1;

    private static final List<String> NORM_COLUMNS = List.of("group", "cell", "depth", "seed", "block", "stage", "tensor",
            "kind", "c_out", "c_in", "kh", "kw", "stride", "input_height", "input_width", "strided", "frequency_y",
            "frequency_x", "operator_norm", "frobenius_norm");
    private static final List<String> SV_COLUMNS = List.of("group", "cell", "depth", "seed", "block", "tensor", "kind",
            "rank", "singular_value");

    private ConvSpectraFiles() {
    }

    /**
     * What a cell's spectra were computed from.
     *
     * @param topK       singular values kept
     * @param strideRule the stride rule's key
     * @param layout     the state_dict layout for kernels trained elsewhere ({@code names, H x W}), or
     *                   {@code rscale} for rscale's own format
     * @param files      every kernel file: name, size and SHA-256
     */
    public record Source(int topK, String strideRule, String layout, List<SourceFile> files) {
        // Copies.
        public Source {
            files = List.copyOf(files);
        }
    }

    /**
     * One input file, identified by content.
     *
     * @param name   the file's name in the run directory
     * @param size   its size in bytes
     * @param sha256 its SHA-256, hex
     */
    public record SourceFile(String name, long size, String sha256) {
    }

    /**
     * The content of {@code conv/<cell>.json}.
     *
     * @param formatVersion {@value #FORMAT_VERSION}
     * @param cell          the cell's id (its run directory's name)
     * @param source        what the spectra were computed from
     * @param spectra       the spectra
     */
    public record CellSpectra(int formatVersion, String cell, Source source, ConvNetSpectra spectra) {
    }

    /**
     * A measured conv cell: what the analysis needs of it besides its spectra.
     *
     * @param dir     its run directory
     * @param id      its name
     * @param depth   L, the number of blocks
     * @param record  its run.json (rscale's, or the lenient one of weights trained elsewhere), or null
     * @param spectra its spectra
     */
    public record MeasuredCell(Path dir, String id, int depth, RunRecord record, ConvNetSpectra spectra) {
        /** @return the training seed from run.json, or null when unknown */
        public Integer seed() {
            return record == null || record.settings() == null ? null
                    : record.settings().get("seed") instanceof Number n ? n.intValue() : null;
        }

        /** @return the training status from run.json, or {@code unknown} */
        public String status() {
            return record == null || record.status() == null ? TrainedRun.UNKNOWN_STATUS : record.status();
        }
    }

    /**
     * A conv cell's spectra: read from {@code cacheDir/<cell>.json} when they were computed from the same kernel
     * files (by SHA-256) and settings, without reading the kernels; else computed and written there.
     *
     * @param dir      the cell's run directory: rscale's conv run format ({@code blocks.csv}) or a state_dict
     * @param settings the analysis settings (its cache directory may be null: nothing is kept)
     * @return the cell
     * @throws InvalidInputException naming the file at fault when the kernels or run.json are malformed
     */
    public static MeasuredCell measure(Path dir, ConvAnalysisSettings settings) {
        return measure(dir, settings, ConvProgress.NONE);
    }

    /**
     * {@link #measure(Path, ConvAnalysisSettings)}, telling a listener when the cell is done.
     *
     * @param dir      the cell's run directory
     * @param settings the analysis settings
     * @param progress hears of the cell once it is measured
     * @return the cell
     */
    public static MeasuredCell measure(Path dir, ConvAnalysisSettings settings, ConvProgress progress) {
        long started = System.nanoTime();
        boolean foreign = !ConvRunDirectory.isConvRun(dir);
        String id = dir.getFileName().toString();
        Path cache = settings.cacheDir();
        Source source = null;
        Path file = null;
        if (cache != null) {
            source = sourceOf(dir, settings, foreign);
            file = cache.resolve(id + ".json");
            if (Files.isRegularFile(file)) {
                CellSpectra kept = readCell(file);
                if (kept != null && kept.formatVersion() == FORMAT_VERSION && source.equals(kept.source())) {
                    int depth = kept.spectra().depth();
                    MeasuredCell cell = new MeasuredCell(dir, id, depth, record(dir, foreign, depth), kept.spectra());
                    progress.cellMeasured(id, depth, true, (System.nanoTime() - started) / 1e9);
                    return cell;
                }
            }
        }
        TrainedConvRun run = foreign ? StateDictKernels.read(dir, settings.layout()) : ConvRunDirectory.read(dir);
        ConvNetSpectra spectra = ConvNetSpectra.of(run.weights(), settings.topK(), settings.strideRule());
        if (file != null) {
            CellSpectra out = new CellSpectra(FORMAT_VERSION, id, source, spectra);
            AtomicFiles.write(file, o -> DataFormats.json().writeValue(o, out));
        }
        progress.cellMeasured(id, run.depth(), false, (System.nanoTime() - started) / 1e9);
        return new MeasuredCell(dir, id, run.depth(), run.record(), spectra);
    }

    /** A cell's run.json alone (the kernels are not read): rscale's record, or the lenient one of a state_dict. */
    private static RunRecord record(Path dir, boolean foreign, int depth) {
        if (foreign) {
            return StateDictKernels.readRecord(dir, depth);
        }
        Path json = dir.resolve(RunFiles.RUN_JSON);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        RunRecord r = RunDirectory.readRecord(json);
        if (r.settings() != null && r.settings().get("depth") instanceof Number n && n.intValue() != depth) {
            throw new InvalidInputException(json + ": settings say depth " + n + " but " + dir.resolve(RunFiles.BLOCKS_CSV)
                    + " lists " + depth + " blocks");
        }
        return r;
    }

    /**
     * @param file a {@code conv/<cell>.json}
     * @return its content, or null when it cannot be read (an older or damaged file is recomputed, not an error)
     */
    public static CellSpectra readCell(Path file) {
        try {
            return DataFormats.json().readValue(file.toFile(), CellSpectra.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Source sourceOf(Path dir, ConvAnalysisSettings s, boolean foreign) {
        List<SourceFile> files = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.startsWith(".") && !name.equals(RunFiles.RUN_JSON)
                        && !name.equals(RunFiles.HISTORY_CSV)) {
                    paths.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        paths.sort(null);
        for (Path p : paths) {
            try {
                files.add(new SourceFile(p.getFileName().toString(), Files.size(p), sha256(p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        String layout = foreign ? s.layout().names().describe() + " on " + s.layout().inputHeight() + "x"
                + s.layout().inputWidth() : "rscale";
        return new Source(s.topK(), s.strideRule().key(), layout, files);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Writes {@code conv_norms.csv} and {@code conv_singular_values.csv} for the conv cells of an analysis
     * (nothing when it has none).
     *
     * @param analysis the analysis
     * @param dir      the analysis directory
     * @return the files written
     */
    public static List<Path> writeTables(SweepAnalysis analysis, Path dir) {
        if (analysis.convSpectra().isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> norms = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (SweepAnalysis.GroupAnalysis g : analysis.groups()) {
            for (CellResult c : g.group().cells()) {
                ConvNetSpectra s = analysis.convSpectra().get(c.id());
                if (s == null) {
                    continue;
                }
                for (ConvKernelNorm n : s.norms()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group", g.group().id());
                    row.put("cell", c.id());
                    row.put("depth", c.depth());
                    row.put("seed", c.seed() == null ? "" : c.seed());
                    row.put("block", n.block());
                    Map<String, Object> sv = new LinkedHashMap<>(row);
                    row.put("stage", n.stage());
                    row.put("tensor", n.tensor());
                    row.put("kind", n.kind());
                    row.put("c_out", n.cOut());
                    row.put("c_in", n.cIn());
                    row.put("kh", n.kh());
                    row.put("kw", n.kw());
                    row.put("stride", n.stride());
                    row.put("input_height", n.inputHeight());
                    row.put("input_width", n.inputWidth());
                    row.put("strided", n.strided() ? 1 : 0);
                    row.put("frequency_y", n.frequencyY());
                    row.put("frequency_x", n.frequencyX());
                    row.put("operator_norm", n.operatorNorm());
                    row.put("frobenius_norm", n.frobeniusNorm());
                    norms.add(row);
                    sv.put("tensor", n.tensor());
                    sv.put("kind", n.kind());
                    for (int r = 0; r < n.singularValues().length; r++) {
                        Map<String, Object> v = new LinkedHashMap<>(sv);
                        v.put("rank", r + 1);
                        v.put("singular_value", n.singularValues()[r]);
                        values.add(v);
                    }
                }
            }
        }
        Path normsFile = dir.resolve(NORMS_CSV);
        Path svFile = dir.resolve(SINGULAR_VALUES_CSV);
        AtomicFiles.write(normsFile, o -> DataFormats.csv().writer(schema(NORM_COLUMNS)).writeValue(o, norms));
        AtomicFiles.write(svFile, o -> DataFormats.csv().writer(schema(SV_COLUMNS)).writeValue(o, values));
        return List.of(normsFile, svFile);
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        columns.forEach(b::addColumn);
        return b.build();
    }

    /**
     * One row of {@code conv_norms.csv}.
     *
     * @param group the group's id
     * @param cell  the cell's id
     * @param depth L
     * @param seed  the seed, or null when unknown
     * @param norm  the kernel's or increment's norm (without singular values: they are in the other table)
     */
    public record NormRow(String group, String cell, int depth, Integer seed, ConvKernelNorm norm) {
    }

    /**
     * Reads {@code conv_norms.csv}.
     *
     * @param file the file
     * @return its rows, in order
     * @throws InvalidInputException naming the file, row and column when a value is missing or malformed
     */
    public static List<NormRow> readNorms(Path file) {
        List<NormRow> out = new ArrayList<>();
        for (CsvRow row : CsvTable.read(file, NORM_COLUMNS)) {
            out.add(new NormRow(row.text("group"), row.text("cell"), row.integer("depth"),
                    row.isMissing("seed") ? null : row.integer("seed"),
                    new ConvKernelNorm(row.integer("block"), row.integer("stage"), row.text("tensor"),
                            row.text("kind"), row.integer("c_out"), row.integer("c_in"), row.integer("kh"),
                            row.integer("kw"), row.integer("stride"), row.integer("input_height"),
                            row.integer("input_width"), row.integer("strided") == 1, row.integer("frequency_y"),
                            row.integer("frequency_x"), row.number("operator_norm"), row.number("frobenius_norm"),
                            new double[0])));
        }
        return out;
    }
}
