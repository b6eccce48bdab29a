"""Test helper: reads a bmtk-built circuit with bmtk's own reader (bmtk.utils.sonata.File, which
merges each node's and edge's properties with its type's) and writes the same network as a native
cortexsim config: CSV columns for per-node values, CSV edge lists for the projections. cortexsim's
SONATA reader must build exactly this network from the circuit.

usage: bmtk_native_equivalent.py NETWORK_DIR OUT_DIR INPUTS_YAML OUTPUT_H5
"""
import json
import math
import os
import sys

from bmtk.utils.sonata import File

if not __debug__:
    raise SystemExit("python assertions are disabled (-O): the check would prove nothing")
net_dir, out_dir, inputs_yaml, output_h5 = [os.path.abspath(a) for a in sys.argv[1:5]]
cfg = json.load(open(os.path.join(net_dir, "circuit_config.json")))
base = {k.lstrip("$"): v for k, v in cfg["manifest"].items()}


def path(p):
    for k, v in base.items():
        p = p.replace("$" + k, v)
    return os.path.normpath(os.path.join(net_dir, p))


components = path(cfg["components"]["point_neuron_models_dir"])
syn_components = path(cfg["components"]["synaptic_models_dir"])
nodes_entry = cfg["networks"]["nodes"][0]
edges_entry = cfg["networks"]["edges"][0]
f = File(data_files=[path(nodes_entry["nodes_file"]), path(edges_entry["edges_file"])],
         data_type_files=[path(nodes_entry["node_types_file"]), path(edges_entry["edge_types_file"])])

PARAMS = ["C", "k", "vr", "vt", "vpeak", "a", "b", "c", "d", "vb"]


def present(x):
    return x is not None and not (isinstance(x, float) and math.isnan(x))


(pop_name_of_sonata,) = f.nodes.population_names
nodes = sorted(f.nodes[pop_name_of_sonata], key=lambda n: n.node_id)
groups = {}  # pop_name -> list of nodes, in node id order
for n in nodes:
    groups.setdefault(n["pop_name"], []).append(n)
local = {}  # node id -> (pop_name, local id)
populations = []
for name, members in groups.items():
    for i, n in enumerate(members):
        local[n.node_id] = (name, i)
    model = members[0]["model_template"].split(":")[1]
    columns = {}
    for key in PARAMS + ["v_init", "u_init"]:
        vals = []
        for n in members:
            v = n[key] if key in n else None
            if not present(v) and present(n["dynamics_params"] if "dynamics_params" in n else None):
                v = json.load(open(os.path.join(components, n["dynamics_params"]))).get(key)
            vals.append(float(v) if present(v) else None)
        if any(v is not None for v in vals):
            assert all(v is not None for v in vals), (name, key)
            columns[key] = vals
    csv = os.path.join(out_dir, "nodes_%s.csv" % name)
    keys = list(columns)
    with open(csv, "w") as out:
        out.write(",".join(keys) + "\n")
        for i in range(len(members)):
            out.write(",".join(repr(columns[k][i]) for k in keys) + "\n")

    def spec(key):
        vals = columns[key]
        return repr(vals[0]) if len(set(vals)) == 1 else "{type: file, path: %s, column: %s}" % (csv, key)

    params = ", ".join("%s: %s" % (k, spec(k)) for k in keys if k in PARAMS)
    initial = ", ".join("%s: %s" % (k[0], spec(k)) for k in ("v_init", "u_init") if k in columns)
    populations.append("  - {name: %s, model: %s, size: %d, params: {%s}, initial: {%s}}"
                       % (name, model, len(members), params, initial))

(edge_pop,) = f.edges.population_names
type_order = []
with open(path(edges_entry["edge_types_file"])) as t:
    next(t)
    for line in t:
        if line.strip():
            type_order.append(int(line.split()[0]))
projections = {}  # (pre, post, type) -> rows
for e in f.edges[edge_pop]:
    pre, i = local[e.source_node_id]
    post, j = local[e.target_node_id]
    w = float(e["syn_weight"]) * (int(e["nsyns"]) if "nsyns" in e and present(e["nsyns"]) else 1)
    projections.setdefault((pre, post, e.edge_type_id), []).append((i, j, w, float(e["delay"]), e))
order = list(groups)
lines = []
for (pre, post, etype), rows in sorted(projections.items(),
                                       key=lambda kv: (order.index(kv[0][0]), order.index(kv[0][1]),
                                                       type_order.index(kv[0][2]))):
    name = "%s_%s_%d" % (pre, post, etype)
    csv = os.path.join(out_dir, "edges_%s.csv" % name)
    with open(csv, "w") as out:
        out.write("pre,post,weight,delay\n")
        for i, j, w, d, _ in rows:
            out.write("%d,%d,%r,%r\n" % (i, j, w, d))
    e = rows[0][4]
    syn = {"model": e["model_template"]}
    if "dynamics_params" in e and present(e["dynamics_params"]):
        syn.update(json.load(open(os.path.join(syn_components, e["dynamics_params"]))))
    lines.append("  - {name: %s, pre: %s, post: %s, rule: {type: from_file, path: %s}, synapse: {%s}}"
                 % (name, pre, post, csv, ", ".join("%s: %s" % kv for kv in syn.items())))

with open(os.path.join(out_dir, "native.yaml"), "w") as out:
    out.write("populations:\n" + "\n".join(populations) + "\nprojections:\n" + "\n".join(lines) + "\n")
    out.write(open(inputs_yaml).read())
    out.write("output: {path: '%s'}\n" % output_h5)
print("ok", len(populations), len(lines), sum(len(r) for r in projections.values()))
