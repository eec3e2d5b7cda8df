#!/usr/bin/env python3
"""Runs clang-tidy with the corolint plugin on a test source and checks its
diagnostics against the `// CHECK-MESSAGES:` lines of that source.

Every warning, error and note clang-tidy prints must be expected: a test
fails on any diagnostic its CHECK-MESSAGES lines do not state.

usage: check_clang_tidy.py [tool options] SOURCE CHECKS TEMP
                           [--config YAML] [-- compiler args]
"""
import argparse
import os
import re
import subprocess
import sys

CHECK_LINE = re.compile(r"//\s*[A-Z][A-Z0-9-]*:[^\r\n]*")
DIAGNOSTIC = re.compile(r":\d+:\d+: (warning|error|note): ")


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--config", default="{}",
                        help="clang-tidy --config value; the default keeps "
                             "the repository's own .clang-tidy out of tests")
    parser.add_argument("--std", default="c++20")
    parser.add_argument("--check-prefix", default="CHECK-MESSAGES",
                        help="FileCheck prefix of the expected diagnostics")
    parser.add_argument("source")
    parser.add_argument("checks")
    parser.add_argument("temp")
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
    return args, compiler_args


def fail(message, output=""):
    sys.stderr.write(message + "\n")
    if output:
        sys.stderr.write("------ clang-tidy output ------\n" + output)
    sys.exit(1)


def main():
    args, compiler_args = parse_args()
    with open(args.source, encoding="utf-8") as source:
        text = source.read()
    has_checks = args.check_prefix + ":" in text

    temp_source = args.temp + ".cpp"
    os.makedirs(os.path.dirname(os.path.abspath(temp_source)), exist_ok=True)
    with open(temp_source, "w", encoding="utf-8") as cleaned:
        cleaned.write(CHECK_LINE.sub("//", text))

    command = [args.clang_tidy, "--load=" + args.plugin,
               "--checks=-*," + args.checks, "--quiet",
               "--config=" + args.config]
    command += [temp_source, "--", "-std=" + args.std]
    command += ["-I" + path for path in args.include] + compiler_args
    run = subprocess.run(command, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    output = run.stdout
    if run.returncode != 0:
        fail("clang-tidy exited with %d" % run.returncode, output)

    if not has_checks:
        unexpected = [line for line in output.splitlines()
                      if DIAGNOSTIC.search(line)]
        if unexpected:
            fail("expected no diagnostics, got:\n" + "\n".join(unexpected))
        return

    output_file = args.temp + ".msg"
    with open(output_file, "w", encoding="utf-8") as out:
        out.write(output)
    check = subprocess.run(
        [args.filecheck, "-input-file=" + output_file, args.source,
         "-check-prefix=" + args.check_prefix,
         "-implicit-check-not={{warning|error|note}}:"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check.returncode != 0:
        fail("FileCheck failed:\n" + check.stdout, output)


if __name__ == "__main__":
    main()
