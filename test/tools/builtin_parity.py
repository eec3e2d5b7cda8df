#!/usr/bin/env python3
"""Compares coro-lock-across-suspend with clang-tidy's own lock checks,
misc-coroutine-hostile-raii and cppcoreguidelines-no-suspend-with-lock, on
the same sources.

Prints one line per finding of theirs that coro-lock-across-suspend does not
report ("theirs only"), and one per coroutine where only corolint reports
("ours only"), each with the enclosing function, so that a test can state
exactly which of their findings are false positives.
"""
import argparse
import re
import subprocess
import sys

BUILTIN_CHECKS = "misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock"
BUILTIN_CONFIG = ("{CheckOptions: {misc-coroutine-hostile-raii.RAIITypesList: "
                  "'std::lock_guard;std::scoped_lock;std::unique_lock;std::shared_lock'}}")
DIAGNOSTIC = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):\d+: (?P<kind>warning|note): .*\[(?P<check>[^\]]+)\]$|"
                        r"^(?P<nfile>[^:\s]+):(?P<nline>\d+):\d+: note: ")
FUNCTION = re.compile(r"^\s*(?:(?:[\w:<>,]+\s+)+(?P<name>\w+)\(.*\{|"
                      r"auto (?P<lambda>\w+) = \[.*\{)\s*$")


def run(clang_tidy, args):
    result = subprocess.run([clang_tidy, "--quiet"] + args, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("clang-tidy failed:\n" + result.stdout + result.stderr)
    return result.stdout


def findings(output, source):
    """Each warning as (line, check, lines of its notes), and the lines of
    all warnings and notes."""
    warnings, lines = [], set()
    for text in output.splitlines():
        match = DIAGNOSTIC.match(text)
        if not match:
            continue
        path = match.group("file") or match.group("nfile")
        if not path.endswith(source):
            continue
        line = int(match.group("line") or match.group("nline"))
        lines.add(line)
        if match.group("kind") == "warning":
            warnings.append((line, match.group("check"), set()))
        elif warnings:
            warnings[-1][2].add(line)
    return warnings, lines


def enclosing_function(source_lines, line):
    for number in range(line - 1, -1, -1):
        match = FUNCTION.match(source_lines[number])
        if match:
            return match.group("name") or match.group("lambda")
    return "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args()
    compile_args = ["--", "-std=c++20"] + ["-I" + path for path in args.include]

    total_theirs = shared = 0
    for source in args.sources:
        name = source.rsplit("/", 1)[-1]
        with open(source, encoding="utf-8") as handle:
            source_lines = handle.read().splitlines()
        theirs, _ = findings(run(args.clang_tidy, [
            "--checks=-*," + BUILTIN_CHECKS, "--config=" + BUILTIN_CONFIG,
            source] + compile_args), source)
        ours, our_lines = findings(run(args.clang_tidy, [
            "--load=" + args.plugin, "--checks=-*,coro-lock-across-suspend",
            "--config={}",
            source] + compile_args), source)
        their_functions = set()
        for line, check, notes in theirs:
            total_theirs += 1
            function = enclosing_function(source_lines, line)
            their_functions.add(function)
            # The same lock at the same suspension point, even where the two
            # tools place the warning differently (declaration or lock()).
            if line in our_lines or notes & our_lines:
                shared += 1
            else:
                print("theirs only: %s in %s [%s]" % (name, function, check))
        for function in sorted({enclosing_function(source_lines, line)
                                for line, _, _ in ours} - their_functions):
            print("ours only: %s in %s" % (name, function))
    print("their findings: %d, also reported by corolint: %d" % (total_theirs, shared))


if __name__ == "__main__":
    main()
