# Sourced by the scripts that build the runtime's tests in trees of their own.

# configure_runtime_tree TREE COMPILER BUILD_TYPE [SANITIZER]
# Configures the runtime alone in TREE, with SANITIZER (thread, address) if
# given; uses ccache when it is installed.
configure_runtime_tree() {
  local tree=$1 compiler=$2 build_type=$3 sanitizer=${4:-}
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S runtime -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_CXX_COMPILER="$compiler" -DCOROLINT_RT_SANITIZER="$sanitizer" \
    "${launcher[@]}" >/dev/null
}
