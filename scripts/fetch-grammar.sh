#!/usr/bin/env bash
# Fetches the tree-sitter-python grammar's C sources from the npm registry, pinned and checked
# by SHA-256. Only parser.c, scanner.c and the tree_sitter/ headers are kept; nothing from npm
# ends up in the binary's runtime besides the compiled grammar.
set -euo pipefail
VERSION=0.23.6
SHA256=aab5b860d93dbf84b37fed532f7dacc0468ede5387d0c74911d68f964287662a
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/third_party/tree-sitter-python"
if [ -f "$dest/src/parser.c" ] && [ "$(cat "$dest/VERSION" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-grammar: tree-sitter-python@$VERSION from the npm registry"
(cd "$tmp" && npm pack --silent "tree-sitter-python@$VERSION" >/dev/null)
tgz="$tmp/tree-sitter-python-$VERSION.tgz"
echo "$SHA256  $tgz" | sha256sum -c --quiet -
tar -xzf "$tgz" -C "$tmp"
rm -rf "$dest"
mkdir -p "$dest/src"
cp "$tmp/package/src/parser.c" "$tmp/package/src/scanner.c" "$dest/src/"
cp -r "$tmp/package/src/tree_sitter" "$dest/src/"
cp "$tmp/package/LICENSE" "$dest/" 2>/dev/null || true
echo "$VERSION" > "$dest/VERSION"
