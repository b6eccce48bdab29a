package org.cortexsim.core.record;

import org.cortexsim.core.DoubleList;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.state.Checkpointable;
import org.cortexsim.core.state.StateMismatchException;
import org.cortexsim.core.state.StateReader;
import org.cortexsim.core.state.StateWriter;

/**
 * Records one state variable of chosen elements: neurons of one population, or the synapses
 * of one projection (their weights, or a plasticity rule's field at each); every {@code every}-th
 * sample from sample {@code firstSample} on, while the sample index is below
 * {@code endSample} (exclusive). Rows are samples, columns the chosen neurons, row-major.
 * Reads the variable from the live array it was given ({@link Source}: v, u, the input current,
 * a synapse field), where node id i of the population is element {@code offset + i}.
 *
 * <p>The buffer can be drained in segments ({@link #clearBuffer()}): the recorder then holds only
 * the rows recorded since, and {@link #startMs()} / {@link #stopMs()} describe those rows.
 * Invariant: {@code rowsFlushed + rows()} rows have been recorded in all; the buffered rows are
 * the samples {@code firstSample + (rowsFlushed + r) * every} for {@code r < rows()}.
 *
 * <p>The report it makes is named after its {@link #reportPopulation()} (the population, or the
 * projection) and maps its columns to {@link #nodeIds()} (node ids, or edge ids) plus any
 * further {@link #mapping()} columns (e.g. the source and target node ids of recorded edges).
 *
 * <p>Checkpoint state: the rows drained so far and the buffered rows.
 */
public final class StateRecorder implements StepListener, Checkpointable {
    /**
     * Where a recorded variable lives: the live array {@code values} (read, never written), in
     * which node id i of the population is element {@code offset + i} (the population's offset
     * for the neuron state arrays, 0 for a synapse field; minus {@link Population#firstNode()} in
     * a partition's slice), in {@code units}; {@code inputCurrent}
     * when the array is the neurons' input current, which the engine then keeps after each step.
     * With {@code elements} (one per recorded column, else null), column c reads element
     * {@code elements[c]} instead: e.g. a presynaptic trace of a projection, recorded per synapse,
     * lives at each synapse's presynaptic neuron.
     */
    public record Source(double[] values, int offset, String units, boolean inputCurrent, int[] elements) {
        public Source {
            java.util.Objects.requireNonNull(values, "values");
            java.util.Objects.requireNonNull(units, "units");
            elements = elements == null ? null : elements.clone();
        }

        /** Column c reads element {@code offset + nodeIds[c]}. */
        public Source(double[] values, int offset, String units, boolean inputCurrent) {
            this(values, offset, units, inputCurrent, null);
        }
    }

    /**
     * Which values are recorded: node ids (of the population; in a partition, of the nodes its
     * slice holds) in column order, and every
     * {@code everySteps}-th sample (>= 1) from {@code firstSample} to {@code endSample} (exclusive).
     */
    public record Sampling(int[] nodeIds, int everySteps, long firstSample, long endSample) {
        public Sampling {
            nodeIds = nodeIds.clone();
        }
    }

    private final String name;
    private final Population population;
    private final String reportPopulation;
    private final java.util.Map<String, long[]> mapping;
    private final String variable;
    private final String units;
    private final double[] source;
    /** The element of {@code source} each column reads. */
    private final int[] read;
    private final boolean readsCurrent;
    private final int[] nodeIds;
    private final int every;
    private final long firstSample;
    private final long endSample;
    private final DoubleList data;
    private double dtMs = Double.NaN;
    private int rows;
    private long rowsFlushed;

    /**
     * @param name report name
     * @param population the population whose neurons are recorded
     * @param variable the variable's name, e.g. {@code v}
     * @param source where the variable's values are read
     * @param sampling which neurons and samples are recorded
     */
    public StateRecorder(String name, Population population, String variable, Source source, Sampling sampling) {
        this(name, population, population.name(), population.size(), java.util.Map.of(), variable, source, sampling);
    }

    /**
     * Records elements of an array that belongs to no population, such as the weights of a
     * projection's synapses: element {@code source.offset() + ids[c]} of {@code source} in column
     * c, where the ids are {@code sampling.nodeIds()}.
     *
     * @param reportPopulation the name of the report's population (e.g. the projection)
     * @param elements number of elements the ids may address
     * @param mapping further per-column ids to write with the report's mapping (name to one
     *     value per column), e.g. {@code source_node_ids}
     */
    public StateRecorder(String name, String reportPopulation, int elements, java.util.Map<String, long[]> mapping,
            String variable, Source source, Sampling sampling) {
        this(name, null, reportPopulation, elements, mapping, variable, source, sampling);
    }

