#!/usr/bin/env bash
# Lints the project's own C++ with its .clang-tidy, corolint's checks included.
set -euo pipefail
build=${1:-build}
major=${LLVM_MAJOR:-19}
plugin="$build/lib/corolint.so"
[ -f "$plugin" ] || { echo "lint-self: $plugin not found; build first" >&2; exit 1; }
[ -f "$build/compile_commands.json" ] || { echo "lint-self: no $build/compile_commands.json" >&2; exit 1; }
mapfile -t sources < <(git ls-files 'checks/*.cpp' 'runtime/*.cpp' 'test/runtime/*.cpp' 'driver/*.cpp' | grep -v '^runtime/examples/')
[ ${#sources[@]} -gt 0 ] || exit 0
exec "run-clang-tidy-$major" -quiet -clang-tidy-binary "clang-tidy-$major" \
  -load "$plugin" -p "$build" "${sources[@]/#/$PWD/}"
