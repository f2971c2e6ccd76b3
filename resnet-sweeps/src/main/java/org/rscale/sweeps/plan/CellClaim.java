package org.rscale.sweeps.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rscale.sweeps.io.AtomicFiles;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.io.FileFailure;
import org.rscale.sweeps.io.ProcessTag;

/**
 * A task's claim on a cell, held while it trains the cell: the directory
 * {@code runs/.claim-<cell-id>/} holding {@code claim.json} (this record). It is what makes
 * {@code rscale status} say "running", and it keeps a second task (a resubmitted array task, a
 * second {@code rscale sweep} on the same directory) from training a cell that is being trained.
 *
 * <p>Taking a claim is atomic: the claim is written into a fresh hidden directory which is then
 * renamed to {@code .claim-<cell-id>}; {@code rename(2)} of a directory onto a non-empty one fails,
 * so of two tasks exactly one wins, on a local file system and on NFS alike. A claim whose holder
 * has certainly stopped ({@link ClaimLiveness}) is stale: it is moved aside (again one atomic
 * rename, so only one task can remove it) and replaced. The holder removes its claim after
 * publishing the result, and after a failure.
 *
 * <p>Claims are an optimisation and a status, not what keeps results whole: a run directory is
 * always published by one atomic rename and the first complete result wins
 * ({@link org.rscale.sweeps.io.AtomicFiles#publishDirectory}), so even two tasks training one
 * cell (a holder judged dead wrongly) never mix their files.
 *
 * @param cellId  the claimed cell
 * @param token   a random id of this claim
 * @param process the holder
 * @param claimed when it was taken, ISO-8601 UTC
 */
public record CellClaim(String cellId, String token, TaskProcess process, String claimed) {
    /** The name prefix of claim directories under {@code runs/}. */
    public static final String PREFIX = ".claim-";
    /** The claim file inside a claim directory. */
    public static final String FILE = "claim.json";
    /** Marks a claim being taken: {@code .claim-<id>.new-<owner>-<random>}. */
    private static final String NEW = ".new";
    /** Marks a claim being removed: {@code .claim-<id>.stale-<owner>-<random>}. */
    private static final String STALE = ".stale";

    /**
     * The result of {@link #acquire}.
     *
     * @param won      whether this process now holds the claim
     * @param claim    the claim: ours if {@code won}, else the live holder's
     * @param replaced why a stale claim was replaced on the way, if one was
     */
    public record Attempt(boolean won, CellClaim claim, Optional<String> replaced) {
    }

    /**
     * @param runsDir a sweep's {@code runs/} directory
     * @param cellId  a cell id
     * @return the claim directory of that cell
     */
    public static Path path(Path runsDir, String cellId) {
        return runsDir.resolve(PREFIX + cellId);
    }

