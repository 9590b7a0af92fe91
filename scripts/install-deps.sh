#!/usr/bin/env bash
# Installs the Debian 12 packages attnbound builds and tests with, when they are missing.
# Idempotent: prints nothing and touches nothing when everything is present; loud on failure.
set -euo pipefail

required=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libmpfr-dev libgmp-dev libmpfi-dev
  libeigen3-dev librapidcheck-dev catch2 libhwy-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  libflint-arb-dev libflint-dev
  gnuplot-nox python3 python3-numpy
  libopenmpi-dev openmpi-bin
  python3-torch
)
# The sanitizer build (preset asan) is compiled with clang: installed with --with-sanitizer.
sanitizer=(clang libclang-rt-14-dev)
# Optional peers (benchmarks against other implementations, fuzzing): installed with --with-optional.
optional=(libdnnl-dev "${sanitizer[@]}" chromium)

want=("${required[@]}")
for arg in "$@"; do
  case "$arg" in
    --with-optional) want+=("${optional[@]}") ;;
    --with-sanitizer) want+=("${sanitizer[@]}") ;;
    *) echo "install-deps: unknown option '$arg' (--with-optional, --with-sanitizer)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing missing Debian packages: ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
log=$(mktemp)
if ! { "${sudo_cmd[@]}" apt-get update -qq && \
       DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  echo "install-deps: FAILED to install: ${missing[*]}" >&2
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
echo "install-deps: done" >&2
