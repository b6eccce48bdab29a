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
 * <p>In a partitioned run ({@link Neurons.Builder#partition}) a {@code Population} is the slice
 * of a population that one partition holds: nodes {@code [firstNode, firstNode + size)} of the
 * whole population's {@link #totalSize()}, possibly none. Node id {@code firstNode + i} is then
 * element {@code offset + i}; the whole population's node 0 is element {@link #globalOffset()} of
 * the whole network. Without partitions, {@code firstNode} is 0, the total size is the size and
 * the global offset is the offset.
 *
 * <p>Parameters are shared by the whole range unless a per-neuron column was given for some
 * parameter (Izhikevich 2003 draws a, b, c, d per neuron). A population with any column is
 * heterogeneous: it holds a column of length {@link #size()} for each parameter that varies,
 * and, for each shared one, {@value #SHARED_COPIES} copies of its value, so that its Euler pass
 * reads every parameter from an array: element {@code i * stride} of {@link #values}, with
 * stride 1 for a column and 0 for the copies.
 *
 * <p>A spike source population ({@link #isSpikeSource()}) has no dynamics: its neurons spike on
 * the samples of its {@link SpikeSchedule} (of the whole population, node ids; a partition's
 * slice emits those of its nodes), it has no parameters ({@link #parameters()} is null), and the
 * passes of {@link Neurons} skip it; its v and u stay 0.
 */
public final class Population {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final String model;
    private final int offset;
    private final int size;
    private final int firstNode;
    private final int totalSize;
    private final int globalOffset;
    private final IzhikevichParameters parameters;
    /** Copies of a shared parameter's value held by a heterogeneous population: at least one vector of doubles. */
    static final int SHARED_COPIES = 32;
    /**
     * Null for a homogeneous population; else, by {@link Parameter#ordinal()}, the column of a
     * parameter that varies per neuron ({@link #size()} values) or {@value #SHARED_COPIES} copies of
     * a shared one.
     */
    private final double[][] columns;
    /** By ordinal: 1 where {@link #columns} holds a per-neuron column, 0 where it holds copies. */
    private final int[] strides;
    /** The given spikes of a spike source; null for a population of model neurons. */
    private final SpikeSchedule schedule;

    /** The model name of a spike source population. */
    public static final String SPIKE_SOURCE = "spike_source";

    /** A spike source: {@code schedule.size()} neurons at {@code offset} that spike as scheduled. */
    Population(String name, int offset, SpikeSchedule schedule) {
        this(name, offset, schedule.size(), schedule, 0, schedule.size(), offset);
    }

    /**
     * The slice of nodes {@code [firstNode, firstNode + size)} of a spike source of {@code
     * totalSize} nodes (its {@code schedule} gives the spikes of every node of the whole
     * population) whose node 0 is element {@code globalOffset} of the whole network.
     */
    Population(String name, int offset, int size, SpikeSchedule schedule, int firstNode, int totalSize,
            int globalOffset) {
        if (firstNode < 0 || size < 0 || (long) firstNode + size > totalSize || schedule.size() != totalSize) {
            throw new IllegalArgumentException("spike source '" + name + "': slice [" + firstNode + ", "
                    + ((long) firstNode + size) + ") is not within its " + totalSize + " nodes");
        }
        this.name = name;
        this.model = SPIKE_SOURCE;
        this.offset = offset;
        this.size = size;
        this.firstNode = firstNode;
        this.totalSize = totalSize;
        this.globalOffset = globalOffset;
        this.parameters = null;
        this.columns = null;
        this.strides = null;
        this.schedule = schedule;
    }

    Population(String name, String model, int offset, int size, IzhikevichParameters parameters,
            double[][] perNeuron) {
        this(name, model, offset, size, parameters, perNeuron, 0, size, offset);
    }

    /**
     * The slice of nodes {@code [firstNode, firstNode + size)} of a population of {@code totalSize}
     * nodes whose node 0 is element {@code globalOffset} of the whole network; {@code perNeuron}
     * columns hold the slice's values ({@code size} each).
     */
    Population(String name, String model, int offset, int size, IzhikevichParameters parameters,
            double[][] perNeuron, int firstNode, int totalSize, int globalOffset) {
        if (firstNode < 0 || size < 0 || (long) firstNode + size > totalSize) {
            throw new IllegalArgumentException("population '" + name + "': slice [" + firstNode + ", "
                    + ((long) firstNode + size) + ") is not within its " + totalSize + " nodes");
        }
        this.name = name;
        this.model = model;
        this.offset = offset;
        this.size = size;
        this.firstNode = firstNode;
        this.totalSize = totalSize;
        this.globalOffset = globalOffset;
        this.parameters = parameters;
        this.schedule = null;
        boolean any = false;
        for (double[] c : perNeuron) {
            any |= c != null;
        }
        if (any) {
            columns = new double[Parameter.values().length][];
            strides = new int[Parameter.values().length];
            for (Parameter p : Parameter.values()) {
                double[] given = perNeuron[p.ordinal()];
                if (given == null) {
                    columns[p.ordinal()] = new double[SHARED_COPIES];
                    java.util.Arrays.fill(columns[p.ordinal()], parameters.get(p));
                } else {
                    columns[p.ordinal()] = java.util.Arrays.copyOf(given, size);
                    strides[p.ordinal()] = 1;
                }
            }
        } else {
            columns = null;
            strides = null;
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

    /** Nodes held here: the whole population, or a partition's slice of it. */
    public int size() {
        return size;
    }

    /** Node id of the first node held here (element {@link #offset()}): 0 unless a partition holds a slice. */
    public int firstNode() {
        return firstNode;
    }

    /** Nodes of the whole population, in every partition. */
    public int totalSize() {
        return totalSize;
    }

    /** Index of the whole population's node 0 in the whole network (equal to {@link #offset()} without partitions). */
    public int globalOffset() {
        return globalOffset;
    }

    /** Whether this holds only part of the population (a partition's slice). */
    public boolean isSlice() {
        return size != totalSize;
    }

    /** One past the last index of this population in the state arrays. */
    public int end() {
        return offset + size;
    }

    /** Whether this population is a spike source (given spike times, no dynamics). */
    public boolean isSpikeSource() {
        return schedule != null;
    }

    /** The given spikes of a spike source, or null for a population of model neurons. */
    public SpikeSchedule spikeSchedule() {
        return schedule;
    }

    /**
     * The shared parameters (for a parameter with a per-neuron column: the preset's value); null
     * for a spike source.
     */
    public IzhikevichParameters parameters() {
        return parameters;
    }

    /** Whether any parameter varies per neuron. */
    public boolean isHeterogeneous() {
        return columns != null;
    }

    /**
     * For a heterogeneous population, the values of {@code p} (not to be modified): node
     * {@code node}'s value is element {@code node * stride(p)}. Null when the population is
     * homogeneous.
     */
    double[] values(Parameter p) {
        return columns == null ? null : columns[p.ordinal()];
    }

    /** 1 when {@code p} varies per neuron in this heterogeneous population, 0 when it is shared. */
    int stride(Parameter p) {
        return strides == null ? 0 : strides[p.ordinal()];
    }

    /** Parameter {@code p} of the node held at element {@code offset() + node} (node id {@code firstNode() + node}). */
    public double parameter(Parameter p, int node) {
        return columns == null ? parameters.get(p) : columns[p.ordinal()][node * strides[p.ordinal()]];
    }

    @Override
    public String toString() {
        return name + " (" + model + ", " + size + " neurons at [" + offset + ", " + end() + ")"
                + (isSlice() ? ", nodes [" + firstNode + ", " + (firstNode + size) + ") of " + totalSize : "") + ")";
    }
}
