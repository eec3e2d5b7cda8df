#!/usr/bin/env python3
"""Builds the examples project (runtime/examples), runs every example and
lints every example source with the corolint plugin.

usage: run_examples.py --source DIR --build DIR --clang-tidy PATH
                       --plugin PATH [--cxx COMPILER]

Each good variant must run to completion within its timeout and print what
it should; each bad variant runs under a watchdog and must show its failure
(a deadlock that the watchdog ends, a starved heartbeat, a queue that
outgrows the channel's capacity, fetches that keep running after an error). clang-tidy, with the examples'
.clang-tidy, must report at least the expected coro-* checks on every bad
variant and nothing on any good variant. Prints one line per verdict and
exits 1 if any of them failed.
"""
import argparse
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TIMEOUT = 60  # seconds, per program run and per clang-tidy run
DEADLOCK_TIMEOUT = 5  # seconds without an exit that count as a deadlock
GAP_LIMIT_MS = 100  # a heartbeat of 10 ms must never be silent this long
SHUTDOWN_LIMIT_MS = 100  # a server told to stop must stop within this
BATCH_RESULT = "records=100000 id-sum=4999950000"
BATCH_MEMORY_LIMIT = 5 * 500  # four batches uploading and one being read


def field(output, name):
    match = re.search(r"^%s: (.*)$" % re.escape(name), output, re.MULTILINE)
    return match.group(1) if match else None


def number(output, name):
    value = field(output, name)
    return int(value.split()[0]) if value is not None else None


def heartbeat_gap(output):
    return number(output, "max-heartbeat-gap-ms")


# The verdict on a variant that must never finish.
DEADLOCKS = "deadlocks"

# name -> (checks expected on the bad variant, verdict on the good output,
#          verdict on the bad output); a verdict returns an error or None.
EXAMPLES = {
    "cache": (
        ["coro-lock-across-suspend"],
        lambda out: None if field(out, "result") ==
        "40/40 lookups correct; beta is fresh(beta)" else "wrong result",
        DEADLOCKS,
    ),
    "compression": (
        ["coro-blocking-call"],
        lambda out: "wrong result" if field(out, "result") != "checksum=c277d123531a7d25"
        else None if (heartbeat_gap(out) or 0) < GAP_LIMIT_MS
        else "heartbeat starved: %s ms" % heartbeat_gap(out),
        lambda out: "wrong result" if field(out, "result") != "checksum=c277d123531a7d25"
        else None if (heartbeat_gap(out) or 0) > GAP_LIMIT_MS
        else "heartbeat not starved: %s ms" % heartbeat_gap(out),
    ),
    "worker_pool": (
        ["coro-unbounded-channel", "coro-unchecked-send"],
        lambda out: "wrong result" if field(out, "result") != "processed=400 sum=79800"
        else None if number(out, "peak-queued") <= number(out, "capacity")
        else "queue outgrew the capacity: %s" % number(out, "peak-queued"),
        lambda out: "wrong result" if field(out, "result") != "processed=400 sum=79800"
        else None if number(out, "peak-queued") > number(out, "capacity")
        else "queue stayed bounded: %s" % number(out, "peak-queued"),
    ),
    "fetch_all": (
        ["coro-blocking-call"],
        lambda out: "wrong result" if field(out, "result") != "error: resource 2 unavailable"
        else None if (number(out, "completed"), number(out, "cancelled")) == (2, 3)
        else "fetches not cancelled on the first error",
        lambda out: "wrong result" if field(out, "result") != "error: resource 2 unavailable"
        else None if number(out, "completed") > 2
        else "no fetch ran on after the error",
    ),
    "shutdown": (
        ["coro-blocking-call"],
        lambda out: "wrong result" if field(out, "result") != "shut down"
        else "slow request not cut at its deadline"
        if (number(out, "served"), number(out, "timed-out")) != (7, 1)
        else None if number(out, "shutdown-latency-ms") < SHUTDOWN_LIMIT_MS
        else "slow shutdown: %s ms" % number(out, "shutdown-latency-ms"),
        lambda out: "wrong result" if field(out, "result") != "shut down"
        else None if number(out, "shutdown-latency-ms") > 10 * SHUTDOWN_LIMIT_MS
        else "shutdown not delayed: %s ms" % number(out, "shutdown-latency-ms"),
    ),
    "batch": (
        ["coro-unbounded-channel"],
        lambda out: "wrong result" if field(out, "result") != BATCH_RESULT
        else "too many uploads at once: %s" % number(out, "peak-uploads-in-flight")
        if number(out, "peak-uploads-in-flight") > 4
        else None if number(out, "peak-records-in-memory") <= BATCH_MEMORY_LIMIT
        else "input not read lazily: %s records held" % number(out, "peak-records-in-memory"),
        lambda out: "wrong result" if field(out, "result") != BATCH_RESULT
        else None if number(out, "peak-records-in-memory") > 5 * BATCH_MEMORY_LIMIT
        else "memory stayed bounded: %s records" % number(out, "peak-records-in-memory"),
    ),
}

