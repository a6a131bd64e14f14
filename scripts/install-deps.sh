#!/usr/bin/env bash
# Installs the Debian packages restack-gen needs to build and test, and only those that are
# missing: a machine that has them all is left untouched (no apt-get call at all).
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
  # libraries linked into restack-gen
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libcurl4-openssl-dev libcpp-httplib-dev libsqlite3-dev libhiredis-dev libtree-sitter-dev
  libmimalloc-dev
  # tests
  libgtest-dev libgmock-dev redis-server nodejs npm
  # references and checks of generated code
  python3 python3-jinja2 python3-yaml python3-jsonschema python3-pytest python3-pydantic
  black pyflakes3 mypy bandit libpython3.11-testsuite hyperfine
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # npm and node may come from elsewhere (e.g. NodeSource): a working binary is enough.
    case "$p" in
      nodejs) command -v node >/dev/null 2>&1 && continue ;;
      npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
