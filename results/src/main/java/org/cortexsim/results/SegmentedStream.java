package org.cortexsim.results;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cortexsim.results.ResultSet.Segment;

/**
 * Reads one stream of a run that is held in segment files (the spikes, or one report) as one:
 * the segments in time order, or, for a partitioned run, in parts (the segments of partition p in
 * time order, each part holding one contiguous range of every population's nodes, ascending with
 * p). Spikes are concatenated over a part's segments and merged over the parts by time (within a
 * time by part, so by node id: the order one process records them in). A report's columns are its
 * parts' columns, part after part, and each part's rows are numbered across its own segments; all
 * parts have the same rows. Opens each file for one read; holds nothing. Used by {@link ResultSet}
 * and by the writer of a partitioned run's main file.
 */
public final class SegmentedStream {
    private SegmentedStream() {
    }

    /** The segments of one stream grouped by part, parts ascending, each part's in the given (time) order. */
    private static Map<Integer, List<Segment>> byPart(List<Segment> segments) {
        Map<Integer, List<Segment>> out = new TreeMap<>();
        for (Segment s : segments) {
            out.computeIfAbsent(s.part(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** Spikes of {@code population} with {@code fromMs <= t < toMs} in spike segments {@code segments}, by time. */
    public static SpikeData spikes(List<Segment> segments, String population, double fromMs, double toMs)
            throws IOException {
        List<SpikeData> merged = new ArrayList<>();
        for (List<Segment> part : byPart(segments).values()) {
            List<SpikeData> pieces = new ArrayList<>();
            for (Segment s : part) {
                if (s.stopMs() <= fromMs || s.startMs() >= toMs) {
                    continue;
                }
                try (SonataReader r = SonataReader.open(s.file())) {
                    pieces.add(r.spikes(population, fromMs, toMs));
                }
            }
            merged.add(concatenate(population, pieces));
        }
        return mergeByTime(population, merged);
    }

    private static SpikeData concatenate(String population, List<SpikeData> pieces) {
        int total = 0;
        for (SpikeData d : pieces) {
            total = Math.addExact(total, d.count());
        }
        double[] t = new double[total];
        long[] ids = new long[total];
        int k = 0;
        for (SpikeData d : pieces) {
            System.arraycopy(d.timestampsMs(), 0, t, k, d.count());
            System.arraycopy(d.nodeIds(), 0, ids, k, d.count());
            k += d.count();
        }
        return new SpikeData(population, t, ids, Sorting.BY_TIME);
    }

    /**
     * Merges spike lists sorted by time, each of a partition holding lower node ids than the
     * next: by time, and within a time by list (a binary heap would beat this scan over the
     * lists for very many partitions).
     */
    static SpikeData mergeByTime(String population, List<SpikeData> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = 0;
        for (SpikeData d : parts) {
            total = Math.addExact(total, d.count());
        }
        double[] t = new double[total];
        long[] ids = new long[total];
        int[] at = new int[parts.size()];
        for (int k = 0; k < total; k++) {
            int best = -1;
            for (int p = 0; p < parts.size(); p++) {
                SpikeData d = parts.get(p);
                if (at[p] < d.count() && (best < 0
                        || d.timestampsMs()[at[p]] < parts.get(best).timestampsMs()[at[best]])) {
                    best = p;
                }
            }
            t[k] = parts.get(best).timestampsMs()[at[best]];
            ids[k] = parts.get(best).nodeIds()[at[best]];
            at[best]++;
        }
        return new SpikeData(population, t, ids, Sorting.BY_TIME);
    }

    /**
     * A report's metadata as one matrix: population, units and time grid of its first file, the
     * parts' node ids part after part, rows summed over a part's segments, {@code startMs} of the
     * first and {@code stopMs} of the last; {@code what} names the report in errors.
     */
    public static ReportMetadata reportMetadata(List<Segment> segments, String what) throws IOException {
        Map<Integer, List<Segment>> parts = byPart(segments);
        List<Segment> segs = parts.values().iterator().next();
        ReportMetadata first;
        try (SonataReader r = SonataReader.open(segs.get(0).file())) {
            first = r.reportMetadata(ResultSet.single(r, segs.get(0).file()));
        }
        long rows = segs.stream().mapToLong(Segment::count).sum();
        long[] nodeIds = first.nodeIds();
        if (parts.size() > 1) {
            List<long[]> ids = new ArrayList<>();
            int cols = 0;
            for (List<Segment> part : parts.values()) {
                long partRows = part.stream().mapToLong(Segment::count).sum();
                if (partRows != rows) {
                    throw new IllegalStateException(what + " has " + rows + " rows in one partition and " + partRows
                            + " in another");
                }
                long[] partIds = metadata(part.get(0)).nodeIds();
                ids.add(partIds);
                cols += partIds.length;
            }
            nodeIds = new long[cols];
            int k = 0;
            for (long[] partIds : ids) {
                System.arraycopy(partIds, 0, nodeIds, k, partIds.length);
                k += partIds.length;
            }
        }
        return new ReportMetadata(first.population(), first.units(), nodeIds, first.startMs(),
                segs.get(segs.size() - 1).stopMs(), first.dtMs(), Math.toIntExact(rows), nodeIds.length);
    }

    private static ReportMetadata metadata(Segment s) throws IOException {
        try (SonataReader r = SonataReader.open(s.file())) {
            return r.reportMetadata(ResultSet.single(r, s.file()));
        }
    }

    /**
     * Rows {@code [rowStart, rowStart + rowCount)} and columns {@code [colStart, colStart +
     * colCount)} of the report held in {@code segments}, row-major; reads only the segments and
     * hyperslabs needed.
     *
     * @throws IndexOutOfBoundsException if the block is outside the report
     */
    public static double[] reportSlice(List<Segment> segments, String what, int rowStart, int rowCount,
            int colStart, int colCount) throws IOException {
        ReportMetadata m = reportMetadata(segments, what);
        Objects.checkFromIndexSize(rowStart, rowCount, m.rows());
        Objects.checkFromIndexSize(colStart, colCount, m.cols());
        double[] out = new double[Math.multiplyExact(rowCount, colCount)];
        int partFirstCol = 0;
        for (List<Segment> part : byPart(segments).values()) {
            int partCols = metadata(part.get(0)).cols();
            int from = Math.max(colStart, partFirstCol);
            int to = Math.min(colStart + colCount, partFirstCol + partCols);
            if (from < to) {
                readRows(part, m.population(), rowStart, rowCount, from - partFirstCol, to - from, out, colCount,
                        from - colStart);
            }
            partFirstCol += partCols;
        }
        return out;
    }

    /**
     * Reads rows {@code [rowStart, rowStart + rowCount)} (numbered across {@code segs}) and
     * {@code cols} columns from {@code col} into {@code out} (row stride {@code stride}, first
     * column {@code outCol}).
     */
    private static void readRows(List<Segment> segs, String population, int rowStart, int rowCount, int col, int cols,
            double[] out, int stride, int outCol) throws IOException {
        long segFirstRow = 0;
        for (Segment s : segs) {
            long segEnd = segFirstRow + s.count();
            long from = Math.max(rowStart, segFirstRow);
            long to = Math.min((long) rowStart + rowCount, segEnd);
            if (from < to) {
                try (SonataReader r = SonataReader.open(s.file())) {
                    double[] part = r.reportSlice(population, (int) (from - segFirstRow), (int) (to - from), col, cols);
                    for (int row = 0; row < to - from; row++) {
                        System.arraycopy(part, row * cols, out, (int) (from - rowStart + row) * stride + outCol, cols);
                    }
                }
            }
            segFirstRow = segEnd;
        }
    }
}
