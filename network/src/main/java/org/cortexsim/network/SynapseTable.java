package org.cortexsim.network;

/**
 * The synapses of one projection as {@link NetworkBuilder} generates them, handed to
 * {@link Projection}: where they are, their weights and their delays. Arrays are owned by the
 * projection once handed over.
 */
record SynapseTable(Connectivity connectivity, Weights weights, Delays delays) {

    /**
     * The synapses in CSC form: column pointers {@code colIdx} (one column per presynaptic
     * neuron of the whole presynaptic population) and {@code rows} (postsynaptic nodes held here,
     * counted from the first one held), ascending within each column.
     */
    record Connectivity(int[] colIdx, int[] rows) {
        int synapses() {
            return rows.length;
        }
    }

    /** Weights: one shared {@code constant}, or {@code values} per stored synapse (then non-null). */
    record Weights(double constant, double[] values) {
    }

    /**
     * Delays in steps: one shared {@code constant}, or {@code steps} per stored synapse (then
     * non-null); the longest held here; {@code min}, the shortest of the whole projection in every
     * partition (or a lower bound of it that every partition computes alike).
     */
    record Delays(int constant, short[] steps, int max, int min) {
    }
}
