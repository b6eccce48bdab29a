package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step count of a config is defined once: what {@code SimulationSpec.steps()} says (and
 * {@code validate} prints) is what the run takes, and the run's steps are those of the time grid,
 * {@code ceil(duration / dt)} with near-whole quotients counted whole.
 */
class StepCountTest {
    @TempDir
    Path dir;

    /** dt, duration, and the steps the run takes: the first step at or after the duration. */
    private static final double[][] CASES = {
        {0.1, 1000, 10_000},
        {0.1, 0.24, 3},      // 2.4 steps: rounding said 2, the run takes 3
        {0.1, 100.04, 1001}, // 1000.4 steps: rounding said 1000, the run takes 1001
        {0.25, 1.1, 5},
        {0.1, 0.3, 3},       // 0.3 / 0.1 = 2.9999999999999996 counts as 3
    };

    @Test
    void specStepsAreTheStepsTheRunTakes() throws Exception {
        for (double[] c : CASES) {
            String yaml = String.format(Locale.ROOT, """
                    simulation: {dt_ms: %s, duration_ms: %s}
                    populations: [{name: p, model: RS, size: 2}]
                    record: {spikes: false}
                    output: {path: '%s'}
                    """, c[0], c[1], dir.resolve("steps" + c[1] + ".h5"));
            Config config = new ConfigLoader().parse(yaml, "steps.yaml", List.of());
            String what = "dt " + c[0] + " ms, duration " + c[1] + " ms";
            assertEquals((long) c[2], config.simulation().steps(), what + ": SimulationSpec.steps()");
            assertEquals((long) c[2], Estimate.of(config).steps(), what + ": the estimate");
            RunReport report = Runner.run(config, RunOptions.quiet());
            assertEquals((long) c[2], report.stepsDone(), what + ": the run");
        }
    }
}
