package org.rscale.fits.limit;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A network that could not be compared with a candidate limit; it is left out of the rate fit and listed.
 *
 * @param net    the network's index in the compared list
 * @param depth  its depth L
 * @param kind   what went wrong
 * @param reason a one-line explanation
 */
public record TrajectoryFailure(int net, int depth, Kind kind, String reason) {

    /** The named failure states. */
    public enum Kind {
        /** The network's hidden states are not finite (a diverged network). */
        NETWORK_NOT_FINITE("network-not-finite"),
        /** The limit's solution is not finite (an SDE path that blew up). */
        LIMIT_NOT_FINITE("limit-not-finite"),
        /** The ODE integrator failed (step too small, too many evaluations, non-finite right-hand side). */
        INTEGRATION_FAILED("integration-failed");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** @return the on-disk name */
        @JsonValue
        public String key() {
            return key;
        }
    }
}
