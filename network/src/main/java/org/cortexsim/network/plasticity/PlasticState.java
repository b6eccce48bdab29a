package org.cortexsim.network.plasticity;

import java.util.List;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;
import org.cortexsim.network.synapse.FieldSpec;

/**
 * The state of one plastic projection, allocated by the engine from what its rule declared,
 * as a kernel sees it: the live weights and the synapses' targets (aligned with the
 * projection's nonzeros in storage order, index {@code k}), and the rule's state fields, each
 * an array resolved by name once when the kernel is built.
 *
 * <ul>
 * <li>Synapse fields: one element per synapse, index {@code k}.</li>
 * <li>Presynaptic fields: what a presynaptic neuron's spikes leave at its synapses (traces,
 *     resources), updated when a spike arrives. Indexed by a slot: the presynaptic neuron
 *     when all synapses of the projection have one delay (its spikes reach all its synapses at
 *     once, so they share it), else the synapse itself. Kernels get the slot of each synapse
 *     from {@link Arrivals#slot} and {@link Incoming#slot}; {@link #preSlotsPerSynapse()} tells
 *     which layout this projection has.</li>
 * <li>Postsynaptic fields: one element per postsynaptic neuron (local node id).</li>
 * </ul>
 *
 * <p>Every field starts at its declared initial value. The engine never reads the fields, only
 * the weights (which it delivers as the kernel says, and records).
 *
 * <p>Checkpoint state: the weights ({@code weights}) and every field by kind and name
 * ({@code synapse/<name>}, {@code pre/<name>}, {@code post/<name>}); a restore writes into the
 * same arrays, so the kernel and the recorders that hold them see the restored values.
 */
public final class PlasticState implements Checkpointable {
    private final double[] weights;
    private final int[] targets;
    private final boolean preSlotsPerSynapse;
    private final List<FieldSpec> synapseSpecs;
    private final List<FieldSpec> preSpecs;
    private final List<FieldSpec> postSpecs;
    private final double[][] synapse;
    private final double[][] pre;
    private final double[][] post;

    /**
     * Allocates the fields of {@code rule} for {@code weights.length} synapses.
     *
     * @param weights the live weights, storage order (the kernel may change them)
     * @param targets postsynaptic local node id of each synapse, storage order (read-only)
     * @param preSize number of presynaptic neurons
     * @param postSize number of postsynaptic neurons
     * @param preSlotsPerSynapse whether presynaptic fields are held per synapse (delays differ)
     *     rather than per presynaptic neuron
     */
    public PlasticState(PlasticityRule rule, double[] weights, int[] targets, int preSize, int postSize,
            boolean preSlotsPerSynapse) {
        if (targets.length != weights.length) {
            throw new IllegalArgumentException(targets.length + " targets for " + weights.length + " weights");
        }
        this.weights = weights;
        this.targets = targets;
        this.preSlotsPerSynapse = preSlotsPerSynapse;
        this.synapseSpecs = List.copyOf(rule.synapseState());
        this.preSpecs = List.copyOf(rule.preState());
        this.postSpecs = List.copyOf(rule.postState());
        this.synapse = allocate(synapseSpecs, weights.length);
        this.pre = allocate(preSpecs, preSlotsPerSynapse ? weights.length : preSize);
        this.post = allocate(postSpecs, postSize);
    }

    private static double[][] allocate(List<FieldSpec> specs, int size) {
        double[][] a = new double[specs.size()][size];
        for (int f = 0; f < specs.size(); f++) {
            java.util.Arrays.fill(a[f], specs.get(f).initialValue());
        }
        return a;
    }

    /** The live weights, index k (pA or nS, the projection's weight unit). */
    public double[] weights() {
        return weights;
    }

    /** The postsynaptic local node id of synapse k; not to be modified. */
    public int[] targets() {
        return targets;
    }

    /** Number of synapses. */
    public int synapseCount() {
        return weights.length;
    }

    /** Whether presynaptic fields are held per synapse (slot = k) rather than per presynaptic neuron. */
    public boolean preSlotsPerSynapse() {
        return preSlotsPerSynapse;
    }

    /** Synapse field {@code name}, index k. */
    public double[] synapse(String name) {
        return find(synapseSpecs, synapse, name, "synapse");
    }

    /** Presynaptic field {@code name}, index slot. */
    public double[] pre(String name) {
        return find(preSpecs, pre, name, "presynaptic");
    }

    /** Postsynaptic field {@code name}, index local node id of the postsynaptic population. */
    public double[] post(String name) {
        return find(postSpecs, post, name, "postsynaptic");
    }

    private static double[] find(List<FieldSpec> specs, double[][] arrays, String name, String kind) {
        for (int f = 0; f < specs.size(); f++) {
            if (specs.get(f).name().equals(name)) {
                return arrays[f];
            }
        }
        throw new IllegalArgumentException("no " + kind + " state field '" + name + "'; declared: "
                + specs.stream().map(FieldSpec::name).toList() + "; declare every field the kernel uses in the rule's "
                + (kind.equals("synapse") ? "synapseState()" : kind.equals("presynaptic") ? "preState()" : "postState()"));
    }

    @Override
    public void saveState(StateWriter out, long step) {
        forEachArray((scope, name, values) -> (scope == null ? out : out.scope(scope)).doubles(name, values));
    }

    /**
     * Restores the weights and fields in place; a field of another length (the presynaptic fields
     * of a projection whose delays became per synapse, say) throws {@link
     * org.cortexsim.core.state.StateMismatchException} naming it.
     */
    @Override
    public void restoreState(StateReader in, long step) {
        forEachArray((scope, name, values) -> (scope == null ? in : in.scope(scope)).doublesInto(name, values));
    }

    /** An array of the state with the scope it is saved in (null: the top) and its name there. */
    private interface ArrayVisitor {
        void visit(String scope, String name, double[] values);
    }

    /** Visits the weights, then the synapse, pre and post fields: the arrays a checkpoint keeps, in its order. */
    private void forEachArray(ArrayVisitor visitor) {
        visitor.visit(null, "weights", weights);
        visitFields(visitor, "synapse", synapseSpecs, synapse);
        visitFields(visitor, "pre", preSpecs, pre);
        visitFields(visitor, "post", postSpecs, post);
    }

    private static void visitFields(ArrayVisitor visitor, String scope, List<FieldSpec> specs, double[][] arrays) {
        for (int f = 0; f < specs.size(); f++) {
            visitor.visit(scope, specs.get(f).name(), arrays[f]);
        }
    }

    /** Bytes held per synapse by this state beyond the projection's own (row, weight and delay). */
    public long bytesPerSynapse() {
        return 8L * synapse.length + (preSlotsPerSynapse ? 8L * pre.length : 0);
    }
}
