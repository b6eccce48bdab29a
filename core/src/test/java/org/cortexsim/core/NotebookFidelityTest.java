package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The production Euler pass against the scalar transcription of the notebook, bit for bit,
 * and the notebook's remarks about the FS threshold.
 */
class NotebookFidelityTest {
    private static final double DT = 0.1;
    private static final int STEPS = 10_000;

    /** Runs one population of {@code size} neurons with DC from 100 ms; returns v and u samples of neuron 0. */
    static NotebookReference.Trace production(Preset preset, double amplitude) {
        Neurons neurons = Neurons.builder().add("p", preset.name(), 1, preset.parameters()).build();
        TimeGrid grid = new TimeGrid(DT);
        EulerIntegrator euler = new EulerIntegrator(neurons, grid);
        DcInput dc = new DcInput(neurons.populations().get(0), amplitude, grid.stepAtOrAfter(100), grid.stepAtOrAfter(1000));
        double[] v = new double[STEPS + 1];
        double[] u = new double[STEPS + 1];
        v[0] = neurons.v[0];
        u[0] = neurons.u[0];
        for (int n = 0; n < STEPS; n++) {
            java.util.Arrays.fill(neurons.current, 0.0);
            dc.addCurrent(n, neurons.current, 0, 1);
            euler.integrate(0, 1);
            v[n + 1] = neurons.v[0];
            u[n + 1] = neurons.u[0];
        }
        return new NotebookReference.Trace(v, u);
    }

    @Test
    void dcOnsetAt100msIsTheNotebooksStep1000() {
        double[] t = NotebookReference.linspace(0, 1000, 10000);
        int first = 0;
        while (!(t[first] > 100.0)) {
            first++;
        }
        assertEquals(1000, first);
        assertEquals(1000, new TimeGrid(DT).stepAtOrAfter(100));
    }

    @Test
    void rsAt70pAMatchesTheNotebookBitForBit() {
        NotebookReference.Trace ref = NotebookReference.rs(NotebookReference.dcAfter100(70));
        NotebookReference.Trace got = production(Preset.RS, 70);
        assertEquals(10_001, ref.v().length);
        assertArrayEquals(ref.v(), got.v(), 0.0);
        assertArrayEquals(ref.u(), got.u(), 0.0);
        assertTrue(NotebookReference.spikeSamples(ref.v(), 35).length > 5, "RS fires at 70 pA");
    }

    @Test
    void fsAt73pAMatchesTheNotebookBitForBit() {
        NotebookReference.Trace ref = NotebookReference.fs(NotebookReference.dcAfter100(73));
        NotebookReference.Trace got = production(Preset.FS, 73);
        assertArrayEquals(ref.v(), got.v(), 0.0);
        assertArrayEquals(ref.u(), got.u(), 0.0);
    }

    @Test
    void fsFiresRepetitivelyAt73pAButNotAt70pA() {
        int[] at73 = NotebookReference.spikeSamples(production(Preset.FS, 73).v(), 25);
        int[] at70 = NotebookReference.spikeSamples(production(Preset.FS, 70).v(), 25);
        assertTrue(at73.length >= 10, "FS at 73 pA fires repetitively, got " + at73.length + " spikes");
        // repetitive: spikes keep coming until the end, not a transient burst
        assertTrue(at73[at73.length - 1] > 9000, "last spike at sample " + at73[at73.length - 1]);
        assertTrue(at70.length <= 1, "FS at 70 pA stays below repetitive firing, got " + at70.length + " spikes");
    }

    @Test
    void plainTripleProductWouldChangeTheFsTrace() {
        // guards the correctly rounded cube: x*x*x differs from the exact cube on samples of this run
        double[] v = NotebookReference.fs(NotebookReference.dcAfter100(73)).v();
        int differ = 0;
        for (double vn : v) {
            double x = vn + 55;
            double exact = NotebookReference.pythonCube(x);
            if (x * x * x != exact) {
                differ++;
            }
            assertEquals(exact, Cube.of(x), 0.0, "cube of " + x);
        }
        assertTrue(differ > 100, "the run exercises cubes where double rounding matters: " + differ);
    }
}
