package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} refuses the recorded synapse fields that {@code run} refuses, with the same
 * message: a bare field name several channels onto a population have, or a channel number the
 * population does not have. (Before, {@code validate} said "valid" and only {@code run} refused.)
 * The network: exc receives exp_conductance from ee (E_rev 0 mV, tau 5 ms) and from a Poisson input
 * with the same parameters (one channel, {@code exp_conductance}), and from ie with E_rev -80 mV
 * (a second channel, {@code exp_conductance.2}).
 */
class ValidateRecordedFieldsTest {
    @TempDir
    Path dir;

    private static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 20, seed: 1}
            populations:
              - {name: exc, model: RS, size: 40}
              - {name: inh, model: FS, size: 10}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 1, synapse: {model: exp_conductance, tau_ms: 5, E_rev_mV: 0}}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 2, synapse: {model: exp_conductance, tau_ms: 10, E_rev_mV: -80}}
            inputs:
              - {type: poisson, population: exc, rate_Hz: 2000, weight: 1, synapse: {model: exp_conductance, tau_ms: 5, E_rev_mV: 0}}
            record:
              state:
                - {name: rec, population: exc, variables: VARIABLES, neurons: [0, 1]}
            """;

    private Path config(String name, String variables) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), NETWORK.replace("VARIABLES", variables));
    }

    private void bothRefuse(String name, String variables, String expected) throws Exception {
        Path c = config(name, variables);
        CliTest.Outcome validate = CliTest.run("validate", c.toString());
        assertEquals(ExitCodes.USAGE, validate.code(), validate.out() + validate.err());
        assertTrue(validate.err().contains(expected), validate.err());
        Path out = dir.resolve(name + ".h5");
        CliTest.Outcome run = CliTest.run("run", c.toString(), "-o", out.toString(), "-q");
        assertEquals(ExitCodes.USAGE, run.code(), run.err());
        assertEquals(run.err().strip(), validate.err().strip(), "validate and run say the same");
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(validate.err().contains(name + ".yaml:12:"), "names the file and the record.state line: "
                + validate.err());
    }

    @Test
    void aBareFieldOfSeveralChannelsIsRefusedByValidateAsByRun() throws Exception {
        bothRefuse("ambiguous", "[v, g]", "variable 'g' is ambiguous, several synapse channels onto it have it;"
                + " name one: exp_conductance.2.g, exp_conductance.g");
    }

    /** A sweep checks its runs' recorded fields before anything runs: exit 2 naming the run, no run output. */
    @Test
    void aSweepOfAnAmbiguousFieldIsRefusedBeforeAnythingRuns() throws Exception {
        config("base", "[v, g]");
        Path sweep = Files.writeString(dir.resolve("gi.yaml"), "base: base.yaml\naxes:\n  projections.ie.weight: [2, 5]\n");
        CliTest.Outcome o = CliTest.run("sweep", sweep.toString(), "-q");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("run 0 (projections.ie.weight=2"), o.err());
        assertTrue(o.err().contains("variable 'g' is ambiguous"), o.err());
        assertFalse(Files.exists(dir.resolve("gi_out").resolve("run-0000.h5")), "nothing ran");
    }

    @Test
    void aChannelThePopulationDoesNotHaveIsRefusedByValidateAsByRun() throws Exception {
        // the Poisson input shares ee's channel (same model and parameters): there is no third one
        bothRefuse("third", "[exp_conductance.3.g]", "population 'exc' has no recordable variable"
                + " 'exp_conductance.3.g'; it has: v, u, I, exp_conductance.2.g, exp_conductance.g");
        bothRefuse("current", "[I_syn]", "has no recordable variable 'I_syn'");
    }

    @Test
    void qualifiedFieldsPassValidateAndRun() throws Exception {
        Path c = config("qualified", "[v, exp_conductance.g, exp_conductance.2.g]");
        CliTest.Outcome validate = CliTest.run("validate", c.toString());
        assertEquals(0, validate.code(), validate.err());
        Path out = dir.resolve("qualified.h5");
        CliTest.Outcome run = CliTest.run("run", c.toString(), "-o", out.toString(), "-q");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.exists(dir.resolve("qualified.rec_exp_conductance.2.g.h5")));
        // info's report table stays aligned with names longer than its minimum column widths
        CliTest.Outcome info = CliTest.run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        java.util.List<Integer> columns = info.out().lines().filter(l -> l.contains(" of exc "))
                .map(l -> l.indexOf(" of exc ")).distinct().toList();
        assertEquals(1, columns.size(), info.out());
        assertEquals(3, info.out().lines().filter(l -> l.contains(" of exc ")).count(), info.out());
    }
}
