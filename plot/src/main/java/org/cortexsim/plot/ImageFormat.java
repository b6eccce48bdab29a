package org.cortexsim.plot;

import java.nio.file.Path;
import java.util.Locale;

/** The image formats a figure can be written in, with their file extensions. */
public enum ImageFormat {
    /** Raster image, for viewing and READMEs. */
    PNG("png"),
    /** Vector image with text kept as text, for papers and further editing. */
    SVG("svg");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format named by a file's extension ({@code .png} or {@code .svg}, any case), or null. */
    public static ImageFormat ofPath(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (name.endsWith("." + f.extension)) {
                return f;
            }
        }
        return null;
    }
}
