#!/usr/bin/env bash
# Installs the Debian packages corolint needs, only those that are missing.
# `install-deps.sh MAJOR realworld` installs instead what `make test-realworld`
# lints: real coroutine code from Debian (Boost.Asio, asio and QCoro examples)
# and the documentation packages and Qt tools it needs, kept apart from what
# `make test` needs.
set -euo pipefail
major=${1:-19}
group=${2:-build}
case "$group" in
  build)
    packages=(
      cmake ninja-build python3 make
      "clang-$major" "clang-tidy-$major" "libclang-$major-dev" "llvm-$major-dev"
      "llvm-$major-tools" "libclang-rt-$major-dev"
      nlohmann-json3-dev libgtest-dev libasio-dev
      # Real library headers for the model tests (test/checks/*).
      libsqlite3-dev libpq-dev libmariadb-dev libhiredis-dev libcurl4-openssl-dev
      libgrpc++-dev pkg-config libabsl-dev libboost-thread1.81-dev qcoro-qt6-dev
      libzstd-dev zlib1g-dev liblz4-dev libbz2-dev liblzma-dev libsodium-dev
    )
    # The SARIF validator comes from the npm registry.
    command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
    ;;
  realworld)
    packages=(
      pkg-config libboost1.81-doc libboost1.81-dev libasio-doc libasio-dev
      qcoro-doc qcoro-qt6-dev qt6-base-dev qt6-base-dev-tools
    )
    ;;
  *) echo "install-deps: unknown group '$group' (build or realworld)" >&2; exit 3 ;;
esac
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "corolint: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
