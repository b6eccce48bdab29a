package org.cortexsim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cortexsim.config.Config;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet.Segment;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SonataWriter;
import org.cortexsim.results.Sorting;
import org.cortexsim.results.SpikeData;
import org.cortexsim.run.build.BuiltSimulation;

/**
 * Keeps a run's recordings within the memory budget by writing them out in segments.
 *
 * <p><b>What it owns.</b> The flush decision, the segment numbering and the list of segments
 * written. It is a {@link StepListener} added after the recorders: after every step it adds up
 * the bytes buffered by the spike recorder and the state recorders, and when the sum reaches the
 * budget it performs flush number {@code k} (1, 2, ...): every stream (the spikes, each report)
 * with something buffered is written as a complete SONATA file, {@code <stem>.seg<k>.h5} for the
 * spikes and {@code <stem>.<report>.seg<k>.h5} for a report ({@code k} as five digits), and its
 * buffer is cleared. Writing happens on the loop's thread, which waits meanwhile. A stream with
 * at least one segment is <em>segmented</em>: {@link #finish} writes its remaining buffer as a
 * last segment, and the main file lists its segments instead of holding it. A stream never
 * flushed is written exactly as without segmentation, so a run that fits the budget produces the
 * usual layout (see docs/output-layout.md). At the end, segmented spikes that fit the budget are
 * merged back into the main file ({@link #mergeSpikes}), so that SONATA readers find all of a
 * run's spikes in one spike file; a run that wrote checkpoints (and so flushed at each of them)
 * also merges each report that fits the budget back into its report file ({@link #mergeReports}).
 *
 * <p><b>The index.</b> After every flush the {@link Index} it was given rewrites the main file
 * (atomically) to list every segment on disk, so a run killed at any moment leaves a main file
 * that indexes what was kept. A checkpoint {@link #flush flushes} first, so the checkpoint's
 * segment list ends exactly where its state begins and a resumed run continues the same segment
 * sequence ({@link #saveState}: the flush count, the spike window and the segment table).
 *
 * <p><b>Invariants.</b> Segments of a stream have increasing, contiguous, non-overlapping time
 * windows {@code [start_ms, stop_ms)}; for spikes the windows cover steps from 0 to the last step
 * taken, for a report the rows recorded. Each segment file is published atomically and durably
 * (flushed to the device before the index lists it) and is never rewritten, so a crash loses at
 * most the buffers not yet flushed. Nothing is allocated per step
 * unless a flush happens.
 *
 * <p><b>Partitions.</b> In one partition of a partitioned run (made with a partition index), every
 * stream is segmented: segment files are named {@code <stem>[.<report>].part<p>.seg<k>.h5}, carry
 * the partition and the number of partitions, and {@link #finish} writes every stream's remaining
 * buffer (the spikes even when there are none), since the main file that indexes the parts is
 * written by the run's driver, which merges them.
 */
final class SegmentWriter implements StepListener, Checkpointable {
    private static final String SPIKES = OutputLayout.SPIKES;

    /** Rewrites the main file as the index of the segments written so far, after {@code stepsDone} steps. */
    @FunctionalInterface
    interface Index {
        void segmentsWritten(long stepsDone) throws IOException;
    }

    /** A report merged back from its segments: its rows, window and values, as the recorder would hold them. */
    record MergedReport(int rows, double startMs, double stopMs, double[] data) {
    }

    private final Path main;
    private final boolean overwrite;
    private final BuiltSimulation built;
    private final long budgetBytes;
    private final double dtMs;
    private final List<Segment> segments = new ArrayList<>();
    private final boolean[] reportSegmented;
    private final boolean[] reportMerged;
    private final Index index;
    private boolean spikesSegmented;
    private boolean spikesMerged;
    private long spikeWindowStartStep;
    private long flushes;
    /** The partition these segments belong to, or -1 for a run that is not partitioned. */
    private final int part;
    /** Number of partitions of the run (1 when not partitioned). */
    private final int partitions;

    /**
     * Checks, before anything runs, that no segment file of this output exists unless overwrite is
     * allowed (a stale segment would otherwise stop the run at its first flush).
     */
    SegmentWriter(Path main, boolean overwrite, BuiltSimulation built, long budgetBytes) throws IOException {
        this(main, overwrite, built, budgetBytes, stepsDone -> { });
    }

    /** As above, rewriting the main file through {@code index} after every flush. */
    SegmentWriter(Path main, boolean overwrite, BuiltSimulation built, long budgetBytes, Index index)
            throws IOException {
        this(main, overwrite, built, budgetBytes, index, -1, 1);
    }

