#!/usr/bin/env bash
# Template engine benchmark: a large code-generation template (thousands of loop iterations
# with macros, dictsort, wordwrap, indent, tojson...) rendered by `restack-gen render` and by
# Python Jinja2 on the same data. Checks the outputs are identical, then reports hyperfine
# whole-process medians, their ratio, and peak RSS (/usr/bin/time -v).
# usage: bench/template.sh [BUILD_DIR] [MODELS]
set -euo pipefail
build="${1:-build}"
models="${2:-2000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/$build/restack-gen"
[ -x "$bin" ] || bin="$build/restack-gen"
here="$root/bench/template"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import jinja2' 2>/dev/null; then
  echo "template: skipped (Python Jinja2 is not installed: apt install python3-jinja2)"
  exit 0
fi
/usr/bin/python3 "$here/gen_data.py" "$models" > "$work/data.json"
ours=("$bin" render "$here/codegen.j2" --data "$work/data.json" --trim-blocks --lstrip-blocks)
theirs=(/usr/bin/python3 "$here/render.py" "$here/codegen.j2" "$work/data.json")

"${ours[@]}" > "$work/ours.txt"
"${theirs[@]}" > "$work/theirs.txt"
if ! cmp -s "$work/ours.txt" "$work/theirs.txt"; then
  echo "template: FAIL: restack-gen and Python Jinja2 outputs differ"
  diff "$work/theirs.txt" "$work/ours.txt" | head -20
  exit 1
fi
echo "template: $models models, $(wc -c < "$work/ours.txt") bytes of output, identical to Python Jinja2"

q() { printf '%q ' "$@"; }
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$work/h.json" -N \
  -n restack-gen "$(q "${ours[@]}")" -n python-jinja2 "$(q "${theirs[@]}")" > "$work/hyperfine.txt" 2>&1 ||
  { cat "$work/hyperfine.txt"; exit 1; }

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
ours_rss=$(rss "${ours[@]}")
theirs_rss=$(rss "${theirs[@]}")

/usr/bin/python3 - "$work/h.json" "$ours_rss" "$theirs_rss" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, theirs = r["restack-gen"]["median"], r["python-jinja2"]["median"]
print("template: restack-gen median %.1f ms, Python Jinja2 median %.1f ms: %.1fx faster" % (ours * 1e3, theirs * 1e3, theirs / ours))
print("template: peak RSS restack-gen %.1f MiB, Python Jinja2 %.1f MiB" % (int(sys.argv[2]) / 1024, int(sys.argv[3]) / 1024))
PY
