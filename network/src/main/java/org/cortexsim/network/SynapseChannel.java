package org.cortexsim.network;

import java.util.List;
import java.util.Map;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Population;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;

/**
 * One synapse model with one parameter set on one postsynaptic population (a receptor, in
 * NEST's terms): the ring buffer of arriving weights, the model's per-neuron fields and its
 * kernel. Every projection (and Poisson input) onto that population with that model and those
 * parameters delivers into the same channel.
 *
 * <p>Ring buffer: {@code slots} rows of {@code post.size()} weights; the row for step n is
 * {@code n mod slots}. A spike delivered in step n with a delay of D steps (1 <= D <= slots)
 * is added to the row of step {@code n + D - 1}, which that step's input phase turns into
 * current and then clears.
 *
 * <p>Checkpoint state: each model field (by name) and the pending arrivals, by steps ahead of the
 * step about to be taken: for {@code j = 0 .. slots - 1}, the targets and summed weights of the
 * row that step {@code step + j} reads, where not zero (raw bits). This form does not depend on
 * the ring's phase or on how arrivals are stored.
 */
public final class SynapseChannel implements Checkpointable {
    private final String id;
    private final Population post;
    private final SynapseModel model;
    private final Map<String, Double> parameters;
    private final SynapseKernel kernel;
    private final double[][] fields;
    private final double[][] ring;

    SynapseChannel(String id, Population post, SynapseModel model, Map<String, Double> parameters,
            double dtMs, int maxDelaySteps) {
        this.id = id;
        this.post = post;
        this.model = model;
        this.parameters = Map.copyOf(parameters);
        this.kernel = model.kernel(parameters, dtMs);
        List<FieldSpec> specs = model.fields();
        this.fields = new double[specs.size()][post.size()];
        for (int f = 0; f < specs.size(); f++) {
            java.util.Arrays.fill(fields[f], specs.get(f).initialValue());
        }
        this.ring = new double[Math.max(1, maxDelaySteps)][post.size()];
    }

    /** A name unique among the channels of the simulation, e.g. {@code "exc.exp_current"}. */
    public String id() {
        return id;
    }

    public Population post() {
        return post;
    }

    public SynapseModel model() {
        return model;
    }

    public Map<String, Double> parameters() {
        return parameters;
    }

    /** Number of ring-buffer rows: the longest delay, in steps, it accepts. */
    public int slots() {
        return ring.length;
    }

    /** The arrivals row that step {@code step} reads. */
    double[] row(long step) {
        return ring[(int) (step % ring.length)];
    }

    /**
     * The state array of field {@code name}, or null; indexed by local node id.
     */
    public double[] field(String name) {
        List<FieldSpec> specs = model.fields();
        for (int f = 0; f < specs.size(); f++) {
            if (specs.get(f).name().equals(name)) {
                return fields[f];
            }
        }
        return null;
    }

    @Override
    public void saveState(StateWriter out, long step) {
        List<FieldSpec> specs = model.fields();
        for (int f = 0; f < specs.size(); f++) {
            out.scope("fields").doubles(specs.get(f).name(), fields[f]);
        }
        int[] offsets = new int[ring.length + 1];
        int nonzero = 0;
        for (int j = 0; j < ring.length; j++) {
            for (double w : row(step + j)) {
                if (Double.doubleToRawLongBits(w) != 0) {
                    nonzero++;
                }
            }
            offsets[j + 1] = nonzero;
        }
        int[] targets = new int[nonzero];
        double[] weights = new double[nonzero];
        int e = 0;
        for (int j = 0; j < ring.length; j++) {
            double[] r = row(step + j);
            for (int i = 0; i < r.length; i++) {
                if (Double.doubleToRawLongBits(r[i]) != 0) {
                    targets[e] = i;
                    weights[e++] = r[i];
                }
            }
        }
        StateWriter pending = out.scope("pending");
        pending.ints("steps_ahead_offsets", offsets);
        pending.ints("targets", targets);
        pending.doubles("weights", weights);
    }

    @Override
    public void restoreState(StateReader in, long step) {
        List<FieldSpec> specs = model.fields();
        for (int f = 0; f < specs.size(); f++) {
            in.scope("fields").doublesInto(specs.get(f).name(), fields[f]);
        }
        StateReader pending = in.scope("pending");
        int[] offsets = pending.ints("steps_ahead_offsets");
        int[] targets = pending.ints("targets");
        double[] weights = pending.doubles("weights");
        pending.requireLength("weights", weights.length, targets.length);
        if (offsets.length > ring.length + 1) {
            throw new StateMismatchException(pending.path("steps_ahead_offsets") + " holds arrivals "
                    + (offsets.length - 1) + " steps ahead; this network's longest delay onto " + id + " is "
                    + ring.length + " steps");
        }
        for (double[] r : ring) {
            java.util.Arrays.fill(r, 0.0);
        }
        for (int j = 0; j + 1 < offsets.length; j++) {
            double[] r = row(step + j);
            if (offsets[j] > offsets[j + 1] || offsets[j + 1] > targets.length) {
                throw new StateMismatchException(pending.path("steps_ahead_offsets") + " is not a valid index");
            }
            for (int e = offsets[j]; e < offsets[j + 1]; e++) {
                if (targets[e] < 0 || targets[e] >= r.length) {
                    throw new StateMismatchException(pending.path("targets") + " names neuron " + targets[e]
                            + " of " + post.name() + ", which has " + r.length);
                }
                r[targets[e]] = weights[e];
            }
        }
    }

    /**
     * The input phase of step {@code step} for the block of {@code sum}: the model turns the
     * step's arrivals into current, then the arrivals row is cleared. A kernel whose current is
     * its arrivals ({@link SynapseKernel#currentIsArrivals()}) hands the row to {@code sum}
     * instead, to be summed with the other terms and cleared as it is read.
     */
    void contribute(long step, double[] v, CurrentSum sum) {
        final int offset = post.offset();
        final int lo = Math.max(sum.from(), offset) - offset;
        final int hi = Math.min(sum.to(), post.end()) - offset;
        if (lo >= hi) {
            return;
        }
        double[] arrivals = row(step);
        if (kernel.currentIsArrivals() && lo + offset == sum.from() && hi + offset == sum.to()) {
            sum.add(arrivals, lo, true);
        } else {
            kernel.step(arrivals, fields, v, sum.current(), offset, lo, hi);
            java.util.Arrays.fill(arrivals, lo, hi, 0.0);
        }
    }
}
