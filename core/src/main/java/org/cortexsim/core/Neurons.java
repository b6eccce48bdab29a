package org.cortexsim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;

/**
 * All neurons of a simulation as structure-of-arrays: membrane potential {@code v} (mV),
 * recovery variable {@code u} (pA) and the input current {@code current} (pA) of the step being
 * taken, one element per neuron. Neurons are grouped into {@link Population}s, each a contiguous
 * index range of one model, so each range is one tight loop. Spike detection here and the
 * {@link EulerIntegrator}'s pass skip spike source populations, whose spikes come from their
 * {@link SpikeSchedule}.
 *
 * <p>Owns the arrays; callers (inputs, synapses, the {@link EulerIntegrator}, recorders) read and
 * write them in place but never replace them. {@code current} holds I_n between the input phase
 * and the integration of step n; the integration leaves it as it was (the next step's input phase
 * overwrites it), unless {@link EulerIntegrator#keepCurrent} was turned off. Holds no time step:
 * an {@link EulerIntegrator} binds these neurons' Euler pass to one.
 *
 * <p>A partition of a network ({@link Builder#partition}) holds the neurons of one contiguous
 * range {@code [firstIndex, firstIndex + size)} of the whole network's indices: element i is
 * neuron {@code firstIndex + i} of the whole network, and every population is there as its slice
 * of that range (possibly empty), in the same order.
 *
 * <p>Checkpoint state: {@code v} and {@code u}. {@code current} is not state: each step forms it
 * anew before it is read.
 */
public final class Neurons implements Checkpointable {
    /** Membrane potential, mV. */
    public final double[] v;
    /** Recovery variable, pA. */
    public final double[] u;
    /** Total input current of the current step, pA: I_n of the Euler step. */
    public final double[] current;

    private final List<Population> populations;
    /** The populations as an array, for loops run every step (no iterator objects). */
    private final Population[] populationArray;
    /** Index in the whole network of element 0 (0 unless this is a partition). */
    private final int firstIndex;
    /** Neurons of the whole network. */
    private final int totalSize;

    private Neurons(List<Population> populations, double[] v, double[] u, int firstIndex, int totalSize) {
        this.firstIndex = firstIndex;
        this.totalSize = totalSize;
        this.populations = Collections.unmodifiableList(populations);
        this.populationArray = populations.toArray(new Population[0]);
        this.v = v;
        this.u = u;
        this.current = new double[v.length];
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void saveState(StateWriter out, long step) {
        out.doubles("v", v);
        out.doubles("u", u);
    }

    @Override
    public void restoreState(StateReader in, long step) {
        in.doublesInto("v", v);
        in.doublesInto("u", u);
    }

    /** Number of neurons held (all of the network's, or a partition's). */
    public int size() {
        return v.length;
    }

    /** Index in the whole network of the neuron at element 0: 0 unless this is a partition. */
    public int firstIndex() {
        return firstIndex;
    }

    /** Number of neurons of the whole network (equal to {@link #size()} unless this is a partition). */
    public int totalSize() {
        return totalSize;
    }

    /** Whether this holds only part of the network. */
    public boolean isPartition() {
        return size() != totalSize;
    }

    public List<Population> populations() {
        return populations;
    }

    /** The population named {@code name}, or {@code null}. */
    public Population population(String name) {
        for (Population p : populations) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The population holding state index {@code index}. */
    public Population populationOf(int index) {
        for (Population p : populationArray) {
            if (index < p.end()) {
                return p;
            }
        }
        throw new IndexOutOfBoundsException("neuron index " + index + " of " + size());
    }

    /**
     * Appends to {@code spikes} every neuron of {@code [from, to)} whose stored sample is at or
     * above its peak, {@code v_n >= vpeak} (the notebook's check), in ascending index order
     * (vectorised for homogeneous populations when {@link Kernels} selects the vector kernels).
     */
    public void detectSpikes(int from, int to, SpikeBuffer spikes) {
        for (Population p : populationArray) {
            int lo = Math.max(from, p.offset());
            int hi = Math.min(to, p.end());
            if (lo >= hi || p.isSpikeSource()) {
                continue;
            }
            if (p.isHeterogeneous()) {
                double[] vpeak = p.values(Parameter.PEAK_V);
                int stride = p.stride(Parameter.PEAK_V);
                int offset = p.offset();
                for (int i = lo; i < hi; i++) {
                    if (v[i] >= vpeak[(i - offset) * stride]) {
                        spikes.add(i);
                    }
                }
            } else if (Kernels.vector()) {
                VectorEulerPass.detect(v, lo, hi, p.parameters().vpeak(), spikes);
            } else {
                final double vpeak = p.parameters().vpeak();
                for (int i = lo; i < hi; i++) {
                    if (v[i] >= vpeak) {
                        spikes.add(i);
                    }
                }
            }
        }
    }

    /**
     * Collects populations and their initial states, then lays them out contiguously in the
     * order added: the whole network, or one partition's range of it ({@link #partition}).
     */
    public static final class Builder {
        private final List<Population> populations = new ArrayList<>();
        private final List<double[][]> columns = new ArrayList<>();
        private final List<double[]> initialV = new ArrayList<>();
        private final List<double[]> initialU = new ArrayList<>();
        private long total;
        private int partitionFrom;
        private int partitionTo = -1;

        private Builder() {
        }

        /** Adds a homogeneous population at rest ({@code v = vr}, {@code u = 0}). */
        public Builder add(String name, String model, int size, IzhikevichParameters parameters) {
            return add(name, model, size, parameters, new double[Parameter.values().length][], null, null);
        }

        /**
         * Adds a population.
         *
         * @param perNeuron by {@link Parameter#ordinal()}: a column of {@code size} values for a
         *     parameter that varies per neuron, or null where all share {@code parameters}
         * @param v0 initial membrane potentials in mV ({@code size} values), or null for vr
         * @param u0 initial recovery values in pA, or null for 0
         */
        public Builder add(String name, String model, int size, IzhikevichParameters parameters,
                double[][] perNeuron, double[] v0, double[] u0) {
            Population.checkName(name);
            for (Population p : populations) {
                if (p.name().equals(name)) {
                    throw new IllegalArgumentException("population '" + name + "' is defined twice");
                }
            }
            if (size < 1) {
                throw new IllegalArgumentException("population '" + name + "' must have size >= 1, got " + size);
            }
            if (total + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " neurons in total");
            }
            if (perNeuron.length != Parameter.values().length) {
                throw new IllegalArgumentException("perNeuron must have one slot per parameter");
            }
            for (Parameter p : Parameter.values()) {
                double[] c = perNeuron[p.ordinal()];
                if (c != null) {
                    checkColumn(name, p.key(), c, size);
                }
            }
            if (v0 != null) {
                checkColumn(name, "initial v", v0, size);
            }
            if (u0 != null) {
                checkColumn(name, "initial u", u0, size);
            }
            populations.add(new Population(name, model, (int) total, size, parameters, perNeuron));
            columns.add(perNeuron.clone());
            double[] v = v0 != null ? v0.clone() : new double[size];
            if (v0 == null) {
                Population added = populations.get(populations.size() - 1);
                for (int i = 0; i < size; i++) {
                    v[i] = added.parameter(Parameter.REST_V, i);
                }
            }
            initialV.add(v);
            initialU.add(u0 != null ? u0.clone() : new double[size]);
            total += size;
            return this;
        }

        /**
         * Adds a spike source population: {@code schedule.size()} neurons with no dynamics that
         * spike on the schedule's samples (their v and u stay 0).
         */
        public Builder addSpikeSource(String name, SpikeSchedule schedule) {
            Population.checkName(name);
            for (Population p : populations) {
                if (p.name().equals(name)) {
                    throw new IllegalArgumentException("population '" + name + "' is defined twice");
                }
            }
            int size = schedule.size();
            if (total + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " neurons in total");
            }
            populations.add(new Population(name, (int) total, schedule));
            columns.add(new double[Parameter.values().length][]);
            initialV.add(new double[size]);
            initialU.add(new double[size]);
            total += size;
            return this;
        }

        private static void checkColumn(String population, String what, double[] values, int size) {
            if (values.length != size) {
                throw new IllegalArgumentException("population '" + population + "': " + what + " has "
                        + values.length + " values for " + size + " neurons");
            }
            for (int i = 0; i < size; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("population '" + population + "': " + what
                            + " of neuron " + i + " is " + values[i]);
                }
            }
        }

