#!/usr/bin/env bash
# The main job on the bundled examples: validate every spec in examples/, then generate the
# DataProcessor example project into build/demo/data-processor and list what was written.
set -euo pipefail
bin="${1:-build/restack-gen}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
echo "== restack-gen validate examples/*.yaml"
"$bin" validate examples/*.yaml
out="$(dirname "$bin")/demo/data-processor"
echo "== restack-gen generate examples/data_processor.yaml -o $out --force"
"$bin" generate examples/data_processor.yaml -o "$out" --force
(cd "$out" && find . -type f | sort)
echo "== next: cd $out && uv sync && uv run dev   (see $out/README.md)"
