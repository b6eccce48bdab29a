"""Test helper: opens every file of a cortexsim run with the SONATA reference readers (libsonata,
and bmtk when installed) and checks what they return against h5py's reading of the same datasets.

usage: sonata_readers_check.py MAIN_H5 [FLOAT32_REPORT:FLOAT64_REPORT ...]

Every spike file (the main file, and spike segments listed in /segments), every report file
(report_files, and report segments) and every edge population of the main file is checked, so a
new kind of output is covered once its files are listed there. A report with one element per node
is read with SomaReportReader, any other (for example one value per synapse) with
ElementReportReader. Each FLOAT32:FLOAT64 pair names two reports of the same variable and neurons;
the float32 one must be the float64 one rounded to float32. h5py, libsonata and bmtk each open
the files here in one process; HDF5 refuses a second open with other file-locking flags, so
locking is turned off for this read-only check.
"""
import gc
import os
import sys

os.environ["HDF5_USE_FILE_LOCKING"] = "FALSE"

import h5py
import libsonata
import numpy as np

if not __debug__:
    raise SystemExit("python assertions are disabled (-O): the check would prove nothing")
try:
    from bmtk.utils.reports.spike_trains import SpikeTrains
    from bmtk.utils.reports.compartment import CompartmentReport
    HAVE_BMTK = True
except ImportError:
    HAVE_BMTK = False
    print("NOTICE: bmtk is not installed (apt-get install python3-bmtk): only libsonata and h5py were checked")

main = sys.argv[1]
pairs = [a.split(":") for a in sys.argv[2:]]
d = os.path.dirname(os.path.abspath(main))


