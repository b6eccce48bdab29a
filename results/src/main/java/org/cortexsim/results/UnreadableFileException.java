package org.cortexsim.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file given to be read (a result, a report, a segment) that is not HDF5 at all, or whose HDF5
 * structure is damaged or truncated, such as a copy cut short. The message names the file and says
 * which of the two it is, the HDF5 library's own words in brackets; the caller adds the fix, which
 * depends on what the file was meant to be. Readers raise it in place of the HDF5 library's unchecked exceptions, so that callers
 * (the command line) report the input as bad rather than as an internal error.
 */
public final class UnreadableFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file} is not HDF5 (no HDF5 signature): perhaps a config or another kind of file. */
    static UnreadableFileException notHdf5(Path file, Throwable cause) {
        return new UnreadableFileException(file + ": not an HDF5 file (" + cause.getMessage() + ")", cause);
    }

    /** {@code file} starts as HDF5 but its structure cannot be read. */
    static UnreadableFileException damaged(Path file, Throwable cause) {
        return new UnreadableFileException(file + ": the HDF5 file is damaged or truncated (" + cause.getMessage()
                + ")", cause);
    }

    /**
     * {@code e} as an {@link UnreadableFileException} of {@code file} when it is the HDF5 library's
     * failure to read it; any other exception is rethrown as it is (it is a defect, not bad input).
     */
    public static UnreadableFileException of(Path file, RuntimeException e) {
        if (isHdf5Failure(e)) {
            return damaged(file, e);
        }
        throw e;
    }

    static boolean isHdf5Failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.HdfException) {
                return true;
            }
        }
        return false;
    }
}
