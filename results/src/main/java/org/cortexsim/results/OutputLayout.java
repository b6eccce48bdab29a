package org.cortexsim.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The layout of a run's files (docs/output-layout.md), described once for the code that writes
 * them and the code that reads them.
 *
 * <p><b>What it owns.</b> The names of a run's files: the main file ({@code output.path}), the
 * report files beside it ({@code <stem>.<report>.h5}) and the segment files of a run written in
 * segments ({@code <stem>.seg<k>.h5} for spikes, {@code <stem>.<report>.seg<k>.h5} for a report,
 * {@code k} as at least five digits), those of a partitioned run ({@code
 * <stem>[.<report>].part<p>.seg<k>.h5}, {@code p} as at least three digits: partition p's
 * neurons only) and the checkpoint a resumable run keeps beside them ({@code
 * <stem>.checkpoint.h5}). The attributes that tie the files together: the main file's
 * {@value #REPORT_FILES}, {@value #SPIKE_POPULATIONS} and {@value #MEMORY_BUDGET_BYTES}, a report
 * file's {@value #REPORT_NAME} and {@value #VARIABLE}, a segment file's {@code main_file} and
 * {@code segment_*}. The {@value #SEGMENTS} table of the main file, written by {@link
 * #writeSegmentTable} and read by {@link #readSegmentTable} only. The provenance groups of a
 * population ({@link #populationParameters}, {@link #perNeuronParameter}).
 *
 * <p>What a run was (simulator, config, seed, status, times) is provenance written by the run;
 * the spike, report and edge groups of one file are {@link SonataWriter}'s. {@link ResultSet}
 * reads a run through this class.
 */
public final class OutputLayout {
    /** Name of the spike stream in the {@value #SEGMENTS} table. */
    public static final String SPIKES = "spikes";

    /** Main file root attribute: names of the unsegmented report files, beside the main file. */
    public static final String REPORT_FILES = "report_files";

    /** Main file root attribute of a run whose spikes are segmented: the spike populations in order. */
    public static final String SPIKE_POPULATIONS = "spike_populations";

    /** Main file root attribute of a segmented run: the memory budget used, bytes. */
    public static final String MEMORY_BUDGET_BYTES = "memory_budget_bytes";

    /** Report file (and report segment) root attribute: the report's name. */
    public static final String REPORT_NAME = "report_name";

    /** Report file (and report segment) root attribute: the recorded variable, e.g. {@code v}. */
    public static final String VARIABLE = "variable";

    /** The group of the main file holding the segment table. */
    public static final String SEGMENTS = "/segments";

    /**
     * Main file (and segment file) root attribute of a partitioned run: the number of partitions
     * K; absent (one) otherwise. Each stream's segments then come in K parts, part p holding the
     * neurons of partition p (contiguous, ascending ranges of every population).
     */
    public static final String PARTITIONS = "partitions";

    /** Segment file root attribute of a partitioned run: the partition whose neurons it holds. */
    public static final String PARTITION = "partition";

    private OutputLayout() {
    }

    // ---------------------------------------------------------------- file names

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
     * Where a run with main file {@code main} keeps the checkpoint it can be resumed from ({@code
     * <stem>.checkpoint.h5}; {@link CheckpointFile}).
     */
    public static Path checkpointPath(Path main) {
        return main.resolveSibling(stem(main) + ".checkpoint.h5");
    }

    /**
     * The checkpoint of partition {@code part} of a partitioned run that checkpoints: {@code
     * <stem>.part<p>.checkpoint.h5} beside the main file ({@code p} as at least three digits).
     */
    public static Path partCheckpointPath(Path main, int part) {
        return main.resolveSibling(stem(main) + String.format(Locale.ROOT, ".part%03d", part) + ".checkpoint.h5");
    }

    /**
     * A checkpoint as a message names it: the file, or for partition 0's checkpoint of a
     * partitioned run ({@link #partCheckpointPath}) every partition's, {@code
     * <dir>/<stem>.part*.checkpoint.h5 (one per partition)}.
     */
    public static String describeCheckpoint(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (!name.endsWith(".part000.checkpoint.h5")) {
            return checkpoint.toString();
        }
        return checkpoint.resolveSibling(name.replace(".part000.", ".part*.")) + " (one per partition)";
    }

    /**
     * The directory {@code output: {circuit: true}} writes the network to as a SONATA circuit:
     * {@code <stem>.circuit} beside the main file.
     */
    public static Path circuitDirectory(Path main) {
        return main.resolveSibling(stem(main) + ".circuit");
    }

    /**
     * Where segment {@code index} of stream {@code stream} of partition {@code part} of a
     * partitioned run goes; as {@link #segmentPath(Path, String, long)} for {@code part < 0}.
     */
    public static Path segmentPath(Path main, String stream, long index, int part) {
        if (part < 0) {
            return segmentPath(main, stream, index);
        }
        String suffix = String.format(Locale.ROOT, "part%03d.seg%05d", part, index);
        return main.resolveSibling(stem(main) + (stream.equals(SPIKES) ? "" : "." + stream) + "." + suffix + ".h5");
    }

    /** Matches the file names of the segments of partition {@code part} of the run with main file {@code main}. */
    public static Pattern partSegmentFiles(Path main, int part) {
        return Pattern.compile(Pattern.quote(stem(main)) + "(\\.[^/]+)?" + Pattern.quote(
                String.format(Locale.ROOT, ".part%03d", part)) + "\\.seg\\d{5,}\\.h5");
    }

    /** Matches the file names of every segment of the run with main file {@code main} (partitioned runs' too). */
    public static Pattern segmentFiles(Path main) {
        return Pattern.compile(Pattern.quote(stem(main)) + "(\\.[^/]+)?\\.seg\\d{5,}\\.h5");
    }

    // ---------------------------------------------------------------- groups

    /** The dataset of a population's model parameters (attributes {@code model}, {@code size}, ...). */
    public static String populationParameters(String population) {
        return "/provenance/populations/" + population + "/parameters";
    }

    /**
     * The dataset mapping a population's node ids to the SONATA node ids of the circuit it was read
     * from (only where they differ).
     */
    public static String populationSonataNodeIds(String population) {
        return "/provenance/populations/" + population + "/sonata_node_ids";
    }

    /** The dataset of one parameter's per-neuron values, for a population whose parameters vary. */
    public static String perNeuronParameter(String population, String key) {
        return "/provenance/populations/" + population + "/per_neuron/" + key;
    }

    // ---------------------------------------------------------------- attributes tying the files together

    /** Marks a report file or report segment as report {@code report} of variable {@code variable}. */
    public static void nameReport(SonataWriter w, String report, String variable) {
        w.rootAttribute(REPORT_NAME, report);
        w.rootAttribute(VARIABLE, variable);
    }

    /**
     * Marks a segment file: the main file it belongs to, its stream ({@value #SPIKES} or a report
     * name), its flush number and its window {@code [startMs, stopMs)}.
     */
    public static void nameSegment(SonataWriter w, Path main, String stream, long index, double startMs,
            double stopMs) {
        w.rootAttribute("main_file", main.getFileName().toString());
        w.rootAttribute("segment_stream", stream);
        w.rootAttribute("segment_index", index);
        w.rootAttribute("segment_start_ms", startMs);
        w.rootAttribute("segment_stop_ms", stopMs);
    }

    /** Lists the unsegmented reports in the main file (root attribute {@value #REPORT_FILES}); nothing for none. */
    public static void listReportFiles(SonataWriter w, Path main, List<String> reports) {
        if (!reports.isEmpty()) {
            w.rootAttribute(REPORT_FILES, reports.stream().map(r -> reportPath(main, r).getFileName().toString())
                    .toArray(String[]::new));
        }
    }

    /** Lists the spike populations in the main file of a run whose spikes live in segments. */
    public static void listSegmentedSpikePopulations(SonataWriter w, List<String> populations) {
        w.rootAttribute(SPIKE_POPULATIONS, populations.toArray(String[]::new));
    }

    // ---------------------------------------------------------------- the segment table

    /**
     * Adds the segment table to a main file: datasets {@code /segments/stream}, {@code file}
     * (names beside the main file), {@code index}, {@code start_ms}, {@code stop_ms} and {@code
     * count} (spikes or rows), one entry per segment in the order given, and the root attribute
     * {@value #MEMORY_BUDGET_BYTES}; for a partitioned run also {@code /segments/part}; nothing
     * when there are no segments (the unsegmented layout).
     */
    public static void writeSegmentTable(SonataWriter w, List<ResultSet.Segment> segments, long budgetBytes) {
        if (segments.isEmpty()) {
            return;
        }
        w.rootAttribute(MEMORY_BUDGET_BYTES, budgetBytes);
        int n = segments.size();
        String[] stream = new String[n];
        String[] file = new String[n];
        long[] index = new long[n];
        double[] start = new double[n];
        double[] stop = new double[n];
        long[] count = new long[n];
        long[] part = new long[n];
        boolean parts = false;
        for (int i = 0; i < n; i++) {
            ResultSet.Segment s = segments.get(i);
            part[i] = s.part();
            parts |= s.part() != 0;
            stream[i] = s.stream();
            file[i] = s.file().getFileName().toString();
            index[i] = s.index();
            start[i] = s.startMs();
            stop[i] = s.stopMs();
            count[i] = s.count();
        }
        w.dataset(SEGMENTS + "/stream", stream, Map.of("description",
                "'spikes' or the report name; a segmented stream is held only in its segment files"));
        w.dataset(SEGMENTS + "/file", file, Map.of("description", "segment file, beside this file"));
        w.dataset(SEGMENTS + "/index", index, Map.of("description", "flush number, 1-based"));
        w.dataset(SEGMENTS + "/start_ms", start, Map.of("units", "ms"));
        w.dataset(SEGMENTS + "/stop_ms", stop, Map.of("units", "ms", "description", "exclusive"));
        w.dataset(SEGMENTS + "/count", count, Map.of("description", "spikes or report rows"));
        if (parts) {
            w.dataset(SEGMENTS + "/part", part, Map.of("description",
                    "partition whose neurons the segment holds (a partitioned run)"));
        }
    }

    /**
     * The segment table of the main file read by {@code main}, in table order, with each file
     * resolved beside the main file; empty for an unsegmented run.
     *
     * @throws IllegalStateException if the table's columns differ in length
     */
    public static List<ResultSet.Segment> readSegmentTable(SonataReader main) {
        List<ResultSet.Segment> out = new ArrayList<>();
        if (!main.children(SEGMENTS).contains("stream")) {
            return out;
        }
        String[] stream = main.strings(SEGMENTS + "/stream");
        String[] file = main.strings(SEGMENTS + "/file");
        long[] index = main.longs(SEGMENTS + "/index");
        double[] start = main.doubles(SEGMENTS + "/start_ms");
        double[] stop = main.doubles(SEGMENTS + "/stop_ms");
        long[] count = main.longs(SEGMENTS + "/count");
        int n = stream.length;
        long[] part = main.children(SEGMENTS).contains("part") ? main.longs(SEGMENTS + "/part") : new long[n];
        if (file.length != n || index.length != n || start.length != n || stop.length != n || count.length != n
                || part.length != n) {
            throw new IllegalStateException(main.path() + ": the columns of " + SEGMENTS + " differ in length");
        }
        for (int i = 0; i < stream.length; i++) {
            out.add(new ResultSet.Segment(stream[i], main.path().resolveSibling(file[i]), index[i], start[i], stop[i],
                    count[i], (int) part[i]));
        }
        return out;
    }
}
