package org.cortexsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.cortexsim.run.Progress;

/**
 * Shows progress on stderr: redrawn in place on a terminal (every 0.2 s), plain lines every 5 s
 * otherwise, nothing when quiet. Percent, model time, wall time, real-time factor (wall/model,
 * as NEST prints it), ETA and spikes so far.
 */
final class ProgressPrinter implements Consumer<Progress> {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private boolean drawn;

    ProgressPrinter(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
    }

    double intervalSeconds() {
        return quiet ? Double.POSITIVE_INFINITY : terminal ? 0.2 : 5.0;
    }

    @Override
    public void accept(Progress p) {
        if (quiet) {
            return;
        }
        String line = String.format(Locale.ROOT,
                "%5.1f%%  t = %.1f / %.1f ms  wall %.1f s  real-time factor %.3f  ETA %s  spikes %d",
                100 * p.fraction(), p.modelTimeMs(), p.durationMs(), p.wallSeconds(), p.realTimeFactor(),
                Double.isFinite(p.etaSeconds()) ? String.format(Locale.ROOT, "%.1f s", p.etaSeconds()) : "-",
                p.spikes());
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends an in-place line. */
    void done() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
