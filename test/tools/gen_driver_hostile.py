#!/usr/bin/env python3
"""Hostile inputs for the corolint driver, and a run of the driver on each.

gen_hostile.py makes hostile code; this makes the mistakes and accidents
around it: broken compilation databases, broken .clang-tidy files, files
that cannot be read, sources in odd encodings, very large files. Each case
is laid out at test time in a directory of its own, from the sample project
of the driver tests, and the driver is run on it.

usage: gen_driver_hostile.py list [PREFIX]
       gen_driver_hostile.py make CASE TEMPLATE_DIR DEST
       gen_driver_hostile.py run COROLINT TEMPLATE_DIR WORK_DIR PREFIX[,PREFIX...]

run lints every case whose name starts with one of the PREFIXes, with
--timeout, and
checks what must hold whatever the input: the driver ends by itself (no
hang), is not killed by a signal and prints no crash report; the exit status
is the case's; stderr has the case's message; an exit status of 0 means at
least one unit was linted and none failed (never a silent "clean"); the JSON
report, when one is written, agrees with the exit status and has the
findings the case expects. It prints one line per case,
'CASE: exit N: MESSAGE', MESSAGE being the first 'corolint: error:' line
(or the summary) with the case's directory written as DIR, and ends with
'N cases, N failed'. It exits 1 if any case failed.
"""
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys

# Seconds a unit may take (--timeout); no case comes near it.
UNIT_TIMEOUT = 120
# Seconds the driver may take on a case before it is said to hang.
HANG_GUARD = 900

SLEEP_LINE = "  std::this_thread::sleep_for(std::chrono::seconds(1));"
FINDING = "'std::this_thread::sleep_for' blocks the thread"


class Case:
    """A project laid out in DIR, the arguments to lint it with, and what
    must come of it."""

    def __init__(self, name, make, args=("-p", "build"), exit=2, stderr=None,
                 findings=None, report=True):
        self.name = name
        self.make = make
        self.args = list(args)
        self.exit = exit
        self.stderr = stderr
        self.findings = findings
        self.report = report


