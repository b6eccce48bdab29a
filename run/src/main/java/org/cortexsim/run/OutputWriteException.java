package org.cortexsim.run;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * A run's output could not be written (a full disk, a quota, an I/O error). The message names the
 * cause in words ({@code no space left on device}), the file, and what the run kept: its last
 * checkpoint and the segments its main file indexes, or nothing.
 */
public final class OutputWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    private OutputWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure {@code cause} of a run that kept {@code kept} (a phrase). */
    static OutputWriteException of(Throwable cause, String kept) {
        return new OutputWriteException(describe(cause) + "; kept: " + kept, cause);
    }

    /**
     * The failure in words: what was being written and why, the operating system's reason found
     * anywhere in the cause chain ({@code no space left on device}, {@code disk quota exceeded})
     * rather than the wrapper's ({@code Exception writing ...}).
     */
    static String describe(Throwable failure) {
        String reason = null;
        String file = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (reason == null && m.contains("no space left on device")) {
                reason = "no space left on device";
            } else if (reason == null && m.contains("disk quota exceeded")) {
                reason = "disk quota exceeded";
            }
            if (file == null && t instanceof FileSystemException f && f.getFile() != null) {
                file = f.getFile();
            }
        }
        String what = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        int cut = what.indexOf(" failed: ");
        if (reason != null && cut > 0) {
            what = what.substring(0, cut) + " failed";
        }
        return what + (reason == null ? "" : ": " + reason) + (file == null || what.contains(file) ? "" : " (" + file
                + ")");
    }
}
