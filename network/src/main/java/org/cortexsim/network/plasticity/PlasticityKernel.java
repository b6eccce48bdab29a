package org.cortexsim.network.plasticity;

/**
 * The event handlers of one plasticity rule with fixed parameters, bound to one projection's
 * {@link PlasticState} (fields resolved by name when {@link PlasticityRule#kernel} built it).
 * Times are sample indices: {@code step} means time {@code step * dt}.
 *
 * <p>When the engine calls what, at time t:
 * <ol>
 * <li>{@link #preArrival}: presynaptic spikes reach their synapses at t; update the
 *     presynaptic fields of these slots (once per slot and spike).</li>
 * <li>{@link #arrive}: the same arrivals, per synapse: set the weight each delivers now (it enters the
 *     input of the step that produces sample t), then update the synapse (and read, never
 *     write, the postsynaptic fields).</li>
 * <li>{@link #postSpike}: a postsynaptic neuron spiked at t (after all arrivals at t); update
 *     its incoming synapses, then its postsynaptic fields.</li>
 * </ol>
 *
 * <p>Threads: calls for different postsynaptic neurons may run at once. {@code arrive} comes
 * from the thread that owns the targets, {@code postSpike} from any thread (never at the same
 * time as an {@code arrive} or another {@code postSpike} for the same neuron); they may write a
 * synapse's weight and fields and its target's postsynaptic fields, and only read presynaptic
 * fields.
 * {@code preArrival} writes presynaptic fields: when slots are presynaptic neurons it is called
 * alone, before the step's parallel phase, else from the thread owning the slot's synapse. The
 * engine fixes the order of all calls, so results do not depend on the number of threads.
 */
public interface PlasticityKernel {
    /**
     * Spikes reach the synapses of slots {@code slots[from..to)} at time {@code step * dt}
     * (before {@link #arrive} for those synapses). Does nothing by default.
     */
    default void preArrival(long step, int[] slots, int from, int to) {
    }

    /**
     * The arrivals of {@code batch} at time {@code step * dt}: for every j in ascending order,
     * {@code batch.deliver(j, weight)} (once), then the synapse's update.
     */
    void arrive(long step, Arrivals batch);

    /**
     * Postsynaptic neuron {@code post} (local node id) spiked at time {@code step * dt}; {@code
     * incoming} lists its synapses. Does nothing by default.
     */
    default void postSpike(long step, int post, Incoming incoming) {
    }
}
