package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record.weights[].variables} through the command line: {@code validate} refuses a field
 * the projection's rule does not declare as {@code run} does (exit 2, the file, line and column,
 * the rule's fields, nothing written); a sweep whose runs change the rule to one without the
 * field is refused before anything runs; {@code info} lists each recorded variable as a report
 * of synapses with its unit.
 */
class RuleStateCliTest {
    @TempDir
    Path dir;

    private static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 20, seed: 1}
            populations:
              - {name: exc, model: RS, size: 40}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 100, delay_ms: 1,
                 plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_max: 200}}
            inputs:
              - {type: noise, population: exc, mean_pA: 60, sigma_pA: 700}
            record:
              weights:
                - {name: trace, projection: ee, every_ms: 1, variables: VARIABLES}
            """;

    private Path config(String name, String variables) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), NETWORK.replace("VARIABLES", variables));
    }

    @Test
    void anUnknownFieldIsRefusedByValidateAsByRun() throws Exception {
        Path c = config("typo", "[w, x_pst]");
        CliTest.Outcome validate = CliTest.run("validate", c.toString());
        assertEquals(ExitCodes.USAGE, validate.code(), validate.out() + validate.err());
        assertTrue(validate.err().contains("typo.yaml:11:65: record.weights[0].variables[1]: plasticity rule 'stdp'"
                + " of projection 'ee' has no field 'x_pst'; did you mean 'x_post'? (recordable: w, x_pre, t_pre,"
                + " x_post, t_post; w is the weight)"), validate.err());
        Path out = dir.resolve("typo.h5");
        CliTest.Outcome run = CliTest.run("run", c.toString(), "-o", out.toString(), "-q");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertEquals(validate.err().strip(), run.err().strip(), "validate and run say the same");
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A sweep checks every run's recorded fields before anything runs: exit 2 naming the run, no run output. */
    @Test
    void aSweepWhoseRuleLosesTheFieldIsRefusedBeforeAnythingRuns() throws Exception {
        config("base", "[w, x_pre]");
        Path sweep = Files.writeString(dir.resolve("rules.yaml"), "base: base.yaml\naxes:\n"
                + "  projections.ee.plasticity: [{rule: stdp, A_plus: 1, A_minus: 1, w_max: 200},"
                + " {rule: tsodyks_markram}]\n");
        CliTest.Outcome o = CliTest.run("sweep", sweep.toString(), "-q");
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("run 1 (projections.ee.plasticity="), o.err());
        assertTrue(o.err().contains("plasticity rule 'tsodyks_markram' of projection 'ee' has no field 'x_pre'")
                && o.err().contains("recordable: w, u, x, t_last"), o.err());
        assertFalse(Files.exists(dir.resolve("rules_out").resolve("run-0000.h5")), "nothing ran");
    }

    @Test
    void infoListsEachVariableAsAReportOfSynapsesWithItsUnit() throws Exception {
        Path c = config("traces", "[w, x_pre, t_post]");
        Path out = dir.resolve("traces.h5");
        CliTest.Outcome run = CliTest.run("run", c.toString(), "-o", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        CliTest.Outcome info = CliTest.run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        String text = info.out();
        for (String[] row : new String[][] {{"traces.trace_w.h5", "syn_weight", "pA"},
                {"traces.trace_x_pre.h5", "x_pre", "1"}, {"traces.trace_t_post.h5", "t_post", "steps"}}) {
            String line = text.lines().filter(l -> l.contains(row[0])).findFirst().orElse("");
            assertTrue(line.matches(".*" + row[0] + "\\s+" + row[1] + "\\s+of ee\\s+" + row[2] + ", \\d+ synapses x 21"
                    + " samples.*"), row[0] + " in:\n" + text);
        }
    }
}
