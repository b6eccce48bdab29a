package org.cortexsim.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cortexsim.core.Distribution;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.input.NoiseInput;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.record.StepListener;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/** Shared helpers of the network tests: recorders and CSC-to-dense conversion written here. */
final class NetTestSupport {
    private NetTestSupport() {
    }

    static Distribution constant(double x) {
        return new Distribution.Constant(x);
    }

    static Map<String, Double> none() {
        return Map.of();
    }

    /**
     * A network with every kind of channel, the builder returned before its build: 480 RS "exc"
     * and 120 FS "inh"; E->E exp_current (p 0.05, weights normal 3 +- 1 pA in [0, 8]), E->I delta
     * (p 0.1, 40 pA), I->E exp_conductance (15 inputs each, 0.5-2 nS, E_rev -80 mV), I->I delta
     * (p 0.1, -30 pA); receptors with state of their own: E->E nmda_conductance (p 0.03, 0.01-0.05
     * nS), E->I nmda_beta_conductance (p 0.05, 0.01-0.05 nS, rise 5 ms, decay 150 ms), I->E
     * beta_conductance (5 inputs each, 0.01-0.05 nS, 20/150 ms, -90 mV); with the delays given
     * (ms; ee's for E->E, ei's for E->I, ie's for I->E); a Poisson source onto exc (600 Hz, 10 pA, delay
     * 0.5 ms, exp_current), noise onto exc (mean {@code excDrive}, sigma 40 pA) and per-neuron DC
     * onto inh ({@code dcBase + (i % 7) * 5} pA, from step 100).
     */
    static NetworkBuilder allChannelKinds(long seed, Distribution eeDelayMs, double eiDelayMs, Distribution ieDelayMs,
            double iiDelayMs, double excDrive, double dcBase) {
        RandomStreams random = new RandomStreams(seed);
        NetworkBuilder b = new NetworkBuilder(excInh(480, 120), new TimeGrid(0.1), random);
        Population exc = b.neurons().population("exc");
        Population inh = b.neurons().population("inh");
        b.projection(ProjectionPlan.of("ee", exc, exc, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Normal(3, 1, 0, 8), eeDelayMs, new SynapseType("exp_current", Map.of("tau_ms", 5.0))));
        b.projection(ProjectionPlan.of("ei", exc, inh, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(40), new Distribution.Constant(eiDelayMs), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ie", inh, exc, new ConnectivityRule.FixedIndegree(15, false),
                new Distribution.Uniform(0.5, 2.0), ieDelayMs,
                new SynapseType("exp_conductance", Map.of("tau_ms", 8.0, "E_rev_mV", -80.0))));
        b.projection(ProjectionPlan.of("ii", inh, inh, new ConnectivityRule.FixedProbability(0.1, false),
                new Distribution.Constant(-30), new Distribution.Constant(iiDelayMs), SynapseType.DELTA));
        b.projection(ProjectionPlan.of("ee_nmda", exc, exc, new ConnectivityRule.FixedProbability(0.03, false),
                new Distribution.Uniform(0.01, 0.05), eeDelayMs,
                new SynapseType("nmda_conductance", Map.of("tau_ms", 150.0, "E_rev_mV", 0.0))));
        b.projection(ProjectionPlan.of("ei_nmda", exc, inh, new ConnectivityRule.FixedProbability(0.05, false),
                new Distribution.Uniform(0.01, 0.05), new Distribution.Constant(eiDelayMs),
                new SynapseType("nmda_beta_conductance", Map.of("tau_rise_ms", 5.0, "tau_decay_ms", 150.0))));
        b.projection(ProjectionPlan.of("ie_gabab", inh, exc, new ConnectivityRule.FixedIndegree(5, false),
                new Distribution.Uniform(0.01, 0.05), ieDelayMs, new SynapseType("beta_conductance",
                        Map.of("tau_rise_ms", 20.0, "tau_decay_ms", 150.0, "E_rev_mV", -90.0))));
        b.poisson(PoissonPlan.of("bg", exc, 600.0, 10.0, 0.5, new SynapseType("exp_current", Map.of("tau_ms", 5.0))));
        b.input(new NoiseInput(exc, excDrive, 40.0, random.key("noise/exc"), 0, Long.MAX_VALUE));
        double[] dc = new double[inh.size()];
        for (int i = 0; i < dc.length; i++) {
            dc[i] = dcBase + (i % 7) * 5;
        }
        b.input(new DcInput(inh, dc, 100, Long.MAX_VALUE));
        return b;
    }

    /** Neurons "exc" ({@code exc} RS) then "inh" ({@code inh} FS), with the presets' parameters and initial state. */
    static Neurons excInh(int exc, int inh) {
        return Neurons.builder()
                .add("exc", "RS", exc, Preset.RS.parameters())
                .add("inh", "FS", inh, Preset.FS.parameters())
                .build();
    }

    /** As {@link #excInh} with spike source "src" (one neuron per train, steps) between them. */
    static Neurons excSrcInh(int exc, long[][] trains, int inh) {
        return Neurons.builder()
                .add("exc", "RS", exc, Preset.RS.parameters())
                .addSpikeSource("src", SpikeSchedule.of(trains))
                .add("inh", "FS", inh, Preset.FS.parameters())
                .build();
    }