        /**
         * Makes {@link #build} keep only the neurons of the whole network's index range
         * {@code [from, to)} (indices in the order the populations are added): a partition of
         * the network, in which each population is its slice of the range. Values given for
         * whole populations (per-neuron columns, initial states) are cut to the slices.
         */
        public Builder partition(int from, int to) {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("partition [" + from + ", " + to + ") is not a range");
            }
            partitionFrom = from;
            partitionTo = to;
            return this;
        }

        public Neurons build() {
            if (populations.isEmpty()) {
                throw new IllegalStateException("no population");
            }
            if (partitionTo > total) {
                throw new IllegalArgumentException("partition [" + partitionFrom + ", " + partitionTo
                        + ") exceeds the " + total + " neurons");
            }
            final int from = partitionTo < 0 ? 0 : partitionFrom;
            final int to = partitionTo < 0 ? (int) total : partitionTo;
            double[] v = new double[to - from];
            double[] u = new double[to - from];
            List<Population> held = new ArrayList<>();
            for (int k = 0; k < populations.size(); k++) {
                Population p = populations.get(k);
                // the slice [lo, hi) of the population within [from, to); empty slices sit at the range's edge
                int lo = Math.min(Math.max(from, p.offset()), p.end());
                int hi = Math.max(Math.min(to, p.end()), lo);
                int at = Math.min(Math.max(lo - from, 0), to - from);
                if (lo == p.offset() && hi == p.end() && from == 0) {
                    held.add(p);
                } else if (p.isSpikeSource()) {
                    held.add(new Population(p.name(), at, hi - lo, p.spikeSchedule(), lo - p.offset(), p.size(),
                            p.offset()));
                } else {
                    double[][] cut = new double[Parameter.values().length][];
                    for (int c = 0; c < cut.length; c++) {
                        double[] given = columns.get(k)[c];
                        cut[c] = given == null ? null : Arrays.copyOfRange(given, lo - p.offset(), hi - p.offset());
                    }
                    held.add(new Population(p.name(), p.model(), at, hi - lo, p.parameters(), cut,
                            lo - p.offset(), p.size(), p.offset()));
                }
                System.arraycopy(initialV.get(k), lo - p.offset(), v, at, hi - lo);
                System.arraycopy(initialU.get(k), lo - p.offset(), u, at, hi - lo);
            }
            return new Neurons(List.copyOf(held), v, u, from, (int) total);
        }
    }

    @Override
    public String toString() {
        return "Neurons" + Arrays.toString(populations.toArray());
    }
}
