#!/usr/bin/env python3
"""Fits the cost model of docs/scale-out.md to the output of bench/partitioned.sh and projects it.

Usage:
  bench/partitioned.sh --rounds 4 > partitioned.txt
  python3 bench/partitioned_fit.py partitioned.txt [more.txt ...] [--from-round 2]
  python3 bench/partitioned_fit.py --project            # the projection alone (constants below)

Per file, rounds before --from-round are left out (default 2: round 1 is the workers' JIT warm-up, as the
workers live through all rounds of one file). Standard library only.

The model, per second of model time (10^4 steps of 0.1 ms), for one machine of K:
  compute  = 1e4 (N/K) c_n / T  +  N r s c_e / (K T)  +  N r P c_s  +  N r c_d
  exchange = (1e4 / W) L(K)  +  4 N r (K - 1) / K / bandwidth
with L(K) = lambda0 + lambda1 (K - 2) for K >= 2 (fitted to the silent network's runs), and the compute of
the 100k network measured in one process on one thread (C_one, C_uniform). Prediction of the 2-JVM loop:
C / 2 + X L(2) (X exchanges); then a two-parameter fit loop = a C / 2 + X L_eff over both delay variants.
"""
import re
import statistics
import sys

LINE_LATENCY = re.compile(r"^latency round (\d+), (\d+) JVM\(s\): loop ([0-9.]+) s for (\d+) exchanges;(.*) load ([0-9.]+)")
LINE_ONE = re.compile(r"^100k (one|uniform) round (\d+), one process (\d) thread\(s\): loop ([0-9.]+) s;.* load ([0-9.]+)")
LINE_TWO = re.compile(r"^100k (one|uniform) round (\d+), 2 JVMs x 1 thread: loop ([0-9.]+) s;(.*) load ([0-9.]+)")
PART = re.compile(r"partition (\d+) on [^:]+:\d+: (\d+) exchanges, ([0-9.]+) s of ([0-9.]+) s loop")


def parse(paths, first_round):
    lat, one, two = [], [], []
    for path in paths:
        with open(path) as f:
            for line in f:
                m = LINE_LATENCY.match(line)
                if m and int(m.group(1)) >= first_round:
                    lat.append((int(m.group(2)), float(m.group(3)), int(m.group(4)), float(m.group(6)), path))
                    continue
                m = LINE_ONE.match(line)
                if m and int(m.group(2)) >= first_round:
                    one.append((m.group(1), int(m.group(3)), float(m.group(4)), float(m.group(5)), path))
                    continue
                m = LINE_TWO.match(line)
                if m and int(m.group(2)) >= first_round:
                    parts = [(int(p), int(x), float(w), float(l)) for p, x, w, l in PART.findall(m.group(4))]
                    two.append((m.group(1), float(m.group(3)), parts, float(m.group(5)), path))
    return lat, one, two


def lstsq(rows, ys):
    """Least squares for a few unknowns by the normal equations (Gaussian elimination)."""
    n = len(rows[0])
    a = [[sum(r[i] * r[j] for r in rows) for j in range(n)] + [sum(r[i] * y for r, y in zip(rows, ys))]
         for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] for i in range(n)]


def rms(xs):
    return (sum(x * x for x in xs) / len(xs)) ** 0.5


def fit(paths, first_round):
    lat, one, two = parse(paths, first_round)
    if not lat or not one or not two:
        sys.exit("no rounds >= %d in %s" % (first_round, ", ".join(paths)))
    loads = [x[3] for x in lat] + [x[3] for x in one] + [x[3] for x in two]
    print("rounds from %d of %s; load average (1 min) %.2f to %.2f, median %.2f"
          % (first_round, ", ".join(paths), min(loads), max(loads), statistics.median(loads)))

    print("\n1. Latency per exchange, silent 16-neuron network, window 1 step (loop / exchanges, us):")
    by_k = {}
    for k, loop, x, load, _ in lat:
        by_k.setdefault(k, []).append(1e6 * loop / x)
    for k in sorted(by_k):
        v = by_k[k]
        print("   K = %d: median %.1f, min %.1f, max %.1f (n = %d)" % (k, statistics.median(v), min(v), max(v), len(v)))
    pts = [(k, 1e6 * loop / x) for k, loop, x, _, _ in lat if k >= 2]
    l0, l1 = lstsq([[1.0, k - 2.0] for k, _ in pts], [y for _, y in pts])
    res = [y - (l0 + l1 * (k - 2)) for k, y in pts]
    print("   fit L(K) = %.1f + %.1f (K - 2) us for K >= 2; residuals %s us (rms %.1f)"
          % (l0, l1, ", ".join("%+.0f" % r for r in res), rms(res)))

    print("\n2. The 100k network (1 s of model time), loop s:")
    comp = {}
    for v in ("one", "uniform"):
        for t in (1, 2):
            xs = [(loop, load) for vv, tt, loop, load, _ in one if vv == v and tt == t]
            if xs:
                print("   %-7s one process, %d thread(s): median %.3f (%s)" % (v, t, statistics.median(x for x, _ in xs),
                      ", ".join("%.3f @ %.1f" % x for x in xs)))
            if t == 1 and xs:
                comp[v] = statistics.median(x for x, _ in xs)
        xs = [(loop, load) for vv, loop, _, load, _ in two if vv == v]
        print("   %-7s 2 JVMs x 1 thread:     median %.3f (%s)" % (v, statistics.median(x for x, _ in xs),
              ", ".join("%.3f @ %.1f" % x for x in xs)))
        for vv, loop, parts, load, _ in two:
            if vv != v:
                continue
            slowest = max(l - w for _, _, w, l in parts)
            least_wait = min(w / x for _, x, w, _ in parts)
            print("      split: slowest partition computes %.3f s, waits %.0f us per exchange (%d exchanges)"
                  % (slowest, 1e6 * least_wait, parts[0][1]))

    print("\n3. Prediction of the 2-JVM loop from 1. and 2. (no parameter fitted): C / 2 + X L(2)")
    l2 = l0 * 1e-6
    res = []
    for v, loop, parts, load, _ in two:
        x = parts[0][1]
        pred = comp[v] / 2 + x * l2
        res.append(loop - pred)
        print("   %-7s measured %.3f, predicted %.3f + %.3f = %.3f, residual %+.3f s"
              % (v, loop, comp[v] / 2, x * l2, pred, loop - pred))
    print("   rms residual %.3f s" % rms(res))

    rows = [[comp[v] / 2, parts[0][1]] for v, _, parts, _, _ in two]
    ys = [loop for _, loop, _, _, _ in two]
    a, leff = lstsq(rows, ys)
    res = [y - (a * r[0] + leff * r[1]) for r, y in zip(rows, ys)]
    print("\n4. Fit of the 2-JVM loops: loop = a C / 2 + X L_eff: a = %.3f, L_eff = %.0f us; residuals %s s (rms %.3f)"
          % (a, 1e6 * leff, ", ".join("%+.3f" % r for r in res), rms(res)))
    return l0, l1


