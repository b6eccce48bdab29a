package org.cortexsim.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep (or a collect) produced: one outcome per run in index order, how many ran now,
 * were skipped because their output was already complete, or failed, and the summary files.
 *
 * <p>Invariants: {@code outcomes.get(k).index() == k}; {@code ran + skipped + missing ==
 * outcomes.size()}.
 */
public record SweepReport(List<RunOutcome> outcomes, int ran, int skipped, int failed, int missing, Path summaryCsv,
        Path summaryH5) {

    public SweepReport {
        outcomes = List.copyOf(outcomes);
    }

    /** True when every run's status is completed. */
    public boolean allCompleted() {
        return outcomes.stream().allMatch(RunOutcome::completed);
    }
}
