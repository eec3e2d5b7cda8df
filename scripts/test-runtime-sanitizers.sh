#!/usr/bin/env bash
# Builds the runtime's tests with ThreadSanitizer and with AddressSanitizer,
# each in its own build tree, and runs them.
set -euo pipefail
build=${1:-build}
compiler=${2:-clang++-19}
for sanitizer in thread address; do
  tree="$build/runtime-$sanitizer"
  cmake -S runtime -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$compiler" -DCOROLINT_RT_SANITIZER="$sanitizer" >/dev/null
  cmake --build "$tree"
  echo "== runtime tests under ${sanitizer} sanitizer"
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ASAN_OPTIONS="detect_leaks=1 halt_on_error=1" \
    ctest --test-dir "$tree" --output-on-failure -j2
done
