package org.rscale.sweeps.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.rscale.sweeps.data.FeatureCache;
import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.io.ProcessTag;
import org.rscale.sweeps.run.RunDirectory;
import org.rscale.sweeps.run.RunFiles;

/**
 * What processes that were killed leave in a sweep directory, and its removal. Every temporary name
 * carries its owner ({@link ProcessTag}), and a leftover is removed only when {@link ClaimLiveness}
 * says its owner has certainly stopped; the files of a process that may still run are never touched.
 * <pre>
 * runs/.partial-&lt;id&gt;-&lt;owner&gt;-&lt;random&gt;/       a run directory being written ({@link CellRunner})
 * runs/.claim-&lt;id&gt;.new-&lt;owner&gt;-&lt;random&gt;/    a claim being taken ({@link CellClaim})
 * runs/.claim-&lt;id&gt;.stale-&lt;owner&gt;-&lt;random&gt;/  a claim being removed
 * runs/.claim-&lt;id&gt;/                          the claim of a finished cell whose holder was killed before
 *                                            releasing it (a claim of an unfinished cell is kept: it tells
 *                                            'rscale status' that the cell's task was killed)
 * data/.partial-mnist-features-&lt;key&gt;-&lt;owner&gt;-&lt;random&gt;/   a feature set being computed ({@link FeatureCache})
 * .&lt;file&gt;.tmp-&lt;owner&gt;-&lt;random&gt;               a file being written ({@link AtomicFiles}), anywhere in
 *                                            the sweep: its root, runs/, slurm/, analysis/, figures/
 * </pre>
 * {@code rscale sweep} removes them when it starts, {@code rscale run-task} those of its cell, and
 * {@code rscale status --clean} all of them.
 */
public final class Leftovers {
    /** How deep {@code analysis/} and {@code figures/} are searched for temporary files. */
    private static final int MAX_DEPTH = 4;

    private Leftovers() {
    }

    /**
     * A leftover of a stopped process.
     *
     * @param path  the file or directory
     * @param owner why its owner has stopped
     */
    public record Leftover(Path path, String owner) {
    }

    /**
     * @param root     a sweep directory
     * @param liveness judges the owners
     * @return every leftover of a stopped process in it
     */
    public static List<Leftover> find(Path root, ClaimLiveness liveness) {
        List<Leftover> out = new ArrayList<>();
        Path runs = root.resolve(RunFiles.RUNS_DIR);
        for (Path p : list(runs)) {
            judge(runs, p, null, liveness).ifPresent(out::add);
        }
        Path data = root.resolve(FeatureCache.DIRECTORY);
        for (Path p : list(data)) {
            judge(data, p, null, liveness).ifPresent(out::add);
        }
        for (Path dir : List.of(root, root.resolve("slurm"), root.resolve("slurm").resolve("jars"))) {
            for (Path p : list(dir)) {
                temporaryFile(p, liveness).ifPresent(out::add);
            }
        }
        for (String tree : List.of(RunFiles.ANALYSIS_DIR, RunFiles.FIGURES_DIR)) {
            Path top = root.resolve(tree);
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top, MAX_DEPTH)) {
                walk.forEach(p -> temporaryFile(p, liveness).ifPresent(out::add));
            } catch (IOException | UncheckedIOException e) {
                // unreadable: nothing to remove there
            }
        }
        return out;
    }

    /**
     * Removes every leftover of a stopped process from a sweep directory.
     *
     * @param root     a sweep directory
     * @param liveness judges the owners
     * @return what was removed
     */
    public static List<Leftover> remove(Path root, ClaimLiveness liveness) {
        return delete(find(root, liveness));
    }

    /**
     * Removes the leftovers of one cell under {@code runs/} (its staging directories, claim
     * temporaries and the stale claim of a finished cell): what a task about to work on the cell
     * cleans up after the tasks before it.
     *
     * @param runsDir  a sweep's {@code runs/} directory
     * @param cellId   the cell
     * @param liveness judges the owners
     * @return what was removed
     */
    public static List<Leftover> removeForCell(Path runsDir, String cellId, ClaimLiveness liveness) {
        List<Leftover> found = new ArrayList<>();
        for (String glob : new String[] {RunFiles.STAGING_PREFIX + cellId + "-*", CellClaim.PREFIX + cellId + ".*",
            CellClaim.PREFIX + cellId}) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(runsDir, glob)) {
                for (Path p : s) {
                    judge(runsDir, p, cellId, liveness).ifPresent(found::add);
                }
            } catch (IOException e) {
                // no runs/ yet: nothing left over
            }
        }
        return delete(found);
    }

    private static List<Leftover> delete(List<Leftover> found) {
        List<Leftover> removed = new ArrayList<>();
        for (Leftover l : found) {
            try {
                AtomicFiles.deleteRecursively(l.path());
                removed.add(l);
            } catch (UncheckedIOException e) {
                // best effort: still a leftover, tried again next time
            }
        }
        return removed;
    }

    /** Whether a name under {@code runs/} is a leftover of a stopped process (of cell {@code only}, if given). */
    private static Optional<Leftover> judge(Path runs, Path p, String only, ClaimLiveness liveness) {
        String name = p.getFileName().toString();
        if (name.startsWith(RunFiles.STAGING_PREFIX)) {
            // .partial-<id>-<owner>-<random>: the id may hold '-', the owner's host does not
            int random = name.lastIndexOf('-');
            Optional<ProcessTag> owner = Optional.empty();
            String id = null;
            for (int cut = name.lastIndexOf('-', random - 1); cut > RunFiles.STAGING_PREFIX.length() && owner.isEmpty();
                 cut = name.lastIndexOf('-', cut - 1)) {
                owner = ProcessTag.parse(name, name.substring(0, cut));
                id = name.substring(RunFiles.STAGING_PREFIX.length(), cut);
            }
            if (owner.isEmpty() || (only != null && !only.equals(id))) {
                return Optional.empty();
            }
            return stopped(p, owner.get(), liveness);
        }
        Optional<Map.Entry<String, ProcessTag>> claimTemporary = CellClaim.temporary(name);
        if (claimTemporary.isPresent()) {
            if (only != null && !only.equals(claimTemporary.get().getKey())) {
                return Optional.empty();
            }
            return stopped(p, claimTemporary.get().getValue(), liveness);
        }
        if (name.startsWith(CellClaim.PREFIX) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            String id = name.substring(CellClaim.PREFIX.length());
            if ((only != null && !only.equals(id)) || !RunDirectory.isComplete(runs.resolve(id))) {
                return Optional.empty();
            }
            Optional<CellClaim> claim = CellClaim.read(runs, id);
            Optional<String> dead = claim.flatMap(liveness::deadReason);
            return dead.map(why -> new Leftover(p, why));
        }
        return only == null ? temporaryFile(p, liveness) : Optional.empty();
    }

    /** Whether {@code p} is a temporary {@code .<file>.tmp-<owner>-<random>} of a stopped process. */
    private static Optional<Leftover> temporaryFile(Path p, ClaimLiveness liveness) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int at = name.lastIndexOf(".tmp-");
        if (!name.startsWith(".") || at < 1) {
            return Optional.empty();
        }
        return ProcessTag.parse(name, name.substring(0, at + 4)).flatMap(owner -> stopped(p, owner, liveness));
    }

    private static Optional<Leftover> stopped(Path p, ProcessTag owner, ClaimLiveness liveness) {
        return liveness.deadReason(TaskProcess.of(owner)).map(why -> new Leftover(p, why));
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : s) {
                out.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + FileFailure.describe(e), e);
        }
        return out;
    }
}
