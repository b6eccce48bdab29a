package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SONATA circuits out and in: a network written with {@code output.circuit} and run again from
 * the circuit ({@code network: {sonata: ...}}, or population by population with {@code
 * from_sonata}) gives identical spikes; libsonata and bmtk open the circuit, and its initial state
 * is the run's; a circuit built with bmtk's {@code NetworkBuilder} (the worked example) runs
 * exactly as the native config that bmtk's own reader of the circuit describes; bad circuits are
 * refused with messages naming the file and the fix.
 */
class SonataCircuitTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static final String SIMULATION = "simulation: {dt_ms: 0.1, duration_ms: 300, seed: 5}\n";

    private static final String NETWORK = """
            populations:
              - {name: exc, model: RS, size: 120, params: {d: {type: uniform, low: 60, high: 120}, a: 0.025},
                 initial: {v: {type: uniform, low: -65, high: -55}, u: {type: normal, mean: 0, sd: 5}}}
              - {name: inh, model: FS, size: 30, initial: {v: {type: uniform, low: -60, high: -50}}}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1},
                 weight: {type: normal, mean: 70, sd: 15}, delay_ms: {type: uniform, low: 0.5, high: 2},
                 synapse: {model: exp_current, tau_ms: 4}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_indegree, k: 12}, weight: 4,
                 delay_ms: 1, synapse: {model: exp_conductance, tau_ms: 3, E_rev_mV: 0}}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: -800, delay_ms: 0.5}
              - {name: ii, pre: inh, post: inh, rule: {type: fixed_probability, p: 0.2}, weight: -500, delay_ms: 0.5}
            """;

    private static final String INPUTS = """
            inputs:
              - {type: dc, population: exc, amplitude_pA: {type: uniform, low: 30, high: 70}}
              - {type: noise, population: exc, mean_pA: 0, sigma_pA: 700}
              - {type: noise, population: inh, mean_pA: 0, sigma_pA: 300}
              - {type: poisson, population: inh, rate_Hz: 200, weight: 150, synapse: {model: delta}}
            record:
              spikes: true
              state: [{name: v0, population: exc, variables: [v, u], neurons: all, stop_ms: 1, dtype: float64}]
            """;

    private Path run(String name, String yaml) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        Config config = new ConfigLoader().load(file, List.of("output.path='" + dir.resolve(name + ".h5") + "'"));
        assertTrue(Runner.run(config, RunOptions.quiet()).completed());
        return dir.resolve(name + ".h5");
    }

    private static void assertSameSpikes(Path a, Path b) throws Exception {
        try (ResultSet x = ResultSet.open(a); ResultSet y = ResultSet.open(b)) {
            assertEquals(x.spikePopulations(), y.spikePopulations());
            for (String pop : x.spikePopulations()) {
                SpikeData p = x.spikes(pop);
                SpikeData q = y.spikes(pop);
                assertTrue(p.count() > 30, pop + " fires: " + p.count());
                assertArrayEquals(p.timestampsMs(), q.timestampsMs(), 0.0, pop);
                assertArrayEquals(p.nodeIds(), q.nodeIds(), pop);
            }
        }
    }

    private Path writeCircuit() throws Exception {
        Path original = run("original", SIMULATION + NETWORK + INPUTS + "output: {circuit: true}\n");
        Path circuit = OutputLayout.circuitDirectory(original);
        assertTrue(Files.isRegularFile(circuit.resolve("circuit_config.json")));
        try (SonataReader r = SonataReader.open(original)) {
            assertEquals("original.circuit/circuit_config.json", r.rootAttribute("circuit_config"));
        }
        return original;
    }

    @Test
    void aCircuitWrittenAndRunAgainGivesIdenticalSpikes() throws Exception {
        Path original = writeCircuit();
        Path again = run("again", SIMULATION + "network: {sonata: original.circuit/circuit_config.json}\n" + INPUTS);
        assertSameSpikes(original, again);
        try (SonataReader r = SonataReader.open(again)) {
            assertEquals("exc", r.attributes("/provenance/populations/exc/parameters").get("sonata_population"));
        }
        Path piecewise = run("piecewise", SIMULATION + """
                populations:
                  - {name: exc, from_sonata: {circuit: original.circuit/circuit_config.json, population: exc}}
                  - {from_sonata: {circuit: original.circuit/circuit_config.json, population: inh}}
                projections:
                  - {from_sonata: {circuit: original.circuit/circuit_config.json, population: ee}}
                  - {name: ei, from_sonata: {circuit: original.circuit/circuit_config.json, population: ei}}
                  - {from_sonata: {circuit: original.circuit/circuit_config.json, population: ie}}
                  - {from_sonata: {circuit: original.circuit/circuit_config.json, population: ii}}
                """ + INPUTS);
        assertSameSpikes(original, piecewise);
    }

    @Test
    void libsonataAndBmtkOpenTheCircuitAndItHoldsTheRunsInitialState() throws Exception {
        ExternalTools.requireLibsonata();
        ExternalTools.requirePythonModules("bmtk", "h5py", "numpy");
        Path original = writeCircuit();
        String script = """
                import os, sys
                os.environ["HDF5_USE_FILE_LOCKING"] = "FALSE"
                import h5py, libsonata, numpy as np
                from bmtk.utils.sonata import File
                assert __debug__
                circuit, v0 = sys.argv[1], sys.argv[2]
                c = libsonata.CircuitConfig.from_file(os.path.join(circuit, "circuit_config.json"))
                assert c.node_populations == {"exc", "inh"} and c.edge_populations == {"ee", "ei", "ie", "ii"}
                with h5py.File(os.path.join(circuit, "nodes.h5"), "r") as f:
                    v_init = f["nodes/exc/0/v_init"][:]
                    d = f["nodes/exc/0/d"][:]
                    assert f["nodes/exc/0/d"].attrs["units"] in (b"pA", "pA")
                    assert f["nodes/exc/node_type_id"].dtype == np.uint64 and set(f["nodes/exc/node_type_id"][:]) == {100}
                    assert "a" not in f["nodes/exc/0"], "a is shared: it lives in dynamics_params"
                with h5py.File(v0, "r") as f:
                    data = f["report/exc/data"][:]
                with h5py.File(v0.replace("v0_v", "v0_u"), "r") as f:
                    u_init = f["report/exc/data"][0]
                nodes = c.node_population("exc")
                assert nodes.size == 120
                sel = nodes.select_all()
                assert np.array_equal(nodes.get_attribute("v_init", sel), data[0]), "v_init is the run's initial v"
                assert np.array_equal(nodes.get_attribute("u_init", sel), u_init), "u_init is the run's initial u"
                assert np.array_equal(nodes.get_attribute("d", sel), d)
                with h5py.File(os.path.join(circuit, "edges.h5"), "r") as f:
                    e = {k: f["edges/ee/" + k][:] for k in ("source_node_id", "target_node_id", "0/syn_weight", "0/delay")}
                    assert f["edges/ee/0/syn_weight"].attrs["units"] in (b"pA", "pA")
                    assert f["edges/ei/0/syn_weight"].attrs["units"] in (b"nS", "nS")
                ee = c.edge_population("ee")
                assert ee.source == "exc" and ee.target == "exc" and ee.size == len(e["source_node_id"])
                assert np.array_equal(ee.get_attribute("syn_weight", ee.select_all()), e["0/syn_weight"])
                for n in (0, 7, 119):
                    assert np.array_equal(ee.afferent_edges([n]).flatten(), np.flatnonzero(e["target_node_id"] == n))
                    assert np.array_equal(ee.efferent_edges([n]).flatten(), np.flatnonzero(e["source_node_id"] == n))
                assert libsonata.NodeStorage(os.path.join(circuit, "nodes.h5")).population_names == {"exc", "inh"}
                del c, nodes, ee
                f = File(data_files=[os.path.join(circuit, x) for x in ("nodes.h5", "edges.h5")],
                         data_type_files=[os.path.join(circuit, x) for x in ("node_types.csv", "edge_types.csv")])
                assert sorted(f.nodes.population_names) == ["exc", "inh"]
                n = f.nodes["exc"].get_node_id(3)
                assert n["model_template"] == "cortexsim:RS" and n["model_type"] == "point_neuron"
                assert n["dynamics_params"] == "exc.json" and n["v_init"] == data[0][3]
                edges = list(f.edges["ei"])
                assert edges[0]["model_template"] == "exp_conductance" and edges[0]["dynamics_params"] == "ei.json"
                print("ok", len(edges))
                """;
        String out = ExternalTools.pythonWithLibsonata(script, dir, OutputLayout.circuitDirectory(original).toString(),
                OutputLayout.reportPath(original, "v0_v").toString());
        assertTrue(out.startsWith("ok 360"), out);
    }

    @Test
    void aCircuitBuiltWithBmtksNetworkBuilderRunsAsItsNativeDescription() throws Exception {
        ExternalTools.requirePythonModules("bmtk", "h5py", "numpy");
        Path network = dir.resolve("network");
        String built = ExternalTools.python(Files.readString(EXAMPLES.resolve("bmtk_circuit/build_network.py")), dir,
                network.toString());
        assertTrue(built.contains("wrote"), built);
        Path example = dir.resolve("run.yaml");
        Files.copy(EXAMPLES.resolve("bmtk_circuit/run.yaml"), example);
        Config config = new ConfigLoader().load(example, List.of("output.path='" + dir.resolve("bmtk.h5") + "'"));
        assertEquals(List.of("exc", "inh"), config.populations().stream().map(p -> p.name()).toList());
        assertTrue(Runner.run(config, RunOptions.quiet()).completed());

        // the same network, as bmtk's own reader of the circuit describes it, in a native config
        Path inputs = dir.resolve("inputs.yaml");
        String yaml = Files.readString(example);
        Files.writeString(inputs, yaml.substring(yaml.indexOf("simulation:")).replaceAll("(?m)^network:.*\\n", "")
                .replaceAll("(?m)^output:.*\\n", ""));
        Path nativeDir = Files.createDirectories(dir.resolve("native"));
        String out = ExternalTools.python(SonataToolsReadOutputTest.resource("bmtk_native_equivalent.py"), dir,
                network.toString(), nativeDir.toString(), inputs.toString(), dir.resolve("native.h5").toString());
        assertTrue(out.startsWith("ok 2 4"), out);
        Config nativeConfig = new ConfigLoader().load(nativeDir.resolve("native.yaml"));
        assertTrue(Runner.run(nativeConfig, RunOptions.quiet()).completed());
        assertSameSpikes(dir.resolve("bmtk.h5"), dir.resolve("native.h5"));
    }

    /**
     * bmtk's input nodes: a node population of {@code model_type virtual} is the config's
     * {@code spike_source} of the same name. The reference is the run itself: a network with an
     * {@code lgn} population of RS cells (driven by its own noise, receiving no synapses) is written
     * as a circuit; its {@code lgn} node type is made virtual, and the circuit is run with {@code lgn}
     * replaying the spikes it fired in the first run. Every population then fires exactly as before.
     */
    @Test
    void aVirtualNodePopulationIsTheConfigsSpikeSourceOfTheSameName() throws Exception {
        String lgnNetwork = NETWORK.replace("projections:\n", """
                  - {name: lgn, model: RS, size: 25, initial: {v: {type: uniform, low: -65, high: -55}}}
                projections:
                  - {name: le, pre: lgn, post: exc, rule: {type: fixed_probability, p: 0.3}, weight: 250, delay_ms: 1.5}
                """);
        String lgnNoise = "  - {type: noise, population: lgn, mean_pA: 0, sigma_pA: 2500}\n";
        Path original = run("original", SIMULATION + lgnNetwork + INPUTS.replace("record:\n", lgnNoise + "record:\n")
                + "output: {circuit: true}\n");
        Path circuit = OutputLayout.circuitDirectory(original);
        Path types = circuit.resolve("node_types.csv");
        String written = Files.readString(types);
        String virtual = written.replaceAll("(?m)^(\\d+) lgn point_neuron cortexsim:RS \\S+", "$1 lgn virtual NULL NULL");
        assertTrue(!virtual.equals(written) && virtual.contains(" lgn virtual NULL NULL"), virtual);
        Files.writeString(types, virtual);
        String circuitNetwork = "network: {sonata: original.circuit/circuit_config.json}\n";
        String replay = """
                populations:
                  - {name: lgn, model: spike_source, size: 25, spike_times_ms: {type: sonata, path: original.h5, population: lgn}}
                """;
        Path again = run("again", SIMULATION + circuitNetwork + replay + INPUTS);
        try (ResultSet r = ResultSet.open(original)) {
            assertTrue(r.spikes("lgn").count() > 30, "lgn fires: " + r.spikes("lgn").count());
        }
        assertSameSpikes(original, again);

        Path yaml = dir.resolve("virtual.yaml");
        Files.writeString(yaml, SIMULATION + circuitNetwork + INPUTS);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("virtual.yaml:2:") && e.getMessage().contains("'lgn'")
                && e.getMessage().contains("virtual") && e.getMessage().contains("model: spike_source, size: 25"),
                e.getMessage());
        Files.writeString(yaml, SIMULATION + circuitNetwork + replay.replace("size: 25", "size: 24") + INPUTS);
        e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("give it size: 25"), e.getMessage());
        Files.writeString(types, virtual.replaceAll("(?m)^(\\d+) inh point_neuron", "$1 inh virtual"));
        Files.writeString(yaml, SIMULATION + circuitNetwork + replay + INPUTS);
        e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("'inh'") && e.getMessage().contains("virtual"), e.getMessage());
    }

    /** The spike source of {@link #aSpikeSourceIsWrittenAsVirtualNodesAndTheCircuitRunsAgain}: 10 neurons, 4 spikes each. */
    private static String stimSource() {
        StringBuilder times = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            times.append(i == 0 ? "" : ", ").append("[").append(3 + 7 * i).append(", ").append(40 + 11 * i)
                    .append(", ").append(150 + 13 * i).append(", ").append(250 + 5 * i).append("]");
        }
        times.append("]");
        return "  - {name: stim, model: spike_source, spike_times_ms: " + times + "}\n";
    }

    /** Writes the circuit of the network with the spike source {@code stim} placed between {@code exc} and {@code inh}. */
    private Path writeCircuitWithSpikeSource() throws Exception {
        String stim = stimSource();
        String withStim = NETWORK.replace("  - {name: inh, model: FS", stim + "  - {name: inh, model: FS")
                .replace("projections:\n", """
                        projections:
                          - {name: se, pre: stim, post: exc, rule: {type: fixed_probability, p: 0.5}, weight: 400, delay_ms: 0.5}
                          - {name: si, pre: stim, post: inh, rule: {type: all_to_all}, weight: 2, delay_ms: 1,
                             synapse: {model: exp_conductance, tau_ms: 3, E_rev_mV: 0}}
                        """);
        assertTrue(withStim.indexOf("name: stim") < withStim.indexOf("name: inh"), withStim);
        return run("original", SIMULATION + withStim + INPUTS + "output: {circuit: true}\n");
    }

    /**
     * A network with a spike source (listed between two populations, projecting into both through
     * channels it shares with them) is written as a circuit whose source is a virtual node
     * population, and runs again from it, with the source's spikes given in the config, to
     * identical spikes; the source keeps its place among the populations.
     */
    @Test
    void aSpikeSourceIsWrittenAsVirtualNodesAndTheCircuitRunsAgain() throws Exception {
        String stim = stimSource();
        Path original = writeCircuitWithSpikeSource();
        Path circuit = OutputLayout.circuitDirectory(original);
        assertTrue(Files.readString(circuit.resolve("node_types.csv")).contains(" stim virtual NULL NULL stim"),
                Files.readString(circuit.resolve("node_types.csv")));
        Path again = run("again", SIMULATION + "network: {sonata: original.circuit/circuit_config.json}\n"
                + "populations:\n" + stim + INPUTS);
        assertSameSpikes(original, again);
        try (SonataReader r = SonataReader.open(again)) {
            assertEquals(java.util.List.of(0L, 120L, 130L), java.util.List.of(
                    ((Number) r.attributes("/provenance/populations/exc/parameters").get("first_index")).longValue(),
                    ((Number) r.attributes("/provenance/populations/stim/parameters").get("first_index")).longValue(),
                    ((Number) r.attributes("/provenance/populations/inh/parameters").get("first_index")).longValue()));
        }
    }

    /** libsonata opens a written spike source as a virtual node population, and its edges start from it. */
    @Test
    void libsonataOpensAWrittenSpikeSourceAsAVirtualNodePopulation() throws Exception {
        ExternalTools.requireLibsonata();
        Path original = writeCircuitWithSpikeSource();
        String out = ExternalTools.pythonWithLibsonata("""
                import sys, libsonata
                c = libsonata.CircuitConfig.from_file(sys.argv[1])
                assert c.node_population_properties("stim").type == "virtual", c.node_population_properties("stim").type
                assert c.node_population("stim").size == 10
                assert c.node_population_properties("exc").type == "point_neuron"
                e = c.edge_population("si")
                assert (e.source, e.target, e.size) == ("stim", "inh", 300), (e.source, e.target, e.size)
                print("ok", sorted(c.node_populations))
                """, dir, OutputLayout.circuitDirectory(original).resolve("circuit_config.json").toString());
        assertTrue(out.contains("ok ['exc', 'inh', 'stim']"), out);
    }

    @Test
    void circuitsCortexsimCannotSimulateAreRefusedNamingTheFileAndTheFix() throws Exception {
        Path original = writeCircuit();
        Path circuit = OutputLayout.circuitDirectory(original);
        Path types = circuit.resolve("node_types.csv");
        String good = Files.readString(types);
        Files.writeString(types, good.replace("cortexsim:FS", "nest:iaf_psc_alpha"));
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, SIMULATION + "network: {sonata: original.circuit/circuit_config.json}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("bad.yaml:2:") && e.getMessage().contains("node_types.csv")
                && e.getMessage().contains("nest:iaf_psc_alpha") && e.getMessage().contains("cortexsim:FS"),
                e.getMessage());
        // the circuit's error alone: inputs and recordings naming its populations are not refused as well
        Files.writeString(yaml, SIMULATION + "network: {sonata: original.circuit/circuit_config.json}\n" + INPUTS);
        e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().contains("nest:iaf_psc_alpha"), e.getMessage());
        Files.writeString(yaml, SIMULATION + "network: {sonata: original.circuit/circuit_config.json}\n");

        Files.writeString(types, good);
        Files.delete(circuit.resolve("edges.h5"));
        e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("edges.h5") && e.getMessage().contains("not found"), e.getMessage());

        Files.writeString(yaml, SIMULATION + """
                populations:
                  - {name: x, model: RS, from_sonata: {circuit: original.circuit/circuit_config.json, population: exc}}
                """);
        e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml));
        assertTrue(e.getMessage().contains("populations[0].model") && e.getMessage().contains("remove 'model'"),
                e.getMessage());
    }
}
