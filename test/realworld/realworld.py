#!/usr/bin/env python3
"""Lints real coroutine code with corolint and compares the findings with a
reviewed list.

Each corpus (a directory of third-party or project code) is described in a
JSON file (corpora.json, thirdparty.json): its root, its sources, the flags to
compile them. For each corpus this tool writes a compilation database, runs
`corolint --format=json` on it, and compares the findings with the corpus's
reviewed findings file, one finding a line:

    VERDICT <TAB> check <TAB> file:line <TAB> message <TAB> reason

VERDICT is TRUE, ARGUABLE, FALSE:<class> (a false positive of the class
<class> of FP-CLASSES.md) or UNREVIEWED. `file` is relative to the corpus
root, `message` is the finding's first clause. The comparison fails on any
finding added or dropped, on any UNREVIEWED entry, and on any unit that
could not be linted. `--update` rewrites the files from the findings,
keeping the verdict of every finding that persists (also when its line moved)
and marking new ones UNREVIEWED.
"""
import argparse
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

MOC = "/usr/lib/qt6/libexec/moc"
VERDICTS = ("TRUE", "ARGUABLE", "FALSE", "UNREVIEWED")
HEADER = """\
# Reviewed corolint findings on {name} ({root}).
# VERDICT<TAB>check<TAB>file:line<TAB>message<TAB>reason; VERDICT is TRUE,
# ARGUABLE, FALSE:<class> (see test/realworld/FP-CLASSES.md) or UNREVIEWED.
# Rewrite with `make test-realworld UPDATE=1` (verdicts of persisting findings are kept).
"""


def expand(text, env):
    return re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], text)


def pkg_config_flags(packages):
    if not packages:
        return []
    out = subprocess.run(["pkg-config", "--cflags", *packages], check=True,
                         capture_output=True, text=True).stdout
    return shlex.split(out)


def corpus_sources(root, corpus):
    sources = set()
    for pattern in corpus["sources"]:
        sources.update(p for p in root.glob(pattern) if p.is_file())
    excluded = corpus.get("exclude", [])
    rel = lambda p: p.relative_to(root).as_posix()
    sources = [p for p in sources if not any(fnmatch.fnmatch(rel(p), e) for e in excluded)]
    if "only_with" in corpus:
        wanted = re.compile(corpus["only_with"])
        sources = [p for p in sources if wanted.search(p.read_text(errors="replace"))]
    return sorted(sources)


def write_generated_headers(corpus, out_dir):
    """Headers a corpus's build would generate (an export header) or finds
    by its source tree's path (forwarded to where Debian installs them);
    returns the flag that makes them found."""
    headers = corpus.get("generated_headers", {})
    if not headers:
        return []
    base = out_dir / "generated"
    for name, text in headers.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text)
    return ["-I" + str(base)]


def run_moc(source, flags, out_dir, root):
    """Generates the `X.moc` files a Qt source includes, into a directory of
    its own; returns the flags that make them found."""
    mocs = re.findall(r'^#include "([\w.-]+\.moc)"', source.read_text(), re.M)
    if not mocs:
        return []
    target = out_dir / "moc" / source.relative_to(root).with_suffix("")
    target.mkdir(parents=True, exist_ok=True)
    for moc in mocs:
        subprocess.run([MOC, *[f for f in flags if f.startswith(("-I", "-D"))],
                        str(source), "-o", str(target / moc)], check=True)
    return ["-I" + str(target)]


def write_compile_db(root, corpus, out_dir, compiler):
    flags = ["-std=c++20", *corpus.get("flags", [])]
    flags += ["-I" + str((root / d) if not d.startswith("/") else d)
              for d in corpus.get("includes", [])]
    flags += pkg_config_flags(corpus.get("pkg_config", []))
    flags += write_generated_headers(corpus, out_dir)
    sources = corpus_sources(root, corpus)
    if not sources:
        sys.exit(f"realworld: no source of corpus {corpus['name']} under {root}")
    entries = []
    for s in sources:
        own = run_moc(s, flags, out_dir, root) if corpus.get("moc") else []
        entries.append({"directory": str(s.parent), "file": str(s),
                        "arguments": [compiler, *flags, *own, "-c", str(s)]})
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "compile_commands.json").write_text(json.dumps(entries, indent=1))
    return len(sources)


