#!/usr/bin/env bash
# Whole-process figures of the CLI on a spec (default: the upstream Face spec): the median wall
# time (clock around each run) and the median and largest peak memory (max RSS, /usr/bin/time)
# over N runs.
#   scripts/measure-cli.sh [SPEC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-${AZURE_SPECS_DIR:-../shared/specs/azure}/cognitiveservices/Face/stable/v1.0/Face.json}
runs=${2:-30}
cargo build --release --locked -q -p azure-rest-codegen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
target/release/azure-rest-codegen --input "$spec" --output "$out/crate" >/dev/null # warm the page cache
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -a -o "$out/rss" target/release/azure-rest-codegen --input "$spec" --output "$out/crate" >/dev/null
  echo $(( ($(date +%s%N) - start) / 1000 )) >>"$out/micros"
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "spec: $spec ($runs runs, load $(cut -d' ' -f1 /proc/loadavg))"
echo "wall time median: $(awk '{print $1 / 1000}' "$out/micros" | median) ms (including /usr/bin/time itself)"
echo "peak RSS median:  $(awk '{print $1 / 1024}' "$out/rss" | median) MiB (largest $(awk '{print $1 / 1024}' "$out/rss" | sort -n | tail -1) MiB)"
