#!/usr/bin/env bash
# Git pre-commit hook: lints the staged C++ sources with corolint and refuses
# the commit when it reports findings (or cannot lint a file).
#
# Install:  cp docs/ci/pre-commit-hook.sh .git/hooks/pre-commit
#           chmod +x .git/hooks/pre-commit
# Settings (environment variables):
#   COROLINT        the corolint binary (default: corolint on PATH, else
#                   build/bin/corolint)
#   COROLINT_BUILD  the directory of compile_commands.json (default: build)
#   COROLINT_ARGS   more options, e.g. "--fail-on=error"
# Skip once with: git commit --no-verify
#
# Only files listed in the compilation database get their real compile
# command; others (headers) are linted with a command inferred from a
# neighbour, as clang-tidy does. The working tree's version of each file is
# linted, so stage everything you want checked.
set -euo pipefail

top=$(git rev-parse --show-toplevel)
cd "$top"

corolint=${COROLINT:-}
if [ -z "$corolint" ]; then
  if command -v corolint >/dev/null 2>&1; then
    corolint=corolint
  elif [ -x build/bin/corolint ]; then
    corolint=build/bin/corolint
  else
    echo "pre-commit: corolint not found; set COROLINT or build it" >&2
    exit 1
  fi
fi
build=${COROLINT_BUILD:-build}
if [ ! -f "$build/compile_commands.json" ]; then
  echo "pre-commit: no $build/compile_commands.json; configure the build" \
       "(cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON) or set COROLINT_BUILD" >&2
  exit 1
fi

mapfile -d '' -t files < <(git diff --cached --name-only --diff-filter=ACMR -z -- \
  '*.cpp' '*.cc' '*.cxx' '*.c++')
[ ${#files[@]} -gt 0 ] || exit 0

# shellcheck disable=SC2086  # COROLINT_ARGS is a list of options
if "$corolint" -p "$build" --quiet ${COROLINT_ARGS:-} "${files[@]}"; then
  exit 0
else
  status=$?
fi
case $status in
  1) echo "pre-commit: corolint found problems in the staged files (see above)." \
          "Fix them, silence one with // NOLINT(check-name), or commit with --no-verify." >&2 ;;
  2) echo "pre-commit: corolint could not lint every staged file (see above)." >&2 ;;
  *) echo "pre-commit: corolint failed (exit status $status)." >&2 ;;
esac
exit "$status"