def run_corolint(driver, root, corpus, out_dir, jobs):
    report = out_dir / "report.json"
    header_filter = corpus.get("header_filter", "^" + re.escape(str(root)) + "/")
    cmd = ["nice", "-n", "10", str(driver), "-p", str(out_dir), "--format=json",
           "-o", str(report), "-j", str(jobs), "--checks=-*,coro-*",
           "--header-filter=" + header_filter, "--source-root", str(root),
           "--fail-on=never", "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 2) or not report.exists():
        sys.exit(f"realworld: corolint failed on {corpus['name']} "
                 f"(exit {proc.returncode}):\n{proc.stderr}")
    return json.loads(report.read_text())


def short_message(message):
    return message.split(";")[0].strip().replace("\t", " ")


def findings_of(report, root):
    found = set()
    for d in report["diagnostics"]:
        path = d.get("path", d.get("file", "?"))
        found.add((d["check"], path, int(d.get("line", 0)), short_message(d["message"])))
    return sorted(found, key=lambda f: (f[1], f[2], f[0], f[3]))


def read_reviewed(path):
    entries = []
    if not path.exists():
        return entries
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[0].split(":")[0] not in VERDICTS:
            sys.exit(f"{path}:{number}: expected VERDICT, check, file:line, "
                     f"message and reason separated by tabs")
        verdict, check, location, message, reason = fields
        file, _, line_no = location.rpartition(":")
        entries.append({"key": (check, file, int(line_no), message),
                        "verdict": verdict, "reason": reason})
    return entries


def write_reviewed(path, name, root, findings, previous):
    """Writes `findings`, each with the verdict of the same finding in
    `previous`, or of the nearest one of the same check, file and message
    (its line moved), or UNREVIEWED."""
    by_key = {e["key"]: e for e in previous}
    unused = [e for e in previous if e["key"] not in set(findings)]
    lines = [HEADER.format(name=name, root=root)]
    for f in findings:
        entry = by_key.get(f)
        if entry is None:
            moved = [e for e in unused
                     if (e["key"][0], e["key"][1], e["key"][3]) == (f[0], f[1], f[3])]
            entry = min(moved, key=lambda e: abs(e["key"][2] - f[2]), default=None)
            if entry is not None:
                unused.remove(entry)
        verdict, reason = ((entry["verdict"], entry["reason"]) if entry
                           else ("UNREVIEWED", ""))
        lines.append(f"{verdict}\t{f[0]}\t{f[1]}:{f[2]}\t{f[3]}\t{reason}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines))


def compare(name, findings, reviewed, failures):
    expected = {e["key"] for e in reviewed}
    actual = set(findings)
    fmt = lambda k: f"  {k[1]}:{k[2]}: [{k[0]}] {k[3]}"
    ok = True
    for title, keys in (("new findings (not in the reviewed list)", actual - expected),
                        ("findings no longer reported", expected - actual)):
        if keys:
            ok = False
            print(f"{name}: {len(keys)} {title}:")
            for k in sorted(keys, key=lambda k: (k[1], k[2], k[0])):
                print(fmt(k))
    unreviewed = [e["key"] for e in reviewed if e["verdict"] == "UNREVIEWED"]
    if unreviewed:
        ok = False
        print(f"{name}: {len(unreviewed)} findings not reviewed yet:")
        for k in unreviewed:
            print(fmt(k))
    for failure in failures:
        ok = False
        print(f"{name}: could not lint {failure['path']}: {failure['reason']}")
    return ok


def tally(reviewed):
    """check -> [warnings, true, arguable, false, unreviewed]; a corpus
    without findings gets one row of zeros."""
    if not reviewed:
        return {"(all checks)": [0, 0, 0, 0, 0]}
    table = {}
    column = {"TRUE": 1, "ARGUABLE": 2, "FALSE": 3, "UNREVIEWED": 4}
    for e in reviewed:
        row = table.setdefault(e["key"][0], [0, 0, 0, 0, 0])
        row[0] += 1
        row[column[e["verdict"].split(":")[0]]] += 1
    return table


def print_table(rows):
    """Precision is true / reviewed findings; the last column counts the
    arguable ones as true."""
    print("| corpus | check | warnings | true | arguable | false | unreviewed "
          "| precision | with arguable |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for corpus, check, (w, t, a, f, u) in rows:
        reviewed = t + a + f
        ratio = lambda n: f"{n / reviewed:.2f}" if reviewed else "-"
        print(f"| {corpus} | {check} | {w} | {t} | {a} | {f} | {u} | {ratio(t)} | {ratio(t + a)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="corpora JSON file")
    parser.add_argument("--build", default="build", help="corolint build directory")
    parser.add_argument("--work", help="where databases and reports go "
                        "(default BUILD/realworld)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--update", action="store_true",
                        help="rewrite the reviewed files from the findings")
    parser.add_argument("--table", action="store_true",
                        help="only print the verdict table of the reviewed files")
    parser.add_argument("--var", action="append", default=[],
                        help="NAME=VALUE for ${NAME} in the config")
    parser.add_argument("corpora", nargs="*", help="only these corpora")
    args = parser.parse_args()

    repo = Path(__file__).resolve().parents[2]
    env = {"REPO": str(repo), **dict(v.split("=", 1) for v in args.var)}
    config = json.loads(Path(args.config).read_text())
    build = Path(args.build).resolve()
    driver = build / "bin" / "corolint"
    work = Path(args.work).resolve() if args.work else build / "realworld"
    compiler = config.get("compiler", "clang++-19")
    selected = [c for c in config["corpora"] if not args.corpora or c["name"] in args.corpora]

    ok = True
    rows = []
    for corpus in selected:
        name = corpus["name"]
        root = Path(expand(corpus["root"], env))
        reviewed_path = repo / expand(corpus["reviewed"], env)
        if args.table:
            if not reviewed_path.exists():
                print(f"realworld: {name} has no reviewed file yet", file=sys.stderr)
                continue
            rows += [(name, check, row) for check, row in
                     sorted(tally(read_reviewed(reviewed_path)).items())]
            continue
        if not driver.exists():
            sys.exit(f"realworld: {driver} not found; build first")
        if not root.is_dir():
            sys.exit(f"realworld: corpus {name}: {root} not found")
        out_dir = work / name
        start = time.monotonic()
        units = write_compile_db(root, corpus, out_dir, compiler)
        report = run_corolint(driver, root, corpus, out_dir, args.jobs)
        findings = findings_of(report, root)
        failures = report.get("failures", [])
        print(f"{name}: {units} units, {len(findings)} findings, "
              f"{len(failures)} failed units, {time.monotonic() - start:.0f} s",
              file=sys.stderr)
        previous = read_reviewed(reviewed_path)
        if args.update:
            write_reviewed(reviewed_path, name, expand(corpus["root"], {**env, "REPO": "."}),
                           findings, previous)
            previous = read_reviewed(reviewed_path)
        ok = compare(name, findings, previous, failures) and ok
        rows += [(name, check, row) for check, row in sorted(tally(previous).items())]
    print_table(rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
