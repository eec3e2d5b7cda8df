#!/usr/bin/env bash
# Lints public coroutine libraries (their sources, tests and examples) and
# compares the findings with the reviewed verdicts in test/realworld/verdicts/.
#
#   test/realworld/fetch-and-lint.sh [--update] [CORPUS...]
#
# The snapshots live outside the repository, in $COROLINT_CORPORA (default
# /work/corpora), one directory per library at the commit that
# thirdparty.json names:
#
#   libcoro       jbaldwin/libcoro         277467ffdee1d7f04e93c6b4c72689c6c743f567
#   cppcoro       andreasbuhr/cppcoro      b8e41b99a927eaabcfd073ae4c7b966c5859f866
#   concurrencpp  David-Haim/concurrencpp  7a88f5401e15e1b64acae70077e40df1a5a9f6bf
#   asio          chriskohlhoff/asio       8806a6803cde7054c3049d3666d3ec36786568c5
#                 (include/, src/examples/cpp20/ and src/tests/ are linted)
#
# A missing snapshot is cloned from GitHub and checked out at that commit.
# libcoro's networking needs libc-ares-dev and libssl-dev.
# Linting runs under `nice -n 10` with 2 jobs (COROLINT_JOBS to change).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpora=${COROLINT_CORPORA:-/work/corpora}
build=${COROLINT_BUILD:-$repo/build}

update=()
[ "${1:-}" = "--update" ] && { update=(--update); shift; }

fetch() {  # name github-repo commit [subdirectory]
  local name=$1 url=https://github.com/$2.git commit=$3 sub=${4:-}
  [ -d "$corpora/$name" ] && return 0
  local clone
  clone=$(mktemp -d)
  git clone --quiet --filter=blob:none "$url" "$clone"
  git -C "$clone" checkout --quiet "$commit"
  mkdir -p "$corpora"
  mv "$clone/$sub" "$corpora/$name"
  rm -rf "$clone"
}

mkdir -p "$corpora"
python3 - "$here/thirdparty.json" <<'EOF' | while read -r name github commit sub; do fetch "$name" "$github" "$commit" "$sub"; done
import json, sys
for c in json.load(open(sys.argv[1]))["corpora"]:
    print(c["name"], c["repository"], c["commit"], c.get("subdirectory", ""))
EOF

exec "$here/realworld.py" --config "$here/thirdparty.json" --build "$build" \
  --var "CORPORA=$corpora" --work "$corpora/work" --jobs "${COROLINT_JOBS:-2}" \
  "${update[@]}" "$@"