def project(l0=None, l1=None):
    """The projection of docs/scale-out.md: 10M neurons x 1,000 synapses on K machines."""
    n, s, p_out = 1e7, 1000, 2          # neurons, synapses per neuron, projections a spike goes through
    pre_sum = 2 * n                     # sum over the 4 projections of their presynaptic population sizes
    cores = 32                          # threads per machine
    c_n = 0.6e-9                        # s per neuron update, a thread's share in L2 (performance.md: 0.4-0.7 ns)
    c_e = 5e-9                          # s per synaptic event, cold column, hot row (performance.md: 2.4-9 ns)
    c_s = (10e-9, 50e-9)                # s per spike, projection and thread (performance.md: 5-10 ns + a miss)
    c_d = 2e-9                          # s per spike received, decoded and merged on the loop's thread
    jitter = 0.1                        # waits for the slowest partition, as a share of compute (0.35 fitted here)
    bandwidth = 1.25e9                  # B/s per machine (10 Gb/s Ethernet)
    syn_bytes = 8                       # B per synapse all-in (performance.md: 5.4-8.0 at 100k; 14 stored at most)
    transports = [
        ("loopback fit", l0 if l0 is not None else 96.0, l1 if l1 is not None else 129.0),
        ("LAN guess", 100.0, 5.0),      # us: a TCP round trip plus Hazelcast's event path, per extra member
    ]
    print("\n5. Projection: N = 1e7, s = 1,000, %d threads per machine; seconds per second of model time" % cores)
    print("   memory per machine: synapses x %d B + chunk split points 4 B x (sum of presynaptic sizes) x (T - 1)"
          % syn_bytes)
    for rate in (5.0, 20.0):
        print("   rate %.0f Hz: %.1e spikes/s in the network, %.0f MB/s of spike indices received per machine"
              % (rate, n * rate, 4 * n * rate / 1e6))
        print("   %4s %7s | %7s %7s %11s %7s %7s | %-21s | %-21s | %s" % (
            "K", "GB", "neuron", "events", "spike walk", "decode", "wire", "latency loopback W=1/15",
            "latency LAN W=1/15", "total: best (c_s 10 ns, LAN, W=15) .. worst (c_s 50 ns, loopback, W=1)"))
        for k in (16, 32, 64, 128):
            mem = (n * s / k * syn_bytes + 4 * pre_sum * (cores - 1) + 4 * pre_sum) / 1e9
            neurons = 1e4 * (n / k) * c_n / cores
            events = n * rate * s * c_e / (k * cores)
            walk = [n * rate * p_out * c for c in c_s]
            decode = n * rate * c_d
            wire = 4 * n * rate * (k - 1) / k / bandwidth
            lat = {}
            for name, x0, x1 in transports:
                lk = (x0 + x1 * (k - 2)) * 1e-6
                lat[name] = (1e4 * lk, 1e4 / 15 * lk)
            best = (neurons + events + walk[0] + decode) * (1 + jitter) + wire + lat["LAN guess"][1]
            worst = (neurons + events + walk[1] + decode) * (1 + jitter) + wire + lat["loopback fit"][0]
            print("   %4d %7.1f | %7.3f %7.3f %5.2f-%-5.2f %7.3f %7.3f | %9.2f / %-9.2f | %9.2f / %-9.2f | %.1f .. %.1f"
                  % (k, mem, neurons, events, walk[0], walk[1], decode, wire, lat["loopback fit"][0],
                     lat["loopback fit"][1], lat["LAN guess"][0], lat["LAN guess"][1], best, worst))


def main(argv):
    first_round = 2
    paths = []
    only_project = False
    i = 0
    while i < len(argv):
        if argv[i] == "--from-round":
            first_round = int(argv[i + 1])
            i += 2
        elif argv[i] == "--project":
            only_project = True
            i += 1
        else:
            paths.append(argv[i])
            i += 1
    if only_project or not paths:
        project()
        return
    l0, l1 = fit(paths, first_round)
    project(l0, l1)


if __name__ == "__main__":
    main(sys.argv[1:])
