package org.rscale.sweeps.plan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides whether a process that works on a sweep has certainly stopped: the holder of a claim
 * ({@link CellClaim}), so that its claim is stale and may be replaced, or the owner of a temporary
 * file ({@link Leftovers}), so that it may be removed. "Cannot tell" counts as alive: a cell is never
 * taken from, and no file removed under, a process that may still run.
 */
@FunctionalInterface
public interface ClaimLiveness {

    /**
     * Processes of this host: a process of this host has stopped when its pid is gone or now belongs
     * to a process started later (when its start time is known). A process of another host cannot be
     * judged here (alive).
     */
    ClaimLiveness LOCAL_PROCESSES = p -> {
        if (!p.onThisHost()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return Optional.of("process " + p.pid() + " on " + p.host() + " is gone");
        }
        Optional<Instant> started = h.get().info().startInstant();
        try {
            Instant claimed = Instant.parse(p.processStarted());
            if (started.isPresent() && !started.get().equals(claimed)) {
                return Optional.of("pid " + p.pid() + " on " + p.host() + " now belongs to another process");
            }
        } catch (DateTimeParseException e) {
            // unknown start time: trust the pid
        }
        return Optional.empty();
    };

    /**
     * @param process a process
     * @return why it has certainly stopped, or empty if it may still run
     */
    Optional<String> deadReason(TaskProcess process);

    /**
     * @param claim a claim
     * @return why its holder has certainly stopped, or empty if it may still run
     */
    default Optional<String> deadReason(CellClaim claim) {
        return deadReason(claim.process());
    }
}
