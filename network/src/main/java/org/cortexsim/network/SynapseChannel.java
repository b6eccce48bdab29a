package org.cortexsim.network;

import java.util.Map;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Population;
import org.cortexsim.network.synapse.SynapseBlock;
import org.cortexsim.network.synapse.SynapseFields;
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
 */
public final class SynapseChannel {
    private final String id;
    private final Population post;
    private final SynapseModel model;
    private final Map<String, Double> parameters;
    private final SynapseKernel kernel;
    private final SynapseFields fields;
    private final double[][] ring;

    SynapseChannel(String id, Population post, SynapseModel model, Map<String, Double> parameters,
            double dtMs, int maxDelaySteps) {
        this.id = id;
        this.post = post;
        this.model = model;
        this.parameters = Map.copyOf(parameters);
        this.fields = new SynapseFields(model.fields(), post.size());
        this.kernel = model.kernel(this.parameters, dtMs, fields);
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
        return fields.find(name);
    }

    /**
     * The input phase of step {@code step} for the block of {@code sum}: the model turns the
     * step's arrivals into current, then the arrivals row is cleared. A kernel whose current is
     * its arrivals ({@link SynapseKernel#currentIsArrivals()}) hands the row to {@code sum}
     * instead, to be summed with the other terms and cleared as it is read. {@code block} is the
     * calling thread's own context for the kernel.
     */
    void contribute(long step, double[] v, CurrentSum sum, SynapseBlock block) {
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
            block.bind(arrivals, v, sum.current(), offset, lo, hi);
            kernel.step(block);
            java.util.Arrays.fill(arrivals, lo, hi, 0.0);
        }
    }
}
