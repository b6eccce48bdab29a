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
     * was run (simulator, config and overrides, the effective config's identity, seed, dt,
     * duration), how far it got ({@code steps_done} of {@code steps_requested}, the model time
     * reached, {@code status}, {@code completed}), and when and how ({@code threads}, the loop's
     * wall time, {@code started_at}, and {@code finished_at} unless the run is still running).
     */
    void write(SonataWriter w, Config config, TimeGrid grid) {
        w.rootAttribute("simulator", "cortexsim");
        w.rootAttribute("simulator_version", Version.get());
        w.rootAttribute("config", config.sourceText().isEmpty() ? "(empty)" : config.sourceText());
        w.rootAttribute("config_source", config.sourceName());
        if (!config.overrides().isEmpty()) {
            w.rootAttribute("config_overrides", config.overrides().toArray(String[]::new));
        }
        w.rootAttribute(CONFIG_SHA256, config.identity().sha256());
        w.rootAttribute(CONFIG_IDENTITY, identityLines(config.identity()));
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

    /**
     * The effective config's identity ({@link org.cortexsim.config.ConfigIdentity}: every key after
     * the overrides, without threads, checkpoint, memory budget and output settings), by which
     * {@code --resume} tells whether a complete output is this config's.
     */
    static final String CONFIG_SHA256 = "config_sha256";
    /** The identity's canonical lines ({@code key.path = value}), {@code (empty)} for none. */
    static final String CONFIG_IDENTITY = "config_identity";

    /** {@code identity}'s lines as written in {@link #CONFIG_IDENTITY}. */
    static String[] identityLines(org.cortexsim.config.ConfigIdentity identity) {
        return identity.lines().isEmpty() ? new String[] {"(empty)"} : identity.lines().toArray(String[]::new);
    }

    /** The identity written as {@code lines} ({@link #identityLines}), read back. */
    static org.cortexsim.config.ConfigIdentity identityOf(Object lines) {
        String[] l = lines instanceof String[] a ? a : lines instanceof String one ? new String[] {one}
                : new String[0];
        return org.cortexsim.config.ConfigIdentity.of(l.length == 1 && l[0].equals("(empty)") ? java.util.List.of()
                : java.util.Arrays.asList(l));
    }
}
