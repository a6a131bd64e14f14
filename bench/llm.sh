#!/usr/bin/env bash
# LLM client throughput: 40 function bodies from a fake OpenAI-compatible service that answers
# in a fixed 300 ms, with -j 8 against -j 1 (the original Python tool's one-call-at-a-time
# behaviour), against the ideal (ceil(40/8) = 5 rounds x 300 ms), and a fully cached re-run
# against a run that does no LLM work at all (the `--llm off` baseline).
# Drives restack::llm::BodyService directly through bench/llm/driver.cc.
# Usage: bench/llm.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cmake --build "$build" --target restack_llm restack_template restack_common -j 2 >/dev/null
cxx="c++ -std=c++20 -O2 -I$root/src -I$root/tests -DRESTACK_VERSION=\"bench\""
# shellcheck disable=SC2046
$cxx -o "$work/fake_server" "$root/bench/llm/fake_server.cc" "$root/tests/llm/fake_llm_server_helpers.cc" \
  $(pkg-config --cflags --libs cpp-httplib) -lpthread
# The LLM module renders its prompts with the template engine (src/llm/template_renderer.cc).
$cxx -o "$work/driver" "$root/bench/llm/driver.cc" "$build/librestack_llm.a" "$build/librestack_template.a" \
  "$build/librestack_common.a" -lcurl -lsqlite3 -lhiredis -lyaml-cpp -lfmt -lpthread -ldl

"$work/fake_server" "$work/port" 300 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$work/port")/v1"

wall() { sed -E 's/.*"wall_s": ([0-9.e-]+).*/\1/'; }
echo "40 functions, fake service answering in 300 ms"
j8=$("$work/driver" --base-url "$url" --functions 40 --jobs 8 --no-cache | wall)
j1=$("$work/driver" --base-url "$url" --functions 40 --jobs 1 --no-cache | wall)
awk -v j8="$j8" -v j1="$j1" 'BEGIN {
  ideal = 5 * 0.300
  printf "  -j 8: %.3f s   ideal %.3f s   ratio to ideal %.2fx (target <= 1.30x)\n", j8, ideal, j8 / ideal
  printf "  -j 1: %.3f s   (one call at a time, like the Python tool)\n", j1
  printf "  speed-up -j 8 vs -j 1: %.1fx\n", j1 / j8
}'

# Cached re-run: fill the cache once, then time re-runs against the no-LLM baseline.
"$work/driver" --base-url "$url" --functions 40 --jobs 8 --cache-dir "$work/cache" >/dev/null
hyperfine -N --warmup 2 --runs 15 --export-json "$work/cached.json" \
  "$work/driver --off" \
  "$work/driver --base-url $url --functions 40 --jobs 8 --cache-dir $work/cache" >/dev/null
/usr/bin/python3 - "$work/cached.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
off, cached = r[0]["mean"], r[1]["mean"]
print(f"  cached re-run: {cached*1000:.1f} ms vs no-LLM baseline {off*1000:.1f} ms: +{(cached-off)*1000:.1f} ms (target <= 50 ms)")
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
grep -o 'served.*' "$work/server.log" | sed 's/^/  fake service: /'
