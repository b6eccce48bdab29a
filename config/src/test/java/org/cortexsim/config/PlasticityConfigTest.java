package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config language of issue 13: spike source populations ({@code model: spike_source} with
 * {@code spike_times_ms} as lists, a CSV file or a SONATA file), projection {@code plasticity}
 * and {@code record.weights}; and the errors they give, each naming the key and what to fix.
 */
class PlasticityConfigTest {
    private static final String HEAD = """
            simulation: {dt_ms: 0.1, duration_ms: 100}
            populations:
              - {name: exc, model: RS, size: 10}
            """;

    private static Config parse(String text) throws ConfigException {
        return new ConfigLoader().parse(text, "t.yaml", List.of());
    }

    private static String error(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        return e.errors().stream().map(ConfigError::toString).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    @Test
    void spikeSourceWithListedTimes() throws ConfigException {
        Config c = parse(HEAD + """
                  - {name: src, model: spike_source, spike_times_ms: [[1, 2.5, 99.9], [], [0]]}
                projections:
                  - {name: se, pre: src, post: exc, rule: {type: all_to_all}, weight: 100}
                """);
        PopulationSpec src = c.population("src").orElseThrow();
        assertTrue(src.isSpikeSource());
        assertEquals(3, src.size());
        SpikeTimesSpec.Listed l = assertInstanceOf(SpikeTimesSpec.Listed.class, src.spikeTimes().orElseThrow());
        assertEquals(3, l.timesMs().size());
        assertEquals(99.9, l.timesMs().get(0)[2], 0.0);
        assertEquals(List.of("exc", "src"), c.record().spikePopulations());
        // any case, with an explicit matching size
        assertEquals(2, parse(HEAD + "  - {name: s, model: Spike_Source, size: 2, spike_times_ms: [[1], [2]]}\n")
                .population("s").orElseThrow().size());
    }

    @Test
    void spikeTimesThatCannotBeAreErrorsNamingNeuronAndTime() {
        String unsorted = error(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[5], [3, 2]]}\n");
        assertTrue(unsorted.contains("spike_times_ms[1][1]") && unsorted.contains("neuron 1")
                && unsorted.contains("2 ms comes after 3 ms"), unsorted);
        String negative = error(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[-1]]}\n");
        assertTrue(negative.contains("neuron 0") && negative.contains("-1 ms is negative"), negative);
        String late = error(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[10, 100]]}\n");
        assertTrue(late.contains("100 ms is not within the run") && late.contains("99.9 ms"), late);
        String same = error(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[1.01, 1.04]]}\n");
        assertTrue(same.contains("same sample (10)") && same.contains("at most once per step"), same);
        String size = error(HEAD + "  - {name: src, model: spike_source, size: 4, spike_times_ms: [[1]]}\n");
        assertTrue(size.contains("size") && size.contains("lists 1 neurons"), size);
        String key = error(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[1]], params: {a: 1}}\n");
        assertTrue(key.contains("unknown key 'params'"), key);
        String input = error(HEAD + """
                  - {name: src, model: spike_source, spike_times_ms: [[1]]}
                inputs:
                  - {type: dc, population: src, amplitude_pA: 10}
                """);
        assertTrue(input.contains("spike source") && input.contains("inputs[0].population"), input);
        String state = error(HEAD + """
                  - {name: src, model: spike_source, spike_times_ms: [[1]]}
                record:
                  state: [{population: src, variables: [v]}]
                """);
        assertTrue(state.contains("no state to record"), state);
        String model = error(HEAD + "  - {name: src, model: spike_sorce, size: 1}\n");
        assertTrue(model.contains("spike_source"), model);
    }

    @Test
    void spikeTimesFromFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.csv"), "node_id,time_ms\n0,1\n");
        Files.writeString(dir.resolve("r.h5"), "not really");
        String text = HEAD + """
                  - {name: a, model: spike_source, size: 3, spike_times_ms: {type: file, path: s.csv, columns: [node_id, time_ms]}}
                  - {name: b, model: spike_source, size: 5, spike_times_ms: {type: sonata, path: r.h5, population: exc}}
                """;
        Config c = new ConfigLoader().parse(text, "t.yaml", dir, List.of());
        SpikeTimesSpec.CsvFile a = assertInstanceOf(SpikeTimesSpec.CsvFile.class,
                c.population("a").orElseThrow().spikeTimes().orElseThrow());
        assertEquals("time_ms", a.timeColumn());
        SpikeTimesSpec.SonataFile b = assertInstanceOf(SpikeTimesSpec.SonataFile.class,
                c.population("b").orElseThrow().spikeTimes().orElseThrow());
        assertEquals("exc", b.population());
        ConfigException noSize = assertThrows(ConfigException.class, () -> new ConfigLoader().parse(HEAD
                + "  - {name: a, model: spike_source, spike_times_ms: {type: file, path: s.csv, columns: [n, t]}}\n",
                "t.yaml", dir, List.of()));
        assertTrue(noSize.getMessage().contains("'size'"), noSize.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> new ConfigLoader().parse(HEAD
                + "  - {name: a, model: spike_source, size: 1, spike_times_ms: {type: sonata, path: no.h5, population: x}}\n",
                "t.yaml", dir, List.of()));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }

    @Test
    void plasticityKeepsNumbersAndWords() throws ConfigException {
        Config c = parse(HEAD + """
                projections:
                  - name: ee
                    pre: exc
                    post: exc
                    rule: {type: fixed_probability, p: 0.1}
                    weight: 600
                    delay_ms: {type: uniform, low: 1, high: 20}
                    synapse: {model: delta}
                    plasticity: {rule: stdp, tau_plus_ms: 20, tau_minus_ms: 20, A_plus: 6, A_minus: 7.2, w_min: 0, w_max: 1200, weight_dependence: multiplicative}
                  - {name: ee2, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1}
                """);
        PlasticitySpec p = c.projections().get(0).plasticity().orElseThrow();
        assertEquals("stdp", p.rule());
        assertEquals(Map.of("tau_plus_ms", 20.0, "tau_minus_ms", 20.0, "A_plus", 6.0, "A_minus", 7.2, "w_min", 0.0,
                "w_max", 1200.0), p.numbers());
        assertEquals(Map.of("weight_dependence", "multiplicative"), p.words());
        assertTrue(c.projections().get(1).plasticity().isEmpty());
        String noRule = error(HEAD + "projections: [{name: ee, pre: exc, post: exc, rule: {type: all_to_all},"
                + " weight: 1, plasticity: {A_plus: 1}}]\n");
        assertTrue(noRule.contains("plasticity") && noRule.contains("'rule'"), noRule);
        String quoted = error(HEAD + "projections: [{name: ee, pre: exc, post: exc, rule: {type: all_to_all},"
                + " weight: 1, plasticity: {rule: stdp, A_plus: '6'}}]\n");
        assertTrue(quoted.contains("A_plus") && quoted.contains("remove the quotes"), quoted);
    }

    @Test
    void initialWeightsOutsideTheRulesBoundsAreRefusedAtTheWeightsLine() throws ConfigException {
        String p = HEAD + "projections:\n  - {name: ee, pre: exc, post: exc, rule: {type: all_to_all},\n"
                + "     weight: WEIGHT,\n     plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_min: 0, w_max: 2}}\n";
        String constant = error(p.replace("WEIGHT", "3"));
        assertTrue(constant.contains("t.yaml:6:") && constant.contains("projections[0].weight") && constant.contains("weight 3 is outside"
                + " the bounds [0, 2] of plasticity rule 'stdp'") && constant.contains("widen w_min/w_max"), constant);
        String uniform = error(p.replace("WEIGHT", "{type: uniform, low: -1, high: 1}"));
        assertTrue(uniform.contains("weight [-1, 1] is outside the bounds [0, 2]"), uniform);
        String normal = error(p.replace("WEIGHT", "{type: normal, mean: 1, sd: 1, min: 0, max: 5}"));
        assertTrue(normal.contains("weight [0, 5] is outside the bounds [0, 2]"), normal);
        for (String within : List.of("2", "0", "{type: uniform, low: 0, high: 2}",
                "{type: normal, mean: 1, sd: 1, min: 0.5, max: 1.5}", "{type: normal, mean: 1, sd: 0.1}")) {
            assertEquals(1, parse(p.replace("WEIGHT", within)).projections().size(), within);
        }
    }

    @Test
    void weightRecordings() throws ConfigException {
        String projections = """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1, plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_max: 2}}
                  - {name: st, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1}
                """;
        Config c = parse(HEAD + projections + """
                record:
                  weights:
                    - {projection: ee, every_ms: 10}
                    - {name: few, projection: ee, synapses: [3, 1, 4], every_ms: 0.5}
                    - {name: some, projection: ee, synapses: {sample: 7}, every_ms: 1}
                """);
        List<WeightRecordSpec> w = c.record().weights();
        assertEquals("weights_ee", w.get(0).name());
        assertTrue(w.get(0).all());
        assertEquals(List.of(3L, 1L, 4L), w.get(1).edgeIds());
        assertEquals(7, w.get(2).sample());
        String stat = error(HEAD + projections + "record: {weights: [{projection: st, every_ms: 1}]}\n");
        assertTrue(stat.contains("has no plasticity"), stat);
        String unknown = error(HEAD + projections + "record: {weights: [{projection: eee, every_ms: 1}]}\n");
        assertTrue(unknown.contains("unknown projection 'eee'") && unknown.contains("ee"), unknown);
        String step = error(HEAD + projections + "record: {weights: [{projection: ee, every_ms: 0.25}]}\n");
        assertTrue(step.contains("whole number of time steps"), step);
        String twice = error(HEAD + projections + "record: {weights: [{projection: ee, every_ms: 1, synapses: [2, 2]}]}\n");
        assertTrue(twice.contains("listed twice"), twice);
        String clash = error(HEAD + projections + "record: {state: [{name: w, population: exc}],"
                + " weights: [{name: w, projection: ee, every_ms: 1}]}\n");
        assertTrue(clash.contains("already used"), clash);
        String every = error(HEAD + projections + "record: {weights: [{projection: ee}]}\n");
        assertTrue(every.contains("every_ms"), every);
    }

    /**
     * {@code record.weights[].variables}: {@code [w]} by default (one report named as before); else
     * w and the fields the projection's rule declares (synapse, pre or post state), one report
     * each named {@code <name>_<variable>}; an unknown field is an error at its list element
     * naming the field, the rule and what it has, with the nearest name.
     */
    @Test
    void weightRecordingsOfTheRulesState() throws ConfigException {
        String projections = """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1, plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_max: 2}}
                  - {name: tm, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1, plasticity: {rule: tsodyks_markram}}
                """;
        Config c = parse(HEAD + projections + """
                record:
                  weights:
                    - {projection: ee, every_ms: 10}
                    - {name: traces, projection: ee, variables: [w, x_pre, t_pre, x_post, t_post], every_ms: 1}
                    - {projection: tm, variables: [u, x], every_ms: 1, dtype: float64}
                """);
        List<WeightRecordSpec> w = c.record().weights();
        assertEquals(List.of("w"), w.get(0).variables());
        assertEquals(List.of("weights_ee"), w.get(0).reportNames());
        assertEquals(List.of("traces_w", "traces_x_pre", "traces_t_pre", "traces_x_post", "traces_t_post"),
                w.get(1).reportNames());
        assertEquals(List.of("weights_tm_u", "weights_tm_x"), w.get(2).reportNames());
        String near = error(HEAD + projections + "record:\n  weights:\n    - {projection: ee, every_ms: 1,"
                + " variables: [w, x_pr]}\n");
        assertTrue(near.contains("t.yaml:9:52:") && near.contains("record.weights[0].variables[1]")
                && near.contains("plasticity rule 'stdp' of projection 'ee' has no field 'x_pr'")
                && near.contains("did you mean 'x_pre'?")
                && near.contains("recordable: w, x_pre, t_pre, x_post, t_post"), near);
        String other = error(HEAD + projections + "record: {weights: [{projection: tm, every_ms: 1,"
                + " variables: [x_pre]}]}\n");
        assertTrue(other.contains("plasticity rule 'tsodyks_markram' of projection 'tm' has no field 'x_pre'")
                && other.contains("recordable: w, u, x, t_last"), other);
        String twice = error(HEAD + projections + "record: {weights: [{projection: ee, every_ms: 1,"
                + " variables: [w, w]}]}\n");
        assertTrue(twice.contains("variable 'w' is listed twice"), twice);
        String empty = error(HEAD + projections + "record: {weights: [{projection: ee, every_ms: 1, variables: []}]}\n");
        assertTrue(empty.contains("must name at least one variable") && empty.contains("x_pre"), empty);
        String clash = error(HEAD + projections + "record: {state: [{name: r_x, population: exc}],"
                + " weights: [{name: r, projection: tm, every_ms: 1, variables: [u, x]}]}\n");
        assertTrue(clash.contains("the report name 'r_x' of variable 'x' is already used"), clash);
    }

    /**
     * A rule's parameter in the weight unit is reported in the projection's unit, as its synapse
     * model gives it (nS for conductance synapses, pA for current ones), not as "pA or nS".
     */
    @Test
    void aWeightParameterOutOfRangeNamesTheProjectionsWeightUnit() {
        String p = HEAD + "projections: [{name: ee, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1,"
                + " SYNAPSE plasticity: {rule: stdp, A_plus: -1, A_minus: 1, w_max: 2}}]\n";
        String conductance = error(p.replace("SYNAPSE", "synapse: {model: exp_conductance},"));
        assertTrue(conductance.contains("projections[0].plasticity.A_plus")
                && conductance.contains("nS (the weight unit of exp_conductance synapses)")
                && !conductance.contains("pA or nS"), conductance);
        String current = error(p.replace("SYNAPSE", ""));
        assertTrue(current.contains("pA (the weight unit of delta synapses)") && !current.contains("pA or nS"), current);
        String missing = error(p.replace("SYNAPSE", "synapse: {model: exp_conductance},").replace("A_plus: -1, ", ""));
        assertTrue(missing.contains("missing required parameter 'A_plus'")
                && missing.contains("nS (the weight unit of exp_conductance synapses)"), missing);
    }

    /**
     * Plasticity is validated with the other config checks, against the PlasticityRule registry,
     * as synapse models are: all errors at once, each at its line and column, with the nearest
     * name.
     */
    @Test
    void plasticityRulesAndParametersAreCheckedAgainstTheRegistry() {
        String p = HEAD + "projections: [{name: ee, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1,"
                + " plasticity: PLASTICITY}]\n";
        String unknownRule = error(p.replace("PLASTICITY", "{rule: sttdp, A_plus: 1}"));
        assertTrue(unknownRule.contains("t.yaml:4:") && unknownRule.contains("projections[0].plasticity.rule")
                && unknownRule.contains("unknown plasticity rule 'sttdp'") && unknownRule.contains("did you mean 'stdp'?"),
                unknownRule);
        String farRule = error(p.replace("PLASTICITY", "{rule: nearest_neighbour_stdp, A_plus: 1}"));
        assertTrue(farRule.contains("known rules: stdp, tsodyks_markram") && farRule.contains("CORTEXSIM_CLASSPATH")
                && farRule.contains("META-INF/services/org.cortexsim.network.plasticity.PlasticityRule"), farRule);
        // a plasticity key in error does not also make record.weights call the projection static
        String recorded = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: -1, A_minus: 1, w_max: 2}")
                + "record: {weights: [{projection: ee, every_ms: 1}]}\n");
        assertTrue(recorded.contains("projections[0].plasticity.A_plus"), recorded);
        assertFalse(recorded.contains("has no plasticity"), recorded);
        String unknownParameter = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: 1, A_minus: 1, w_max: 2,"
                + " tau_plu_ms: 20}"));
        assertTrue(unknownParameter.contains("projections[0].plasticity.tau_plu_ms")
                && unknownParameter.contains("unknown parameter 'tau_plu_ms' of plasticity rule 'stdp'")
                && unknownParameter.contains("did you mean 'tau_plus_ms'?"), unknownParameter);
        String range = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: 1, A_minus: 1, w_max: 2, tau_plus_ms: -3}"));
        assertTrue(range.contains("projections[0].plasticity.tau_plus_ms"), range);
        String word = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: 1, A_minus: 1, w_max: 2,"
                + " weight_dependence: multiplicativ}"));
        assertTrue(word.contains("weight_dependence") && word.contains("additive, multiplicative")
                && word.contains("did you mean 'multiplicative'?"), word);
        String bounds = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: 1, A_minus: 1, w_min: 5, w_max: 2}"));
        assertTrue(bounds.contains("projections[0].plasticity") && bounds.contains("w_min"), bounds);
        String both = error(p.replace("PLASTICITY", "{rule: stdp, A_plus: 1, A_minus: 1, w_max: 2, tau_ms: 1,"
                + " weight_dependence: x}"));
        assertEquals(2, both.lines().count(), "every error at once: " + both);
    }

    /** Plastic projections cannot be written as a circuit; spike sources can (as virtual nodes, SonataCircuitTest). */
    @Test
    void aCircuitCannotDescribePlasticityButTakesSpikeSources() throws ConfigException {
        String plastic = error(HEAD + "projections: [{name: ee, pre: exc, post: exc, rule: {type: all_to_all},"
                + " weight: 1, plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_max: 2}}]\n"
                + "output: {circuit: true}\n");
        assertTrue(plastic.contains("output.circuit") && plastic.contains("plastic projections (ee)"), plastic);
        Config sources = parse(HEAD + "  - {name: src, model: spike_source, spike_times_ms: [[1]]}\n"
                + "output: {circuit: out_circuit}\n");
        assertTrue(sources.output().circuit().isPresent(), String.valueOf(sources.output()));
    }
}
