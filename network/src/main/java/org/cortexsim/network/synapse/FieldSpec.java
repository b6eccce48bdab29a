package org.cortexsim.network.synapse;

/**
 * A per-neuron state field a synapse model declares (as Arbor's mechanism ABI): the engine
 * allocates one array per field, one element per postsynaptic neuron, set to
 * {@code initialValue}. The name is how reports address it, e.g. {@code "ee.g"}.
 */
public record FieldSpec(String name, String unit, double initialValue, String meaning) {
}
