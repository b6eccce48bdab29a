#!/bin/bash
# abp.sh ROUNDS "JARS" ARGS: interleaved --profile runs; per run: unprofiled loop cpu median, profiled propagate and integrate (thread 0)
rounds=$1; jars=$2; shift 2
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)  java: ${J:-java}  args: $*"
declare -A cpu prop
for r in $(seq $rounds); do for j in $jars; do
  out=$(./run.sh $j --profile "$@")
  c=$(echo "$out" | awk '$1 ~ /^[0-9]+$/ && NF > 10 {print $6; exit}')
  s=$(echo "$out" | awk '$1 ~ /^[0-9]+$/ && NF > 10 {print $7; exit}')
  p=$(echo "$out" | awk '$1=="#" && $2=="0" {print $3; exit}')
  i=$(echo "$out" | awk '$1=="#" && $2=="0" {print $12; exit}')
  cpu[$j]="${cpu[$j]} $c"; prop[$j]="${prop[$j]} $p"
  echo "  round $r $j loop_cpu $c propagate $p integrate $i spikes $s"
done; done
for j in $jars; do python3 - "$j" "${cpu[$j]}" "${prop[$j]}" <<'PY'
import sys, statistics as st
j, c, p = sys.argv[1], sorted(map(float, sys.argv[2].split())), sorted(map(float, sys.argv[3].split()))
print(f"{j:12s} loop_cpu min {c[0]:.4f} median {st.median(c):.4f} | propagate min {p[0]:.4f} median {st.median(p):.4f}")
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
