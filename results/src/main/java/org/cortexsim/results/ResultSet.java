package org.cortexsim.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run's result as a whole: the main file, its report files and its segment files (see
 * docs/output-layout.md), read as if the run had written everything into unsegmented files.
 *
 * <p><b>What it owns.</b> An open {@link SonataReader} on the main file and the segment table read
 * from it ({@link OutputLayout#readSegmentTable}); report and segment files are opened for each read and closed
 * again, so no bulk data is held. Spikes of a segmented run are concatenated over the spike
 * segments overlapping the requested window; a report's rows are numbered continuously across
 * its segments, and a slice is assembled from the segments it touches.
 *
 * <p><b>Invariants.</b> A stream (the spikes, or one report) is either unsegmented (spikes in the
 * main file, report in {@code <stem>.<report>.h5}) or held entirely in segments, listed in the
 * table in increasing time order. In a partitioned run a segmented stream comes in parts (the
 * segments of partition p, in time order): spikes are merged over the parts by time (within a
 * step by node id, as one process records them), and a report's columns are the parts' columns,
 * part after part, each part's rows numbered across its own segments. Not thread-safe.
 */
public final class ResultSet implements AutoCloseable {

    /**
     * One segment file of a stream ({@value OutputLayout#SPIKES} or a report name): its file, flush
     * number {@code index}, window {@code [startMs, stopMs)} and count (spikes or report rows); an
     * entry of the main file's segment table ({@link OutputLayout#readSegmentTable}).
     */
    public record Segment(String stream, Path file, long index, double startMs, double stopMs, long count, int part) {
        /** A segment of a run that is not partitioned (part 0). */
        public Segment(String stream, Path file, long index, double startMs, double stopMs, long count) {
            this(stream, file, index, startMs, stopMs, count, 0);
        }
    }

    private final Path main;
    private final SonataReader reader;
    private final Map<String, List<Segment>> segments;
    private final Map<String, Path> reportFiles;
    private final List<Path> missingReportFiles;

    private ResultSet(Path main, SonataReader reader, Map<String, List<Segment>> segments,
            Map<String, Path> reportFiles, List<Path> missingReportFiles) {
        this.main = main;
        this.reader = reader;
        this.segments = segments;
        this.reportFiles = reportFiles;
        this.missingReportFiles = List.copyOf(missingReportFiles);
    }

    /** Opens the result whose main file is {@code main}. */
    public static ResultSet open(Path main) throws IOException {
        Objects.requireNonNull(main, "main");
        SonataReader reader = SonataReader.open(main);
        try {
            Map<String, List<Segment>> segments = new LinkedHashMap<>();
            for (Segment s : OutputLayout.readSegmentTable(reader)) {
                segments.computeIfAbsent(s.stream(), k -> new ArrayList<>()).add(s);
            }
            Map<String, Path> reportFiles = new LinkedHashMap<>();
            List<Path> missing = new ArrayList<>();
            if (reader.rootAttribute(OutputLayout.REPORT_FILES) instanceof String[] names) {
                for (String name : names) {
                    Path p = main.resolveSibling(name);
                    try (SonataReader r = SonataReader.open(p)) {
                        Object reportName = r.rootAttribute(OutputLayout.REPORT_NAME);
                        reportFiles.put(reportName instanceof String s ? s : name, p);
                    } catch (IOException e) {
                        missing.add(p);
                    }
                }
            }
            return new ResultSet(main, reader, segments, reportFiles, missing);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The main file. */
    public Path main() {
        return main;
    }

    /** The main file's root attributes (provenance), as by {@link SonataReader#rootAttributes()}. */
    public Map<String, Object> provenance() {
        return reader.rootAttributes();
    }

    /** The attributes of an object in the main file, as by {@link SonataReader#attributes(String)}. */
    public Map<String, Object> attributes(String path) {
        return reader.attributes(path);
    }

    /** Report files the main file lists but that cannot be opened (deleted or damaged). */
    public List<Path> missingReportFiles() {
        return missingReportFiles;
    }

    /**
     * Throws the error of opening the first report file the main file lists that cannot be opened
     * ({@link java.nio.file.NoSuchFileException} naming it if it is gone); nothing if all open.
     */
    public void requireReportFiles() throws IOException {
        for (Path p : missingReportFiles) {
            SonataReader.open(p).close();
        }
    }

    /**
     * Files the run consists of that are not there: listed report files that cannot be opened
     * ({@link #missingReportFiles()}) and segment files of the {@code /segments} table that do not
     * exist. Empty for a run whose files are all present.
     */
    public List<Path> missingFiles() {
        List<Path> missing = new ArrayList<>(missingReportFiles);
        for (Segment s : segments()) {
            if (!Files.isRegularFile(s.file())) {
                missing.add(s.file());
            }
        }
        return missing;
    }

    /** Whether any stream was written in segments. */
    public boolean isSegmented() {
        return !segments.isEmpty();
    }

    /** The segments of a stream ({@code "spikes"} or a report name), in time order; empty if unsegmented. */
    public List<Segment> segments(String stream) {
        return List.copyOf(segments.getOrDefault(stream, List.of()));
    }

    /** All segments, grouped by stream. */
    public List<Segment> segments() {
        List<Segment> all = new ArrayList<>();
        segments.values().forEach(all::addAll);
        return all;
    }

    // ---------------------------------------------------------------- spikes

    /** Names of the spike populations (including those without spikes). */
    public List<String> spikePopulations() throws IOException {
        List<Segment> segs = segments(OutputLayout.SPIKES);
        if (segs.isEmpty()) {
            return reader.spikePopulations();
        }
        if (reader.rootAttribute(OutputLayout.SPIKE_POPULATIONS) instanceof String[] names) {
            return List.of(names);
        }
        if (reader.rootAttribute(OutputLayout.SPIKE_POPULATIONS) instanceof String name) {
            return List.of(name);
        }
        try (SonataReader r = SonataReader.open(segs.get(0).file())) {
            return r.spikePopulations();
        }
    }

    /** Number of spikes of a population, over all segments. */
    public long spikeCount(String population) throws IOException {
        List<Segment> segs = segments(OutputLayout.SPIKES);
        if (segs.isEmpty()) {
            return reader.spikeCount(population);
        }
        long n = 0;
        for (Segment s : segs) {
            try (SonataReader r = SonataReader.open(s.file())) {
                n += r.spikeCount(population);
            }
        }
        return n;
    }

    /** All spikes of a population, by time. */
    public SpikeData spikes(String population) throws IOException {
        return spikes(population, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Spikes of a population with {@code fromMs <= t < toMs}; only the segments overlapping the window are read. */
    public SpikeData spikes(String population, double fromMs, double toMs) throws IOException {
        List<Segment> segs = segments(OutputLayout.SPIKES);
        if (segs.isEmpty()) {
            return reader.spikes(population, fromMs, toMs);
        }
        return SegmentedStream.spikes(segs, population, fromMs, toMs);
    }

    // ---------------------------------------------------------------- reports

    /** Names of the reports, unsegmented ones first. */
    public List<String> reports() {
        List<String> names = new ArrayList<>(reportFiles.keySet());
        for (String stream : segments.keySet()) {
            if (!stream.equals(OutputLayout.SPIKES)) {
                names.add(stream);
            }
        }
        return names;
    }

    /** The files holding a report: its report file, or its segment files in time order. */
    public List<Path> reportFiles(String report) {
        Path p = reportFiles.get(report);
        if (p != null) {
            return List.of(p);
        }
        return segmentsOf(report).stream().map(Segment::file).toList();
    }

    /** The recorded variable of a report (for example {@code v}). */
    public String variable(String report) throws IOException {
        try (SonataReader r = SonataReader.open(reportFiles(report).get(0))) {
            return String.valueOf(r.rootAttribute(OutputLayout.VARIABLE));
        }
    }

    /** Whether a report's columns are synapses (edge ids of a projection) rather than neurons. */
    public boolean reportOfSynapses(String report) throws IOException {
        Path p = reportFiles(report).get(0);
        try (SonataReader r = SonataReader.open(p)) {
            return r.reportOfSynapses(single(r, p));
        }
    }

    /**
     * A report's metadata as one matrix: the population, units and time grid of its first file;
     * node ids of its first file, or in a partitioned run the parts' node ids part after part;
     * rows summed over the (first part's) segments, {@code startMs} of the first and {@code stopMs}
     * of the last.
     */
    public ReportMetadata reportMetadata(String report) throws IOException {
        Path p = reportFiles.get(report);
        if (p != null) {
            try (SonataReader r = SonataReader.open(p)) {
                return r.reportMetadata(single(r, p));
            }
        }
        return SegmentedStream.reportMetadata(segmentsOf(report), main + ": report '" + report + "'");
    }

    /**
     * Rows {@code [rowStart, rowStart + rowCount)} and columns {@code [colStart, colStart +
     * colCount)} of a report, row-major, rows numbered across segments; reads only the segments
     * and hyperslabs needed.
     *
     * @throws IndexOutOfBoundsException if the block is outside the report
     */
    public double[] reportSlice(String report, int rowStart, int rowCount, int colStart, int colCount)
            throws IOException {
        Path p = reportFiles.get(report);
        if (p != null) {
            try (SonataReader r = SonataReader.open(p)) {
                return r.reportSlice(single(r, p), rowStart, rowCount, colStart, colCount);
            }
        }
        return SegmentedStream.reportSlice(segmentsOf(report), main + ": report '" + report + "'", rowStart, rowCount,
                colStart, colCount);
    }

    private List<Segment> segmentsOf(String report) {
        List<Segment> segs = segments.get(report);
        if (segs == null || report.equals(OutputLayout.SPIKES)) {
            throw new IllegalArgumentException("no report '" + report + "' in " + main + " (available: " + reports()
                    + ")");
        }
        return segs;
    }

    static String single(SonataReader r, Path p) {
        List<String> pops = r.reportPopulations();
        if (pops.size() != 1) {
            throw new IllegalStateException(p + " holds " + pops.size() + " report populations, expected one: "
                    + Arrays.toString(pops.toArray()));
        }
        return pops.get(0);
    }

    @Override
    public void close() {
        reader.close();
    }
}
