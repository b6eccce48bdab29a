package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receptor models in configs: their parameters are read and checked like any synapse
 * model's, and a rise time not below the decay time (the models' check across parameters) is
 * a config error at the line of the parameter to change, naming both and the fix; with that
 * parameter left at its default, at the other one's line.
 */
class ReceptorConfigTest {
    @TempDir
    Path dir;

    static String network(String synapse) {
        return """
                simulation: {dt_ms: 0.1, duration_ms: 10}
                populations:
                  - {name: exc, model: RS, size: 10}
                projections:
                  - name: ee
                    pre: exc
                    post: exc
                    rule: {type: fixed_probability, p: 0.1}
                    weight: 0.5
                    synapse: %s
                """.formatted(synapse);
    }

    Config parse(String text) throws ConfigException {
        return new ConfigLoader().parse(text, "net.yaml", dir, List.of());
    }

    List<String> errors(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        ConfigLoaderTest.assertClean(e);
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void receptorParametersAreRead() throws Exception {
        Config c = parse(network("{model: nmda_beta_conductance, tau_rise_ms: 5, tau_decay_ms: 100, E_rev_mV: 0}"));
        assertEquals("nmda_beta_conductance", c.projections().get(0).synapse().model());
        assertEquals(Map.of("tau_rise_ms", 5.0, "tau_decay_ms", 100.0, "E_rev_mV", 0.0),
                c.projections().get(0).synapse().params());
        assertEquals(Map.of("tau_ms", 150.0), parse(network("{model: nmda_conductance, tau_ms: 150}")).projections()
                .get(0).synapse().params());
    }

    @Test
    void aRiseNotBelowTheDecayIsAnErrorAtTheLineOfTheRise() {
        String fix = ": the conductance rises with tau_rise_ms and decays with tau_decay_ms; swap them if they are the"
                + " wrong way round, or use ";
        assertEquals(List.of("net.yaml:10:53: projections[0].synapse.tau_rise_ms: tau_rise_ms (200.0 ms) must be below"
                + " tau_decay_ms (150.0 ms)" + fix + "exp_conductance for a conductance without a rise"),
                errors(network("{model: beta_conductance, tau_rise_ms: 200, tau_decay_ms: 150}")));
        assertEquals(List.of("net.yaml:10:58: projections[0].synapse.tau_rise_ms: tau_rise_ms (150.0 ms) must be below"
                + " tau_decay_ms (150.0 ms)" + fix + "nmda_conductance for a conductance without a rise"),
                errors(network("{model: nmda_beta_conductance, tau_rise_ms: 150, tau_decay_ms: 150}")));
        // the rise at its default (10 ms): the error points at the decay the config gives
        assertEquals(List.of("net.yaml:10:59: projections[0].synapse.tau_decay_ms: tau_rise_ms (10.0 ms) must be below"
                + " tau_decay_ms (8.0 ms)" + fix + "nmda_conductance for a conductance without a rise"),
                errors(network("{model: nmda_beta_conductance, tau_decay_ms: 8}")));
    }

    @Test
    void aNegativeTimeConstantIsAnErrorAtItsLineWithTheRange() {
        assertEquals(List.of("net.yaml:10:53: projections[0].synapse.tau_rise_ms: must be in [1.0E-6, 1000000.0] ms,"
                + " got -2.0"), errors(network("{model: beta_conductance, tau_rise_ms: -2, tau_decay_ms: 150}")));
        assertEquals(List.of("net.yaml:10:48: projections[0].synapse.tau_ms: must be in [1.0E-6, 1000000.0] ms,"
                + " got -150.0"), errors(network("{model: nmda_conductance, tau_ms: -150}")));
    }
}
