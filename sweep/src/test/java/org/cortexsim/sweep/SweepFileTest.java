package org.cortexsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cortexsim.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep file grammar: expansion order, ranges, explicit runs, seeds, and errors with file:line:column. */
class SweepFileTest {
    static final String BASE = """
            simulation: {dt_ms: 0.1, duration_ms: 50, seed: 7}
            populations:
              - {name: exc, model: RS, size: 20}
            inputs:
              - {type: dc, population: exc, amplitude_pA: 50}
              - {type: noise, population: exc, mean_pA: 0, sigma_pA: 30}
            record: {spikes: true}
            """;

    @TempDir
    Path dir;

    Path write(String sweep) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, sweep);
        return f;
    }

    @Test
    void productIsNestedLoopsInFileOrderWithSeedsInnermost() throws Exception {
        Sweep s = Sweep.load(write("""
                base: base.yaml
                axes:
                  inputs[0].amplitude_pA: {start: 40, stop: 60, step: 10}
                  populations.exc.size: [10, 20]
                seeds: {start: 3, stop: 4}
                """));
        assertEquals(12, s.runs().size());
        assertEquals(List.of("inputs[0].amplitude_pA", "populations.exc.size"), s.keys());
        SweepRun r0 = s.runs().get(0);
        assertEquals(Map.of("inputs[0].amplitude_pA", "40", "populations.exc.size", "10"), r0.parameters());
        assertEquals(3, r0.seed());
        assertEquals(4, s.runs().get(1).seed());
        assertEquals("20", s.runs().get(2).parameters().get("populations.exc.size"));
        assertEquals("50", s.runs().get(4).parameters().get("inputs[0].amplitude_pA"));
        assertEquals("60", s.runs().get(11).parameters().get("inputs[0].amplitude_pA"));
        assertEquals(dir.resolve("s_out/run-0011.h5"), s.runs().get(11).output());
        assertEquals(20, s.config(s.runs().get(3), 1).populations().get(0).size());
        assertEquals(4, s.config(s.runs().get(3), 1).simulation().seed());
    }

    @Test
    void stepCurrentAmplitudesSinusoidFrequenciesAndNeuronsCanBeSwept() throws Exception {
        Files.writeString(dir.resolve("base.yaml"), BASE.replace("record:",
                "  - {type: step_current, population: exc, times_ms: [10, 30], amplitudes_pA: [60, 0]}\n"
                + "  - {type: sinusoidal, population: exc, amplitude_pA: 20, frequency_Hz: 5, neurons: [0, 1]}\n"
                + "record:"));
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                base: base.yaml
                axes:
                  inputs[2].amplitudes_pA: [[60, 0], [80, 10]]
                  inputs[3].frequency_Hz: {start: 5, stop: 10, step: 5}
                  inputs[3].neurons: [{start: 0, stop: 20, step: 2}]
                """);
        Sweep s = Sweep.load(f);
        assertEquals(4, s.runs().size());
        org.cortexsim.config.Config last = s.config(s.runs().get(3), 1);
        org.cortexsim.config.StepCurrentInputSpec step = (org.cortexsim.config.StepCurrentInputSpec) last.inputs().get(2);
        assertEquals(List.of(80.0, 10.0), step.amplitudesPA());
        org.cortexsim.config.SinusoidalInputSpec ac = (org.cortexsim.config.SinusoidalInputSpec) last.inputs().get(3);
        assertEquals(10.0, ac.frequencyHz());
        assertEquals(new org.cortexsim.config.NeuronSelection.Range(0, 20, 2), ac.neurons());
    }

    @Test
    void decimalRangesAreExactAndStopIsInclusive() throws Exception {
        Sweep s = Sweep.load(write("""
                base: base.yaml
                axes: {simulation.dt_ms: {start: 0.1, stop: 0.3, step: 0.1}}
                """));
        assertEquals(List.of("0.1", "0.2", "0.3"),
                s.runs().stream().map(r -> r.parameters().get("simulation.dt_ms")).toList());
        assertEquals(7, s.runs().get(0).seed(), "without a seeds axis the base config's seed is reported");
    }

    @Test
    void explicitRunsKeepTheirOrderAndStringsStayStrings() throws Exception {
        Sweep s = Sweep.load(write("""
                name: pick
                base: base.yaml
                output_dir: outs
                runs:
                  - {'inputs[0].amplitude_pA': 45}
                  - populations.exc.model: FS
                    populations.exc.size: 5
                seeds: [1, 2]
                """));
        assertEquals(4, s.runs().size());
        assertEquals(dir.resolve("outs"), s.outputDir());
        assertEquals("'FS'", s.runs().get(2).parameters().get("populations.exc.model"));
        assertEquals("FS", s.config(s.runs().get(3), 1).populations().get(0).model());
        assertEquals(2, s.config(s.runs().get(3), 1).simulation().seed());
    }

    @Test
    void errorsNameFileLineAndColumn() throws IOException {
        Path f = write("""
                base: base.yaml
                axes:
                  inputs[0].amplitude_pA: []
                  simulation.dt_ms: {start: 1, stop: 0, step: 1}
                colour: red
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(f));
        String m = e.getMessage();
        assertTrue(m.contains(f + ":3:27: axes.inputs[0].amplitude_pA: the list of values is empty"), m);
        assertTrue(m.contains(f + ":4:21: axes.simulation.dt_ms: step 1 never gets from 1 to 0"), m);
        assertTrue(m.contains(f + ":5:1: colour: unknown key 'colour'"), m);
    }

    @Test
    void badValuesFailThroughTheConfigLayerBeforeAnythingRuns() throws IOException {
        Path f = write("""
                base: base.yaml
                axes: {populations.exc.size: [10, 0]}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(f));
        assertTrue(e.getMessage().contains("run 1 (populations.exc.size=0): --set populations.exc.size=0: populations[0].size: must be >= 1, got 0"), e.getMessage());
        assertEquals(1, e.errors().size());
    }

    @Test
    void missingBaseAndBothAxesAndRunsAreRejected() throws IOException {
        Path f = write("""
                axes: {simulation.seed: [1]}
                runs: [{simulation.seed: 2}]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(f));
        assertTrue(e.getMessage().contains("missing 'base'"), e.getMessage());
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        Path syntax = write("base: base.yaml\nruns: [{inputs[0].amplitude_pA: 1}]\n");
        ConfigException s = assertThrows(ConfigException.class, () -> Sweep.load(syntax));
        assertTrue(s.getMessage().startsWith(syntax + ":2:"), s.getMessage());
        assertTrue(s.getMessage().contains("quote key paths with an index"), s.getMessage());
    }

    @Test
    void indexOutOfRangeIsAConfigErrorNamingTheRange() throws Exception {
        Sweep s = Sweep.load(write("base: base.yaml\naxes: {simulation.seed: [1, 2, 3]}\n"));
        assertEquals(3, s.runs().size());
        assertEquals(2, s.runs().get(1).seed());
        assertTrue(s.runs().get(1).parameters().isEmpty());
        ConfigException e = assertThrows(ConfigException.class, () -> s.run(3));
        assertTrue(e.getMessage().contains("indices 0..2"), e.getMessage());
        assertThrows(ConfigException.class, () -> s.run(-1));
    }

    @Test
    void theTreeIsReadByTheConfigLayerWithItsChecksAndPositions() throws IOException {
        Path dup = write("""
                base: base.yaml
                axes:
                  inputs[0].amplitude_pA: [40]
                  inputs[0].amplitude_pA: [50]
                """);
        ConfigException d = assertThrows(ConfigException.class, () -> Sweep.load(dup));
        assertTrue(d.getMessage().contains(dup + ":4:3: axes.inputs[0].amplitude_pA: duplicate key"
                + " 'inputs[0].amplitude_pA' (first given at line 3, column 3)"), d.getMessage());
        Path two = write("base: base.yaml\naxes: {simulation.seed: [1]}\n---\nbase: other.yaml\n");
        ConfigException t = assertThrows(ConfigException.class, () -> Sweep.load(two));
        assertTrue(t.getMessage().contains(two + ":4:1: more than one YAML document ('---'); a sweep file must be"
                + " a single document"), t.getMessage());
        Path alias = write("base: &b base.yaml\noutput_dir: *b\naxes: {simulation.seed: [1]}\n");
        ConfigException a = assertThrows(ConfigException.class, () -> Sweep.load(alias));
        assertTrue(a.getMessage().contains("YAML aliases (*b) are not supported"), a.getMessage());
        Path empty = write("# nothing\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(empty));
        assertTrue(e.getMessage().contains("the sweep file is empty"), e.getMessage());
    }
}
