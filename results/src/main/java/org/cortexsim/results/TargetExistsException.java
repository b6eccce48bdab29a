package org.cortexsim.results;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * Thrown when the output file already exists and overwriting was not requested. The message names
 * the path and the fix ({@code --overwrite}).
 */
public class TargetExistsException extends FileAlreadyExistsException {
    private static final long serialVersionUID = 1L;

    /** @param target the existing file that would have been replaced */
    public TargetExistsException(Path target) {
        super(target.toString(), null,
                "output file already exists; refusing to replace it (pass --overwrite to replace it,"
                        + " or choose another output path)");
    }

    /** @param target the existing file that would have been replaced, {@code reason} why and what to do */
    public TargetExistsException(Path target, String reason) {
        super(target.toString(), null, reason);
    }
}