    /**
     * {@code count} spike trains (steps below {@code steps}) drawn from {@code r}: each starts at
     * a step below {@code firstBelow}, then gaps of {@code minGap} plus a draw below {@code
     * gapSpread} steps.
     */
    static long[][] randomTrains(SplittableRandom r, int count, int firstBelow, int minGap, int gapSpread,
            long steps) {
        long[][] trains = new long[count][];
        for (int i = 0; i < count; i++) {
            List<Long> t = new ArrayList<>();
            for (long n = r.nextInt(firstBelow); n < steps; n += minGap + r.nextInt(gapSpread)) {
                t.add(n);
            }
            trains[i] = t.stream().mapToLong(Long::longValue).toArray();
        }
        return trains;
    }

    /**
     * Records the spikes of every step (detected on its sample), as neuron indices plus {@code
     * shift} (a partition's first index, to give indices of the whole network). Reads no I_n.
     */
    static class SpikeLog implements StepListener {
        final List<int[]> spikes = new ArrayList<>();
        private final int shift;

        SpikeLog(int shift) {
            this.shift = shift;
        }

        @Override
        public boolean readsCurrent() {
            return false;
        }

        @Override
        public void afterStep(long step, StateView state) {
            int[] s = new int[state.spikeCount()];
            for (int k = 0; k < s.length; k++) {
                s[k] = state.spike(k) + shift;
            }
            spikes.add(s);
        }

        int totalSpikes() {
            int t = 0;
            for (int[] s : spikes) {
                t += s.length;
            }
            return t;
        }
    }

    /**
     * Records, for every step n: the spikes of step n (detected on sample n), the input current
     * I_n of every neuron (unless made with {@code readsCurrent} false: then null, and the
     * simulation need not keep I_n), and sample n of v (the state the step started from).
     */
    static final class StepLog extends SpikeLog {
        private final boolean readsCurrent;
        final List<double[]> current = new ArrayList<>();
        final List<double[]> vBefore = new ArrayList<>();
        final List<double[]> uBefore = new ArrayList<>();
        private double[] lastV;
        private double[] lastU;

        StepLog() {
            this(true);
        }

        StepLog(boolean readsCurrent) {
            super(0);
            this.readsCurrent = readsCurrent;
        }

        @Override
        public boolean readsCurrent() {
            return readsCurrent;
        }

        @Override
        public void start(StateView state, TimeGrid grid, long steps) {
            lastV = copy(state, StateView::v);
            lastU = copy(state, StateView::u);
        }

        @Override
        public void afterStep(long step, StateView state) {
            super.afterStep(step, state);
            current.add(readsCurrent ? copy(state, StateView::current) : null);
            vBefore.add(lastV);
            uBefore.add(lastU);
            lastV = copy(state, StateView::v);
            lastU = copy(state, StateView::u);
        }

        /** A state variable of one neuron, read through the view. */
        private interface Variable {
            double of(StateView state, int index);
        }

        /** {@code variable} of every neuron, read through the view. */
        private static double[] copy(StateView state, Variable variable) {
            double[] values = new double[state.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = variable.of(state, i);
            }
            return values;
        }

        /** v of sample n (n = 0 .. steps). */
        double[] sampleV(int n) {
            return n < vBefore.size() ? vBefore.get(n) : lastV;
        }
    }

    /**
     * The dense [rows x cols] matrix of a CSC, built by walking its arrays directly; fails on
     * malformed structure (column pointers, row range, unsorted or duplicate rows).
     */
    static DMatrixRMaj denseOf(DMatrixSparseCSC m) {
        checkStructure(m);
        DMatrixRMaj d = new DMatrixRMaj(m.numRows, m.numCols);
        for (int j = 0; j < m.numCols; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                d.set(m.nz_rows[k], j, m.nz_values[k]);
            }
        }
        return d;
    }

    /** Column pointers monotone from 0 to nz_length, rows in range and strictly ascending per column. */
    static void checkStructure(DMatrixSparseCSC m) {
        if (m.col_idx[0] != 0 || m.col_idx[m.numCols] != m.nz_length) {
            throw new AssertionError("column pointers do not span [0, nz_length]");
        }
        for (int j = 0; j < m.numCols; j++) {
            if (m.col_idx[j + 1] < m.col_idx[j]) {
                throw new AssertionError("column pointers decrease at column " + j);
            }
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                int r = m.nz_rows[k];
                if (r < 0 || r >= m.numRows) {
                    throw new AssertionError("row " + r + " out of range in column " + j);
                }
                if (k > m.col_idx[j] && m.nz_rows[k - 1] >= r) {
                    throw new AssertionError("rows not strictly ascending in column " + j + ": "
                            + m.nz_rows[k - 1] + " then " + r);
                }
            }
        }
    }

    /** Per-synapse delays as a dense [post x pre] matrix of steps (0 where no synapse). */
    static int[][] denseDelays(Projection p) {
        DMatrixSparseCSC m = p.weights();
        int[][] d = new int[m.numRows][m.numCols];
        for (int j = 0; j < m.numCols; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                d[m.nz_rows[k]][j] = p.delaySteps(k);
            }
        }
        return d;
    }

    /** Whether synapse (row, col) exists in the CSC. */
    static boolean[][] denseMask(DMatrixSparseCSC m) {
        boolean[][] b = new boolean[m.numRows][m.numCols];
        for (int j = 0; j < m.numCols; j++) {
            for (int k = m.col_idx[j]; k < m.col_idx[j + 1]; k++) {
                b[m.nz_rows[k]][j] = true;
            }
        }
        return b;
    }
}
