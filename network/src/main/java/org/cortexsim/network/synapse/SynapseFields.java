package org.cortexsim.network.synapse;

import java.util.List;

/**
 * The per-neuron state fields the engine allocated for one synapse channel, as its model
 * declared them ({@link SynapseModel#fields()}): one array per field, one element per
 * postsynaptic neuron (local node id), set to the field's initial value. A model resolves its
 * fields by name once, when it builds its kernel, and keeps the arrays.
 */
public final class SynapseFields {
    private final List<FieldSpec> specs;
    private final double[][] arrays;

    /** Allocates the declared fields for {@code size} neurons, each at its initial value. */
    public SynapseFields(List<FieldSpec> specs, int size) {
        this.specs = List.copyOf(specs);
        this.arrays = new double[specs.size()][size];
        for (int f = 0; f < specs.size(); f++) {
            java.util.Arrays.fill(arrays[f], specs.get(f).initialValue());
        }
    }

    /** The array of field {@code name}, or null when no field has that name. */
    public double[] find(String name) {
        for (int f = 0; f < specs.size(); f++) {
            if (specs.get(f).name().equals(name)) {
                return arrays[f];
            }
        }
        return null;
    }

    /**
     * The array of field {@code name}.
     *
     * @throws IllegalArgumentException naming the declared fields when there is none of that name
     */
    public double[] get(String name) {
        double[] a = find(name);
        if (a == null) {
            throw new IllegalArgumentException("no synapse field '" + name + "'; declared: "
                    + specs.stream().map(FieldSpec::name).toList()
                    + "; declare every field the kernel uses in fields(), with a FieldSpec (name, unit, initial value)");
        }
        return a;
    }
}
