package org.cortexsim.plot;

import java.nio.file.Path;

/** A figure that was written: its file, format and a one-line description of what it shows. */
public record Figure(Path file, ImageFormat format, String description) {
}
