package org.cortexsim.network;

/**
 * The synapses of one projection as {@link NetworkBuilder} generates them, handed to
 * {@link Projection}: where they are, their weights and their delays. Arrays are owned by the
 * projection once handed over.
 */
record SynapseTable(Connectivity connectivity, Weights weights, Delays delays) {

    /**
     * The synapses in CSC form: column pointers {@code colIdx} (one column per presynaptic
     * neuron) and postsynaptic {@code rows}, ascending within each column; {@code origin[k]} is
     * the generation index of stored synapse k, or {@code origin} is null where storage order is
     * generation order.
     */
    record Connectivity(int[] colIdx, int[] rows, int[] origin) {
        int synapses() {
            return rows.length;
        }

        /** Generation index of stored synapse {@code k}. */
        int generated(int k) {
            return origin == null ? k : origin[k];
        }
    }

    /** Weights: one shared {@code constant}, or {@code values} per stored synapse (then non-null). */
    record Weights(double constant, double[] values) {
    }

    /** Delays in steps: one shared {@code constant}, or {@code steps} per stored synapse (then non-null); the longest. */
    record Delays(int constant, short[] steps, int max) {
    }
}
