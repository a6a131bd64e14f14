#!/usr/bin/env bash
# Benchmark of the spec module: whole-process medians (hyperfine) of
#   restack-gen --version                    (cold start; target < 5 ms)
#   restack-gen validate big.yaml            (5,000 steps; target >= 20x faster than PyYAML)
#   /usr/bin/python3 + PyYAML CSafeLoader    (the C loader: the faster, fair reference; load only)
#   the same two on bench/generate/make_spec.py's 2.15 MB spec (1,000 workflows, 5,000 functions),
#   which restack-gen loads on two threads (docs/spec.md "Large specs"; no target of its own)
# Usage: bench/spec.sh BUILD_DIR
set -euo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$build/restack-gen"
[ -x "$bin" ] || bin="$root/$build/restack-gen"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$root/bench/make_big_spec.py" "$work/big.yaml" 5000
/usr/bin/python3 "$root/bench/generate/make_spec.py" "$work/large.yaml" 1000 5000
# Each must be valid, or the benchmark measures error paths (two files given at once are one project).
"$bin" -q validate "$work/big.yaml"
"$bin" -q validate "$work/large.yaml"
/usr/bin/python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || { echo "PyYAML without libyaml: no C loader"; exit 1; }
echo "spec: $(wc -c < "$work/big.yaml") bytes, $(grep -c '^ *- name:' "$work/big.yaml") steps; large spec: $(wc -c < "$work/large.yaml") bytes"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

hyperfine -N --warmup 3 --runs 30 --export-json "$work/r.json" \
  -n version "$bin --version" \
  -n validate "$bin -q validate $work/big.yaml" \
  -n pyyaml "/usr/bin/python3 -c \"import yaml; yaml.load(open('$work/big.yaml'), Loader=yaml.CSafeLoader)\"" >/dev/null
# Fewer runs for the large spec: PyYAML takes about 4 s on it.
hyperfine -N --warmup 1 --runs 7 --export-json "$work/r-large.json" \
  -n validate-large "$bin -q validate $work/large.yaml" \
  -n pyyaml-large "/usr/bin/python3 -c \"import yaml; yaml.load(open('$work/large.yaml'), Loader=yaml.CSafeLoader)\"" >/dev/null

/usr/bin/python3 - "$work/r.json" "$work/r-large.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for f in sys.argv[1:] for x in json.load(open(f))["results"]}
ms = lambda s: f"{s * 1000:8.2f} ms"
print(f"restack-gen --version          {ms(r['version'])}   (target < 5 ms)")
print(f"restack-gen validate big.yaml  {ms(r['validate'])}")
print(f"python3 + PyYAML CSafeLoader   {ms(r['pyyaml'])}   (load only, C loader)")
ratio = r["pyyaml"] / r["validate"]
print(f"validate is {ratio:.1f}x faster than the PyYAML load (target >= 20x)")
print(f"restack-gen validate large     {ms(r['validate-large'])}   (2.15 MB, two threads)")
print(f"python3 + PyYAML, large        {ms(r['pyyaml-large'])}")
print(f"validate of the large spec is {r['pyyaml-large'] / r['validate-large']:.1f}x faster than the PyYAML load")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# Page faults were a third of the run before the heap used huge pages (docs/cli.md#memory).
/usr/bin/time -f "validate, one run: %U s user, %S s system, %R page faults, peak RSS %M KB" \
  "$bin" -q validate "$work/big.yaml"
