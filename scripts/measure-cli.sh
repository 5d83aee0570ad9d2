#!/usr/bin/env bash
# Whole-process figures of the CLI on a spec (default: the upstream Face spec), over N runs each:
# the median wall time of the process alone (spawn to exit, timed by a Python clock around each
# run, with nothing else forked in between), and the median and largest peak memory (max RSS, from
# /usr/bin/time in separate runs, since its own fork would count in the time).
#   scripts/measure-cli.sh [SPEC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-${AZURE_SPECS_DIR:-../shared/specs/azure}/cognitiveservices/Face/stable/v1.0/Face.json}
runs=${2:-30}
cargo build --release --locked -q -p azure-rest-codegen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cli=${CARGO_TARGET_DIR:-target}/release/azure-rest-codegen
"$cli" --input "$spec" --output "$out/crate" >/dev/null # warm the page cache
python3 - "$cli" "$spec" "$out/crate" "$runs" <<'PY'
import statistics, subprocess, sys, time
cli, spec, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([cli, "--input", spec, "--output", out], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"wall time median: {statistics.median(times):.1f} ms (quartiles {times[len(times) // 4]:.1f} .. {times[3 * len(times) // 4]:.1f})")
PY
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%M" -a -o "$out/rss" "$cli" --input "$spec" --output "$out/crate" >/dev/null
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "spec: $spec ($runs runs each, load $(cut -d' ' -f1 /proc/loadavg))"
echo "peak RSS median:  $(awk '{print $1 / 1024}' "$out/rss" | median) MiB (largest $(awk '{print $1 / 1024}' "$out/rss" | sort -n | tail -1) MiB)"
