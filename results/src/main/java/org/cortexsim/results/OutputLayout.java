package org.cortexsim.results;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of a run's files: the main file ({@code output.path}), the report files beside it
 * ({@code <stem>.<report>.h5}) and the segment files of a run written in segments
 * ({@code <stem>.seg<k>.h5} for spikes, {@code <stem>.<report>.seg<k>.h5} for a report, {@code k}
 * as at least five digits). Writers and readers both take every name from here.
 * See docs/output-layout.md.
 */
public final class OutputLayout {
    /** Name of the spike stream in the {@code /segments} table. */
    public static final String SPIKES = "spikes";

    private OutputLayout() {
    }

    /** The main file's name without its {@code .h5} extension. */
    public static String stem(Path main) {
        String file = main.getFileName().toString();
        return file.endsWith(".h5") ? file.substring(0, file.length() - 3) : file;
    }

    /** Where report {@code report} of a run with main file {@code main} goes. */
    public static Path reportPath(Path main, String report) {
        return main.resolveSibling(stem(main) + "." + report + ".h5");
    }

    /** Where segment {@code index} of stream {@code stream} ({@value #SPIKES} or a report name) goes. */
    public static Path segmentPath(Path main, String stream, long index) {
        String suffix = String.format(Locale.ROOT, "seg%05d", index);
        return main.resolveSibling(stem(main) + (stream.equals(SPIKES) ? "" : "." + stream) + "." + suffix + ".h5");
    }

    /**
     * The directory {@code output: {circuit: true}} writes the network to as a SONATA circuit:
     * {@code <stem>.circuit} beside the main file.
     */
    public static Path circuitDirectory(Path main) {
        return main.resolveSibling(stem(main) + ".circuit");
    }

    /** Matches the file names of every segment of the run with main file {@code main}. */
    public static Pattern segmentFiles(Path main) {
        return Pattern.compile(Pattern.quote(stem(main)) + "(\\.[^/]+)?\\.seg\\d{5,}\\.h5");
    }
}
