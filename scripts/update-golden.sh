#!/usr/bin/env bash
# `make golden`: regenerates tests/golden/<example>/ from examples/<example>.yaml with the built
# restack-gen, for review: `git diff tests/golden` shows what changed; commit only what you
# checked. Run from anywhere; paths in the generated READMEs are relative to the project root.
set -euo pipefail
bin="$(realpath "${1:-build/restack-gen}")"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for spec in examples/*.yaml; do
  name="$(basename "$spec" .yaml)"
  rm -rf "tests/golden/$name"
  "$bin" -q generate "$spec" -o "tests/golden/$name"
done
git status --short tests/golden || true
echo "regenerated $(ls examples/*.yaml | wc -l) golden trees under tests/golden/; review with: git diff tests/golden"
