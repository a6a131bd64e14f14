#!/usr/bin/env bash
# `restack-gen check` on the CPython 3.11 standard library and test suite (libpython3.11-stdlib,
# libpython3.11-testsuite: ~1,600 files, 27 MB), against `bandit -r -q` and `pyflakes3` in the
# same run. Whole-process wall time with hyperfine, peak memory with /usr/bin/time -v.
# Targets (issue 7): >= 20x faster than bandit, >= 5x faster than pyflakes, < 300 MB.
# Usage: bench/check.sh BUILD_DIR [CORPUS] [JOBS]
set -euo pipefail
build="${1:-build}"
corpus="${2:-/usr/lib/python3.11}"
jobs="${3:-$(nproc)}"
bin="$build/restack-gen"
for tool in hyperfine bandit pyflakes3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "check bench: $tool missing, skipped"; exit 0; }
done
[ -x "$bin" ] || { echo "check bench: $bin missing (build first)"; exit 1; }
[ -d "$corpus" ] || { echo "check bench: $corpus missing"; exit 0; }
files=$(find "$corpus" -name '*.py' -not -path '*/__pycache__/*' | wc -l)
echo "corpus: $corpus ($files .py files), restack-gen check -j$jobs"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# bandit and pyflakes exit non-zero when they find something: hyperfine -i ignores that.
hyperfine -i --warmup 1 --runs 3 --export-json "$out/check.json" \
  -n restack-gen "$bin check --no-config --exit-zero -q -j$jobs $corpus" \
  -n bandit "bandit -r -q $corpus" \
  -n pyflakes "pyflakes3 $corpus" >/dev/null

peak() { /usr/bin/time -v "$@" >/dev/null 2>"$out/time.txt" || true; awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$out/time.txt"; }
mem_ours=$(peak "$bin" check --no-config --exit-zero -q -j"$jobs" "$corpus")
mem_bandit=$(peak bandit -r -q "$corpus")
mem_pyflakes=$(peak pyflakes3 "$corpus")

/usr/bin/python3 - "$out/check.json" "$mem_ours" "$mem_bandit" "$mem_pyflakes" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mem = dict(zip(["restack-gen", "bandit", "pyflakes"], sys.argv[2:5]))
ours = res["restack-gen"]["mean"]
print(f"{'tool':12} {'mean s':>8} {'stddev':>8} {'peak MB':>8} {'vs ours':>8}")
for name in ("restack-gen", "bandit", "pyflakes"):
    r = res[name]
    print(f"{name:12} {r['mean']:8.3f} {r['stddev'] or 0:8.3f} {mem[name]:>8} {r['mean'] / ours:7.1f}x")
ok_b = res["bandit"]["mean"] / ours >= 20
ok_p = res["pyflakes"]["mean"] / ours >= 5
ok_m = float(mem["restack-gen"]) < 300
print(f"targets: >=20x bandit {'OK' if ok_b else 'MISSED'}, >=5x pyflakes {'OK' if ok_p else 'MISSED'}, "
      f"<300 MB {'OK' if ok_m else 'MISSED'}")
PY
