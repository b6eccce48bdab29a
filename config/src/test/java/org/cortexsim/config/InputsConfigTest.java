package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inputs}: the neurons an input drives, step_current and sinusoidal inputs, their errors and overrides. */
class InputsConfigTest {
    /** Line numbers and columns below refer to this layout: inputs[0] is on line 8. */
    private static final String BASE = """
            simulation: {dt_ms: 0.1, duration_ms: 1000}
            populations:
              - {name: exc, model: RS, size: 10}
              - {name: inh, model: FS, size: 4}
            record:
              spikes: true
            inputs:
            """;

    @TempDir
    Path dir;

    private Config parse(String inputs, String... overrides) throws ConfigException {
        return new ConfigLoader().parse(BASE + inputs, "net.yaml", dir, List.of(overrides));
    }

    private String fail(String inputs, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(inputs, overrides));
        return e.getMessage();
    }

    @Test
    void everyTypeTakesNeuronsWithRecordStatesSyntax() throws Exception {
        Config c = parse("""
                  - {type: dc, population: exc, amplitude_pA: 70, neurons: [3, 1]}
                  - {type: noise, population: exc, sigma_pA: 5, neurons: {start: 2, stop: 10, step: 4}}
                  - {type: poisson, population: inh, rate_Hz: 10, weight: 5, neurons: [0]}
                  - {type: step_current, population: exc, times_ms: [0, 100.5, 300], amplitudes_pA: [10, -20, 0], stop_ms: 500}
                  - {type: sinusoidal, population: inh, amplitude_pA: 30, frequency_Hz: 10}
                  - {type: sinusoidal, population: inh, amplitude_pA: 1, frequency_Hz: 2, offset_pA: 3, phase_deg: 90, neurons: all}
                """);
        assertEquals(new NeuronSelection.Ids(List.of(3, 1)), c.inputs().get(0).neurons());
        assertEquals(new NeuronSelection.Range(2, 10, 4), c.inputs().get(1).neurons());
        assertEquals(new NeuronSelection.Ids(List.of(0)), c.inputs().get(2).neurons());
        StepCurrentInputSpec step = assertInstanceOf(StepCurrentInputSpec.class, c.inputs().get(3));
        assertEquals(List.of(0.0, 100.5, 300.0), step.timesMs());
        assertEquals(List.of(10.0, -20.0, 0.0), step.amplitudesPA());
        assertEquals(new TimeWindow(0, OptionalDouble.of(500)), step.window());
        assertEquals(new NeuronSelection.All(), step.neurons());
        SinusoidalInputSpec plain = assertInstanceOf(SinusoidalInputSpec.class, c.inputs().get(4));
        assertEquals(List.of(0.0, 30.0, 10.0, 0.0), List.of(plain.offsetPA(), plain.amplitudePA(),
                plain.frequencyHz(), plain.phaseDeg()));
        SinusoidalInputSpec full = (SinusoidalInputSpec) c.inputs().get(5);
        assertEquals(List.of(3.0, 1.0, 2.0, 90.0), List.of(full.offsetPA(), full.amplitudePA(), full.frequencyHz(),
                full.phaseDeg()));
        assertEquals(new NeuronSelection.All(), full.neurons());
    }

    @Test
    void badNeuronsAreRefusedAsRecordStateRefusesThem() {
        assertEquals("net.yaml:8:64: inputs[0].neurons[1]: must be <= 9, got 10",
                fail("  - {type: dc, population: exc, amplitude_pA: 70, neurons: [3, 10]}\n"));
        assertEquals("net.yaml:8:64: inputs[0].neurons[1]: neuron 3 is listed twice; list it once",
                fail("  - {type: dc, population: exc, amplitude_pA: 70, neurons: [3, 3]}\n"));
        assertEquals("net.yaml:8:101: inputs[0].neurons.stop: must be <= 4, got 5",
                fail("  - {type: sinusoidal, population: inh, amplitude_pA: 1, frequency_Hz: 1,"
                        + " neurons: {start: 0, stop: 5}}\n"));
    }

    @Test
    void badStepCurrentsNameTheElement() {
        assertEquals("net.yaml:8:64: inputs[0].times_ms[2]: times must be strictly increasing: 150 ms is not after"
                + " 200 ms (times_ms[1]); list the times in order, each once",
                fail("  - {type: step_current, population: exc, times_ms: [100, 200, 150], amplitudes_pA: [1, 2, 3]}\n"));
        assertEquals("net.yaml:8:85: inputs[0].amplitudes_pA: 2 amplitudes for 3 times_ms; give one amplitude per"
                + " time, the current from that time on",
                fail("  - {type: step_current, population: exc, times_ms: [100, 200, 300], amplitudes_pA: [1, 2]}\n"));
        assertEquals("net.yaml:8:54: inputs[0].times_ms[0]: must be >= 0, got -5",
                fail("  - {type: step_current, population: exc, times_ms: [-5, 200], amplitudes_pA: [1, 2]}\n"));
        assertEquals("net.yaml:8:62: inputs[0].times_ms[1]: 100.01 and 100.05 ms both apply from step 1001 (dt 0.1"
                + " ms); the current can change at most once per step, so drop one or move it to a later step",
                fail("  - {type: step_current, population: exc, times_ms: [100.01, 100.05], amplitudes_pA: [1, 2]}\n"));
        assertEquals("net.yaml:8:58: inputs[0].amplitude_pA: unknown key 'amplitude_pA'; did you mean"
                + " 'amplitudes_pA'?\nnet.yaml:8:5: inputs[0]: missing required key 'amplitudes_pA', e.g. amplitudes_pA:"
                + " [70, 0]",
                fail("  - {type: step_current, population: exc, times_ms: [1], amplitude_pA: [1]}\n"));
        assertEquals("net.yaml:8:12: inputs[0].type: unknown type 'step_curent'; did you mean 'step_current'?",
                fail("  - {type: step_curent, population: exc, times_ms: [1], amplitudes_pA: [1]}\n"));
        assertEquals("net.yaml:8:72: inputs[0].frequency_Hz: must be >= 0, got -1",
                fail("  - {type: sinusoidal, population: exc, amplitude_pA: 1, frequency_Hz: -1}\n"));
    }

    @Test
    void overridesReachTheNewKeys() throws Exception {
        Config c = parse("  - {type: step_current, population: exc, times_ms: [100], amplitudes_pA: [1]}\n",
                "inputs[0].times_ms=[10, 20]", "inputs[0].amplitudes_pA=[5, -5]", "inputs[0].neurons=[0, 9]");
        StepCurrentInputSpec step = (StepCurrentInputSpec) c.inputs().get(0);
        assertEquals(List.of(10.0, 20.0), step.timesMs());
        assertEquals(List.of(5.0, -5.0), step.amplitudesPA());
        assertEquals(new NeuronSelection.Ids(List.of(0, 9)), step.neurons());
        assertEquals("--set inputs[0].amplitudes_pA=[5]: inputs[0].amplitudes_pA: 1 amplitudes for 2 times_ms; give"
                + " one amplitude per time, the current from that time on",
                fail("  - {type: step_current, population: exc, times_ms: [100, 200], amplitudes_pA: [1, 2]}\n",
                        "inputs[0].amplitudes_pA=[5]"));
    }
}
