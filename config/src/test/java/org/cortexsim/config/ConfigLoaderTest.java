package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** A minimal valid config; line numbers and columns below refer to this layout. */
    static final String BASE = """
            simulation:
              dt_ms: 0.1
              duration_ms: 1000
            populations:
              - name: exc
                model: RS
                size: 800
              - name: inh
                model: FS
                size: 200
            """;

    static final String EXAMPLE = """
            simulation: {dt_ms: 0.1, duration_ms: 1000, seed: 7, threads: 2}
            populations:
              - name: exc
                model: RS
                size: 800
                params: {a: 0.02, d: {type: uniform, low: 6, high: 8}}
                initial: {v: {type: normal, mean: -65, sd: 5, max: -50}}
              - name: inh
                model: fs
                size: 200
            inputs:
              - {type: dc, population: exc, amplitude_pA: 80, start_ms: 100, stop_ms: 1000}
              - {type: noise, population: inh, mean_pA: 1, sigma_pA: 5}
              - type: poisson
                population: exc
                rate_Hz: 10
                weight: {type: lognormal, mu: 0, sigma: 0.5}
                delay_ms: 0.1
                synapse: {model: delta}
            projections:
              - name: ee
                pre: exc
                post: exc
                rule: {type: fixed_probability, p: 0.1, allow_autapses: false}
                weight: {type: file, path: w.csv, column: w}
                delay_ms: {type: uniform, low: 1, high: 2}
                synapse: {model: exp_conductance, tau_ms: 5, E_rev_mV: 0}
              - name: ie
                pre: inh
                post: exc
                rule: {type: from_file, path: edges.csv}
              - name: ei
                pre: exc
                post: inh
                rule: {type: fixed_indegree, k: 100}
                weight: 0.5
            record:
              spikes: [exc]
              state:
                - {name: vexc, population: exc, variables: [v, u], neurons: [0, 1, 2], every_steps: 1, start_ms: 0, stop_ms: 1000}
                - {population: inh, neurons: {start: 0, stop: 100, step: 10}}
              memory_budget_MB: 512
            output: {path: out.h5, overwrite: false, edges: true}
            """;

    @TempDir
    Path dir;

    final ConfigLoader loader = new ConfigLoader();

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    Config parse(String text, String... overrides) throws ConfigException {
        return loader.parse(text, "net.yaml", dir, List.of(overrides));
    }

    /** The error message of parsing {@code text}, which must fail. */
    String fail(String text, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text, overrides));
        assertClean(e);
        return e.getMessage();
    }

    static void assertClean(ConfigException e) {
        assertFalse(e.getMessage().contains("jackson"), e.getMessage());
        assertFalse(e.getMessage().contains("snakeyaml"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertEquals(null, e.getCause());
        for (ConfigError err : e.errors()) {
            assertTrue(e.getMessage().contains(err.toString()));
        }
    }

    static void assertContains(String message, String expected) {
        assertTrue(message.contains(expected), () -> "expected <" + expected + "> in:\n" + message);
    }

    @Test
    void exampleParsesToExpectedRecords() throws Exception {
        write("w.csv", "w\n1\n");
        write("edges.csv", "pre,post,weight\n0,1,2.0\n");
        Path file = write("net.yaml", EXAMPLE);
        Config c = loader.load(file, List.of());

        assertEquals(EXAMPLE, c.sourceText());
        assertEquals(file.toString(), c.sourceName());
        assertEquals(List.of(), c.overrides());
        assertEquals(0.1, c.simulation().dtMs());
        assertEquals(1000, c.simulation().durationMs());
        assertEquals(7, c.simulation().seed());
        assertEquals(2, c.simulation().threads());
        assertEquals(10000, c.simulation().steps());

        assertEquals(2, c.populations().size());
        PopulationSpec exc = c.populations().get(0);
        assertEquals("exc", exc.name());
        assertEquals("RS", exc.model());
        assertEquals(800, exc.size());
        assertEquals(List.of("a", "d"), List.copyOf(exc.params().keySet()));
        ValueSpec.Constant a = assertInstanceOf(ValueSpec.Constant.class, exc.params().get("a"));
        assertEquals(0.02, a.value());
        assertEquals(new Location(file.toString(), 6, 17, "populations[0].params.a"), a.location());
        ValueSpec.Uniform d = assertInstanceOf(ValueSpec.Uniform.class, exc.params().get("d"));
        assertEquals(6, d.low());
        assertEquals(8, d.high());
        ValueSpec.Normal v0 = assertInstanceOf(ValueSpec.Normal.class, exc.initial().v().orElseThrow());
        assertEquals(-65, v0.mean());
        assertEquals(5, v0.sd());
        assertEquals(OptionalDouble.empty(), v0.min());
        assertEquals(OptionalDouble.of(-50), v0.max());
        assertEquals(Optional.empty(), exc.initial().u());
        assertEquals(new Location(file.toString(), 3, 5, "populations[0]"), exc.location());
        PopulationSpec inh = c.populations().get(1);
        assertEquals("FS", inh.model(), "model names are canonicalised");
        assertEquals(InitialStateSpec.DEFAULTS, inh.initial());
        assertEquals(Map.of(), inh.params());

        assertEquals(3, c.inputs().size());
        DcInputSpec dc = assertInstanceOf(DcInputSpec.class, c.inputs().get(0));
        assertEquals("exc", dc.population());
        assertEquals(80, assertInstanceOf(ValueSpec.Constant.class, dc.amplitudePA()).value());
        assertEquals(new TimeWindow(100, OptionalDouble.of(1000)), dc.window());
        NoiseInputSpec noise = assertInstanceOf(NoiseInputSpec.class, c.inputs().get(1));
        assertEquals("inh", noise.population());
        assertEquals(1, noise.meanPA());
        assertEquals(5, noise.sigmaPA());
        assertEquals(TimeWindow.ALWAYS, noise.window());
        PoissonInputSpec poisson = assertInstanceOf(PoissonInputSpec.class, c.inputs().get(2));
        assertEquals(10, poisson.rateHz());
        ValueSpec.Lognormal lw = assertInstanceOf(ValueSpec.Lognormal.class, poisson.weight());
        assertEquals(0.5, lw.sigma());
        assertEquals(0.1, assertInstanceOf(ValueSpec.Constant.class, poisson.delayMs().orElseThrow()).value());
        assertEquals("delta", poisson.synapse().model());

        assertEquals(3, c.projections().size());
        ProjectionSpec ee = c.projections().get(0);
        assertEquals("ee", ee.name());
        RuleSpec.FixedProbability fp = assertInstanceOf(RuleSpec.FixedProbability.class, ee.rule());
        assertEquals(0.1, fp.p());
        assertFalse(fp.allowAutapses());
        ValueSpec.CsvColumn wc = assertInstanceOf(ValueSpec.CsvColumn.class, ee.weight().orElseThrow());
        assertEquals(dir.resolve("w.csv").toAbsolutePath().normalize(), wc.path());
        assertEquals("w", wc.column());
        assertInstanceOf(ValueSpec.Uniform.class, ee.delayMs().orElseThrow());
        assertEquals("exp_conductance", ee.synapse().model());
        assertEquals(Map.of("tau_ms", 5.0, "E_rev_mV", 0.0), ee.synapse().params());
        assertEquals(new Location(file.toString(), 27, 22, "projections[0].synapse.model"), ee.synapse().location());
        ProjectionSpec ie = c.projections().get(1);
        RuleSpec.CsvEdges edges = assertInstanceOf(RuleSpec.CsvEdges.class, ie.rule());
        assertEquals(dir.resolve("edges.csv").toAbsolutePath().normalize(), edges.path());
        assertEquals(Optional.empty(), ie.weight());
        assertEquals(Optional.empty(), ie.delayMs());
        assertEquals(SynapseSpec.DEFAULT_MODEL, ie.synapse().model());
        RuleSpec.FixedIndegree fi = assertInstanceOf(RuleSpec.FixedIndegree.class, c.projections().get(2).rule());
        assertEquals(100, fi.k());

        RecordSpec r = c.record();
        assertEquals(List.of("exc"), r.spikePopulations());
        assertEquals(OptionalLong.of(512), r.memoryBudgetMB());
        assertEquals(2, r.state().size());
        StateRecordSpec s0 = r.state().get(0);
        assertEquals("vexc", s0.name());
        assertEquals(List.of("v", "u"), s0.variables());
        assertEquals(new NeuronSelection.Ids(List.of(0, 1, 2)), s0.neurons());
        assertEquals(1, s0.everySteps());
        assertEquals(new TimeWindow(0, OptionalDouble.of(1000)), s0.window());
        StateRecordSpec s1 = r.state().get(1);
        assertEquals("state_1", s1.name());
        assertEquals(new NeuronSelection.Range(0, 100, 10), s1.neurons());
        assertEquals(List.of("v", "u"), s1.variables());

        assertEquals(Path.of("out.h5"), c.output().path());
        assertFalse(c.output().overwrite());
        assertTrue(c.output().edges());
    }

    @Test
    void defaultsApplyToAMinimalConfig() throws Exception {
        Config c = parse(BASE);
        assertEquals(SimulationSpec.DEFAULT_SEED, c.simulation().seed());
        assertEquals(0, c.simulation().threads());
        assertEquals(List.of(), c.inputs());
        assertEquals(List.of(), c.projections());
        assertEquals(List.of("exc", "inh"), c.record().spikePopulations());
        assertEquals(List.of(), c.record().state());
        assertEquals(OptionalLong.empty(), c.record().memoryBudgetMB());
        assertEquals(Path.of(OutputSpec.DEFAULT_PATH), c.output().path());
        assertFalse(c.output().overwrite());
        assertEquals("net.yaml", c.sourceName());
        assertEquals(BASE, c.sourceText());
    }

    @Test
    void spikesFalseRecordsNothing() throws Exception {
        assertEquals(List.of(), parse(BASE + "record: {spikes: false}\n").record().spikePopulations());
    }

    @Test
    void jsonFileIsReadAndErrorsPointIntoIt() throws Exception {
        String json = """
                {
                  "simulation": {"dt_ms": 0.1, "duration_ms": 500},
                  "populations": [
                    {"name": "exc", "model": "RS", "size": 10}
                  ]
                }
                """;
        Config c = loader.load(write("net.json", json), List.of());
        assertEquals(500, c.simulation().durationMs());
        assertEquals(10, c.populations().get(0).size());

        Path bad = write("bad.json", json.replace("\"size\": 10", "\"size\": 0"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(bad, List.of()));
        assertClean(e);
        assertEquals(bad + ":4:44: populations[0].size: must be >= 1, got 0", e.getMessage());

        Path broken = write("broken.json", "{\"simulation\": {\"dt_ms\": 0.1,}}\n");
        ConfigException e2 = assertThrows(ConfigException.class, () -> loader.load(broken, List.of()));
        assertClean(e2);
        assertContains(e2.getMessage(), broken + ":1:30: syntax error");
    }

    @Test
    void unknownKeySuggestsTheNearestKnownKey() {
        String msg = fail(BASE.replace("  dt_ms: 0.1", "  dt: 0.1"));
        assertContains(msg, "net.yaml:2:3: simulation.dt: unknown key 'dt'; did you mean 'dt_ms'?");
        assertContains(msg, "net.yaml:2:3: simulation: missing required key 'dt_ms'");

        String typo = fail(BASE.replace("    size: 200", "    sise: 200"));
        assertContains(typo, "net.yaml:10:5: populations[1].sise: unknown key 'sise'; did you mean 'size'?");

        String far = fail(BASE + "colour: blue\n");
        assertContains(far, "net.yaml:11:1: colour: unknown key 'colour'; allowed keys: inputs, network, output, populations, projections, record, simulation");
    }

    @Test
    void wrongTypesAreReportedWithTheValueFound() {
        assertEquals("net.yaml:7:11: populations[0].size: expected an integer, got string 'big'",
                fail(BASE.replace("size: 800", "size: big")));
        assertEquals("net.yaml:7:11: populations[0].size: expected an integer, got number 1.5",
                fail(BASE.replace("size: 800", "size: 1.5")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: expected a number, got string '0.1'; remove the quotes",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: \"0.1\"")));
        assertEquals("net.yaml:2:3: simulation: expected a mapping with keys dt_ms, duration_ms, seed, threads,"
                + " checkpoint, got a list", fail(BASE.replace("simulation:\n", "simulation:\n  - 1\n")
                        .replace("  dt_ms: 0.1\n  duration_ms: 1000\n", "")));
        assertEquals("net.yaml:11:21: output.overwrite: expected true or false, got string 'maybe'",
                fail(BASE + "output: {overwrite: maybe}\n"));
    }

    /**
     * An unquoted {@code NaN} or {@code Infinity} is a string to YAML (its forms are {@code .nan},
     * {@code .inf}); the hint used to be "remove the quotes", which there are none of. A quoted
     * number keeps that hint; Java-only number forms get none.
     */
    @Test
    void notANumberIsNotToldToRemoveQuotesItDoesNotHave() {
        assertEquals("net.yaml:2:10: simulation.dt_ms: expected a number, got string 'NaN'; NaN and infinity are not"
                + " allowed, give a finite number", fail(BASE.replace("dt_ms: 0.1", "dt_ms: NaN")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: expected a number, got string 'Infinity'; NaN and infinity"
                + " are not allowed, give a finite number", fail(BASE.replace("dt_ms: 0.1", "dt_ms: Infinity")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: expected a number, got string '0.1d'",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: 0.1d")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: expected a number, got string '-1e-3'; remove the quotes",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: '-1e-3'")));
    }

    /**
     * A duration of more steps than a run can take was accepted by validation and failed the run
     * with an internal error (or, when recording state, with a sample window of -2^63); it is a
     * config error naming the limit at this dt.
     */
    @Test
    void aDurationOfMoreStepsThanARunTakesIsAConfigError() throws ConfigException {
        assertEquals("net.yaml:3:16: simulation.duration_ms: is 1.00e+301 steps of dt_ms 0.1; a run takes at most"
                + " 2147483647 steps, so at this dt at most 214748364 ms: shorten it, or split it into runs",
                fail(BASE.replace("duration_ms: 1000", "duration_ms: 1e300")));
        assertContains(fail(BASE, "simulation.duration_ms=214748364.8"), "a run takes at most 2147483647 steps");
        assertEquals(2147483647L, parse(BASE, "simulation.duration_ms=214748364.7").simulation().steps());
    }

    @Test
    void missingRequiredKeysAreNamed() {
        assertEquals("net.yaml:2:3: simulation: missing required key 'duration_ms', e.g. duration_ms: 1000",
                fail(BASE.replace("  duration_ms: 1000\n", "")));
        assertEquals("net.yaml:8:5: populations[1]: missing required key 'model', e.g. model: RS",
                fail(BASE.replace("    model: FS\n", "")));
        assertEquals("net.yaml:1:1: missing required key 'populations', e.g. populations: [{name: exc, model: RS,"
                + " size: 800}]",
                fail(BASE.substring(0, BASE.indexOf("populations:"))));
        assertContains(fail(BASE + "projections:\n  - {name: ee, pre: exc, post: exc, rule: {type: all_to_all}}\n"),
                "net.yaml:12:5: projections[0]: missing required key 'weight'");
    }

    @Test
    void nestCountRulesParseWithNestsDefaultsAndRefuseNegativeCounts() throws Exception {
        Config c = parse(BASE + """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_outdegree, k: 40}, weight: 1}
                  - {name: ei, pre: exc, post: inh, rule: {type: fixed_total_number, n: 5000}, weight: 1}
                  - {name: ie, pre: inh, post: exc, rule: {type: fixed_total_number, n: 70, allow_multapses: false,
                      allow_autapses: true}, weight: 1}
                """);
        RuleSpec.FixedOutdegree out = assertInstanceOf(RuleSpec.FixedOutdegree.class, c.projections().get(0).rule());
        assertEquals(40, out.k());
        assertFalse(out.allowAutapses());
        RuleSpec.FixedTotalNumber total = assertInstanceOf(RuleSpec.FixedTotalNumber.class,
                c.projections().get(1).rule());
        assertEquals(5000, total.n());
        assertTrue(total.allowMultapses(), "multapses allowed by default, as in NEST");
        assertFalse(total.allowAutapses());
        RuleSpec.FixedTotalNumber distinct = assertInstanceOf(RuleSpec.FixedTotalNumber.class,
                c.projections().get(2).rule());
        assertFalse(distinct.allowMultapses());
        assertTrue(distinct.allowAutapses());
        String msg = fail(BASE + """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_outdegree, k: -1}, weight: 1}
                  - {name: ei, pre: exc, post: inh, rule: {type: fixed_total_number, n: -5}, weight: 1}
                """);
        assertContains(msg, "net.yaml:12:");
        assertContains(msg, "projections[0].rule.k: must be >= 0, got -1");
        assertContains(msg, "net.yaml:13:");
        assertContains(msg, "projections[1].rule.n: must be >= 0, got -5");
        assertEquals(2, msg.lines().count(), msg);
        assertContains(fail(BASE + """
                projections:
                  - {name: ii, pre: inh, post: inh, rule: {type: fixed_total_number, n: 5, allow_multipses: true}, weight: 1}
                """), "net.yaml:12:76: projections[0].rule.allow_multipses: unknown key 'allow_multipses'; did you mean"
                + " 'allow_multapses'?");
        String tooMany = fail(BASE + """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_outdegree, k: 800}, weight: 1}
                  - {name: ei, pre: exc, post: inh, rule: {type: fixed_total_number, n: 160001, allow_multapses: false}, weight: 1}
                  - {name: ii, pre: inh, post: inh, rule: {type: fixed_total_number, n: 39801, allow_multapses: false}, weight: 1}
                """);
        assertContains(tooMany, "net.yaml:12:");
        assertContains(tooMany, "projections[0].rule.k: exceeds the 799 possible distinct targets in population 'exc',"
                + " got 800; lower k or allow autapses");
        assertContains(tooMany, "net.yaml:13:");
        assertContains(tooMany, "projections[1].rule.n: exceeds the 160000 possible pairs 'exc' -> 'inh' without"
                + " multapses, got 160001; lower n or set allow_multapses: true");
        assertContains(tooMany, "projections[2].rule.n: exceeds the 39800 possible pairs");
        assertEquals(3, tooMany.lines().count(), tooMany);
        parse(BASE + """
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_outdegree, k: 800, allow_autapses: true}, weight: 1}
                  - {name: ii, pre: inh, post: inh, rule: {type: fixed_total_number, n: 39800, allow_multapses: false}, weight: 1}
                  - {name: ie, pre: inh, post: inh, rule: {type: fixed_total_number, n: 99999}, weight: 1}
                """);
    }

    @Test
    void impossibleValuesAreRejected() {
        assertEquals("net.yaml:2:10: simulation.dt_ms: must be > 0, got 0",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: 0")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: must be > 0, got -0.1",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: -0.1")));
        assertEquals("net.yaml:2:10: simulation.dt_ms: must be a finite number, got .nan",
                fail(BASE.replace("dt_ms: 0.1", "dt_ms: .nan")));
        assertEquals("net.yaml:3:16: simulation.duration_ms: must be > 0, got 0",
                fail(BASE.replace("duration_ms: 1000", "duration_ms: 0")));
        assertEquals("net.yaml:10:11: populations[1].size: must be >= 1, got 0",
                fail(BASE.replace("size: 200", "size: 0")));
        String inputs = BASE + """
                inputs:
                  - {type: dc, population: exc, amplitude_pA: 5, start_ms: 100, stop_ms: 50}
                  - {type: noise, population: exc, sigma_pA: -1}
                  - {type: poisson, population: exc, rate_Hz: 10, weight: {type: uniform, low: 2, high: 1}}
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 1.5}, weight: 1}
                """;
        String msg = fail(inputs);
        assertContains(msg, "net.yaml:12:74: inputs[0].stop_ms: must be > start_ms (100), got 50");
        assertContains(msg, "net.yaml:13:46: inputs[1].sigma_pA: must be >= 0, got -1");
        assertContains(msg, "net.yaml:14:89: inputs[2].weight.high: must be >= low (2), got 1");
        assertContains(msg, "net.yaml:16:72: projections[0].rule.p: is a probability and must be in [0, 1], got 1.5");
        assertEquals(4, msg.lines().count(), msg);
    }

    @Test
    void unknownPopulationReferencesAreAllReported() {
        String text = BASE + """
                inputs:
                  - {type: dc, population: exk, amplitude_pA: 5}
                projections:
                  - {name: ei, pre: exc, post: inhh, rule: {type: one_to_one}, weight: 1}
                record:
                  spikes: [exc, foo]
                  state:
                    - {population: bar}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertClean(e);
        List<String> lines = e.errors().stream().map(ConfigError::toString).toList();
        assertEquals(List.of(
                "net.yaml:12:28: inputs[0].population: unknown population 'exk'; did you mean 'exc'?;"
                        + " defined populations: exc, inh",
                "net.yaml:14:32: projections[0].post: unknown population 'inhh'; did you mean 'inh'?;"
                        + " defined populations: exc, inh",
                "net.yaml:16:17: record.spikes[1]: unknown population 'foo'; defined populations: exc, inh",
                "net.yaml:18:20: record.state[0].population: unknown population 'bar'; defined populations: exc, inh"),
                lines);
    }

    @Test
    void oneToOneNeedsEqualSizes() {
        assertContains(fail(BASE + "projections:\n  - {name: ei, pre: exc, post: inh, rule: {type: one_to_one},"
                + " weight: 1}\n"), "net.yaml:12:43: projections[0].rule: one_to_one needs populations of equal"
                        + " size, but pre 'exc' has 800 and post 'inh' has 200 neurons");
    }

    @Test
    void duplicateNamesAndKeysAreRejected() {
        assertEquals("net.yaml:8:11: populations[1].name: duplicate population name 'exc' (first defined at line 5,"
                + " column 11); population names must be unique", fail(BASE.replace("name: inh", "name: exc")));
        assertEquals("net.yaml:3:3: simulation.dt_ms: duplicate key 'dt_ms' (first given at line 2, column 3);"
                + " keep only one", fail(BASE.replace("  duration_ms: 1000", "  dt_ms: 0.2\n  duration_ms: 1000")));
        String proj = BASE + """
                projections:
                  - {name: p, pre: exc, post: inh, rule: {type: all_to_all}, weight: 1}
                  - {name: p, pre: inh, post: exc, rule: {type: all_to_all}, weight: -1}
                """;
        assertContains(fail(proj), "net.yaml:13:12: projections[1].name: duplicate projection name 'p'"
                + " (first defined at line 12, column 12)");
    }

    @Test
    void brokenYamlGivesAPositionedSyntaxError() {
        String msg = fail(BASE.replace("size: 800", "size: [800"));
        assertTrue(msg.startsWith("net.yaml:8:"), msg);
        assertContains(msg, "syntax error: ");
        assertEquals(1, msg.lines().count(), msg);

        String tab = fail("simulation:\n\tdt_ms: 0.1\n");
        assertContains(tab, "net.yaml:2:1: syntax error:");
        assertContains(tab, "TAB");

        String colon = fail("simulation: dt_ms: 0.1\n");
        assertContains(colon, "net.yaml:1:18: syntax error: mapping values are not allowed here");
    }

    @Test
    void emptyFileAndNonMappingTopLevelAreReported() throws Exception {
        Path empty = write("empty.yaml", "");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(empty, List.of()));
        assertEquals(empty + ": the config is empty; it needs at least the sections 'simulation' and"
                + " 'populations'", e.getMessage());
        assertContains(fail("# just a comment\n"), "net.yaml: the config is empty");
        assertEquals("net.yaml:1:1: the top level must be a mapping of sections (simulation, populations, inputs,"
                + " projections, record, output), got a list", fail("- 1\n- 2\n"));
        assertContains(fail(BASE + "---\nsimulation: {}\n"), "net.yaml:12:1: more than one YAML document");
    }

    @Test
    void binaryGarbageIsRejectedAsNotText() throws Exception {
        Path bin = dir.resolve("net.yaml");
        Files.write(bin, new byte[] {'a', ':', ' ', '1', '\n', (byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(bin, List.of()));
        assertClean(e);
        assertEquals(bin + ":2:1: not UTF-8 text (invalid byte 0xFF); a config must be a YAML or JSON text file"
                + " saved as UTF-8", e.getMessage());

        Path ctl = dir.resolve("ctl.yaml");
        Files.write(ctl, new byte[] {'a', ':', ' ', 0, 1, 2, 3});
        ConfigException e2 = assertThrows(ConfigException.class, () -> loader.load(ctl, List.of()));
        assertContains(e2.getMessage(), ctl + ":1:4: contains the control character U+0000");
    }

    @Test
    void missingFileAndDirectoryAreReported() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing, List.of()));
        assertClean(e);
        assertTrue(e.getMessage().startsWith(missing + ": file not found"), e.getMessage());
        ConfigException d = assertThrows(ConfigException.class, () -> loader.load(dir, List.of()));
        assertEquals(dir + ": is a directory, not a config file", d.getMessage());
    }

    @Test
    void referencedFilesMustExist() {
        String msg = fail(BASE + "projections:\n  - {name: ee, pre: exc, post: exc, rule: {type: from_file,"
                + " path: edges.csv}}\n");
        assertContains(msg, "net.yaml:12:67: projections[0].rule.path: file not found: "
                + dir.resolve("edges.csv").toAbsolutePath().normalize());
        assertContains(msg, "resolved against the config file's directory");
        String vs = fail(BASE.replace("    size: 800\n", "    size: 800\n    params: {C: {type: hdf5, path: c.h5,"
                + " dataset: /c}}\n"));
        assertContains(vs, "net.yaml:8:36: populations[0].params.C.path: file not found");
    }

    @Test
    void unknownValueSpecTypeAndRuleTypeSuggest() {
        assertContains(fail(BASE.replace("    size: 800\n", "    size: 800\n    params: {a: {type: unifrom, low: 1,"
                + " high: 2}}\n")), "net.yaml:8:24: populations[0].params.a.type: unknown type 'unifrom'; did you"
                        + " mean 'uniform'?");
        assertContains(fail(BASE.replace("    size: 800\n", "    size: 800\n    params: {A: 1}\n")),
                "net.yaml:8:14: populations[0].params.A: unknown key 'A'; did you mean 'a'?");
        assertContains(fail(BASE.replace("model: RS", "model: XS")),
                "net.yaml:6:12: populations[0].model: unknown neuron model 'XS'; did you mean");
    }

    @Test
    void neuronAndSynapseModelsAndParametersAreValidatedInOnePass() {
        String text = """
                simulation: {dt_ms: 0.1, duration_ms: 100}
                populations:
                  - {name: exc, model: RSS, size: 10, params: {vpek: 30}}
                  - {name: inh, model: FS, size: 10, params: {vpeak: -50}}
                inputs:
                  - {type: poisson, population: exc, rate_Hz: 10, weight: 1, synapse: {model: deltaa}}
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: all_to_all}, weight: 1, synapse: {model: exp_curent}}
                  - {name: ei, pre: exc, post: inh, rule: {type: all_to_all}, weight: 1, synapse: {model: exp_current, tau: 5}}
                  - {name: ie, pre: inh, post: exc, rule: {type: all_to_all}, weight: 1, synapse: {model: delta, tau_ms: 5}}
                  - {name: ii, pre: inh, post: inh, rule: {type: all_to_all}, weight: 1,
                     synapse: {model: exp_conductance, E_rev_mV: -300}}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertClean(e);
        assertEquals(List.of(
                "net.yaml:3:24: populations[0].model: unknown neuron model 'RSS'; did you mean 'RS'?",
                "net.yaml:3:48: populations[0].params.vpek: unknown key 'vpek'; did you mean 'vpeak'?",
                "net.yaml:4:46: populations[1].params: parameter vpeak (-50.0 mV) must be above the reset c"
                        + " (-45.0 mV) (model FS with these params)",
                "net.yaml:6:79: inputs[0].synapse.model: unknown synapse model 'deltaa'; did you mean 'delta'?",
                "net.yaml:8:91: projections[0].synapse.model: unknown synapse model 'exp_curent'; did you mean"
                        + " 'exp_current'?",
                "net.yaml:9:104: projections[1].synapse.tau: unknown parameter 'tau' of synapse model"
                        + " 'exp_current'; did you mean 'tau_ms'?",
                "net.yaml:10:98: projections[2].synapse.tau_ms: unknown parameter 'tau_ms' of synapse model"
                        + " 'delta'; it takes no parameters",
                "net.yaml:12:50: projections[3].synapse.E_rev_mV: must be in [-200.0, 200.0] mV, got -300.0"),
                e.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void neuronModelsAreCoresPresetsMatchedIgnoringCase() throws Exception {
        for (Preset p : Preset.values()) {
            String lower = p.name().toLowerCase(java.util.Locale.ROOT);
            Config c = parse(BASE.replace("model: FS", "model: " + lower));
            assertEquals(p.name(), c.populations().get(1).model(), "canonical spelling of " + lower);
        }
        assertContains(fail(BASE.replace("model: FS", "model: lts")), "net.yaml:9:12: populations[1].model:"
                + " unknown neuron model 'lts'; known models: CH, FS, IB, RS, spike_source");
    }

    @Test
    void overridesByNameIndexAndFlowValue() throws Exception {
        Config c = parse(BASE + "inputs:\n  - {type: dc, population: exc, amplitude_pA: 5}\n",
                "simulation.dt_ms=0.05",
                "populations.exc.size=100",
                "populations[1].size=50",
                "inputs[0].amplitude_pA=80",
                "populations.inh.params={a: {type: uniform, low: 1, high: 2}}",
                "output.path=run.h5",
                "record.state[0]={population: inh, neurons: [1]}");
        assertEquals(0.05, c.simulation().dtMs());
        assertEquals(100, c.populations().get(0).size());
        assertEquals(50, c.populations().get(1).size());
        assertEquals(80, ((ValueSpec.Constant) ((DcInputSpec) c.inputs().get(0)).amplitudePA()).value());
        ValueSpec.Uniform a = assertInstanceOf(ValueSpec.Uniform.class, c.populations().get(1).params().get("a"));
        assertEquals(2, a.high());
        assertEquals(new Location("--set populations.inh.params={a: {type: uniform, low: 1, high: 2}}", 0, 0,
                "populations[1].params.a"), a.location());
        assertEquals(Path.of("run.h5"), c.output().path());
        assertEquals(new NeuronSelection.Ids(List.of(1)), c.record().state().get(0).neurons());
        assertEquals(BASE + "inputs:\n  - {type: dc, population: exc, amplitude_pA: 5}\n", c.sourceText(),
                "the source text is kept without overrides");
        assertEquals(7, c.overrides().size());
    }

    @Test
    void badOverridesNameTheOverride() {
        assertEquals("--set populations.exc.size=0: populations[0].size: must be >= 1, got 0",
                fail(BASE, "populations.exc.size=0"));
        assertEquals("--set populations.exk.size=3: populations: no element named 'exk' in the list at"
                + " net.yaml:5:3; did you mean 'exc'?",
                fail(BASE, "populations.exk.size=3"));
        assertEquals("--set populations[5].size=3: populations[5]: index 5 is out of range; the list has 2"
                + " element(s), and index 2 appends a new one", fail(BASE, "populations[5].size=3"));
        assertEquals("--set simulation.dt_ms.x=1: simulation.dt_ms: cannot apply 'x' here: the value is number 0.1,"
                + " which has no keys (at net.yaml:2:10)", fail(BASE, "simulation.dt_ms.x=1"));
        assertEquals("--set simulation.dt_ms: expected key.path=value, e.g. simulation.dt_ms=0.05",
                fail(BASE, "simulation.dt_ms"));
        assertContains(fail(BASE, "simulation..dt=1"), "--set simulation..dt=1: invalid key path");
        assertEquals("--set simulation.dtms=0.2: simulation.dtms: unknown key 'dtms'; did you mean 'dt_ms'?",
                fail(BASE, "simulation.dtms=0.2"));
        assertEquals("--set simulation.dt_ms=: simulation.dt_ms: missing value after '='",
                fail(BASE, "simulation.dt_ms="));
        assertContains(fail(BASE, "simulation.dt_ms=[1"), "--set simulation.dt_ms=[1: syntax error");
        assertContains(fail(BASE, "simulation.dt_ms.x=1"), "--set simulation.dt_ms.x=1: simulation.dt_ms: cannot"
                + " apply 'x' here");
    }
}