def s(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def header(f):
    assert f.attrs["magic"] == 0x0A7A and f.attrs["magic"].dtype == np.uint32, f.filename
    assert list(f.attrs["version"]) == [0, 1] and f.attrs["version"].dtype == np.uint32, f.filename


with h5py.File(main, "r") as m:
    header(m)
    segments = []
    if "segments" in m:
        segments = list(zip([s(x) for x in m["segments/stream"][:]], [s(x) for x in m["segments/file"][:]]))
    has_spikes = "spikes" in m
    report_files = [os.path.join(d, s(x)) for x in m.attrs.get("report_files", [])]
    edges = {}
    for name in m.get("edges", {}):
        e = m["edges"][name]
        edges[name] = {k: e[k][:] for k in ("source_node_id", "target_node_id", "0/syn_weight", "0/delay")}
spike_files = ([main] if has_spikes else []) + [os.path.join(d, f) for st, f in segments if st == "spikes"]
report_files += [os.path.join(d, f) for st, f in segments if st != "spikes"]
counts = {"spike files": 0, "spike populations": 0, "report files": 0, "edge populations": 0, "bmtk": 0}


def h5_populations(path, group):
    """(name, h5py group) of every population under /group of the file at path, its header checked first."""
    with h5py.File(path, "r") as f:
        header(f)
        for pop in f[group]:
            yield pop, f[group][pop]


for path in spike_files:
    spikes = {}
    for pop, g in h5_populations(path, "spikes"):
        assert h5py.check_enum_dtype(g.attrs.get_id("sorting").dtype) == {"none": 0, "by_id": 1, "by_time": 2}
        assert g.attrs["sorting"] == 2
        assert g["timestamps"].dtype == np.float64 and g["node_ids"].dtype == np.uint64
        assert s(g["timestamps"].attrs["units"]) == "ms"
        spikes[pop] = g["timestamps"][:], g["node_ids"][:]
    reader = libsonata.SpikeReader(path)
    assert sorted(reader.get_population_names()) == sorted(spikes), path
    for pop, (t, ids) in spikes.items():
        p = reader[pop]
        assert p.sorting == "by_time", (path, pop, p.sorting)
        got = p.get()
        assert [n for n, _ in got] == ids.tolist(), (path, pop)
        assert np.array_equal(np.array([x for _, x in got]), t), (path, pop)
        window = p.get(tstart=float(t[len(t) // 3]), tstop=float(t[2 * len(t) // 3]))
        expect = np.flatnonzero((t >= t[len(t) // 3]) & (t <= t[2 * len(t) // 3]))
        assert [n for n, _ in window] == ids[expect].tolist(), (path, pop, "window")
        counts["spike populations"] += 1
    del reader
    if HAVE_BMTK:
        st = SpikeTrains.load(path)
        assert sorted(st.populations) == sorted(spikes), path
        for pop, (t, ids) in spikes.items():
            assert st.n_spikes(pop) == len(t), (path, pop)
            df = st.to_dataframe(populations=pop, sort_order="by_time")
            got = sorted(zip(df["timestamps"].tolist(), df["node_ids"].tolist()))
            assert got == sorted(zip(t.tolist(), ids.tolist())), (path, pop, "bmtk")
            counts["bmtk"] += 1
        del st, df
        gc.collect()  # bmtk keeps its h5py handle open until collected
    counts["spike files"] += 1

for path in report_files:
    reports, mp_sorted = {}, {}
    for pop, r in h5_populations(path, "report"):
        data, mp = r["data"], r["mapping"]
        assert s(data.attrs["units"]) and s(mp["time"].attrs["units"]) == "ms"
        assert mp["element_ids"].dtype == np.uint32 and mp["node_ids"].dtype == np.uint64
        assert mp["element_pos"].dtype == np.float32 and mp["index_pointers"].dtype == np.uint64
        assert np.array_equal(mp["index_pointers"][:], mp["index_pointer"][:])
        reports[pop] = (mp["index_pointers"][:], mp["node_ids"][:], data[:], mp["time"][:],
                        s(data.attrs["units"]))
        ids = mp["node_ids"][:]
        mp_sorted[pop] = int(mp["node_ids"].attrs["sorted"])
        assert mp_sorted[pop] == int(bool(np.all(np.diff(ids.astype(np.int64)) > 0))), (path, pop, "sorted")
    for pop, (ptr, nodes, values, (t0, t1, dt), units) in reports.items():
        assert len(ptr) == len(nodes) + 1 and ptr[-1] == values.shape[1]
        rows = values.shape[0]
        one_per_node = np.array_equal(ptr, np.arange(len(nodes) + 1))
        kind = libsonata.SomaReportReader if one_per_node else libsonata.ElementReportReader
        if values.dtype == np.float32:
            rp = kind(path)[pop]
            got = rp.get()
            assert got.data.shape == values.shape, (path, got.data.shape, values.shape)
            if one_per_node:
                # libsonata returns the nodes in id order when mapping/node_ids is sorted, else as stored
                assert (s(rp.sorted) == "True") == bool(mp_sorted[pop]), (path, rp.sorted)
                order = np.argsort(nodes, kind="stable") if mp_sorted[pop] else np.arange(len(nodes))
                assert list(got.ids) == nodes[order].tolist(), (path, list(got.ids))
                assert np.array_equal(got.data, values[:, order]), path
                pick = [int(n) for n in nodes[::-1]]
                column = {int(n): k for k, n in enumerate(nodes)}
                some = rp.get(node_ids=pick)
                assert np.array_equal(np.asarray(some.data), values[:, [column[int(i)] for i in some.ids]]), path
            assert np.allclose(got.times, t0 + dt * np.arange(rows)), path
            assert rp.data_units == units and rp.time_units == "ms"
        else:
            assert values.dtype == np.float64
            try:
                kind(path)[pop].get()
                raise AssertionError("libsonata was expected to refuse float64 report data")
            except libsonata.SonataError:
                pass
        if HAVE_BMTK:
            c = CompartmentReport(path, mode="r")
            assert np.array_equal(c.data(population=pop), values), (path, "bmtk data")
            for k, n in enumerate(nodes):
                assert np.array_equal(np.asarray(c.data(node_id=int(n), population=pop)).reshape(rows, -1),
                                      values[:, ptr[k]:ptr[k + 1]]), (path, n)
            counts["bmtk"] += 1
            del c
            gc.collect()
    counts["report files"] += 1

for a, b in pairs:
    with h5py.File(os.path.join(d, a), "r") as fa, h5py.File(os.path.join(d, b), "r") as fb:
        (pop,) = fa["report"].keys()
        x, y = fa["report"][pop]["data"], fb["report"][pop]["data"]
        assert x.dtype == np.float32 and y.dtype == np.float64
        assert np.array_equal(x[:], y[:].astype(np.float32)), (a, b)

if edges:
    storage = libsonata.EdgeStorage(main)
    for name, e in edges.items():
        src, tgt = e["source_node_id"], e["target_node_id"]
        p = storage.open_population(name)
        sel = p.select_all()
        assert np.array_equal(p.source_nodes(sel), src) and np.array_equal(p.target_nodes(sel), tgt)
        assert np.array_equal(p.get_attribute("syn_weight", sel), e["0/syn_weight"])
        assert np.array_equal(p.get_attribute("delay", sel), e["0/delay"])
        for n in sorted(set(tgt.tolist()))[:20]:
            assert np.array_equal(p.afferent_edges([n]).flatten(), np.flatnonzero(tgt == n)), (name, n)
        for n in sorted(set(src.tolist()))[:20]:
            assert np.array_equal(p.efferent_edges([n]).flatten(), np.flatnonzero(src == n)), (name, n)
        counts["edge populations"] += 1

# cortexsim's own records, as docs/output-layout.md describes them (h5py only)
with h5py.File(main, "r") as m:
    final_status = s(m.attrs["status"])
    assert "report_files" not in m.attrs or len(m.attrs["report_files"]) > 0
    for pop, g in m["provenance/populations"].items():
        p = g["parameters"]
        names, units = [s(x) for x in p.attrs["names"]], [s(x) for x in p.attrs["units"]]
        size = int(p.attrs["size"])
        assert len(names) == len(units) == p.shape[0], pop
        assert list(p.attrs["node_ids"]) == [0, size - 1], (pop, p.attrs["node_ids"])
        varying = sorted(g["per_neuron"].keys()) if "per_neuron" in g else []
        if s(p.attrs["model"]) != "spike_source":
            assert s(p.attrs["heterogeneous"]).startswith("yes") == bool(varying), pop
        for name in varying:
            column = g["per_neuron"][name]
            assert column.shape == (size,) and s(column.attrs["units"]) == units[names.index(name)], (pop, name)
            assert np.any(column[:] != p[names.index(name)]), (pop, name, "a column only where the value varies")
    for proj, g in m["provenance/plasticity"].items() if "provenance/plasticity" in m else []:
        start, end = g["weight_stats_initial"], g["weight_stats_final"]
        assert start.shape == end.shape == (6,) and s(start.attrs["units"]) == s(end.attrs["units"])
        assert [s(x) for x in start.attrs["columns"]] == ["mean", "sd", "min", "max", "fraction_at_lower_bound",
                                                           "fraction_at_upper_bound"]
        for key in ("rule", "parameters", "lower_bound", "upper_bound", "synapses", "bytes_per_synapse"):
            assert key in start.attrs, (proj, key)
        if proj in edges:
            w = edges[proj]["0/syn_weight"]
            assert np.allclose(end[:4], [w.mean(), w.std(), w.min(), w.max()], rtol=1e-12), (proj, end[:4])
    for name, e in m["edges"].items() if "edges" in m else []:
        assert s(e.attrs["cortexsim_synapse_model"]), name
        assert ("syn_weight_initial" in e["0"]) == ("cortexsim_plasticity_rule" in e.attrs), name
# a segment written while the run went on says running; only a stream's last may carry the final status
last = {}
for stream, f in segments:
    last[stream] = f
for stream, f in segments:
    with h5py.File(os.path.join(d, f), "r") as g:
        status = s(g.attrs["status"])
    assert status == "running" or (status == final_status and f == last[stream]), (f, status, final_status)

print("ok", counts)
