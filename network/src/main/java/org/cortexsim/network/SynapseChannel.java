package org.cortexsim.network;

import java.util.Map;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Population;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.network.synapse.ExponentialCurrent;
import org.cortexsim.network.synapse.SynapseBlock;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;

/**
 * One synapse model with one parameter set on one postsynaptic population (a receptor, in
 * NEST's terms): the row of weights arriving in the step being taken, the model's per-neuron
 * fields and its kernel. Every projection (and Poisson input) onto that population with that model and those
 * parameters delivers into the same channel.
 *
 * <p>Arrivals: one row of {@code post.size()} weights, the sum arriving in the step being taken.
 * A spike delivered in step n with a delay of D steps (1 <= D <= {@link #slots()}) is added to
 * the row directly when D = 1, and otherwise queued for step {@code n + D - 1} in the
 * {@link PendingArrivals} of the stepping thread that owns the target, which adds it to the row
 * at the start of that step. A plastic projection ({@link PlasticSynapses}) keeps its own
 * queue of spikes in flight and adds each synapse's weight to the row in the step it reaches the
 * synapse. The step's input phase turns the row into current and clears it.
 * (A ring of {@code slots} rows, as before, held {@code slots x post.size()} weights, and its
 * row of each step came from memory cold: 160 MB and 1.6 MB per step for the benchmark network
 * of 100,000 neurons with delays of up to 200 steps.)
 *
 * <p>Checkpoint state: each model field, by name. The arrivals row is consumed by every step, so
 * it is empty between steps; the queued arrivals belong to the stepping threads and are saved by
 * the {@link Simulation}.
 */
public final class SynapseChannel implements Checkpointable {
    private final String id;
    private final Population post;
    private final SynapseModel model;
    private final Map<String, Double> parameters;
    private final SynapseKernel kernel;
    private final SynapseFields fields;
    private final double[] arrivals;
    private final int slots;
    /** The field of a kernel that declares {@link ExponentialCurrent} (then run fused), else null. */
    private final double[] exponentialField;
    /** The kernel's decay if it declares {@link ExponentialCurrent}, else NaN. */
    private final double exponentialDecay;

    SynapseChannel(String id, Population post, SynapseModel model, Map<String, Double> parameters,
            double dtMs, int maxDelaySteps) {
        this.id = id;
        this.post = post;
        this.model = model;
        this.parameters = Map.copyOf(parameters);
        this.fields = new SynapseFields(model.fields(), post.size());
        this.kernel = kernelOf(model, this.parameters, dtMs, fields);
        this.arrivals = new double[post.size()];
        boolean fused = kernel instanceof ExponentialCurrent && model.fields().size() == 1;
        this.exponentialField = fused ? fields.get(model.fields().get(0).name()) : null;
        this.exponentialDecay = fused ? ((ExponentialCurrent) kernel).decay() : Double.NaN;
        this.slots = Math.max(1, maxDelaySteps);
    }

    /**
     * {@code model}'s kernel; a model that asks for a field it did not declare is named in the
     * message (its class, which may be a user's).
     */
    private static SynapseKernel kernelOf(SynapseModel model, Map<String, Double> parameters, double dtMs,
            SynapseFields fields) {
        try {
            return model.kernel(parameters, dtMs, fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("synapse model '" + model.name() + "' (" + model.getClass().getName()
                    + "): " + e.getMessage(), e);
        }
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

    /** The longest delay, in steps, it accepts. */
    public int slots() {
        return slots;
    }

    /** The arrivals row of the step being taken (local node ids). */
    double[] arrivals() {
        return arrivals;
    }

    /**
     * Queues for the later arrivals of one stepping thread's targets, narrow with the weights
     * {@code table} (null: wide; {@link PendingArrivals}); null when every delay is one step.
     */
    PendingArrivals newPendingArrivals(double[] table) {
        return slots > 1 ? new PendingArrivals(slots, table) : null;
    }

    /**
     * The state array of field {@code name}, or null; indexed by local node id.
     */
    public double[] field(String name) {
        return fields.find(name);
    }

    @Override
    public void saveState(StateWriter out, long step) {
        for (double w : arrivals) {
            if (Double.doubleToRawLongBits(w) != 0) {
                throw new IllegalStateException("the arrivals row of " + id + " holds weights between steps");
            }
        }
        for (var spec : model.fields()) {
            out.scope("fields").doubles(spec.name(), fields.get(spec.name()));
        }
    }

    @Override
    public void restoreState(StateReader in, long step) {
        for (var spec : model.fields()) {
            in.scope("fields").doublesInto(spec.name(), fields.get(spec.name()));
        }
        java.util.Arrays.fill(arrivals, 0.0);
    }

    /**
     * The input phase of step {@code step} for the block of {@code sum}: the model turns the
     * step's arrivals into current, then the arrivals row is cleared. A kernel whose current is
     * its arrivals ({@link SynapseKernel#currentIsArrivals()}) hands the row to {@code sum}
     * instead, to be summed with the other terms and cleared as it is read; one that declares
     * {@link ExponentialCurrent} hands its field, row and decay to {@code sum} as a decaying term
     * ({@link CurrentSum#addDecaying}): the Euler pass updates the field and clears the row where it
     * reads the field. Other kernels get {@code block}, the calling thread's own context,
     * bound to the block.
     */
    void contribute(long step, double[] v, CurrentSum sum, SynapseBlock block) {
        final int offset = post.offset();
        final int lo = Math.max(sum.from(), offset) - offset;
        final int hi = Math.min(sum.to(), post.end()) - offset;
        if (lo >= hi) {
            return;
        }
        final boolean wholeBlock = lo + offset == sum.from() && hi + offset == sum.to();
        if (kernel.currentIsArrivals() && wholeBlock) {
            sum.add(arrivals, lo, true);
        } else if (exponentialField != null && wholeBlock) {
            // the kernel's step (field = field * decay + arrivals, the row cleared) made where the
            // Euler pass reads the field as a term, instead of added in place
            sum.addDecaying(exponentialField, arrivals, lo, exponentialDecay);
        } else {
            block.bind(arrivals, v, sum.current(), offset, lo, hi);
            kernel.step(block);
            java.util.Arrays.fill(arrivals, lo, hi, 0.0);
        }
    }
}
