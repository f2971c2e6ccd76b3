package org.rscale.sweeps;

/**
 * Bad input from the user: an unknown or ill-typed setting, a malformed or missing file, a value
 * out of range. The message is one line that names the file, field or value at fault; the
 * command line maps this exception to exit code 2 and writes nothing else.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file, field or value at fault
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file, field or value at fault
     * @param cause   the underlying parse or I/O failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
