package org.cortexsim.sweep;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Counts finished runs and writes one progress line per event: runs done of total, failures,
 * elapsed time and an ETA from the mean wall time of the runs executed so far (runs skipped by
 * resume do not count towards the rate). Thread-safe.
 */
final class SweepProgress {
    private final int total;
    private final Consumer<String> log;
    private final long begin = System.nanoTime();
    private int done;
    private int ran;
    private int skipped;
    private int failed;

    SweepProgress(int total, Consumer<String> log) {
        this.total = total;
        this.log = log;
    }

    synchronized void skipped(SweepRun run) {
        done++;
        skipped++;
    }

    synchronized void finished(RunOutcome o) {
        done++;
        ran++;
        if (!o.completed()) {
            failed++;
            log.accept(String.format(Locale.ROOT, "sweep: run %d FAILED (%s) on %s: %s", o.index(), o.status(),
                    o.member(), o.message()));
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        int remaining = total - done;
        String eta = ran == 0 ? "?" : clock(elapsed / ran * remaining);
        log.accept(String.format(Locale.ROOT, "sweep: %d/%d runs done (%d skipped, %d failed), elapsed %s, ETA %s;"
                + " run %d %s on %s", done, total, skipped, failed, clock(elapsed), eta, o.index(), o.status(),
                o.member()));
    }

    synchronized void note(String message) {
        log.accept("sweep: " + message);
    }

    synchronized int failed() {
        return failed;
    }

    synchronized int ran() {
        return ran;
    }

    synchronized int skippedCount() {
        return skipped;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
