#!/usr/bin/env bash
# Runs every fuzzer built in BUILD_DIR for SECONDS each, on its seed corpus (fuzz/corpus/NAME,
# plus the module's test fixtures where they make good seeds).
# Crashes land in fuzz/crashes/; copy them to the module's regression tests once fixed.
set -euo pipefail
build="${1:-build-fuzz}"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/fuzz/crashes"
status=0
for bin in "$build"/fuzz/*_fuzzer; do
  [ -x "$bin" ] || continue
  name="$(basename "$bin")"
  work="$(mktemp -d)"
  [ -d "$root/fuzz/corpus/$name" ] && cp -r "$root/fuzz/corpus/$name/." "$work/"
  # Test fixtures are seeds too, taken from where they live rather than copied into fuzz/.
  case "$name" in
    check_fuzzer) find "$root/tests/check/fixtures" "$root/tests/check/corpus" -name '*.py' \
                    -exec sh -c 'cp "$1" "$2/seed-$(echo "$1" | md5sum | cut -c1-12).py"' _ {} "$work" \; ;;
  esac
  echo "== $name for ${seconds}s"
  if ! "$bin" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$root/fuzz/crashes/$name-" -print_final_stats=1 2>"$work.log"; then
    echo "$name: FAILED (see fuzz/crashes/)"; tail -30 "$work.log"; status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$work.log" | tail -2
  fi
  rm -rf "$work" "$work.log"
done
exit $status
