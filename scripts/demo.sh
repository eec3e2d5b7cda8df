#!/usr/bin/env bash
# Builds the example project in runtime/examples and lints every example
# source with the corolint plugin.
# Usage: scripts/demo.sh BUILD_DIR   (run from the repository root, after the
# plugin has been built at BUILD_DIR/lib/corolint.so)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build_dir=$1
major=${LLVM_MAJOR:-19}
plugin=$build_dir/lib/corolint.so
examples_src=runtime/examples
examples_build=$build_dir/examples

if [ ! -f "$plugin" ]; then
  echo "corolint: plugin not found at $plugin; build it first (make build)" >&2
  exit 1
fi

# Runs a command quietly; shows its output only if it fails.
quiet() {
  local log
  if ! log=$("$@" 2>&1); then
    printf '%s\n' "$log" >&2
    echo "corolint: failed: $*" >&2
    return 1
  fi
}

quiet cmake -S "$examples_src" -B "$examples_build" -G Ninja \
  -DCMAKE_CXX_COMPILER="clang++-$major"
quiet cmake --build "$examples_build"

tidy=("clang-tidy-$major" --quiet --load="$plugin" --checks='-*,coro-*')

# Fail once, with clang-tidy's own reason, if the plugin does not load or
# provides no coro-* checks.
tidy_err=$(mktemp)
trap 'rm -f "$tidy_err"' EXIT
if ! "${tidy[@]}" --list-checks >/dev/null 2>"$tidy_err"; then
  sed -E '/^(Error: n|N)o checks enabled\.$/d' "$tidy_err" >&2
  echo "corolint: clang-tidy-$major could not load coro-* checks from $plugin" >&2
  exit 1
fi

mapfile -t sources < <(find "$examples_src" -name CMakeFiles -prune -o -name '*.cpp' -print | sort)
if [ ${#sources[@]} -eq 0 ]; then
  echo "corolint: no example sources under $examples_src" >&2
  exit 1
fi

status=0
for source in "${sources[@]}"; do
  echo "== ${source#"$examples_src"/}"
  # Diagnostics go to stdout; stderr keeps everything except the per-file
  # "N warnings generated." count.
  if ! { "${tidy[@]}" -p "$examples_build" "$source" 2>&1 1>&3 3>&- |
         sed -E '/^[0-9]+ warnings? generated\.$/d' >&2; } 3>&1; then
    echo "corolint: clang-tidy failed on $source" >&2
    status=1
  fi
done
exit $status
