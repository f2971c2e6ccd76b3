package org.rscale.cli;

/**
 * The exit codes of every rscale command, defined once and listed in {@code --help}.
 */
final class ExitCodes {
    /** Success; a diverged cell is a result, not an error. */
    static final int OK = 0;
    /** An internal error (a bug, an I/O failure, a failed cell). */
    static final int INTERNAL = 1;
    /** Invalid input: an option, a configuration or a data file. */
    static final int INVALID_INPUT = 2;

    private ExitCodes() {
    }
}
