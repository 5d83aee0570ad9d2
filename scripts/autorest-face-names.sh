#!/usr/bin/env bash
# Compares the parameter names of every operation of the upstream Face spec with those of
# AutoRest's Python client (the PyPI package azure-cognitiveservices-vision-face): downloads the
# wheel, reads its method signatures, and compares them with the generator's API listing.
#   scripts/autorest-face-names.sh [SPECS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
specs=${1:-${AZURE_SPECS_DIR:-../shared/specs/azure}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip download --quiet --no-deps azure-cognitiveservices-vision-face==0.6.1 -d "$work"
python3 -m zipfile -e "$work"/azure_cognitiveservices_vision_face-*.whl "$work/wheel"
${CLI:-cargo run --quiet --release -p azure-rest-codegen --} --input "$specs/cognitiveservices/Face/stable/v1.0/Face.json" \
  --output "$work/crate" --api-listing "$work/listing.txt" >/dev/null
python3 - "$work/wheel" "$work/listing.txt" <<'PY'
import ast, glob, os, re, sys
wheel, listing = sys.argv[1], sys.argv[2]
python = {}
for path in sorted(glob.glob(os.path.join(wheel, "azure/cognitiveservices/vision/face/operations/_*_operations.py"))):
    group = re.sub(r"^_|_operations\.py$", "", os.path.basename(path))
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            python[f"{group}.{node.name}"] = [a.arg for a in node.args.args if a.arg not in ("self", "custom_headers", "raw", "callback")]  # Python-only: no spec parameter
ours, group = {}, None
for line in open(listing):
    m = re.match(r"Client::(\w+)\(\) -> \w+", line)
    if m:
        group = m.group(1)
        continue
    m = re.match(r"  \w+::(\w+)\((.*?)\)((?: \.\w+\([^)]*\)(?: = \S+)?)*) ->", line)
    if m and group:
        required = [a.split(":")[0].strip() for a in m.group(2).split(",") if a.strip()]
        ours[f"{group}.{m.group(1)}"] = required + re.findall(r" \.(\w+)\(", m.group(3))
# A Rust keyword keeps its name with a trailing underscore (`type` -> `type_`).
unkeyword = lambda names: sorted(n[:-1] if n in ("type_", "self_", "match_", "ref_") else n for n in names)
same = [k for k in python if k in ours and unkeyword(ours[k]) == sorted(python[k])]
print(f"operations: AutoRest Python {len(python)}, here {len(ours)}; the same parameter names: {len(same)}")
for k in sorted(set(python) | set(ours)):
    if k not in same:
        print(f"  {k}: AutoRest {python.get(k)}, here {ours.get(k)}")
PY
