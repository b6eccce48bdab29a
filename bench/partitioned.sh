#!/usr/bin/env bash
# Partitioned runs on two local JVMs against one process (issue 17, docs/scale-out.md):
#  1. the exchange latency: a network of 16 silent neurons with one-step delays, 10,000 steps, on 1, 2 and 3 workers
#     (one exchange per step, nothing to compute) and in one process; loop / steps is the time per exchange;
#  2. the benchmark network (examples/benchmark_network.yaml, 100,000 neurons x 100 synapses, 1 s of model time) with
#     one-step delays (window 1 step) and with uniform delays of 10-200 steps (window 10 steps): in one process on 1
#     and 2 threads, and split over two worker JVMs on 1 thread each (cortexsim run --cluster --partitions 2).
# Rounds are interleaved; every line says the load average when it was taken. The machine has 2 cores: the two
# workers and the driver share them, as the one process's 2 threads do.
#
# Usage: bench/partitioned.sh [--rounds R] [--out DIR]      (needs cli/target/cortexsim.jar: mvn -DskipTests package)
# Fit and projection: python3 bench/partitioned_fit.py OUTPUT... (docs/scale-out.md)
# Environment: CORTEXSIM_JAVA_OPTS (default -Xmx3g for each JVM).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3
out="/tmp/cortexsim-partitioned"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
jar="$root/cli/target/cortexsim.jar"
[ -f "$jar" ] || { echo "no $jar; build it with mvn -B -DskipTests package" >&2; exit 2; }
mkdir -p "$out"
opts=(${CORTEXSIM_JAVA_OPTS:--Xmx3g})
if java --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector'; then
  opts+=(--add-modules jdk.incubator.vector)
fi
cx() { java "${opts[@]}" -cp "$jar" org.cortexsim.cli.Main "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

token="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
cluster="bench-$$"
ports=(15901 15902 15903)
members="127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for p in "${ports[@]}"; do
  # java itself in the background (not a function's subshell), so that $! is the worker's pid
  java "${opts[@]}" -cp "$jar" org.cortexsim.cli.Main worker --bind 127.0.0.1 --port "$p" --cluster-name "$cluster" \
      --members "$members" --token "$token" --heartbeat-timeout 30 >"$out/worker-$p.log" 2>&1 &
  pids+=($!)
done
for p in "${ports[@]}"; do
  for _ in $(seq 1 300); do grep -q "cortexsim worker ready" "$out/worker-$p.log" && break; sleep 0.2; done
done
cluster_args=(--cluster --members "$members" --cluster-name "$cluster" --token "$token" --heartbeat-timeout 30
              --set simulation.threads=1)

cat >"$out/silent.yaml" <<'EOF'
simulation: {dt_ms: 0.1, duration_ms: 1000, seed: 1}
populations:
  - {name: a, model: RS, size: 8}
  - {name: b, model: RS, size: 8}
projections:
  - {name: ab, pre: a, post: b, rule: {type: fixed_probability, p: 0.5}, weight: 1}
  - {name: ba, pre: b, post: a, rule: {type: fixed_probability, p: 0.5}, weight: 1}
record: {spikes: true}
EOF
uniform=()
for p in ee ei ie ii; do uniform+=(--set "projections.$p.delay_ms={type: uniform, low: 0.950000001, high: 20.049999999}"); done

loop() { grep -o 'simulation loop [0-9.]* s' | awk '{print $3}'; }
exchange() { grep -E '^  partition [0-9]+ on' | sed -E 's/^ +//' | tr '\n' ';'; }

echo "# load before: $(load)"
for r in $(seq 1 "$rounds"); do
  s=$(cx run "$out/silent.yaml" -o "$out/silent1.h5" --overwrite --progress-interval 1e9 2>&1)
  echo "latency round $r, one process: loop $(echo "$s" | loop) s for 10000 steps; load $(load)"
  for k in 1 2 3; do
    s=$(cx run "$out/silent.yaml" -o "$out/silent2.h5" --overwrite --progress-interval 1e9 "${cluster_args[@]}" \
        --partitions "$k" 2>&1)
    echo "latency round $r, $k JVM(s): loop $(echo "$s" | loop) s for 10000 exchanges; $(echo "$s" | exchange) load $(load)"
  done
  for delays in one uniform; do
    extra=(); [ "$delays" = uniform ] && extra=("${uniform[@]}")
    for t in 1 2; do
      s=$(cx run "$root/examples/benchmark_network.yaml" -o "$out/b1.h5" --overwrite --threads "$t" \
          --progress-interval 1e9 "${extra[@]}" 2>&1)
      echo "100k $delays round $r, one process $t thread(s): loop $(echo "$s" | loop) s; $(echo "$s" | grep -o '[0-9]* synapses,' ) load $(load)"
    done
    s=$(cx run "$root/examples/benchmark_network.yaml" -o "$out/b2.h5" --overwrite --progress-interval 1e9 \
        "${extra[@]}" "${cluster_args[@]}" --partitions 2 2>&1)
    echo "100k $delays round $r, 2 JVMs x 1 thread: loop $(echo "$s" | loop) s; $(echo "$s" | exchange) load $(load)"
  done
done
echo "# load after: $(load)"
