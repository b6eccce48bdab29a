package org.cortexsim.core;

import java.util.Objects;
import java.util.regex.Pattern;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;

/**
 * A named, contiguous range {@code [offset, offset + size)} of the neurons held by
 * {@link Neurons}, all of one model. Neuron {@code i} of the population (its node id) is
 * element {@code offset + i} of every state array.
 *
 * <p>Parameters are shared by the whole range unless a per-neuron column was given for some
 * parameter (Izhikevich 2003 draws a, b, c, d per neuron). A population with any column is
 * heterogeneous and then holds a column of length {@link #size()} for every parameter
 * (filled with the shared value where none was given), so its Euler pass reads columns only.
 */
public final class Population {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final String model;
    private final int offset;
    private final int size;
    private final IzhikevichParameters parameters;
    /** Null for a homogeneous population; else one column per {@link Parameter}, by ordinal. */
    private final double[][] columns;

    Population(String name, String model, int offset, int size, IzhikevichParameters parameters,
            double[][] perNeuron) {
        this.name = name;
        this.model = model;
        this.offset = offset;
        this.size = size;
        this.parameters = parameters;
        boolean any = false;
        for (double[] c : perNeuron) {
            any |= c != null;
        }
        if (any) {
            columns = new double[Parameter.values().length][];
            for (Parameter p : Parameter.values()) {
                double[] given = perNeuron[p.ordinal()];
                double[] column = new double[size];
                if (given == null) {
                    java.util.Arrays.fill(column, parameters.get(p));
                } else {
                    System.arraycopy(given, 0, column, 0, size);
                }
                columns[p.ordinal()] = column;
            }
        } else {
            columns = null;
        }
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "population name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("population name '" + name
                    + "' must start with a letter or '_' and contain only letters, digits and '_'");
        }
    }

    public String name() {
        return name;
    }

    /** The model or preset name the population was built from, e.g. {@code "RS"}. */
    public String model() {
        return model;
    }

    /** Index of node 0 of this population in the state arrays. */
    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }

    /** One past the last index of this population in the state arrays. */
    public int end() {
        return offset + size;
    }

    /** The shared parameters (for a parameter with a per-neuron column: the preset's value). */
    public IzhikevichParameters parameters() {
        return parameters;
    }

    /** Whether any parameter varies per neuron. */
    public boolean isHeterogeneous() {
        return columns != null;
    }

    /**
     * The per-neuron values of {@code p} (not to be modified), or {@code null} when the
     * population is homogeneous.
     */
    double[] column(Parameter p) {
        return columns == null ? null : columns[p.ordinal()];
    }

    /** Parameter {@code p} of node {@code node} (local id). */
    public double parameter(Parameter p, int node) {
        return columns == null ? parameters.get(p) : columns[p.ordinal()][node];
    }

    @Override
    public String toString() {
        return name + " (" + model + ", " + size + " neurons at [" + offset + ", " + end() + "))";
    }
}
