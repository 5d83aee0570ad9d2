#!/usr/bin/env bash
# Build times (issue 7), each on an empty target directory so nothing is shared:
#   1. a clean debug build of the generated crate of the upstream Face spec (TLS included), with
#      the runtime embedded (the CLI's default), with the `azure-identity` feature, and on the
#      runtime crate (`--runtime-path`);
#   2. a clean debug build of `azure-face`, whose build.rs runs the generator;
#   3. the rebuild of `azure-face` after one description of spec/face-snapshot.json changed.
# Each build also writes cargo's --timings report (target/cargo-timings/) into its target dir.
#   scripts/measure-builds.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${1:-$(mktemp -d)}
face=${AZURE_SPECS_DIR:-../shared/specs/azure}/cognitiveservices/Face/stable/v1.0/Face.json
secs() { awk -v ns="$1" 'BEGIN {printf "%.1f", ns / 1e9}'; }
timed() { local start; start=$(date +%s%N); "$@" >/dev/null 2>&1; secs $(( $(date +%s%N) - start )); }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, work dir $work"
cargo fetch --locked -q

# 1. The generated Face crate, as a crate of its own: the workspace's lock file pins the same
# versions (cargo drops the packages it does not need), all in the cache `cargo fetch` filled.
cargo run --release --locked -q -p azure-rest-codegen -- --input "$face" --output "$work/face" --crate-name face-client >/dev/null
cp Cargo.lock "$work/face/Cargo.lock"
echo "generated Face crate, clean debug build: $(timed cargo build --manifest-path "$work/face/Cargo.toml" --offline --timings --target-dir "$work/face-target") s"
# 1b. The same with the `azure-identity` feature (azure_core, for azure_identity's credentials).
echo "generated Face crate with azure-identity, clean debug build: $(timed cargo build --manifest-path "$work/face/Cargo.toml" --offline --features azure-identity --timings --target-dir "$work/face-identity-target") s"
cargo run --release --locked -q -p azure-rest-codegen -- --input "$face" --output "$work/face-rt" --crate-name face-client --runtime-path "$repo/runtime" >/dev/null
cp Cargo.lock "$work/face-rt/Cargo.lock"
echo "generated Face crate on the runtime crate, clean debug build: $(timed cargo build --manifest-path "$work/face-rt/Cargo.toml" --offline --timings --target-dir "$work/face-rt-target") s"

# 2. and 3. The crate that runs the generator in build.rs: a copy of the repository.
git -C "$repo" worktree add -q --detach "$work/repo" HEAD
echo "azure-face (generator in build.rs), clean debug build: $(timed cargo build --manifest-path "$work/repo/Cargo.toml" -p azure-face --locked --offline --timings --target-dir "$work/repo-target") s"
sed -i '0,/"description": "/s//"description": "Edited. /' "$work/repo/spec/face-snapshot.json"
echo "azure-face, rebuild after editing one description: $(timed cargo build --manifest-path "$work/repo/Cargo.toml" -p azure-face --locked --offline --target-dir "$work/repo-target") s"
git -C "$repo" worktree remove --force "$work/repo"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