def project(template, dest):
    """The sample project: src/{clean,locks,sleep}.cpp, legacy/old.cpp,
    build/compile_commands.json."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(template, dest)
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "driver", "Inputs"))
    import make_project
    make_project.write_database(dest, ["."], [])


def database(dest):
    return os.path.join(dest, "build", "compile_commands.json")


def read_entries(dest):
    with open(database(dest), encoding="utf-8") as handle:
        return json.load(handle)


def write_database(dest, text):
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(database(dest), mode) as out:
        out.write(text)


def sleep_entry(dest):
    return [e for e in read_entries(dest) if e["file"].endswith("sleep.cpp")][0]


def with_entry(change):
    """A database of the entry of src/sleep.cpp, changed by change(entry)."""
    def make(dest):
        entry = sleep_entry(dest)
        change(entry)
        write_database(dest, json.dumps([entry], indent=2) + "\n")
    return make


def with_database(text_of):
    def make(dest):
        write_database(dest, text_of(dest))
    return make


def random_bytes(size, seed):
    return random.Random(seed).randbytes(size)


def with_clang_tidy(text, where="src"):
    def make(dest):
        mode = "wb" if isinstance(text, bytes) else "w"
        with open(os.path.join(dest, where, ".clang-tidy"), mode) as out:
            out.write(text)
    return make


def with_source(name, content, command=None):
    """src/NAME with content (bytes), and one database entry for it."""
    def make(dest):
        path = os.path.join(dest, "src", name)
        with open(path, "wb") as out:
            out.write(content(dest) if callable(content) else content)
        entry = sleep_entry(dest)
        entry["arguments"] = [path if a == entry["file"] else a for a in entry["arguments"]]
        entry["file"] = path
        if command:
            entry["arguments"][1:1] = command
        write_database(dest, json.dumps([entry], indent=2) + "\n")
    return make


def sleep_source():
    return ("#include \"task.h\"\n#include <chrono>\n#include <thread>\n\n"
            "Task naps() {\n" + SLEEP_LINE + "\n  co_await Yield{};\n}\n").encode()


def replace_file(relative, kind):
    """Replaces a file of the project with a named pipe, a directory or a
    symbolic link to itself."""
    def make(dest):
        path = os.path.join(dest, relative)
        if os.path.exists(path):
            os.remove(path)
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "directory":
            os.makedirs(path)
        elif kind == "loop":
            os.symlink(os.path.basename(path), path)
    return make


def unreadable(relative):
    def make(dest):
        os.chmod(os.path.join(dest, relative), 0)
    return make


def both(*makes):
    def make(dest):
        for step in makes:
            step(dest)
    return make


def large_source(dest):
    """About 40 MB: a block comment of 500,000 lines, then the finding."""
    line = b" * " + b"x" * 76 + b"\n"
    return (b"#include \"task.h\"\n#include <chrono>\n#include <thread>\n/*\n"
            + line * 500000 + b"*/\n" + sleep_source().split(b"<thread>\n", 1)[1])


def long_line_source(dest):
    """The blocking call at the end of a line of 8 MB."""
    return sleep_source().replace(
        SLEEP_LINE.encode(), b"  /*" + b"x" * (8 << 20) + b"*/ " + SLEEP_LINE.strip().encode())


ROOT_IS_ROOT = os.geteuid() == 0


def cases():
    missing = lambda key: with_entry(lambda e: e.pop(key))
    return [
        # Compilation databases.
        Case("db-not-json", with_database(lambda d: "this is not JSON\n"),
             stderr=r"compile_commands.json:1:\d+: "),
        Case("db-truncated", with_database(
            lambda d: '[\n  {"directory": "/tmp", "file": "a.cpp",\n   "arguments": ["clang++", "-c", "a.c'),
             stderr=r"compile_commands.json:3:\d+: "),
        Case("db-binary", with_database(lambda d: random_bytes(4096, 14)),
             stderr=r"compile_commands.json:\d+:\d+: "),
        Case("db-empty", with_database(lambda d: ""), stderr="the file is empty"),
        Case("db-blank", with_database(lambda d: "\n  \n\t\n"), stderr="the file is empty"),
        Case("db-empty-array", with_database(lambda d: "[]\n"),
             stderr="the compilation database lists no files"),
        Case("db-object", with_database(lambda d: json.dumps(sleep_entry(d))),
             stderr="1:1: expected an array of compile commands"),
        Case("db-entry-not-object", with_database(lambda d: '[\n  "src/sleep.cpp"\n]\n'),
             stderr="2:3: expected a compile command"),
        Case("db-file-number", with_entry(lambda e: e.update(file=5)),
             stderr='"file" must be a string'),
        Case("db-directory-null", with_entry(lambda e: e.update(directory=None)),
             stderr='"directory" must be a string'),
        Case("db-arguments-string", with_entry(lambda e: e.update(arguments="clang++ -c x.cpp")),
             stderr='"arguments" must be an array of strings'),
        Case("db-file-empty", with_entry(lambda e: e.update(file="")),
             stderr='"file" must not be empty'),
        Case("db-missing-file", missing("file"), stderr='compile command without "file"'),
        Case("db-missing-directory", missing("directory"),
             stderr='compile command without "directory"'),
        Case("db-missing-command", missing("arguments"),
             stderr='compile command without "arguments" or "command"'),
        Case("db-duplicate-key", with_database(lambda d: json.dumps([sleep_entry(d)], indent=2)
                                               .replace('"file"', '"directory": "/",\n    "file"', 1)),
             stderr='duplicate key "directory"'),
        Case("db-deep-nesting", with_database(lambda d: "[" * 1000000 + "]" * 1000000),
             stderr="1:65: nested deeper than 64 levels"),
        Case("db-utf8-bom", with_database(lambda d: "\ufeff" + json.dumps(read_entries(d))),
             exit=1, findings=4),
        Case("db-relative-directory",
             with_entry(lambda e: e.update(directory=".", file="../src/sleep.cpp",
                                           arguments=["clang++", "-std=c++20", "-I..",
                                                      "-c", "../src/sleep.cpp"])),
             exit=1, findings=1),
        Case("db-duplicate-entries", with_database(lambda d: json.dumps([sleep_entry(d)] * 3)),
             exit=1, findings=1),
        Case("db-nonexistent-file",
             with_database(lambda d: json.dumps(read_entries(d) + [
                 dict(sleep_entry(d), file=os.path.join(d, "src", "gone.cpp"))])),
             stderr="could not lint DIR/src/gone.cpp: cannot read it: No such file or directory",
             findings=4),
        Case("db-nonexistent-directory", with_entry(lambda e: e.update(directory="/no/such/dir")),
             stderr="the directory of its compile command, /no/such/dir, does not exist"),
        Case("db-empty-command", with_entry(lambda e: (e.pop("arguments"), e.update(command=""))),
             stderr="clang-tidy's engine did not lint it\n  no input files"),
        Case("db-command-without-file",
             with_entry(lambda e: e.update(arguments=["clang++", "-std=c++20", "-c"])),
             stderr="clang-tidy's engine did not lint it\n  no input files"),
        Case("db-unbalanced-quote",
             with_entry(lambda e: (e.pop("arguments"), e.update(
                 command='clang++ -std=c++20 -c "-DX ' + e["file"]))),
             stderr="clang-tidy's engine did not lint it\n  no input files"),
        Case("db-unknown-flag", with_entry(lambda e: e["arguments"].insert(1, "--no-such-flag")),
             stderr="it does not compile .*unknown argument: '--no-such-flag'", findings=1),
        Case("db-huge", with_database(lambda d: json.dumps([
            dict(sleep_entry(d), file="/no/such/dir/f%d.cpp" % i) for i in range(50000)]
            + read_entries(d))), args=["-p", "build", "src/sleep.cpp"], exit=1, findings=1),
        Case("db-huge-missing-files", with_database(lambda d: json.dumps([
            dict(sleep_entry(d), file="/no/such/dir/f%d.cpp" % i) for i in range(20000)])),
             stderr="could not lint /no/such/dir/f0.cpp: cannot read it"),
        Case("db-fifo", replace_file("build/compile_commands.json", "fifo"),
             stderr="compile_commands.json: it is a named pipe that nothing writes to"),
        Case("db-directory", replace_file("build/compile_commands.json", "directory"),
             stderr="compile_commands.json: it is a directory"),
        Case("db-symlink-loop", replace_file("build/compile_commands.json", "loop"),
             stderr="compile_commands.json: Too many levels of symbolic links"),

        # Configuration.
        Case("config-bad-yaml", with_clang_tidy("Checks: '-*\nCheckOptions:\n  a: 'b'\n"),
             stderr=r"its configuration file is invalid: DIR/src/.clang-tidy:\d+:\d+: "),
        Case("config-binary", with_clang_tidy(random_bytes(2048, 5)),
             stderr=r"its configuration file is invalid: DIR/src/.clang-tidy:\d+:\d+: ",
             findings=1),
        Case("config-unknown-option",
             with_clang_tidy("CheckOptions:\n  coro-blocking-call.BlockingFunction: 'a::b'\n"),
             stderr="DIR/src/.clang-tidy:2:3: unknown option "
                    "'coro-blocking-call.BlockingFunction'; did you mean "
                    "'coro-blocking-call.BlockingFunctions'"),
        Case("config-wrong-type", with_clang_tidy("InheritParentConfig: maybe\n"),
             stderr="DIR/src/.clang-tidy:1:22: "),
        Case("config-wrong-shape", with_clang_tidy("CheckOptions: 5\n"),
             stderr="DIR/src/.clang-tidy:1:15: "),
        Case("config-bad-value",
             with_clang_tidy("CheckOptions:\n  coro-unbounded-channel.CapacityThreshold: 'many'\n"),
             stderr="'coro-unbounded-channel.CapacityThreshold': 'many' is not a positive integer"),
        Case("config-deep-nesting", with_clang_tidy("Checks: " + "[" * 100000 + "\n"),
             stderr="DIR/src/.clang-tidy:1:72: nested deeper than 64 levels", findings=1),
        Case("config-flag-deep-nesting", lambda d: None,
             args=["-p", "build", "--config", "{Checks: " + "[" * 100000 + "}"], exit=3,
             stderr="invalid configuration: --config:1:73: nested deeper than 64 levels",
             report=False),
        Case("config-file-fifo", replace_file("options.yaml", "fifo"),
             args=["-p", "build", "--config-file", "options.yaml"],
             stderr="cannot read options.yaml: it is a named pipe that nothing writes to"),
        Case("config-file-directory", replace_file("options.yaml", "directory"),
             args=["-p", "build", "--config-file", "options.yaml"],
             stderr="cannot read options.yaml: it is a directory"),
        Case("config-empty", with_clang_tidy(""), exit=1, findings=4),
        Case("config-utf8-bom", with_clang_tidy("\ufeffChecks: '-*'\n".encode()),
             exit=1, findings=1),
        Case("config-crlf", with_clang_tidy(b"Checks: '-*'\r\nWarningsAsErrors: ''\r\n"),
             exit=1, findings=1),
        Case("baseline-fifo", replace_file("old.sarif", "fifo"),
             args=["-p", "build", "--baseline", "old.sarif"],
             stderr="cannot read baseline old.sarif: it is a named pipe that nothing writes to"),
        Case("baseline-deep-nesting",
             lambda d: open(os.path.join(d, "old.sarif"), "w").write(
                 '{"runs": ' + "[" * 1000000 + "]" * 1000000 + "}"),
             args=["-p", "build", "--baseline", "old.sarif"], exit=1, findings=4),

        # Sources.
        Case("source-latin1", with_source("latin1.cpp", sleep_source().replace(
            b"Task naps", b"// caf\xe9, na\xefve\nTask naps")), exit=1, findings=1),
        Case("source-utf8-bom", with_source("bom.cpp", b"\xef\xbb\xbf" + sleep_source()),
             exit=1, findings=1),
        Case("source-utf16", with_source("utf16.cpp", b"\xff\xfe" + sleep_source().decode()
                                         .encode("utf-16-le")),
             stderr="it does not compile .*UTF-16"),
        Case("source-cr-only", with_source("cr.cpp", sleep_source().replace(b"\n", b"\r")),
             exit=1, findings=1),
        Case("source-nul-bytes", with_source("nul.cpp", sleep_source().replace(
            b"Task naps", b"// \0\0\0\nTask naps")), exit=1, findings=1),
        Case("source-binary", with_source("binary.cpp", random_bytes(4096, 7)),
             stderr="it does not compile"),
        Case("source-empty", with_source("empty.cpp", b""), exit=0, findings=0),
        Case("source-large", with_source("large.cpp", large_source), exit=1, findings=1),
        Case("source-long-line", with_source("long.cpp", long_line_source), exit=1, findings=1),
        Case("source-fifo", replace_file("src/sleep.cpp", "fifo"),
             args=["-p", "build", "src/sleep.cpp"],
             stderr="could not lint DIR/src/sleep.cpp: cannot read it: it is a named pipe, "
                    "not a regular file"),
        Case("source-directory", replace_file("src/sleep.cpp", "directory"),
             args=["-p", "build", "src/sleep.cpp"],
             stderr="could not lint DIR/src/sleep.cpp: cannot read it: it is a directory"),
        Case("source-symlink-loop", replace_file("src/sleep.cpp", "loop"),
             args=["-p", "build", "src/sleep.cpp"],
             stderr="could not lint DIR/src/sleep.cpp: cannot read it: Too many levels of "
                    "symbolic links"),
        # A file the user may not read; root may read anything.
        Case("source-unreadable", unreadable("src/sleep.cpp"),
             args=["-p", "build", "src/sleep.cpp"],
             exit=1 if ROOT_IS_ROOT else 2, findings=1 if ROOT_IS_ROOT else 0,
             stderr=None if ROOT_IS_ROOT else "cannot read it: Permission denied"),
    ]


def first_message(stderr, directory):
    lines = stderr.decode("utf-8", "replace").splitlines()
    chosen = next((l for l in lines if l.startswith("corolint: error:")), None)
    if chosen is None:
        chosen = next((l for l in lines if l.startswith("corolint: ")), "")
    return chosen.replace(directory, "DIR")


def run_case(case, corolint, template, work):
    directory = os.path.join(os.path.abspath(work), case.name)
    project(template, directory)
    case.make(directory)
    report = os.path.join(directory, "report.json")
    args = [corolint] + case.args + ["-j2", "--timeout", str(UNIT_TIMEOUT),
                                     "--format=json", "-o", report]
    problems = []
    try:
        run = subprocess.run(args, cwd=directory, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        return "hang: still running after %d seconds" % HANG_GUARD, ["hang"]
    message = first_message(run.stderr, directory)
    text = run.stderr.decode("utf-8", "replace")
    if run.returncode < 0:
        problems.append("killed by signal %d" % -run.returncode)
    if "Stack dump:" in text or "PLEASE submit a bug report" in text:
        problems.append("crash report on stderr")
    if run.returncode != case.exit:
        problems.append("exit status %d, expected %d" % (run.returncode, case.exit))
    if case.stderr and not re.search(case.stderr, text.replace(directory, "DIR")):
        problems.append("stderr does not match %r" % case.stderr)
    summary = None
    if os.path.exists(report):
        with open(report, encoding="utf-8") as handle:
            document = json.load(handle)
        summary = document["summary"]
        if summary["exitCode"] != run.returncode:
            problems.append("the report says exit status %d" % summary["exitCode"])
        if case.findings is not None and summary["warnings"] != case.findings:
            problems.append("%d findings, expected %d" % (summary["warnings"], case.findings))
    elif case.report and run.returncode in (0, 1):
        problems.append("no report")
    if run.returncode == 0 and (not summary or summary["units"] == 0
                                or summary["failedUnits"] != 0):
        problems.append("a silent clean: exit status 0 with %s" % (summary or "no report"))
    return "exit %d: %s" % (run.returncode, message), problems


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "list":
        prefix = sys.argv[2] if len(sys.argv) > 2 else ""
        for case in cases():
            if case.name.startswith(prefix):
                print(case.name)
        return
    if len(sys.argv) == 5 and sys.argv[1] == "make":
        case = next(c for c in cases() if c.name == sys.argv[2])
        project(sys.argv[3], sys.argv[4])
        case.make(sys.argv[4])
        return
    if len(sys.argv) != 6 or sys.argv[1] != "run":
        sys.exit(__doc__)
    corolint, template, work, prefixes = sys.argv[2:]
    selected = [c for c in cases() if c.name.startswith(tuple(prefixes.split(",")))]
    failed = 0
    for case in selected:
        line, problems = run_case(case, corolint, template, work)
        print("%s: %s" % (case.name, line))
        for problem in problems:
            print("  FAILED: " + problem)
        failed += 1 if problems else 0
        sys.stdout.flush()
    print("%d cases, %d failed" % (len(selected), failed))
    sys.exit(1 if failed or not selected else 0)


if __name__ == "__main__":
    main()
