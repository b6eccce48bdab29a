package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity of a config, which a checkpoint records and a resumed run must match: the effective
 * config (file plus overrides) in canonical form. Layout, comments, key order and the spelling of
 * numbers do not count; threads, output, checkpoint settings and the memory budget do not count
 * either (they do not change results); every other value does, and a difference is named by key.
 */
class ConfigIdentityTest {
    private static final String BASE = """
            simulation: {dt_ms: 0.1, duration_ms: 1000, seed: 3}
            populations:
              - {name: exc, model: RS, size: 40}
              - {name: inh, model: FS, size: 10}
            inputs:
              - {type: dc, population: exc, amplitude_pA: 70}
            """;

    private static ConfigIdentity identity(String text, String... overrides) throws ConfigException {
        return new ConfigLoader().parse(text, "net.yaml", List.of(overrides)).identity();
    }

    @Test
    void layoutCommentsKeyOrderAndNumberSpellingDoNotCount() throws Exception {
        ConfigIdentity a = identity(BASE);
        ConfigIdentity b = identity("""
                # the same network, written differently
                simulation:
                  seed: 3
                  duration_ms: 1000.0
                  dt_ms: 1e-1
                populations:
                  - {size: 40, model: RS, name: exc}
                  - {name: inh, model: FS, size: 10}   # interneurons
                inputs: [{population: exc, type: dc, amplitude_pA: 70.00}]
                """);
        assertEquals(a.lines(), b.lines());
        assertEquals(a.sha256(), b.sha256());
        assertTrue(a.lines().contains("simulation.duration_ms = 1000"), a.lines().toString());
        assertTrue(a.lines().contains("populations[1].name = \"inh\""), a.lines().toString());
    }

    @Test
    void executionSettingsDoNotCountAndEverythingElseDoes() throws Exception {
        ConfigIdentity a = identity(BASE);
        assertEquals(a.sha256(), identity(BASE, "simulation.threads=4", "output.path=elsewhere.h5",
                "output.overwrite=true", "simulation.checkpoint.every_ms=250", "record.memory_budget_MB=64").sha256());
        assertEquals(a.sha256(), identity(BASE.replace("seed: 3}", "seed: 3, threads: 2, checkpoint: {}}")).sha256());
        ConfigIdentity seed = identity(BASE, "simulation.seed=4");
        assertNotEquals(a.sha256(), seed.sha256(), "an override counts");
        assertEquals(List.of("simulation.seed is 4 here, 3 in the checkpoint's config"), seed.differencesFrom(a, 5));
        ConfigIdentity more = identity(BASE, "inputs[1]={type: noise, population: inh, sigma_pA: 5}");
        assertTrue(more.differencesFrom(a, 5).contains("inputs[1].sigma_pA is 5 here, absent in the checkpoint's"
                + " config"), more.differencesFrom(a, 5).toString());
        assertTrue(a.differencesFrom(more, 5).contains("inputs[1].type is absent here, \"noise\" in the checkpoint's"
                + " config"), a.differencesFrom(more, 5).toString());
        assertEquals(2, a.differencesFrom(more, 2).size(), "at most as many as asked");
    }

    @Test
    void theOrderOfAnInputsNeuronsDoesNotCountButWhichNeuronsDoes() throws Exception {
        String withNeurons = BASE.replace("amplitude_pA: 70}", "amplitude_pA: 70, neurons: [7, 2, 30]}");
        ConfigIdentity a = identity(withNeurons);
        assertEquals(a.sha256(), identity(BASE, "inputs[0].neurons=[30, 7, 2]").sha256());
        assertTrue(a.lines().containsAll(List.of("inputs[0].neurons[0] = 2", "inputs[0].neurons[1] = 7",
                "inputs[0].neurons[2] = 30")), a.lines().toString());
        ConfigIdentity other = identity(BASE, "inputs[0].neurons=[30, 7, 3]");
        assertEquals(List.of("inputs[0].neurons[0] is 3 here, 2 in the checkpoint's config"),
                other.differencesFrom(a, 5));
        String recorded = BASE + "record: {state: [{population: exc, variables: [v], neurons: [7, 2]}]}\n";
        assertNotEquals(identity(recorded).sha256(), identity(recorded.replace("[7, 2]", "[2, 7]")).sha256(),
                "a recording's neurons are its columns, in the order given");
    }

    @Test
    void theIdentityReadBackFromItsLinesIsTheSame() throws Exception {
        ConfigIdentity a = identity(BASE);
        assertEquals(a, ConfigIdentity.of(a.lines()));
        assertEquals(List.of(), a.differencesFrom(ConfigIdentity.of(a.lines()), 5));
    }
}
