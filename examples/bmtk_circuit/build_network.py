"""Builds a small E/I network with bmtk's NetworkBuilder for cortexsim to run.

    python3 build_network.py [OUTPUT_DIR]        # default: network/ beside this script

Everything here is plain bmtk; cortexsim only asks that
  * nodes have model_type 'point_neuron' and model_template 'cortexsim:RS' or 'cortexsim:FS';
  * neuron parameters (C, k, vr, vt, vpeak, a, b, c, d, vb) and the initial state (v_init in mV,
    u_init in pA) are node properties: arrays of length N become per-node datasets, scalars
    become columns of the node types table, and a dynamics_params JSON file may hold more;
  * edges carry syn_weight (pA for current synapses, nS for conductance synapses) and delay (ms),
    per edge (add_properties) or per edge type; nsyns > 1 multiplies the weight, as in bmtk's
    point-neuron simulator;
  * an edge type's model_template names the cortexsim synapse model (delta, exp_current,
    exp_conductance, ...) and its dynamics_params JSON its parameters (e.g. {"tau_ms": 5}).

bmtk's builder writes the nodes, edges and types files; it does not write a circuit config, so
this script writes circuit_config.json itself, in the layout libsonata and bmtk read.
"""
import json
import os
import sys

import numpy as np
from bmtk.builder import NetworkBuilder

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "network")
models = os.path.join(out, "components")
os.makedirs(models, exist_ok=True)
rng = np.random.default_rng(2007)

# Shared parameters of the regular-spiking cells (as a point neuron's dynamics_params file).
with open(os.path.join(models, "rs_cortex.json"), "w") as f:
    json.dump({"a": 0.03, "b": -2.0, "c": -50.0}, f)
# Synapse parameters of the excitatory synapses.
with open(os.path.join(models, "exc_syn.json"), "w") as f:
    json.dump({"tau_ms": 5.0}, f)

N_EXC, N_INH = 160, 40
net = NetworkBuilder("cortex")
net.add_nodes(N=N_EXC, pop_name="exc", model_type="point_neuron", model_template="cortexsim:RS",
              dynamics_params="rs_cortex.json",
              d=rng.uniform(80.0, 120.0, N_EXC),          # per node
              v_init=rng.uniform(-65.0, -55.0, N_EXC))    # per node
net.add_nodes(N=N_INH, pop_name="inh", model_type="point_neuron", model_template="cortexsim:FS",
              a=0.2,                                      # a constant: a column of the node types table
              v_init=rng.uniform(-60.0, -50.0, N_INH))


def sometimes(source, target, p):
    """One connection with probability p, no autapses."""
    return 1 if source.node_id != target.node_id and rng.random() < p else 0


# Excitatory synapses: exponential current, a weight per edge, one delay for the type.
ee = net.add_edges(source={"pop_name": "exc"}, target={}, connection_rule=sometimes, connection_params={"p": 0.1},
                   model_template="exp_current", dynamics_params="exc_syn.json", delay=1.5)
ee.add_properties("syn_weight", rule=lambda s, t: float(rng.normal(60.0, 10.0)), dtypes=float)
# Inhibitory synapses: delta currents, weight and delay per type; nsyns = 2 doubles the weight.
net.add_edges(source={"pop_name": "inh"}, target={},
              connection_rule=lambda s, t: 2 if s.node_id != t.node_id and rng.random() < 0.1 else 0,
              model_template="delta", syn_weight=-600.0, delay=0.5)

net.build()
net.save(output_dir=out)

with open(os.path.join(out, "circuit_config.json"), "w") as f:
    json.dump({
        "manifest": {"$NETWORK_DIR": "."},
        "components": {"point_neuron_models_dir": "$NETWORK_DIR/components",
                       "synaptic_models_dir": "$NETWORK_DIR/components"},
        "networks": {
            "nodes": [{"nodes_file": "$NETWORK_DIR/cortex_nodes.h5",
                       "node_types_file": "$NETWORK_DIR/cortex_node_types.csv"}],
            "edges": [{"edges_file": "$NETWORK_DIR/cortex_cortex_edges.h5",
                       "edge_types_file": "$NETWORK_DIR/cortex_cortex_edge_types.csv"}],
        },
    }, f, indent=2)
print("wrote", out)
