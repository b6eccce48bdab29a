package org.cortexsim.run;

import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;

/**
 * Calls the progress consumer every interval of wall time and at the end, with model times on
 * the simulation's grid (the time to reach is that of the last step). Its spike count is state
 * a checkpoint keeps (where the run registers it as a checkpointable). Used by a run in one
 * process and by each partition of a partitioned run.
 */
final class ProgressListener implements StepListener, Checkpointable {
    private final RunOptions options;
    private long begin;
    private long last;
    private long steps;
    private long firstStep;
    private TimeGrid grid;
    private long spikes;

    ProgressListener(RunOptions options) {
        this.options = options;
    }

    @Override
    public void start(StateView state, TimeGrid grid, long totalSteps) {
        begin = System.nanoTime();
        last = begin;
        steps = totalSteps;
        this.grid = grid;
    }

    @Override
    public void resume(StateView state, TimeGrid grid, long totalSteps, long step) {
        start(state, grid, totalSteps);
        firstStep = step;
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
    public void saveState(StateWriter out, long step) {
        out.scalar("spikes", spikes);
    }

    @Override
    public void restoreState(StateReader in, long step) {
        spikes = in.scalar("spikes");
    }

    @Override
    public void afterStep(long step, StateView state) {
        spikes += state.spikeCount();
        if ((step & 63) != 0) {
            return;
        }
        long now = System.nanoTime();
        if ((now - last) / 1e9 >= options.progressIntervalSeconds()) {
            last = now;
            report(step + 1, now);
        }
    }

    @Override
    public void finish(long stepsDone) {
        if (Double.isFinite(options.progressIntervalSeconds())) {
            report(stepsDone, System.nanoTime());
        }
    }

    private void report(long done, long now) {
        options.progress().accept(new Progress(done, steps, grid.timeOf(done), grid.timeOf(steps),
                (now - begin) / 1e9, spikes, firstStep));
    }
}
