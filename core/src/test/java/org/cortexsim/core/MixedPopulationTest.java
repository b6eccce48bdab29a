package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/** A mixed RS/FS population advanced in one pass gives each neuron its single-neuron trace. */
class MixedPopulationTest {
    @Test
    void everyNeuronFollowsItsOwnNotebookTrace() {
        final int rsCount = 600;
        final int fsCount = 400;
        SplittableRandom rng = new SplittableRandom(7);
        double[] rsAmp = new double[rsCount];
        double[] fsAmp = new double[fsCount];
        for (int i = 0; i < rsCount; i++) {
            rsAmp[i] = 40 + 60 * rng.nextDouble();
        }
        for (int i = 0; i < fsCount; i++) {
            fsAmp[i] = 60 + 30 * rng.nextDouble();
        }
        Neurons neurons = Neurons.builder()
                .add("exc", "RS", rsCount, Preset.RS.parameters())
                .add("inh", "FS", fsCount, Preset.FS.parameters())
                .build();
        TimeGrid grid = new TimeGrid(0.1);
        EulerIntegrator euler = new EulerIntegrator(neurons, grid);
        long start = grid.stepAtOrAfter(100);
        long stop = grid.stepAtOrAfter(1000);
        DcInput exc = new DcInput(neurons.population("exc"), rsAmp, start, stop);
        DcInput inh = new DcInput(neurons.population("inh"), fsAmp, start, stop);
        int n = neurons.size();
        double[][] v = new double[10_001][];
        double[][] u = new double[10_001][];
        v[0] = neurons.v.clone();
        u[0] = neurons.u.clone();
        for (int step = 0; step < 10_000; step++) {
            java.util.Arrays.fill(neurons.current, 0.0);
            exc.addCurrent(step, neurons.current, 0, n);
            inh.addCurrent(step, neurons.current, 0, n);
            euler.integrate(0, n);
            v[step + 1] = neurons.v.clone();
            u[step + 1] = neurons.u.clone();
        }
        int spikes = 0;
        for (int i = 0; i < n; i += 1) {
            boolean isRs = i < rsCount;
            double amp = isRs ? rsAmp[i] : fsAmp[i - rsCount];
            NotebookReference.Trace ref = isRs
                    ? NotebookReference.rs(NotebookReference.dcAfter100(amp))
                    : NotebookReference.fs(NotebookReference.dcAfter100(amp));
            for (int s = 0; s <= 10_000; s++) {
                if (Double.doubleToRawLongBits(ref.v()[s]) != Double.doubleToRawLongBits(v[s][i])
                        || Double.doubleToRawLongBits(ref.u()[s]) != Double.doubleToRawLongBits(u[s][i])) {
                    assertEquals(ref.v()[s], v[s][i], 0.0, "v of neuron " + i + " at sample " + s);
                    assertEquals(ref.u()[s], u[s][i], 0.0, "u of neuron " + i + " at sample " + s);
                }
            }
            spikes += NotebookReference.spikeSamples(ref.v(), isRs ? 35 : 25).length;
        }
        assertEquals(true, spikes > 1000, "the population fires (" + spikes + " spikes), so resets are exercised");
    }
}
