package org.cortexsim.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateSnapshot;
import org.cortexsim.run.build.BuiltSimulation;

/**
 * Every {@link Checkpointable} of one run, by the name its state has in a checkpoint: {@code
 * simulation} (the step loop: neurons, channels and their queued arrivals, plastic projections,
 * spikes of the step), {@code recorders/spikes},
 * {@code recorders/reports/<report>}, {@code segments} (the {@link SegmentWriter}) and the run's
 * own listeners ({@code progress}). Saving and restoring a run is saving and restoring each,
 * simulation first.
 */
final class RunState {
    private final Map<String, Checkpointable> parts = new LinkedHashMap<>();

    RunState(BuiltSimulation built, SegmentWriter segments, Map<String, Checkpointable> listeners) {
        parts.put("simulation", built.simulation());
        parts.put("recorders/spikes", built.spikes());
        for (StateRecorder r : built.reports()) {
            parts.put("recorders/reports/" + r.name(), r);
        }
        parts.put("segments", segments);
        parts.putAll(listeners);
    }

    /** The parts by name, in save order. */
    Map<String, Checkpointable> parts() {
        return java.util.Collections.unmodifiableMap(parts);
    }

    /** The state of every part after {@code step} steps. */
    StateSnapshot save(long step) {
        StateSnapshot snapshot = new StateSnapshot();
        for (Map.Entry<String, Checkpointable> e : parts.entrySet()) {
            var out = snapshot.writer();
            for (String segment : e.getKey().split("/")) {
                out = out.scope(segment);
            }
            e.getValue().saveState(out, step);
        }
        return snapshot;
    }

    /** Restores every part from {@code snapshot}, saved after {@code step} steps. */
    void restore(StateSnapshot snapshot, long step) {
        for (Map.Entry<String, Checkpointable> e : parts.entrySet()) {
            StateReader in = snapshot.reader();
            for (String segment : e.getKey().split("/")) {
                in = in.scope(segment);
            }
            e.getValue().restoreState(in, step);
        }
    }
}
