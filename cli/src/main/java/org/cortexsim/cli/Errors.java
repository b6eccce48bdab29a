package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.cortexsim.config.ConfigError;
import org.cortexsim.config.ConfigException;
import org.cortexsim.results.UnreadableFileException;

/** Formats errors for users: one line each, naming the file, place and fix. */
final class Errors {
    private Errors() {
    }

    static void print(PrintWriter err, ConfigException e) {
        for (ConfigError error : e.errors()) {
            err.println("cortexsim: " + error);
        }
        err.flush();
    }

    static String describe(IOException e) {
        if (e instanceof org.cortexsim.run.OutputWriteException || e instanceof UnreadableFileException) {
            return e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getMessage();
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "" : ": " + f.getReason();
            return f.getFile() + reason;
        }
        return "I/O error: " + e.getMessage();
    }

    /**
     * A failure to read a result file given on the command line ({@code info}, {@code plot}), with
     * the fix when the file is not HDF5 or is damaged.
     */
    static String describeResultInput(IOException e) {
        return describe(e) + (e instanceof UnreadableFileException
                ? "; give the main .h5 file that cortexsim run wrote, or run it again to write it anew" : "");
    }

    /** Whether the error is the user's to fix before running (existing output, missing directory). */
    static boolean isUsage(IOException e) {
        return e instanceof FileAlreadyExistsException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException;
    }
}
