import os
import shlex

import lit.formats

config.name = "corolint"
config.test_format = lit.formats.ShTest(True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "runtime", "tools", "realworld", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.corolint_build_dir, "test")

plugin = os.path.join(config.corolint_build_dir, "lib", "corolint.so")
filecheck = os.path.join(config.llvm_tools_dir, "FileCheck")
tools = os.path.join(config.test_source_root, "tools")
inputs = os.path.join(config.test_source_root, "checks", "Inputs")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])

check_clang_tidy = " ".join(shlex.quote(part) for part in [
    config.python, os.path.join(tools, "check_clang_tidy.py"),
    "--clang-tidy", config.clang_tidy, "--plugin", plugin,
    "--filecheck", filecheck, "--include", inputs])

config.substitutions.append(("%check_clang_tidy", check_clang_tidy))
config.substitutions.append(("%clang_tidy", shlex.quote(config.clang_tidy)))
config.substitutions.append(("%corolint_plugin", shlex.quote(plugin)))
config.substitutions.append(("%inputs", shlex.quote(inputs)))
config.substitutions.append(("%python", shlex.quote(config.python)))
config.substitutions.append(("%tools", shlex.quote(tools)))
config.substitutions.append(("%expect_exit", " ".join(shlex.quote(part) for part in [
    config.python, os.path.join(tools, "expect_exit.py")])))

# The corolint driver (build/bin/corolint) and what its tests use. "%corolint"
# comes after "%corolint_plugin" so that the longer name is replaced first.
driver_inputs = os.path.join(config.test_source_root, "driver", "Inputs")
config.substitutions.append(("%driver_inputs", shlex.quote(driver_inputs)))
# "%examples_build" (where the examples project is built, as scripts/demo.sh
# does) comes before "%examples" so that the longer name is replaced first.
config.substitutions.append(("%examples_build", shlex.quote(
    os.path.join(config.corolint_build_dir, "examples"))))
config.substitutions.append(("%examples", shlex.quote(
    os.path.join(config.corolint_source_dir, "runtime", "examples"))))
config.substitutions.append(("%sarif_tools", shlex.quote(
    os.path.join(config.corolint_build_dir, "sarif-tools"))))
config.substitutions.append(("%corolint", shlex.quote(
    os.path.join(config.corolint_build_dir, "bin", "corolint"))))
