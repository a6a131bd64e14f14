#!/usr/bin/env bash
# The main job on the bundled examples: validate every spec in examples/.
set -euo pipefail
bin="${1:-build/restack-gen}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
echo "== restack-gen validate examples/*.yaml"
"$bin" validate examples/*.yaml
