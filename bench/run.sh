#!/usr/bin/env bash
# `make bench`: every benchmark, each comparing restack-gen with the reference it names, in the
# same run. Each bench/NAME.sh takes the build folder and prints its figures and ratios.
set -euo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for b in bench/*.sh; do
  [ "$(basename "$b")" = run.sh ] && continue
  echo "=================== $(basename "$b" .sh)"
  bash "$b" "$build"
done