    /**
     * Claims a cell for this process.
     *
     * @param runsDir  a sweep's {@code runs/} directory
     * @param cellId   the cell
     * @param process  the claiming process ({@link TaskProcess#current()})
     * @param liveness judges existing claims
     * @return whether it was won, and the claim that now holds the cell
     */
    public static Attempt acquire(Path runsDir, String cellId, TaskProcess process, ClaimLiveness liveness) {
        Path target = path(runsDir, cellId);
        String replaced = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            CellClaim mine = new CellClaim(cellId, UUID.randomUUID().toString(), process, Instant.now().toString());
            Path fresh = runsDir.resolve(ProcessTag.current().name(PREFIX + cellId + NEW));
            try {
                Files.createDirectories(fresh);
                AtomicFiles.write(fresh.resolve(FILE), out -> DataFormats.json().writeValue(out, mine));
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
                return new Attempt(true, mine, Optional.ofNullable(replaced));
            } catch (IOException e) {
                AtomicFiles.deleteRecursively(fresh);
                // rename(2) onto a non-empty directory fails with ENOTEMPTY or EEXIST, which Java reports as
                // a plain FileSystemException: the claim was taken. It may have been released again since
                // (its holder finished the cell): then try again; any other failure is an error
                if (!takenByAnother(e)) {
                    throw new UncheckedIOException("cannot claim " + target + ": " + FileFailure.describe(e), e);
                }
            } catch (UncheckedIOException e) {
                AtomicFiles.deleteRecursively(fresh);
                throw e;
            }
            Optional<CellClaim> existing = readDirectory(target);
            if (existing.isEmpty()) {
                // released meanwhile (try again), or unreadable: a leftover of an older rscale's release
                if (Files.isDirectory(target)) {
                    moveAside(runsDir, target).ifPresent(AtomicFiles::deleteRecursively);
                }
                continue;
            }
            Optional<String> dead = liveness.deadReason(existing.get());
            if (dead.isEmpty()) {
                return new Attempt(false, existing.get(), Optional.ofNullable(replaced));
            }
            Optional<Path> aside = moveAside(runsDir, target);
            if (aside.isEmpty()) {
                continue;
            }
            Optional<CellClaim> moved = readDirectory(aside.get());
            if (moved.isPresent() && !moved.get().token().equals(existing.get().token())) {
                // another task replaced the stale claim between our read and our move: give it back
                try {
                    Files.move(aside.get(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    AtomicFiles.deleteRecursively(aside.get());
                }
                return new Attempt(false, moved.get(), Optional.ofNullable(replaced));
            }
            AtomicFiles.deleteRecursively(aside.get());
            replaced = "a stale claim of " + existing.get().process().describe() + " (" + dead.get() + ")";
        }
        Optional<CellClaim> holder = readDirectory(target);
        if (holder.isPresent()) {
            return new Attempt(false, holder.get(), Optional.ofNullable(replaced));
        }
        throw new IllegalStateException("cannot claim " + target + ": it keeps changing");
    }

    /** Whether a failed rename of a fresh claim onto the claim's name failed because that name was taken. */
    private static boolean takenByAnother(IOException e) {
        if (e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException) {
            return true;
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            return reason.contains("Directory not empty") || reason.contains("File exists");
        }
        return false;
    }

    /**
     * @param runsDir a sweep's {@code runs/} directory
     * @param cellId  a cell
     * @return its claim, if there is a readable one
     */
    public static Optional<CellClaim> read(Path runsDir, String cellId) {
        return readDirectory(path(runsDir, cellId));
    }

    /**
     * Removes this claim if it is still the one on disk (a claim that was judged stale and replaced
     * meanwhile is left to its new holder).
     *
     * @param runsDir the sweep's {@code runs/} directory
     */
    public void release(Path runsDir) {
        Path target = path(runsDir, cellId);
        Optional<CellClaim> onDisk = readDirectory(target);
        if (onDisk.isPresent() && onDisk.get().token().equals(token)) {
            // one rename, so that no other task ever sees a half-deleted (unreadable) claim
            moveAside(runsDir, target).ifPresent(AtomicFiles::deleteRecursively);
        }
    }

    /**
     * @param name a file name under {@code runs/}
     * @return the cell id of a claim's temporary directory ({@code .claim-<id>.new-<owner>-<random>} or
     *         {@code .claim-<id>.stale-<owner>-<random>}) and its owner, if it is one
     */
    static Optional<Map.Entry<String, ProcessTag>> temporary(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (String kind : new String[] {NEW, STALE}) {
            int at = name.lastIndexOf(kind + "-");
            if (at > PREFIX.length()) {
                String prefix = name.substring(0, at + kind.length());
                Optional<ProcessTag> owner = ProcessTag.parse(name, prefix);
                if (owner.isPresent()) {
                    return Optional.of(Map.entry(name.substring(PREFIX.length(), at), owner.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> moveAside(Path runsDir, Path target) {
        Path aside = runsDir.resolve(ProcessTag.current().name(target.getFileName() + STALE));
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(aside);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the stale claim " + target + ": " + FileFailure.describe(e), e);
        }
    }

    private static Optional<CellClaim> readDirectory(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            CellClaim c = DataFormats.json().readValue(file.toFile(), CellClaim.class);
            return c == null || c.token() == null || c.process() == null ? Optional.empty() : Optional.of(c);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return e.g. {@code host node17 pid 4242, SLURM job 12_3, since 2024-05-01T10:00:00Z} */
    public String describe() {
        return process.describe() + ", since " + claimed;
    }
}
