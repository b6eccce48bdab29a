package org.cortexsim.run;

import java.time.Instant;
import org.cortexsim.config.Config;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.results.SonataWriter;

/**
 * How far a run got, and when and how: its {@code status}, the steps requested and done, whether
 * it completed, the threads stepping it, the loop's wall time (s), and when it started and
 * finished ({@code finishedAt} null while the run is still running). {@link #write} is the one
 * writer of a run's provenance attributes, for a run in one process and a partitioned run alike.
 */
record RunProvenance(String status, long stepsRequested, long stepsDone, boolean completed, long threads,
        double loopSeconds, Instant startedAt, Instant finishedAt) {

    /**
     * Writes the provenance of the run of {@code config} on {@code grid} as root attributes: what
     * was run (simulator, config and overrides, seed, dt, duration), how far it got ({@code
     * steps_done} of {@code steps_requested}, the model time reached, {@code status}, {@code
     * completed}), and when and how ({@code threads}, the loop's wall time, {@code started_at}, and
     * {@code finished_at} unless the run is still running).
     */
    void write(SonataWriter w, Config config, TimeGrid grid) {
        w.rootAttribute("simulator", "cortexsim");
        w.rootAttribute("simulator_version", Version.get());
        w.rootAttribute("config", config.sourceText().isEmpty() ? "(empty)" : config.sourceText());
        w.rootAttribute("config_source", config.sourceName());
        if (!config.overrides().isEmpty()) {
            w.rootAttribute("config_overrides", config.overrides().toArray(String[]::new));
        }
        w.rootAttribute("seed", config.simulation().seed());
        w.rootAttribute("dt_ms", grid.dtMs());
        w.rootAttribute("duration_ms", config.simulation().durationMs());
        w.rootAttribute("steps_requested", stepsRequested);
        w.rootAttribute("steps_done", stepsDone);
        w.rootAttribute("model_time_reached_ms", grid.timeOf(stepsDone));
        w.rootAttribute("threads", threads);
        w.rootAttribute("wall_time_loop_s", loopSeconds);
        w.rootAttribute("started_at", startedAt.toString());
        if (finishedAt != null) {
            w.rootAttribute("finished_at", finishedAt.toString());
        }
        w.rootAttribute("status", status);
        w.rootAttribute("completed", completed ? 1L : 0L);
        w.rootAttribute("spike_time_convention",
                "a spike at t = n*dt is sample n with v >= vpeak; the neuron resets in step n");
    }
}
