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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config keys of the SONATA work: {@code record.state[].dtype}, {@code output.circuit}, and
 * networks from SONATA circuits ({@code network.sonata}, {@code from_sonata}), read here through a
 * fake {@link SonataCircuitReader} registered for the tests (the real one lives in the run module).
 */
class SonataConfigTest {
    @TempDir
    Path dir;

    private static final String SIM = "simulation: {dt_ms: 0.1, duration_ms: 100}\n";

    /** A circuit of node populations exc (RS, 10 nodes) and inh (FS, 4 nodes) and edge population ee. */
    public static final class FakeCircuitReader implements SonataCircuitReader {
        @Override
        public Network read(Path circuitConfig, Location location) {
            Path nodes = circuitConfig.resolveSibling("nodes.h5");
            PopulationSpec exc = new PopulationSpec("exc", "RS", 10, Map.of("a", new ValueSpec.Constant(0.02, location)),
                    InitialStateSpec.DEFAULTS, location, Optional.of(new PopulationSpec.SonataNodes(nodes, "exc",
                            new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})));
            PopulationSpec inh = new PopulationSpec("inh", "FS", 4, Map.of(), InitialStateSpec.DEFAULTS, location,
                    Optional.of(new PopulationSpec.SonataNodes(nodes, "inh", new long[] {0, 1, 2, 3})));
            ProjectionSpec ee = new ProjectionSpec("ee", "exc", "exc", new RuleSpec.SonataCircuitEdges(
                    circuitConfig.resolveSibling("edges.h5"), null, "ee", new long[] {100}, null, null, 25, location),
                    Optional.empty(), Optional.empty(), new SynapseSpec("exp_current", Map.of("tau_ms", 5.0), location),
                    location);
            return new Network(List.of(exc, inh), List.of(ee));
        }
    }

    private Config parse(String text) throws Exception {
        Files.writeString(dir.resolve("circuit_config.json"), "{}");
        return new ConfigLoader().parse(text, "net.yaml", dir, List.of());
    }

    private String fail(String text) throws Exception {
        Files.writeString(dir.resolve("circuit_config.json"), "{}");
        return assertThrows(ConfigException.class, () -> new ConfigLoader().parse(text, "net.yaml", dir, List.of()))
                .getMessage();
    }

    @Test
    void reportDtypeDefaultsToFloat32AndFloat64KeepsEveryBit() throws Exception {
        Config c = parse(SIM + """
                populations: [{name: p, model: RS, size: 2}]
                record:
                  state: [{name: a, population: p, variables: [v]}, {name: b, population: p, dtype: float64}]
                """);
        assertEquals(StateRecordSpec.Dtype.FLOAT32, c.record().state().get(0).dtype());
        assertEquals(StateRecordSpec.Dtype.FLOAT64, c.record().state().get(1).dtype());
        String m = fail(SIM + """
                populations: [{name: p, model: RS, size: 2}]
                record:
                  state: [{name: a, population: p, dtype: double}]
                """);
        assertTrue(m.contains("net.yaml:4:") && m.contains("record.state[0].dtype: unknown report dtype 'double'")
                && m.contains("float32") && m.contains("float64"), m);
    }

    @Test
    void outputCircuitIsADirectoryBesideTheOutputOrGiven() throws Exception {
        String pops = "populations: [{name: p, model: RS, size: 2}]\n";
        assertEquals(Optional.of(Path.of("runs/x.circuit")),
                parse(SIM + pops + "output: {path: runs/x.h5, circuit: true}\n").output().circuit());
        assertEquals(Optional.of(Path.of("net")), parse(SIM + pops + "output: {circuit: net}\n").output().circuit());
        assertEquals(Optional.empty(), parse(SIM + pops + "output: {circuit: false}\n").output().circuit());
        assertEquals(Optional.empty(), parse(SIM + pops).output().circuit());
        assertTrue(fail(SIM + pops + "output: {circuit: 3}\n").contains("output.circuit"));
    }

    @Test
    void aNetworkFromACircuitProvidesPopulationsAndProjectionsTheRestOfTheConfigUses() throws Exception {
        Config c = parse(SIM + """
                network: {sonata: circuit_config.json}
                populations: [{name: extra, model: FS, size: 3}]
                projections:
                  - {name: x, pre: exc, post: extra, rule: {type: all_to_all}, weight: 1}
                inputs: [{type: noise, population: inh, sigma_pA: 5}]
                record: {spikes: [exc, extra]}
                """);
        assertEquals(List.of("exc", "inh", "extra"), c.populations().stream().map(PopulationSpec::name).toList());
        assertEquals(List.of("ee", "x"), c.projections().stream().map(ProjectionSpec::name).toList());
        assertInstanceOf(RuleSpec.SonataCircuitEdges.class, c.projections().get(0).rule());
        assertTrue(c.projections().get(0).weight().isEmpty(), "weights come from the circuit");
        assertEquals(List.of("exc", "extra"), c.record().spikePopulations());
        Config all = parse(SIM + "network: {sonata: circuit_config.json}\n");
        assertEquals(List.of("exc", "inh"), all.record().spikePopulations(), "spikes: true by default covers them");
    }

    @Test
    void fromSonataTakesOnePopulationOrProjectionWithOverrides() throws Exception {
        Config c = parse(SIM + """
                populations:
                  - {name: e, from_sonata: {circuit: circuit_config.json, population: exc}, params: {d: 6}}
                  - {from_sonata: {circuit: circuit_config.json, population: inh}}
                projections:
                  - {from_sonata: {circuit: circuit_config.json, population: ee}, pre: e, post: e, weight: 2}
                """);
        PopulationSpec e = c.populations().get(0);
        assertEquals("e", e.name());
        assertEquals(10, e.size());
        assertEquals(Map.of("a", 0.02, "d", 6.0), Map.of("a", ((ValueSpec.Constant) e.params().get("a")).value(),
                "d", ((ValueSpec.Constant) e.params().get("d")).value()));
        assertEquals("exc", e.sonata().orElseThrow().population());
        assertEquals("inh", c.populations().get(1).name());
        ProjectionSpec ee = c.projections().get(0);
        assertEquals(List.of("ee", "e", "e"), List.of(ee.name(), ee.pre(), ee.post()));
        assertEquals(2.0, ((ValueSpec.Constant) ee.weight().orElseThrow()).value());
        assertEquals("exp_current", ee.synapse().model());

        String m = fail(SIM + """
                populations:
                  - {name: e, size: 3, from_sonata: {circuit: circuit_config.json, population: exc}}
                """);
        assertTrue(m.contains("populations[0].size") && m.contains("remove 'size'"), m);
        m = fail(SIM + """
                populations:
                  - {from_sonata: {circuit: circuit_config.json, population: nope}}
                """);
        assertTrue(m.contains("no node population 'nope'") && m.contains("[exc, inh]"), m);
        m = fail(SIM + """
                populations:
                  - {name: e, from_sonata: {circuit: circuit_config.json, population: exc}}
                projections:
                  - {from_sonata: {circuit: circuit_config.json, population: ee}}
                """);
        assertTrue(m.contains("population 'exc', which this config does not define"), m);
        m = fail(SIM + "network: {sonata: missing.json}\n");
        assertTrue(m.contains("network.sonata: file not found"), m);
        // the network section stands in for populations: a missing circuit is one error, not also "missing
        // required key 'populations'" (a fix that would be wrong)
        assertFalse(m.contains("populations"), m);
        assertEquals(1, m.lines().count(), m);
    }
}
