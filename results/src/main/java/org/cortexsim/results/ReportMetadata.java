package org.cortexsim.results;

/**
 * One SONATA report population ({@code /report/<population>}) without its data: what {@link
 * SonataReader} reads of it, and what {@link SonataWriter#report(ReportMetadata, double[])} writes.
 *
 * <p>Invariants: {@code rows} time steps of {@code dtMs} cover {@code [startMs, stopMs)} (stop is
 * exclusive, SONATA convention); {@code cols == nodeIds.length}; the data matrix is row-major
 * {@code [time x node]} float64 in {@code units} (for example {@code mV}).
 */
public record ReportMetadata(
        String population, String units, long[] nodeIds, double startMs, double stopMs, double dtMs,
        int rows, int cols) {

    /** Time (ms) of row {@code row}: {@code startMs + row * dtMs}. */
    public double timeMs(int row) {
        return startMs + row * dtMs;
    }
}