    /**
     * As {@link #SegmentWriter(Path, boolean, BuiltSimulation, long, Index)} for partition {@code
     * part} of {@code partitions} ({@code part < 0}: a run that is not partitioned).
     */
    SegmentWriter(Path main, boolean overwrite, BuiltSimulation built, long budgetBytes, Index index, int part,
            int partitions) throws IOException {
        this.part = part;
        this.partitions = partitions;
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("memory budget must be positive, got " + budgetBytes);
        }
        this.main = main.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        this.built = built;
        this.budgetBytes = budgetBytes;
        this.dtMs = built.simulation().grid().dtMs();
        this.reportSegmented = new boolean[built.reports().size()];
        this.reportMerged = new boolean[built.reports().size()];
        this.index = index;
        if (!overwrite) {
            refuseExistingSegments();
        }
    }

    private void refuseExistingSegments() throws IOException {
        // a partition looks only for its own files: the others' may already be there
        Pattern pattern = part < 0 ? OutputLayout.segmentFiles(main) : OutputLayout.partSegmentFiles(main, part);
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(main.getParent())) {
            for (Path p : dir) {
                if (pattern.matcher(p.getFileName().toString()).matches()) {
                    throw new org.cortexsim.results.TargetExistsException(p);
                }
            }
        }
    }

    @Override
    public boolean readsCurrent() {
        return false;
    }

    @Override
    public long nextStateRead(long step) {
        return Long.MAX_VALUE;
    }

    @Override
    public void afterStep(long step, StateView state) {
        if (bufferedBytes() >= budgetBytes) {
            try {
                flush(step + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("writing segment " + (flushes) + " of " + main + " failed", e);
            }
        }
    }

    /**
     * Writes the remaining buffers of the segmented streams as their last segments (unsegmented
     * streams are left to the caller), after a run of {@code stepsDone} steps.
     */
    void finish(long stepsDone, String status) throws IOException {
        if (flushes == 0 && part < 0) {
            return;
        }
        flushes++;
        if (spikesSegmented || part >= 0) {
            spikesSegmented = true;
            writeSpikes(stepsDone, status);
        }
        for (int k = 0; k < reportSegmented.length; k++) {
            if (reportSegmented[k] || part >= 0 && built.reports().get(k).rows() > 0) {
                reportSegmented[k] = true;
                writeReport(k, status);
            }
        }
    }

    /** Bytes buffered by the spike recorder and the state recorders. */
    long bufferedBytes() {
        long buffered = built.spikes().bufferedBytes();
        for (StateRecorder r : built.reports()) {
            buffered += r.bufferedBytes();
        }
        return buffered;
    }

    /**
     * Flush number {@code k + 1}, after {@code stepsDone} steps: every stream with something buffered
     * becomes a segment (none when nothing is buffered), then the index lists them all.
     */
    void flush(long stepsDone) throws IOException {
        flush(stepsDone, true);
    }

    /**
     * As {@link #flush(long)}; without {@code reindex} the caller rewrites the index itself (a
     * checkpoint does, once its file is written).
     */
    void flush(long stepsDone, boolean reindex) throws IOException {
        if (bufferedBytes() == 0) {
            return;
        }
        flushes++;
        if (built.spikes().bufferedBytes() > 0) {
            spikesSegmented = true;
            writeSpikes(stepsDone, "running");
        }
        for (int k = 0; k < reportSegmented.length; k++) {
            if (built.reports().get(k).rows() > 0) {
                reportSegmented[k] = true;
                writeReport(k, "running");
            }
        }
        if (reindex) {
            index.segmentsWritten(stepsDone);
        }
    }

    private void writeSpikes(long endStep, String status) throws IOException {
        SpikeRecorder spikes = built.spikes();
        Path path = OutputLayout.segmentPath(main, SPIKES, flushes, part);
        long count = 0;
        try (SonataWriter w = SonataWriter.create(path, overwrite).durable()) {
            provenance(w, SPIKES, spikeWindowStartStep * dtMs, endStep * dtMs, status);
            for (int k = 0; k < spikes.populations().size(); k++) {
                Population p = spikes.populations().get(k);
                w.spikes(p.name(), spikes.timesMs(k), spikes.nodeIds(k), spikes.count(k), Sorting.BY_TIME);
                count += spikes.count(k);
            }
            w.commit();
        }
        segments.add(new Segment(SPIKES, path, flushes, spikeWindowStartStep * dtMs, endStep * dtMs, count,
                Math.max(0, part)));
        spikeWindowStartStep = endStep;
        spikes.clearBuffer();
    }

    private void writeReport(int k, String status) throws IOException {
        StateRecorder r = built.reports().get(k);
        if (r.rows() == 0) {
            return;
        }
        Path path = OutputLayout.segmentPath(main, r.name(), flushes, part);
        try (SonataWriter w = SonataWriter.create(path, overwrite).durable()) {
            provenance(w, r.name(), r.startMs(), r.stopMs(), status);
            OutputLayout.nameReport(w, r.name(), r.variable());
            Runner.writeReport(w, r, built.reportDtype(k));
            w.commit();
        }
        segments.add(new Segment(r.name(), path, flushes, r.startMs(), r.stopMs(), r.rows(), Math.max(0, part)));
        r.clearBuffer();
    }

    private void provenance(SonataWriter w, String stream, double startMs, double stopMs, String status) {
        Config c = built.config();
        w.rootAttribute("simulator", "cortexsim");
        w.rootAttribute("simulator_version", Version.get());
        w.rootAttribute("config_source", c.sourceName());
        w.rootAttribute("seed", c.simulation().seed());
        w.rootAttribute("dt_ms", dtMs);
        OutputLayout.nameSegment(w, main, stream, flushes, startMs, stopMs);
        if (part >= 0) {
            w.rootAttribute(OutputLayout.PARTITION, (long) part);
            w.rootAttribute(OutputLayout.PARTITIONS, (long) partitions);
        }
        w.rootAttribute("status", status);
    }

    /** Whether the spikes went to segments. */
    boolean spikesSegmented() {
        return spikesSegmented;
    }

    /**
     * When the spikes went to segments and all of them fit the memory budget (16 bytes a spike),
     * reads them back from the spike segments, one array pair per recorded population in
     * population order, and marks them merged: {@link #writeIndex} then leaves the spike segments
     * out and {@link #deleteMergedSegments} removes them once the main file holding the
     * spikes is published. Otherwise returns null and the spikes stay in their segments.
     */
    List<SpikeData> mergeSpikes() throws IOException {
        if (!spikesSegmented) {
            return null;
        }
        long total = 0;
        for (Segment s : segments) {
            if (s.stream().equals(SPIKES)) {
                total += s.count();
            }
        }
        if (total > budgetBytes / (Double.BYTES + Long.BYTES)) {
            return null;
        }
        List<SpikeData> out = new ArrayList<>();
        for (Population p : built.spikes().populations()) {
            List<SpikeData> parts = new ArrayList<>();
            int n = 0;
            for (Segment s : segments) {
                if (s.stream().equals(SPIKES)) {
                    try (SonataReader r = SonataReader.open(s.file())) {
                        SpikeData d = r.spikes(p.name());
                        parts.add(d);
                        n = Math.addExact(n, d.count());
                    }
                }
            }
            double[] t = new double[n];
            long[] ids = new long[n];
            int k = 0;
            for (SpikeData d : parts) {
                System.arraycopy(d.timestampsMs(), 0, t, k, d.count());
                System.arraycopy(d.nodeIds(), 0, ids, k, d.count());
                k += d.count();
            }
            out.add(new SpikeData(p.name(), t, ids, Sorting.BY_TIME));
        }
        spikesMerged = true;
        return out;
    }

    /**
     * For a run that wrote checkpoints: reads back each segmented report whose values fit the memory
     * budget (8 bytes a value) from its segments and marks it merged, so that it is written as a
     * report file, as without segments; {@link #writeIndex} then leaves its segments out and
     * {@link #deleteMergedSegments} removes them once the files are published. Returns the merged
     * reports by index into the built reports (null where not merged).
     */
    MergedReport[] mergeReports() throws IOException {
        MergedReport[] out = new MergedReport[reportSegmented.length];
        for (int k = 0; k < reportSegmented.length; k++) {
            StateRecorder r = built.reports().get(k);
            if (!reportSegmented[k] || r.totalRows() * r.columns() > budgetBytes / Double.BYTES) {
                continue;
            }
            double[] data = new double[Math.toIntExact(r.totalRows() * r.columns())];
            int at = 0;
            for (Segment s : segments) {
                if (s.stream().equals(r.name())) {
                    try (SonataReader reader = SonataReader.open(s.file())) {
                        double[] part = reader.reportSlice(r.reportPopulation(), 0, (int) s.count(), 0, r.columns());
                        System.arraycopy(part, 0, data, at, part.length);
                        at += part.length;
                    }
                }
            }
            if (at != data.length) {
                throw new IOException("the segments of report " + r.name() + " hold " + at / r.columns()
                        + " rows, the recorder recorded " + r.totalRows());
            }
            out[k] = new MergedReport((int) r.totalRows(), r.firstRowMs(), r.endMs(), data);
            reportMerged[k] = true;
        }
        return out;
    }

    /**
     * Deletes the segments of the streams merged back (spikes into the main file, reports into their
     * report files); call after publishing those files. Returns the files deleted.
     */
    List<Path> deleteMergedSegments() throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Segment s : segments) {
            if (merged(s)) {
                Files.deleteIfExists(s.file());
                deleted.add(s.file());
            }
        }
        return deleted;
    }

    private boolean merged(Segment s) {
        if (s.stream().equals(SPIKES)) {
            return spikesMerged;
        }
        for (int k = 0; k < reportMerged.length; k++) {
            if (reportMerged[k] && built.reports().get(k).name().equals(s.stream())) {
                return true;
            }
        }
        return false;
    }

    /** Whether report {@code k} (index into the built reports) went to segments and stays there. */
    boolean reportSegmented(int k) {
        return reportSegmented[k] && !reportMerged[k];
    }

    @Override
    public void saveState(StateWriter out, long step) {
        out.scalar("flushes", flushes);
        out.scalar("spike_window_start_step", spikeWindowStartStep);
        out.scalar("spikes_segmented", spikesSegmented ? 1 : 0);
        long[] reports = new long[reportSegmented.length];
        for (int k = 0; k < reports.length; k++) {
            reports[k] = reportSegmented[k] ? 1 : 0;
        }
        out.longs("reports_segmented", reports);
        int n = segments.size();
        String[] stream = new String[n];
        String[] file = new String[n];
        long[] number = new long[n];
        double[] start = new double[n];
        double[] stop = new double[n];
        long[] count = new long[n];
        for (int i = 0; i < n; i++) {
            Segment seg = segments.get(i);
            stream[i] = seg.stream();
            file[i] = seg.file().getFileName().toString();
            number[i] = seg.index();
            start[i] = seg.startMs();
            stop[i] = seg.stopMs();
            count[i] = seg.count();
        }
        StateWriter t = out.scope("table");
        t.strings("stream", stream);
        t.strings("file", file);
        t.longs("index", number);
        t.doubles("start_ms", start);
        t.doubles("stop_ms", stop);
        t.longs("count", count);
    }

    /**
     * Restores the segment sequence of a checkpoint; every segment it lists must still be beside the
     * main file (else {@link StateMismatchException} naming it).
     */
    @Override
    public void restoreState(StateReader in, long step) {
        long[] reports = in.longs("reports_segmented");
        in.requireLength("reports_segmented", reports.length, reportSegmented.length);
        StateReader t = in.scope("table");
        String[] stream = t.strings("stream");
        String[] file = t.strings("file");
        long[] number = t.longs("index");
        double[] start = t.doubles("start_ms");
        double[] stop = t.doubles("stop_ms");
        long[] count = t.longs("count");
        for (String column : List.of("file", "index", "start_ms", "stop_ms", "count")) {
            int length = switch (column) {
                case "file" -> file.length;
                case "index" -> number.length;
                case "start_ms" -> start.length;
                case "stop_ms" -> stop.length;
                default -> count.length;
            };
            t.requireLength(column, length, stream.length);
        }
        List<Segment> restored = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            Path p = main.resolveSibling(file[i]);
            if (!Files.isRegularFile(p)) {
                throw new StateMismatchException("segment " + p + ", written before the checkpoint, is missing;"
                        + " the run cannot continue from this checkpoint without it");
            }
            restored.add(new Segment(stream[i], p, number[i], start[i], stop[i], count[i], Math.max(0, part)));
        }
        segments.clear();
        segments.addAll(restored);
        flushes = in.scalar("flushes");
        spikeWindowStartStep = in.scalar("spike_window_start_step");
        spikesSegmented = in.scalar("spikes_segmented") != 0;
        for (int k = 0; k < reports.length; k++) {
            reportSegmented[k] = reports[k] != 0;
        }
    }

    /** The segments written so far, in the order written. */
    List<Segment> segments() {
        return List.copyOf(segments);
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Adds the segment table and the memory budget to the main file ({@link
     * OutputLayout#writeSegmentTable}); nothing when there are no segments (the unsegmented layout).
     */
    void writeIndex(SonataWriter w) {
        if (segments.isEmpty()) {
            return;
        }
        List<Segment> kept = segments.stream().filter(s -> !merged(s)).toList();
        if (kept.isEmpty()) {
            w.rootAttribute(OutputLayout.MEMORY_BUDGET_BYTES, budgetBytes);
        } else {
            OutputLayout.writeSegmentTable(w, kept, budgetBytes);
        }
    }
}
