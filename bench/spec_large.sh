#!/usr/bin/env bash
# Benchmark of loading a large spec on two threads (docs/spec.md "Large specs"): whole-process
# medians (hyperfine) of
#   restack-gen validate spec.yaml           (bench/generate/make_spec.py: 1,000 workflows,
#                                             5,000 functions, 2.15 MB: loaded on two threads)
#   /usr/bin/python3 + PyYAML CSafeLoader    (the C loader, load only: the fair reference)
# and the CPU time of one validate (user + system: both threads together).
# Usage: bench/spec_large.sh BUILD_DIR
set -euo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$build/restack-gen"
[ -x "$bin" ] || bin="$root/$build/restack-gen"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$root/bench/generate/make_spec.py" "$work/spec.yaml" 1000 5000
"$bin" -q validate "$work/spec.yaml"  # must be valid, or the benchmark measures error paths
/usr/bin/python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || { echo "PyYAML without libyaml: no C loader"; exit 1; }
echo "spec: $(wc -c < "$work/spec.yaml") bytes; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

hyperfine -N --warmup 3 --runs 20 --export-json "$work/r.json" \
  -n validate "$bin -q validate $work/spec.yaml" \
  -n pyyaml "/usr/bin/python3 -c \"import yaml; yaml.load(open('$work/spec.yaml'), Loader=yaml.CSafeLoader)\"" >/dev/null

/usr/bin/python3 - "$work/r.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda s: f"{s * 1000:8.2f} ms"
v, p = r["validate"], r["pyyaml"]
print(f"restack-gen validate spec.yaml  {ms(v['median'])}   (user {ms(v['user'])}, system {ms(v['system'])})")
print(f"python3 + PyYAML CSafeLoader    {ms(p['median'])}   (load only, C loader)")
print(f"validate is {p['median'] / v['median']:.1f}x faster than the PyYAML load")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
