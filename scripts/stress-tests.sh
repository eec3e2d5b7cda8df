#!/usr/bin/env bash
# Runs the runtime's tests over and over in shuffled order while busy loops
# occupy every core, built for release and under ThreadSanitizer, and prints
# how often each test failed. Exits non-zero on any failure.
#
#   scripts/stress-tests.sh [-n PASSES] [-H LOOPS_PER_CORE] [-m "release thread"]
#                           [BUILD_DIR [COMPILER]]
#
# The busy loops run at the script's own niceness, as the tests do: start the
# script under `nice -n 10` and both yield to other work alike.
set -euo pipefail
source "$(dirname "$0")/runtime-tree.sh"

passes=20
loops_per_core=2
modes="release thread"
usage() {
  echo "usage: $0 [-n passes] [-H busy loops per core] [-m modes] [build dir [compiler]]" >&2
  exit 2
}
while getopts "n:H:m:h" option; do
  case $option in
    n) passes=$OPTARG ;;
    H) loops_per_core=$OPTARG ;;
    m) modes=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
build=${1:-build}
compiler=${2:-clang++-19}
[[ $passes =~ ^[1-9][0-9]*$ ]] || { echo "stress-tests: -n wants a positive number, not '$passes'" >&2; exit 2; }
[[ $loops_per_core =~ ^[0-9]+$ ]] || { echo "stress-tests: -H wants a number, not '$loops_per_core'" >&2; exit 2; }
for mode in $modes; do
  [[ $mode == release || $mode == thread ]] ||
    { echo "stress-tests: unknown mode '$mode' (release, thread)" >&2; exit 2; }
done

hogs=()
stop_hogs() {
  if ((${#hogs[@]})); then
    kill "${hogs[@]}" 2>/dev/null || true
    wait "${hogs[@]}" 2>/dev/null || true
  fi
  hogs=()
}
trap stop_hogs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_hogs() {
  local count=$(($(nproc) * loops_per_core)) i
  for ((i = 0; i < count; ++i)); do
    (while :; do :; done) &
    hogs+=($!)
  done
}

# The build tree of a mode: the sanitizer tree is the one
# test-runtime-sanitizers.sh uses.
tree_of() {
  case $1 in
    release) echo "$build/runtime-release" ;;
    thread) echo "$build/runtime-thread" ;;
  esac
}

# Reads gtest output; prints "failures runs test" for every test that failed
# and last a line "total RUNS FAILURES". A test that was running when its
# process died counts as failed.
tally() {
  awk '
    function died() { if (running != "") { failed[running]++; running = "" } }
    FNR == 1 { died() }
    /^\[ RUN      \] / { running = $4; runs[running]++; total++ }
    /^\[       OK \] / { running = "" }
    /^\[  FAILED  \] .* \([0-9]+ ms\)$/ { name = $4; sub(/,$/, "", name); failed[name]++; running = "" }
    END {
      died()
      for (name in failed) { printf "%8d %5d  %s\n", failed[name], runs[name], name; sum += failed[name] }
      printf "total %d %d\n", total, sum
    }' "$@"
}

# Runs the tests of `mode` for all passes, starting a new process for the
# passes left if one dies. Prints the failure table; returns 1 on a failure.
stress_mode() {
  local mode=$1 binary logs done=0 part=0 status completed left
  binary="$(tree_of "$mode")/corolint_rt_tests"
  logs="$build/stress-$mode"
  rm -rf "$logs" && mkdir -p "$logs"
  echo "== $mode: $passes shuffled passes, $loops_per_core busy loops per core ($(nproc) cores)"
  local started=$SECONDS
  start_hogs
  while ((done < passes)); do
    left=$((passes - done))
    part=$((part + 1))
    status=0
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
      "$binary" --gtest_repeat="$left" --gtest_shuffle >"$logs/$part.log" 2>&1 || status=$?
    completed=$(grep -cE '^\[==========\] [0-9]+ tests? from .* ran\.' "$logs/$part.log" || true)
    if ((completed < left)); then
      echo "   process died (status $status) in pass $((done + completed + 1)); going on with a new one"
      done=$((done + completed + 1))
    else
      done=$passes
      if ((status != 0)) && ! grep -q '^\[  FAILED  \]' "$logs/$part.log"; then
        echo "   process exited with status $status after all tests passed" >>"$logs/$part.log"
        echo "   process exited with status $status although no test failed"
        part_failed=1
      fi
    fi
  done
  stop_hogs
  local table totals runs failures
  table=$(tally "$logs"/*.log)
  totals=$(tail -n 1 <<<"$table")
  read -r _ runs failures <<<"$totals"
  if ((failures > 0)); then
    echo "   failures   runs  test"
    head -n -1 <<<"$table" | sort -k1,1nr -k3
  fi
  echo "$mode: $passes passes, $runs test runs, $failures failures, $((SECONDS - started)) s; logs in $logs/"
  ((failures == 0 && part_failed == 0))
}

for mode in $modes; do
  tree=$(tree_of "$mode")
  if [[ $mode == thread ]]; then
    configure_runtime_tree "$tree" "$compiler" RelWithDebInfo thread
  else
    configure_runtime_tree "$tree" "$compiler" Release
  fi
  cmake --build "$tree" --target corolint_rt_tests
done

failed_modes=()
for mode in $modes; do
  part_failed=0
  stress_mode "$mode" || failed_modes+=("$mode")
done
if ((${#failed_modes[@]})); then
  echo "stress: FAILED in ${failed_modes[*]}"
  exit 1
fi
echo "stress: passed, $passes passes each in $modes"
