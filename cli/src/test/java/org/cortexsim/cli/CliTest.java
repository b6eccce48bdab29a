package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, messages without stack traces, nothing written on errors. */
class CliTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes {@code yaml} as the file {@code name} in the test's directory. */
    private Path config(String name, String yaml) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void infoShowsADashForTheCvIsiOfAPopulationWithoutIntervals() throws Exception {
        Path config = config("silent.yaml", """
                simulation: {dt_ms: 0.1, duration_ms: 200, seed: 1}
                populations: [{name: exc, model: RS, size: 10}, {name: quiet, model: RS, size: 5}]
                inputs: [{type: dc, population: exc, amplitude_pA: 300}]
                """);
        Path out = dir.resolve("silent.h5");
        Outcome o = run("run", config.toString(), "-o", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        Outcome info = run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().lines().anyMatch(l -> l.matches("\\s+quiet\\s+RS\\s+5\\s+0\\s+0\\.00\\s+-")), info.out());
        assertTrue(info.out().lines().anyMatch(l -> l.matches("\\s+exc\\s+RS\\s+10\\s+\\d+\\s+[\\d.]+\\s+0\\.\\d\\d")),
                info.out());
        assertTrue(!info.out().contains("NaN"), info.out());
    }

    @Test
    void defaultRunWritesSpikesOfBothPopulations() throws Exception {
        Path out = dir.resolve("default.h5");
        Outcome o = run("run", "-o", out.toString(), "--duration", "200", "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(out) > 0);
        Outcome info = run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("exc") && info.out().contains("inh"), info.out());
        assertTrue(info.out().contains("completed"), info.out());
    }

    /**
     * {@code info} on a run whose report went to segments names its first segment and how many more
     * hold it (the rows and window it prints cover them all: 20001 samples of 0.1 ms over 2000 ms), and
     * prints the window as the decimals it stands for, not the stored sum of steps.
     */
    @Test
    void infoOfASegmentedReportSaysHowManySegmentsHoldItsRows() throws Exception {
        Path yaml = config("seg.yaml", """
                simulation: {dt_ms: 0.1, duration_ms: 2000, seed: 3}
                populations: [{name: exc, model: RS, size: 50}]
                inputs: [{type: noise, population: exc, mean_pA: 0, sigma_pA: 2000}]
                record:
                  spikes: true
                  memory_budget_MB: 1
                  state: [{name: v, population: exc, variables: [v], neurons: all}]
                """);
        Path out = dir.resolve("seg.h5");
        Outcome o = run("run", yaml.toString(), "-o", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        long segments;
        try (var files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().matches("seg\\.v\\.seg\\d{5}\\.h5")).count();
        }
        assertTrue(segments >= 2, "the report is segmented: " + segments);
        Outcome info = run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("seg.v.seg00001.h5 and " + (segments - 1) + " more segments"), info.out());
        assertTrue(info.out().contains("50 neurons x 20001 samples, [0.0, 2000.1) ms every 0.1 ms"), info.out());
    }

    @Test
    void configErrorsExitWith2NamingFileLineAndKeyAndWriteNothing() throws Exception {
        Path config = config("bad.yaml", """
                simulation: {dt_ms: -0.1, duration_ms: 100}
                populations: [{name: p, model: RS, size: 10}]
                output: {path: bad.h5}
                """);
        Outcome o = run("run", config.toString(), "-o", dir.resolve("bad.h5").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("bad.yaml:1:"), o.err());
        assertTrue(o.err().contains("dt_ms"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(dir.resolve("bad.h5")));
    }

    @Test
    void unknownSynapseModelIsAConfigError() throws Exception {
        Path config = config("syn.yaml", """
                simulation: {dt_ms: 0.1, duration_ms: 10}
                populations: [{name: p, model: RS, size: 10}]
                projections: [{name: pp, pre: p, post: p, rule: {type: all_to_all}, weight: 1, synapse: {model: gap_junction}}]
                """);
        Outcome o = run("validate", config.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown synapse model 'gap_junction'"), o.err());
        assertTrue(o.err().contains("exp_conductance"), o.err());
        // no near name: the message says how a user's own model is found
        assertTrue(o.err().contains("CORTEXSIM_CLASSPATH")
                && o.err().contains("META-INF/services/org.cortexsim.network.synapse.SynapseModel"), o.err());
    }

    @Test
    void missingConfigFileAndUnknownOptionAreUsageErrors() {
        Outcome missing = run("run", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.yaml"), missing.err());
        Outcome option = run("run", "--frobnicate");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("--frobnicate"), option.err());
    }

    @Test
    void existingOutputNeedsOverwrite() throws Exception {
        Path out = dir.resolve("x.h5");
        Files.writeString(out, "keep");
        Outcome o = run("run", "../examples/notebook_rs.yaml", "-o", out.toString(), "--quiet");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--overwrite"), o.err());
        assertEquals("keep", Files.readString(out));
        Outcome again = run("run", "../examples/notebook_rs.yaml", "-o", out.toString(), "--quiet", "--overwrite");
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void aNetworkTooBigForTheHeapIsRefusedBeforeBuildingWithTheHeapToUse() throws Exception {
        Path config = config("huge.yaml", """
                simulation: {dt_ms: 0.1, duration_ms: 100}
                populations: [{name: p, model: RS, size: 20000000}]
                projections: [{name: pp, pre: p, post: p, rule: {type: fixed_indegree, k: 1000}, weight: 1}]
                """);
        for (String command : new String[] {"validate", "run"}) {
            Outcome o = run(command, config.toString(), "--set", "output.path='" + dir.resolve("huge.h5") + "'");
            assertEquals(2, o.code(), command + ": " + o.err());
            assertTrue(o.err().contains("needs about") && o.err().contains("-Xmx"), o.err());
            assertFalse(o.out().contains("valid"), o.out());
        }
        assertFalse(Files.exists(dir.resolve("huge.h5")));
    }

    /**
     * A bad numeric option of validate, bench and sweep names that option and the value given, and
     * prints nothing else: validate printed "valid" and its estimate beside the error, and the
     * three printed one sentence listing every option's bound whichever was wrong.
     */
    @Test
    void aBadNumericOptionNamesItselfAndItsValueAndNothingElseIsPrinted() {
        String[][] cases = {
            {"--partitions must be >= 1, got 0", "validate", "../examples/notebook_rs.yaml", "--partitions", "0"},
            {"--rate must be a firing rate >= 0 Hz, got -1.0", "validate", "../examples/notebook_rs.yaml", "--rate", "-1"},
            {"--repeats must be >= 1, got 0", "bench", "--sizes", "100", "--repeats", "0"},
            {"--duration must be > 0 ms, got 0.0", "bench", "--sizes", "100", "--duration", "0"},
            {"--threads must be >= 0 (0 = all cores), got -2", "bench", "--sizes", "100", "--threads", "-2"},
            {"--min-neurons-per-thread must be >= 1, got 0", "bench", "--sizes", "100", "--min-neurons-per-thread", "0"},
            {"--parallel must be >= 0 (0 = cores / threads), got -1", "sweep", "--parallel", "-1", "../examples/sweep.yaml"},
            {"--threads must be >= 0 (0 = cores / runs at once), got -1", "sweep", "--threads", "-1", "../examples/sweep.yaml"},
        };
        for (String[] c : cases) {
            Outcome o = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, o.code(), String.join(" ", c) + ": " + o.err());
            assertTrue(o.err().startsWith("cortexsim: " + c[0] + "\n") || o.err().startsWith("cortexsim: " + c[0] + "\r"),
                    o.err());
            assertEquals("", o.out(), String.join(" ", c));
        }
    }

    @Test
    void validatePrintsEachInputWithItsNeuronsAndWindow() throws Exception {
        Path config = config("inputs.yaml", """
                simulation: {dt_ms: 0.1, duration_ms: 500}
                populations: [{name: exc, model: RS, size: 100}]
                inputs:
                  - {type: step_current, population: exc, times_ms: [100, 300.5], amplitudes_pA: [70, 0], neurons: [0, 1, 2]}
                  - {type: sinusoidal, population: exc, amplitude_pA: 40, frequency_Hz: 12.5, offset_pA: 10, phase_deg: -30, start_ms: 20, stop_ms: 400, neurons: {start: 0, stop: 100, step: 10}}
                  - {type: noise, population: exc, sigma_pA: 5}
                """);
        Outcome v = run("validate", config.toString(), "--set", "inputs[0].amplitudes_pA=[80, 5]");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("  inputs[0]    step_current into exc (neurons [0, 1, 2]): 80 pA from 100 ms, 5 pA from"
                + " 300.5 ms; the whole run\n"), v.out());
        assertTrue(v.out().contains("  inputs[1]    sinusoidal 10 + 40 sin(2 pi 12.5 Hz t - 30 deg) pA into exc (neurons"
                + " {start: 0, stop: 100, step: 10}); from 20 ms until 400 ms\n"), v.out());
        assertTrue(v.out().contains("  inputs[2]    noise mean 0 pA, sigma 5 pA into exc (all neurons); the whole run\n"),
                v.out());
    }

    @Test
    void validatePrintsAnEstimateAndPresetsListParameters() {
        Outcome v = run("validate", "../examples/cortex.yaml");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("neurons") && v.out().contains("synapses") && v.out().contains("memory"), v.out());
        // the exchange window of a partitioned run (delays of 0.5 ms and more) and its cost on 4 machines at 10 Hz:
        // 2,000 exchanges; 10,000 spikes; each sends 2,000 x (24 + 20) + 4 x 10,000 / 4 = 98,000 B = 95.7 KiB
        Outcome c = run("validate", "../examples/cortex.yaml", "--partitions", "4", "--rate", "10");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("window 5 step(s) (0.5 ms, the shortest delay): per model second on 4 machines, "
                + "2000 exchanges, ~1.00e+04 spikes (at 10.0 Hz), each partition sends 95.7 KiB and receives 287.1 KiB"),
                c.out());
        Outcome p = run("presets");
        assertEquals(0, p.code());
        assertTrue(p.out().contains("vpeak") && p.out().contains("pF") && p.out().contains("FS"), p.out());
    }

    @Test
    void presetsPrintsEveryRowOfTheParameterTableForEveryPreset() {
        Outcome o = run("presets");
        assertEquals(0, o.code(), o.err());
        java.util.List<String> lines = o.out().lines().toList();
        for (org.cortexsim.core.model.Preset preset : org.cortexsim.core.model.Preset.values()) {
            int header = lines.indexOf(lines.stream().filter(l -> l.startsWith(preset.name() + ": "
                    + preset.description())).findFirst().orElseThrow(() -> new AssertionError(o.out())));
            for (org.cortexsim.core.model.Parameter p : org.cortexsim.core.model.Parameter.values()) {
                String row = lines.get(header + 1 + p.ordinal()).trim();
                double printed = Double.parseDouble(row.split("\\s+")[1]);
                assertTrue(row.startsWith(p.key() + " ") && row.contains(p.unit()) && row.endsWith(p.meaning()),
                        "row of " + p.key() + " for " + preset + ": " + row);
                assertEquals(p.valueIn(preset), printed, 0.0, row);
            }
            if (!preset.note().isEmpty()) {
                assertTrue(o.out().contains(preset.name() + ": " + preset.note()), o.out());
            }
        }
    }

    /** {@code presets} lists every registered synapse model with each parameter's default and unit, and its fields. */
    @Test
    void presetsListsEverySynapseModelWithItsParametersAndFields() {
        Outcome o = run("presets");
        assertEquals(0, o.code(), o.err());
        java.util.List<String> lines = o.out().lines().toList();
        var models = org.cortexsim.network.synapse.SynapseModels.all().values();
        assertTrue(models.stream().map(org.cortexsim.network.synapse.SynapseModel::name).toList()
                .containsAll(java.util.List.of("delta", "exp_current", "exp_conductance")));
        for (org.cortexsim.network.synapse.SynapseModel m : models) {
            int header = lines.indexOf(m.name() + ": " + m.description() + "; weight in " + m.weightUnit());
            assertTrue(header >= 0, m.name() + " in " + o.out());
            int row = header + 1;
            for (org.cortexsim.network.synapse.ParameterSpec p : m.parameters()) {
                String[] cells = lines.get(row++).trim().split("\\s+");
                assertEquals(p.name(), cells[0]);
                if (p.required()) {
                    assertEquals("required", cells[1]);
                } else {
                    assertEquals(p.defaultValue(), Double.parseDouble(cells[1]), 0.0, m.name() + "." + p.name());
                }
                assertEquals(p.unit(), cells[2]);
            }
            for (org.cortexsim.network.synapse.FieldSpec f : m.fields()) {
                String[] cells = lines.get(row++).trim().split("\\s+");
                assertEquals(java.util.List.of("field", f.name(), f.unit()), java.util.List.of(cells).subList(0, 3));
            }
        }
    }

    /**
     * {@code presets} lists every registered plasticity rule (the keys of a projection's {@code plasticity:})
     * with each parameter's name, default (or {@code required}) and unit, and each word-valued choice with its
     * default and allowed words: a user setting up {@code tsodyks_markram} finds U, tau_rec_ms and tau_fac_ms there.
     */
    @Test
    void presetsListsEveryPlasticityRuleWithItsParameters() {
        Outcome o = run("presets");
        assertEquals(0, o.code(), o.err());
        java.util.List<String> lines = o.out().lines().toList();
        var rules = org.cortexsim.network.plasticity.PlasticityRules.all().values();
        assertTrue(rules.stream().map(org.cortexsim.network.plasticity.PlasticityRule::name).toList()
                .containsAll(java.util.List.of("stdp", "tsodyks_markram")));
        for (org.cortexsim.network.plasticity.PlasticityRule rule : rules) {
            int header = lines.indexOf("plasticity rule " + rule.name() + ": " + rule.description());
            assertTrue(header >= 0, rule.name() + " in " + o.out());
            int row = header + 1;
            for (org.cortexsim.network.synapse.ParameterSpec p : rule.parameters()) {
                String line = lines.get(row++);
                String[] cells = line.trim().split("\\s+");
                assertEquals(p.name(), cells[0], line);
                if (p.required()) {
                    assertEquals("required", cells[1], line);
                } else {
                    assertEquals(p.defaultValue(), Double.parseDouble(cells[1]), 0.0, rule.name() + "." + p.name());
                }
                assertTrue(line.contains(p.unit()) && line.endsWith(p.meaning()), line);
            }
            for (org.cortexsim.network.plasticity.ChoiceSpec c : rule.choices()) {
                String line = lines.get(row++);
                String[] cells = line.trim().split("\\s+");
                assertEquals(java.util.List.of(c.name(), c.defaultValue()), java.util.List.of(cells).subList(0, 2), line);
                assertTrue(line.contains("one of " + String.join(", ", c.allowed())) && line.endsWith(c.meaning()), line);
            }
        }
    }

    /** {@code worker --help} says the workers also run the partitions of {@code run --cluster}, not sweeps only. */
    @Test
    void workerHelpNamesPartitionedRunsAsWellAsSweeps() {
        Outcome o = run("worker", "--help");
        assertEquals(0, o.code(), o.err());
        String help = o.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("run --cluster") && help.contains("sweep"), help);
        assertTrue(help.contains("--shared-dir=DIR directory shared with the driver; runs of 'sweep --shared' and"
                + " partitions of 'run --cluster --shared' write there"), help);
    }

    @Test
    void benchPrintsOneRowPerSizeAndRefusesBadSizes() {
        // by default each size runs in a JVM of its own; --in-process runs them here
        for (String mode : new String[] {"--seed=20260101", "--in-process"}) {
            Outcome o = run("bench", "--sizes", "200,400", "--repeats", "1", "--duration", "20", "--threads", "1", mode);
            assertEquals(0, o.code(), o.err());
            String[] lines = o.out().split("\\R");
            long rows = java.util.Arrays.stream(lines).filter(l -> l.trim().matches("(200|400) .*")).count();
            assertEquals(2, rows, mode + ":\n" + o.out());
            assertEquals(2, java.util.Arrays.stream(lines).filter(l -> l.contains("loop runs")).count(), o.out());
            assertEquals(1, java.util.Arrays.stream(lines).filter(l -> l.contains("ns/update") && l.contains("synapses")).count(),
                    "one header: " + o.out());
            assertTrue(o.out().contains("B/syn") && o.out().contains("# heap_MB"), o.out());
        }
        Outcome bad = run("bench", "--sizes", "1");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("--sizes"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    void benchVariantsPrintJsonLinesAndAProfile() {
        Outcome o = run("bench", "--sizes", "300", "--repeats", "1", "--duration", "20", "--threads", "1",
                "--synapse", "exp_current", "--delays", "uniform", "--json", "--profile");
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\\R");
        assertEquals(2, lines.length, "one result line and one profile line (1 thread): " + o.out());
        assertTrue(lines[0].startsWith("{\"impl\":\"cortexsim\",\"N\":300,") && lines[0].endsWith("}"), lines[0]);
        assertTrue(lines[0].contains("\"synapse\":\"exp_current\"") && lines[0].contains("\"delays\":\"uniform\""),
                lines[0]);
        assertTrue(lines[0].matches(".*\"spikes\":[1-9][0-9]*,.*"), "an active network: " + lines[0]);
        assertTrue(lines[1].contains("\"profile\":true") && lines[1].contains("\"propagate_s\":")
                && lines[1].contains("\"integrate_s\":") && lines[1].contains("\"wait_s\":"), lines[1]);
        Outcome table = run("bench", "--sizes", "300", "--repeats", "1", "--duration", "20", "--threads", "1",
                "--delays", "uniform", "--profile");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("synapse delta, delays uniform") && table.out().contains("propagate")
                && table.out().contains("profiled run"), table.out());
        Outcome plastic = run("bench", "--sizes", "300", "--repeats", "1", "--duration", "200", "--threads", "1",
                "--stdp", "--json");
        assertEquals(0, plastic.code(), plastic.err());
        String p = plastic.out().strip();
        assertTrue(p.contains("\"stdp\":true") && p.contains("\"w_EE_frac_at_max\":"), p);
        double sd = Double.parseDouble(p.replaceAll(".*\"w_EE_std\":([0-9.eE+-]+),.*", "$1"));
        double mean = Double.parseDouble(p.replaceAll(".*\"w_EE_mean\":([0-9.eE+-]+),.*", "$1"));
        assertTrue(sd > 0 && mean > 0 && mean < 1200, "E->E weights moved from 600 pA, within the bounds: " + p);
        assertFalse(lines[0].contains("w_EE"), "no weights without --stdp: " + lines[0]);
        for (String[] bad : new String[][] {{"--synapse", "alpha"}, {"--delays", "lognormal"}}) {
            Outcome b = run("bench", "--sizes", "300", bad[0], bad[1]);
            assertEquals(ExitCodes.USAGE, b.code(), String.join(" ", bad));
            assertTrue(b.err().contains(bad[0].substring(2)) && b.err().contains(bad[1]), b.err());
        }
    }

    /** {@code --resume} with {@code --overwrite} is a usage error that says which to give to continue a run. */
    @Test
    void resumeWithOverwriteSaysToGiveResumeInPlaceOfOverwrite() {
        Path out = dir.resolve("both.h5");
        Outcome o = run("run", "../examples/notebook_rs.yaml", "-o", out.toString(), "--resume", "--overwrite");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("give --resume in place of --overwrite"), o.err());
        assertTrue(!Files.exists(out), "nothing written");
    }
}
