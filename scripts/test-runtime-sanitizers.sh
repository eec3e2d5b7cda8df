#!/usr/bin/env bash
# Builds the runtime's tests with ThreadSanitizer and with AddressSanitizer,
# each in its own build tree, and runs them.
set -euo pipefail
source "$(dirname "$0")/runtime-tree.sh"
build=${1:-build}
compiler=${2:-clang++-19}
for sanitizer in thread address; do
  tree="$build/runtime-$sanitizer"
  configure_runtime_tree "$tree" "$compiler" RelWithDebInfo "$sanitizer"
  cmake --build "$tree"
  echo "== runtime tests under ${sanitizer} sanitizer"
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ASAN_OPTIONS="detect_leaks=1 halt_on_error=1" \
    ctest --test-dir "$tree" --output-on-failure -j2
done
