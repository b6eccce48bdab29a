package org.cortexsim.core.record;

import java.util.List;
import org.cortexsim.core.IntList;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;

/**
 * Records the spikes of chosen populations as (step, node id) pairs per population, in the
 * order they occur: by time, and by node id within a step. In a partition, the populations are
 * its slices and the node ids those of the whole populations. Spike times are {@code step * dt}
 * ms, the time of the sample that crossed the peak. Populations are kept in index order.
 *
 * <p>The buffer can be drained in segments ({@link #clearBuffer()}): {@link #count(int)}, {@link
 * #timesMs(int)}, {@link #steps(int)} and {@link #nodeIds(int)} then describe the spikes recorded
 * since; {@link #totalCount(int)} counts all of them.
 *
 * <p>Checkpoint state, per population (by name): the spikes drained so far and the buffered
 * spikes' steps and node ids.
 */
public final class SpikeRecorder implements StepListener, Checkpointable {
    private final List<Population> populations;
    private final IntList[] steps;
    private final IntList[] nodeIds;
    private final long[] flushed;
    private double dtMs = Double.NaN;

    public SpikeRecorder(List<Population> populations) {
        this.populations = populations.stream()
                .sorted(java.util.Comparator.comparingInt(Population::offset)).toList();
        steps = new IntList[populations.size()];
        nodeIds = new IntList[populations.size()];
        flushed = new long[populations.size()];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = new IntList(1024);
            nodeIds[k] = new IntList(1024);
        }
    }

    @Override
    public void start(StateView state, TimeGrid grid, long totalSteps) {
        if (totalSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("runs of more than " + Integer.MAX_VALUE + " steps are not supported");
        }
        dtMs = grid.dtMs();
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
        for (int k = 0; k < populations.size(); k++) {
            StateWriter p = out.scope(populations.get(k).name());
            p.scalar("drained", flushed[k]);
            p.ints("steps", steps[k].toArray());
            p.ints("node_ids", nodeIds[k].toArray());
        }
    }

    @Override
    public void restoreState(StateReader in, long step) {
        for (int k = 0; k < populations.size(); k++) {
            StateReader p = in.scope(populations.get(k).name());
            int[] s = p.ints("steps");
            int[] ids = p.ints("node_ids");
            p.requireLength("node_ids", ids.length, s.length);
            flushed[k] = p.scalar("drained");
            steps[k].setAll(s);
            nodeIds[k].setAll(ids);
        }
    }

    @Override
    public void afterStep(long step, StateView state) {
        final int n = state.spikeCount();
        int k = 0;
        for (int s = 0; s < n; s++) {
            final int i = state.spike(s);
            while (k < populations.size() && i >= populations.get(k).end()) {
                k++;
            }
            if (k == populations.size()) {
                return;
            }
            final Population p = populations.get(k);
            if (i >= p.offset()) {
                steps[k].add((int) step);
                nodeIds[k].add(i - p.offset() + p.firstNode());
            }
        }
    }

    public List<Population> populations() {
        return populations;
    }

    /** Number of spikes buffered for population {@code k} (index into {@link #populations()}). */
    public int count(int k) {
        return steps[k].size();
    }

    /** Number of spikes recorded for population {@code k} in all, including drained ones. */
    public long totalCount(int k) {
        return flushed[k] + steps[k].size();
    }

    /** Bytes of spikes currently buffered (a step and a node id, 8 bytes, per spike). */
    public long bufferedBytes() {
        long n = 0;
        for (IntList s : steps) {
            n += s.size();
        }
        return n * (2L * Integer.BYTES);
    }

    /** Forgets the buffered spikes (after they were written elsewhere); keeps the buffers' capacity. */
    public void clearBuffer() {
        for (int k = 0; k < steps.length; k++) {
            flushed[k] += steps[k].size();
            steps[k].clear();
            nodeIds[k].clear();
        }
    }

    /** Buffered spike times of population {@code k}, ms, ascending. */
    public double[] timesMs(int k) {
        double[] t = new double[steps[k].size()];
        for (int s = 0; s < t.length; s++) {
            t[s] = steps[k].get(s) * dtMs;
        }
        return t;
    }

    /** Buffered spike steps of population {@code k}, ascending. */
    public int[] steps(int k) {
        return steps[k].toArray();
    }

    /** Node ids (local to the population) of population {@code k}'s spikes, aligned with the times. */
    public long[] nodeIds(int k) {
        long[] ids = new long[nodeIds[k].size()];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = nodeIds[k].get(s);
        }
        return ids;
    }
}