    private StateRecorder(String name, Population population, String reportPopulation, int elements,
            java.util.Map<String, long[]> mapping, String variable, Source source, Sampling sampling) {
        if (sampling.everySteps() < 1) {
            throw new IllegalArgumentException("report '" + name + "': every_steps must be >= 1, got "
                    + sampling.everySteps());
        }
        if (sampling.nodeIds().length == 0) {
            throw new IllegalArgumentException("report '" + name + "': no neuron to record");
        }
        for (int id : sampling.nodeIds()) {
            if (population != null && (id < population.firstNode() || id >= population.firstNode() + population.size())) {
                throw new IllegalArgumentException("report '" + name + "': neuron " + id + " is not in population '"
                        + population.name() + "' (node ids " + population.firstNode() + ".."
                        + (population.firstNode() + population.size() - 1) + (population.isSlice() ? " held here" : "")
                        + ")");
            }
            if (population == null && (id < 0 || id >= elements)) {
                throw new IllegalArgumentException("report '" + name + "': element " + id + " is not in '"
                        + reportPopulation + "' (ids 0.." + (elements - 1) + ")");
            }
        }
        for (var m : mapping.entrySet()) {
            if (m.getValue().length != sampling.nodeIds().length) {
                throw new IllegalArgumentException("report '" + name + "': mapping " + m.getKey() + " has "
                        + m.getValue().length + " values for " + sampling.nodeIds().length + " columns");
            }
        }
        if (sampling.firstSample() < 0 || sampling.endSample() < sampling.firstSample()) {
            throw new IllegalArgumentException("report '" + name + "': empty or negative sample window ["
                    + sampling.firstSample() + ", " + sampling.endSample() + ")");
        }
        this.name = name;
        this.population = population;
        this.reportPopulation = reportPopulation;
        this.mapping = java.util.Map.copyOf(mapping);
        this.variable = variable;
        this.units = source.units();
        this.source = source.values();
        if (source.elements() != null && source.elements().length != sampling.nodeIds().length) {
            throw new IllegalArgumentException("report '" + name + "': " + source.elements().length
                    + " source elements for " + sampling.nodeIds().length + " columns");
        }
        this.read = new int[sampling.nodeIds().length];
        for (int c = 0; c < read.length; c++) {
            read[c] = source.elements() != null ? source.elements()[c] : source.offset() + sampling.nodeIds()[c];
            if (read[c] < 0 || read[c] >= source.values().length) {
                throw new IllegalArgumentException("report '" + name + "': column " + c + " reads element " + read[c]
                        + " of an array of " + source.values().length);
            }
        }
        this.readsCurrent = source.inputCurrent();
        this.nodeIds = sampling.nodeIds().clone();
        this.every = sampling.everySteps();
        this.firstSample = sampling.firstSample();
        this.endSample = sampling.endSample();
        this.data = new DoubleList(1024);
    }

    @Override
    public void start(StateView state, TimeGrid grid, long steps) {
        dtMs = grid.dtMs();
        sample(0);
    }

    /** Resumed at sample {@code step}, which was recorded (or not) before the checkpoint. */
    @Override
    public void resume(StateView state, TimeGrid grid, long steps, long step) {
        dtMs = grid.dtMs();
    }

    @Override
    public boolean readsCurrent() {
        return readsCurrent;
    }

    @Override
    public void saveState(StateWriter out, long step) {
        out.scalar("rows_drained", rowsFlushed);
        out.doubles("rows", data.toArray());
    }

    @Override
    public void restoreState(StateReader in, long step) {
        double[] buffered = in.doubles("rows");
        if (buffered.length % nodeIds.length != 0) {
            throw new StateMismatchException(in.path("rows") + " holds " + buffered.length
                    + " values, not whole rows of " + nodeIds.length + " neurons");
        }
        rowsFlushed = in.scalar("rows_drained");
        data.setAll(buffered);
        rows = buffered.length / nodeIds.length;
    }

    @Override
    public void afterStep(long step, StateView state) {
        sample(step + 1);
    }

    /** The step before the next sample recorded after sample {@code step + 1}, or never. */
    @Override
    public long nextStateRead(long step) {
        final long from = Math.max(step + 2, firstSample);
        final long n = firstSample + (from - firstSample + every - 1) / every * every;
        return n >= endSample ? Long.MAX_VALUE : n - 1;
    }

    private void sample(long n) {
        if (n < firstSample || n >= endSample || (n - firstSample) % every != 0) {
            return;
        }
        for (int e : read) {
            data.add(source[e]);
        }
        rows++;
    }

    public String name() {
        return name;
    }

    /** The population recorded, or null when the recorder records elements of no population (weights). */
    public Population population() {
        return population;
    }

    /** The name of the report's population: the population's, or e.g. the projection's. */
    public String reportPopulation() {
        return reportPopulation;
    }

    /** Further per-column ids of the report's mapping, by name (empty for neuron reports); arrays not to be modified. */
    public java.util.Map<String, long[]> mapping() {
        return mapping;
    }

    public String variable() {
        return variable;
    }

    public String units() {
        return units;
    }

    /** Node ids (or element ids) recorded, in column order. */
    public long[] nodeIds() {
        long[] ids = new long[nodeIds.length];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = nodeIds[c];
        }
        return ids;
    }

    /** Rows currently buffered (since the last {@link #clearBuffer()}). */
    public int rows() {
        return rows;
    }

    /** Rows recorded in all, including those already drained. */
    public long totalRows() {
        return rowsFlushed + rows;
    }

    /** Bytes of recorded values currently buffered. */
    public long bufferedBytes() {
        return (long) rows * nodeIds.length * Double.BYTES;
    }

    /** Forgets the buffered rows (after they were written elsewhere); keeps the buffer's capacity. */
    public void clearBuffer() {
        rowsFlushed += rows;
        rows = 0;
        data.clear();
    }

    public int columns() {
        return nodeIds.length;
    }

    /** The buffered values, row-major [sample x neuron]. */
    public double[] data() {
        return data.toArray();
    }

    /** Time of the first buffered row, ms. */
    public double startMs() {
        return (firstSample + rowsFlushed * every) * dtMs;
    }

    /** Time one interval after the last buffered row (exclusive end), ms. */
    public double stopMs() {
        return (firstSample + (rowsFlushed + rows) * every) * dtMs;
    }

    /** Time of the first row recorded (buffered or drained), ms. */
    public double firstRowMs() {
        return firstSample * dtMs;
    }

    /** Time one interval after the last row recorded (buffered or drained; exclusive end), ms. */
    public double endMs() {
        return (firstSample + (rowsFlushed + rows) * every) * dtMs;
    }

    /** Interval between rows, ms. */
    public double intervalMs() {
        return every * dtMs;
    }
}