WARNING = re.compile(r"^(\S+?):\d+:\d+: warning: .*\[([\w,.-]+)\]$", re.MULTILINE)


def run(command, timeout=TIMEOUT, **kwargs):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % timeout
    return done.returncode, done.stdout + done.stderr


def build(args):
    configure = ["cmake", "-S", args.source, "-B", args.build, "-G", "Ninja",
                 "-DCMAKE_CXX_COMPILER=" + args.cxx]
    for command in (configure, ["cmake", "--build", args.build]):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.stdout.write(done.stdout + done.stderr)
            print("FAIL build: %s" % " ".join(command))
            sys.exit(1)
    print("PASS build")


def check_run(args, name, variant, verdict):
    program = os.path.join(args.build, "%s_%s" % (name, variant))
    if verdict == DEADLOCKS:
        status, output = run([program], timeout=DEADLOCK_TIMEOUT)
        if status is not None:
            print("FAIL run %s_%s: finished (status %d), expected a deadlock\n%s"
                  % (name, variant, status, output))
            return False
        print("PASS run %s_%s: deadlocked, no exit within %d s"
              % (name, variant, DEADLOCK_TIMEOUT))
        return True
    status, output = run([program])
    if status is None:
        error = output
    elif status != 0:
        error = "exit status %d" % status
    else:
        try:
            error = verdict(output)
        except (TypeError, ValueError, AttributeError):
            error = "unexpected output"
    summary = "; ".join(line for line in output.splitlines() if not line.startswith("result:"))
    if error:
        print("FAIL run %s_%s: %s\n%s" % (name, variant, error, output))
        return False
    print("PASS run %s_%s: %s" % (name, variant, summary))
    return True


def lint(args, name, variant):
    source = os.path.join(args.source, name, "%s_%s.cpp" % (name, variant))
    status, output = run([args.clang_tidy, "--quiet", "--load=" + args.plugin,
                          "--config-file=" + os.path.join(args.source, ".clang-tidy"),
                          "-p", args.build, source])
    if status is None:
        return None, output
    found = set()
    for match in WARNING.finditer(output):
        if os.path.basename(match.group(1)) == os.path.basename(source):
            found.update(check for check in match.group(2).split(",") if check.startswith("coro-"))
    return found, output


def check_lint(name, variant, expected, result):
    found, output = result
    if found is None:
        print("FAIL lint %s_%s: %s" % (name, variant, output))
        return False
    missing = sorted(set(expected) - found)
    if variant == "good" and found:
        print("FAIL lint %s_good: unexpected %s\n%s" % (name, ", ".join(sorted(found)), output))
        return False
    if missing:
        print("FAIL lint %s_bad: missing %s\n%s" % (name, ", ".join(missing), output))
        return False
    print("PASS lint %s_%s: %s" % (name, variant, ", ".join(sorted(found)) or "no warnings"))
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--cxx", default="clang++-19")
    args = parser.parse_args()

    build(args)
    ok = True
    for name, (checks, good, bad) in EXAMPLES.items():
        ok &= check_run(args, name, "good", good)
        ok &= check_run(args, name, "bad", bad)
    jobs = [(name, variant, checks if variant == "bad" else [])
            for name, (checks, _, _) in EXAMPLES.items() for variant in ("good", "bad")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: lint(args, job[0], job[1]), jobs))
    for (name, variant, expected), result in zip(jobs, results):
        ok &= check_lint(name, variant, expected, result)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
