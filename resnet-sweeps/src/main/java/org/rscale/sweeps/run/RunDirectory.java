package org.rscale.sweeps.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.config.CellSettings;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.CsvTable;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.io.Npy;
import org.rscale.sweeps.io.NpyArray;
import org.rscale.sweeps.model.ResidualNet;
import org.rscale.sweeps.train.EpochRecord;
import org.rscale.sweeps.train.TrainingStatus;

/**
 * Writes and reads one run directory of the run format ({@link RunFiles}).
 *
 * <p>Writing goes to a staging directory which is then published under the cell's name by one
 * atomic rename ({@link AtomicFiles#publishDirectory}), so a run directory is either complete or
 * absent. {@code run.json} is written last inside it, so a directory with {@code run.json} is
 * complete even where publishing is not atomic.
 */
public final class RunDirectory {

    private RunDirectory() {
    }

    /**
     * @param dir a run directory
     * @return whether it holds a complete result ({@link #check})
     */
    public static boolean isComplete(Path dir) {
        return check(dir).complete();
    }

    /**
     * Whether a cell's run directory holds its complete result: the one definition of "done" that
     * {@code sweep}, {@code run-task} and {@code status} share. Done means: {@code run.json} is a valid
     * run record (known format version, its directory's cell id, a known status, settings that parse);
     * {@code A.npy}, {@code b.npy} and {@code delta.npy} are regular files of a floating-point type with
     * the shapes the settings give ((L, d, d), (L, d), (L,) or (1,)); {@code history.csv} is a regular
     * file. Only headers are read, not the weights.
     *
     * @param dir a run directory (which may not exist)
     * @return absent, complete (with its record), or invalid with the first problem found
     */
    public static RunCheck check(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return RunCheck.absent(dir);
        }
        if (!Files.isDirectory(dir)) {
            return RunCheck.invalid(dir, dir + ": not a directory");
        }
        Path json = dir.resolve(RunFiles.RUN_JSON);
        if (!Files.exists(json, LinkOption.NOFOLLOW_LINKS)) {
            return RunCheck.invalid(dir, json + ": file not found (the cell's record is written last)");
        }
        try {
            RunRecord r = readRecord(json);
            String problem = recordProblem(r, dir.getFileName().toString());
            if (problem != null) {
                return RunCheck.invalid(dir, json + ": " + problem);
            }
            CellSettings s = CellSettings.fromMap(r.settings(), json.toString());
            int L = s.depth();
            int d = s.dim();
            String shapeProblem = s.isConv() ? ConvRunDirectory.problem(dir, L)
                    : shapeProblem(dir.resolve(RunFiles.A_NPY), new int[] {L, d, d});
            if (s.isConv()) {
                if (shapeProblem != null) {
                    return RunCheck.invalid(dir, shapeProblem);
                }
                Path history = dir.resolve(RunFiles.HISTORY_CSV);
                return Files.isRegularFile(history) ? RunCheck.complete(dir, r)
                        : RunCheck.invalid(dir, history + ": file not found");
            }
            if (shapeProblem == null) {
                shapeProblem = shapeProblem(dir.resolve(RunFiles.B_NPY), new int[] {L, d});
            }
            if (shapeProblem == null) {
                shapeProblem = shapeProblem(dir.resolve(RunFiles.DELTA_NPY), new int[] {s.delta().storedLength(L)});
            }
            if (shapeProblem != null) {
                return RunCheck.invalid(dir, shapeProblem);
            }
            Path history = dir.resolve(RunFiles.HISTORY_CSV);
            if (!Files.isRegularFile(history)) {
                return RunCheck.invalid(dir, history + (Files.exists(history, LinkOption.NOFOLLOW_LINKS)
                        ? ": not a regular file" : ": file not found"));
            }
            return RunCheck.complete(dir, r);
        } catch (InvalidInputException e) {
            return RunCheck.invalid(dir, e.getMessage());
        }
    }

    /** What is wrong with a run record of directory {@code name}, or null. */
    private static String recordProblem(RunRecord r, String name) {
        if (r == null) {
            return "empty";
        }
        if (r.formatVersion() < 1 || r.formatVersion() > RunRecord.FORMAT_VERSION) {
            return "unknown format_version " + r.formatVersion();
        }
        if (!name.equals(r.cellId())) {
            return "cell_id '" + r.cellId() + "' is not its directory's name '" + name + "'";
        }
        if (r.settings() == null) {
            return "no settings";
        }
        try {
            TrainingStatus.of(r.status());
        } catch (IllegalArgumentException e) {
            return "unknown status '" + r.status() + "'";
        }
        return null;
    }

    /** What is wrong with a weight file of the expected shape, or null. */
    private static String shapeProblem(Path file, int[] shape) {
        Npy.Header h = Npy.readHeader(file);
        if (!h.floating()) {
            return file + ": dtype '" + h.descr() + "' is not a floating-point type";
        }
        if (!java.util.Arrays.equals(h.shape(), shape)) {
            return file + ": shape " + h.shapeString() + ", expected " + NpyArray.shapeString(shape);
        }
        return null;
    }

    /**
     * Writes the weights, history and record of a trained cell into {@code staging}.
     *
     * @param staging a new, empty directory
     * @param net     the trained network
     * @param history the per-epoch losses
     * @param record  the run record, written last
     */
    public static void write(Path staging, ResidualNet net, List<EpochRecord> history, RunRecord record) {
        int L = net.depth();
        int d = net.dim();
        Npy.write(staging.resolve(RunFiles.A_NPY), new int[] {L, d, d}, net.A());
        Npy.write(staging.resolve(RunFiles.B_NPY), new int[] {L, d}, net.b());
        Npy.write(staging.resolve(RunFiles.DELTA_NPY), new int[] {net.delta().length}, net.delta());
        writeHistory(staging.resolve(RunFiles.HISTORY_CSV), history);
        writeRecord(staging.resolve(RunFiles.RUN_JSON), record);
    }

    /**
     * @param file    where to write
     * @param history the rows
     */
    public static void writeHistory(Path file, List<EpochRecord> history) {
        List<String> columns = List.of("epoch", "train_loss", "test_loss", "wall_seconds");
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (EpochRecord e : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("train_loss", e.trainLoss());
            row.put("test_loss", e.testLoss());
            row.put("wall_seconds", e.wallSeconds());
            rows.add(row);
        }
        CsvTable.write(file, columns, rows);
    }

    /**
     * @param file   where to write
     * @param record the record
     */
    public static void writeRecord(Path file, RunRecord record) {
        AtomicFiles.write(file, out -> DataFormats.json().writeValue(out, record));
    }

    /**
     * @param file a run.json
     * @return its record
     */
    public static RunRecord readRecord(Path file) {
        try {
            RunRecord r = DataFormats.json().readValue(file.toFile(), RunRecord.class);
            if (r == null) {
                throw new InvalidInputException(file + ": not a valid run.json (empty)");
            }
            return r;
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": not a valid run.json (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + FileFailure.describe(e) + ")", e);
        }
    }

    /**
     * Reads a run directory written by rscale or by other software. Required: {@code A.npy} of
     * shape (L, d, d). Optional: {@code b.npy} (L, d), {@code delta.npy} (L,), (1,) or (),
     * {@code run.json} (its {@code settings}, {@code status}, losses and {@code a_multiplies}).
     *
     * @param dir the run directory
     * @return the weights in the {@code A h} convention and what run.json says
     * @throws InvalidInputException naming the file at fault
     */
    public static TrainedRun read(Path dir) {
        Path aFile = dir.resolve(RunFiles.A_NPY);
        if (!Files.exists(aFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(aFile + ": file not found (a run directory needs at least A.npy)");
        }
        NpyArray a = Npy.readFloating(aFile);
        if (a.rank() != 3 || a.shape()[1] != a.shape()[2] || a.shape()[0] < 1 || a.shape()[1] < 1) {
            throw new InvalidInputException(aFile + ": expected shape (L, d, d), found " + a.shapeString());
        }
        int L = a.shape()[0];
        int d = a.shape()[1];
        double[] b = null;
        Path bFile = dir.resolve(RunFiles.B_NPY);
        if (Files.exists(bFile, LinkOption.NOFOLLOW_LINKS)) {
            NpyArray bArr = Npy.readFloating(bFile);
            if (bArr.rank() != 2 || bArr.shape()[0] != L || bArr.shape()[1] != d) {
                throw new InvalidInputException(bFile + ": expected shape (" + L + ", " + d + ") to match A.npy, found "
                        + bArr.shapeString());
            }
            b = bArr.data();
        }
        double[] delta = null;
        Path deltaFile = dir.resolve(RunFiles.DELTA_NPY);
        if (Files.exists(deltaFile, LinkOption.NOFOLLOW_LINKS)) {
            NpyArray dArr = Npy.readFloating(deltaFile);
            boolean ok = dArr.rank() == 0 || (dArr.rank() == 1 && (dArr.shape()[0] == L || dArr.shape()[0] == 1));
            if (!ok) {
                throw new InvalidInputException(deltaFile + ": expected shape (" + L + ",) or (1,) to match A.npy, found "
                        + dArr.shapeString());
            }
            delta = dArr.data();
        }
        Map<String, Object> settings = Map.of();
        String status = TrainedRun.UNKNOWN_STATUS;
        Double trainLoss = null;
        Double testLoss = null;
        Integer seed = null;
        boolean transpose = false;
        Path json = dir.resolve(RunFiles.RUN_JSON);
        boolean hasJson = Files.exists(json, LinkOption.NOFOLLOW_LINKS);
        if (hasJson) {
            JsonNode root;
            try {
                root = DataFormats.json().readTree(json.toFile());
            } catch (JacksonException e) {
                throw new InvalidInputException(json + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
            } catch (IOException e) {
                throw new InvalidInputException(json + ": cannot read (" + FileFailure.describe(e) + ")", e);
            }
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(json + ": expected a JSON object");
            }
            JsonNode s = root.get("settings");
            if (s != null && !s.isNull()) {
                if (!s.isObject()) {
                    throw new InvalidInputException(json + ": field 'settings' must be an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = DataFormats.json().convertValue(s, LinkedHashMap.class);
                m.values().removeIf(java.util.Objects::isNull);
                settings = m;
                Object depth = m.get("depth");
                if (depth instanceof Number n && n.intValue() != L) {
                    throw new InvalidInputException(json + ": settings say depth " + n + " but " + aFile
                            + " holds " + L + " layers");
                }
                Object width = m.get("data.dim");
                if (width instanceof Number n && n.intValue() != d) {
                    throw new InvalidInputException(json + ": settings say data.dim " + n + " but " + aFile
                            + " holds matrices of width " + d);
                }
                Object sd = m.get("seed");
                if (sd instanceof Number n) {
                    seed = n.intValue();
                }
            }
            status = text(root, "status", TrainedRun.UNKNOWN_STATUS);
            trainLoss = number(root, "final_train_loss");
            testLoss = number(root, "final_test_loss");
            String side = text(root, "a_multiplies", RunRecord.A_H);
            if (RunRecord.H_A.equals(side)) {
                transpose = true;
            } else if (!RunRecord.A_H.equals(side)) {
                throw new InvalidInputException(json + ": field 'a_multiplies' must be '" + RunRecord.A_H + "' or '"
                        + RunRecord.H_A + "', found '" + side + "'");
            }
        }
        double[] A = transpose ? transposeLayers(a.data(), L, d) : a.data();
        return new TrainedRun(dir, dir.getFileName().toString(), L, d, A, b, delta, settings, status, trainLoss,
                testLoss, seed, hasJson);
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static Double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    private static double[] transposeLayers(double[] A, int L, int d) {
        double[] t = new double[A.length];
        for (int k = 0; k < L; k++) {
            int off = k * d * d;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    t[off + i * d + j] = A[off + j * d + i];
                }
            }
        }
        return t;
    }
}
