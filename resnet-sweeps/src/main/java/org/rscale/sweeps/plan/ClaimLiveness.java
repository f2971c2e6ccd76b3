package org.rscale.sweeps.plan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides whether the holder of a claim ({@link CellClaim}) has certainly stopped, so that its
 * claim is stale and may be replaced. "Cannot tell" counts as alive: a cell is never taken from a
 * holder that may still run.
 */
@FunctionalInterface
public interface ClaimLiveness {

    /**
     * Processes of this host: a claim of this host is stale when its process is gone or its pid now
     * belongs to a process started later. A claim of another host cannot be judged here (alive).
     */
    ClaimLiveness LOCAL_PROCESSES = claim -> {
        TaskProcess p = claim.process();
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
     * @param claim a claim
     * @return why its holder has certainly stopped, or empty if it may still run
     */
    Optional<String> deadReason(CellClaim claim);
}
