#!/usr/bin/env python3
"""Lays out a project whose paths are hard on a report, and checks corolint's
reports of it. The names are made at test time, so that the repository holds
no file with such a name.

usage: odd_paths.py make TEMPLATE_DIR DEST
       odd_paths.py list0 DEST           the sources, relative, NUL-separated
       odd_paths.py check-text REPORT DEST
       odd_paths.py check-json REPORT DEST
       odd_paths.py check-sarif REPORT DEST

make writes, under DEST/ROOT (ROOT itself has a byte that is not UTF-8, a
space, '%' and '#'), one source per odd name (bytes that are not UTF-8, a
truncated sequence, spaces, '%', '#', non-ASCII letters, a character outside
the BMP, a directory with such a name), each with one blocking call, and
build/compile_commands.json with the paths as raw bytes, as CMake writes
them. TEMPLATE_DIR gives task.h and .clang-tidy. It prints ROOT's path.

The checks compare every finding with the bytes of the files on disk: each
source is reported once, at the line and column of its blocking call; the
JSON and SARIF are valid UTF-8 JSON; an exact path is recovered from every
JSON fileUri and SARIF artifact URI; names with invalid bytes read as
Python's bytes.decode("utf-8", "replace") in the JSON strings. Each check
prints one summary line and exits 1 on the first problem.
"""
import json
import os
import shutil
import sys
import urllib.parse

ROOT = b"odd root \xff %41 #1"

NAMES = [
    b"caf\xe9.cpp",               # Latin-1, not UTF-8
    b"caf\xe8.cpp",               # the same once replaced: must not merge
    b"trunc\xe2\x82x.cpp",        # a sequence cut short
    b"with space.cpp",
    b"pct%41.cpp",
    b"hash#1.cpp",
    "snow\u2603man.cpp".encode(),
    "smile\U0001F600.cpp".encode(),
    b"sub dir\xfe/inner.cpp",
    b"bytes in the line.cpp",
]

SOURCE = b"""#include "task.h"
#include <chrono>
#include <thread>

Task naps() {
%s
  co_await Yield{};
}
"""
CALL = b"std::this_thread::sleep_for(std::chrono::seconds(1));"
PLAIN_LINE = b"  " + CALL
# A finding after bytes that are not UTF-8: its UTF-16 column in SARIF counts
# one U+FFFD for the cut-short sequence.
ODD_LINE = b"  /*\xe2\x82*/ " + CALL + b" // caf\xe9"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def make(template, dest):
    root = os.path.join(os.fsencode(os.path.abspath(dest)), ROOT)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, b"build"))
    for name in ("task.h", ".clang-tidy"):
        shutil.copy(os.path.join(template, name), os.path.join(os.fsdecode(root), name))
    entries = []
    for name in NAMES:
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        line = ODD_LINE if name.startswith(b"bytes") else PLAIN_LINE
        with open(path, "wb") as out:
            out.write(SOURCE % line)
        arguments = [b"clang++", b"-std=c++20", b"-I" + root, b"-c", path]
        entries.append(b'{"directory": %s, "file": %s, "arguments": [%s]}' % (
            quoted(os.path.join(root, b"build")), quoted(path),
            b", ".join(quoted(a) for a in arguments)))
    with open(os.path.join(root, b"build", b"compile_commands.json"), "wb") as out:
        out.write(b"[\n" + b",\n".join(entries) + b"\n]\n")
    sys.stdout.buffer.write(root + b"\n")


def quoted(raw):
    return b'"' + raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def expected(root):
    """{exact path: (line, byte column, line bytes)} of each call."""
    found = {}
    for name in NAMES:
        path = os.path.join(root, name)
        with open(path, "rb") as source:
            text = source.read()
        offset = text.index(CALL)
        line_start = text.rindex(b"\n", 0, offset) + 1
        line_end = text.index(b"\n", offset)
        found[path] = (text.count(b"\n", 0, offset) + 1, offset - line_start + 1,
                       text[line_start:line_end])
    return found


def root_of(dest):
    return os.path.join(os.fsencode(os.path.abspath(dest)), ROOT)


def lenient(raw):
    return raw.decode("utf-8", "replace")


def uri_path(uri):
    if not uri.startswith("file://"):
        fail("not a file:// URI: " + uri)
    return urllib.parse.unquote_to_bytes(uri[len("file://"):])


def load_strict(report):
    with open(report, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8")  # strict: any byte that is not UTF-8 fails
    except UnicodeDecodeError as error:
        fail("%s is not valid UTF-8: %s" % (report, error))
    if "\\ud8" in text.lower() or "\\udc" in text.lower():
        fail(report + " has a surrogate escape")
    return json.loads(text)


def check_text(report, dest):
    want = expected(root_of(dest))
    with open(report, "rb") as handle:
        lines = [l for l in handle.read().split(b"\n") if b": warning: " in l]
    seen = set()
    for line in lines:
        location = line.split(b": warning: ")[0]
        path, line_no, column = location.rsplit(b":", 2)
        if path not in want:
            fail("text names an unknown file: %r" % path)
        if (int(line_no), int(column)) != want[path][:2]:
            fail("text: %r at %s:%s, expected %d:%d" % (path, line_no, column,
                                                        *want[path][:2]))
        seen.add(path)
    if seen != set(want):
        fail("text: not reported: %r" % sorted(set(want) - seen))
    print("text: %d findings, each at its exact path, line and column" % len(lines))


def check_json(report, dest):
    root = root_of(dest)
    want = expected(root)
    document = load_strict(report)
    if uri_path(document.get("sourceRootUri", "")) != root:
        fail("json: sourceRootUri is not the exact root")
    if document["sourceRoot"] != lenient(root):
        fail("json: sourceRoot is not the root with U+FFFD")
    seen = set()
    for finding in document["diagnostics"]:
        uri = finding.get("fileUri")
        path = uri_path(uri) if uri else finding["file"].encode("utf-8")
        if path not in want:
            fail("json names an unknown file: %r" % path)
        valid = True
        try:
            path.decode("utf-8")
        except UnicodeDecodeError:
            valid = False
        if valid == ("fileUri" in finding):
            fail("json: fileUri %s for %r" % ("given" if valid else "missing", path))
        if finding["file"] != lenient(path):
            fail("json: file %r is not %r" % (finding["file"], lenient(path)))
        if finding["path"] != lenient(os.path.relpath(path, root)):
            fail("json: path %r is not relative to the root" % finding["path"])
        if (finding["line"], finding["column"]) != want[path][:2]:
            fail("json: %r at %d:%d" % (path, finding["line"], finding["column"]))
        seen.add(path)
    if seen != set(want) or len(document["diagnostics"]) != len(want):
        fail("json: %d findings for %d files" % (len(document["diagnostics"]), len(want)))
    print("json: %d findings, valid UTF-8, every fileUri exact" % len(seen))


def check_sarif(report, dest):
    root = root_of(dest)
    want = expected(root)
    log = load_strict(report)
    run = log["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    if uri_path(base) != root + b"/":
        fail("sarif: %SRCROOT% is not the exact root: " + base)
    seen = set()
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        artifact = physical["artifactLocation"]
        if artifact.get("uriBaseId") != "%SRCROOT%":
            fail("sarif: a file under the root without %SRCROOT%: " + artifact["uri"])
        relative = urllib.parse.unquote_to_bytes(artifact["uri"])
        path = os.path.join(root, relative)
        if path not in want:
            fail("sarif names an unknown file: %r" % path)
        if artifact["uri"] != urllib.parse.quote_from_bytes(relative, safe="/"):
            fail("sarif: %s is not the RFC 3986 encoding of %r" % (artifact["uri"], relative))
        line, column, text = want[path]
        region = physical["region"]
        utf16 = len(lenient(text[:column - 1]).encode("utf-16-le")) // 2 + 1
        if (region["startLine"], region["startColumn"]) != (line, utf16):
            fail("sarif: %r at %d:%d, expected %d:%d" % (
                path, region["startLine"], region["startColumn"], line, utf16))
        context = physical.get("contextRegion", {}).get("snippet", {}).get("text")
        if context != lenient(text):
            fail("sarif: context %r is not %r" % (context, lenient(text)))
        seen.add(path)
    if seen != set(want) or len(run["results"]) != len(want):
        fail("sarif: %d results for %d files" % (len(run["results"]), len(want)))
    print("sarif: %d results, valid UTF-8, every URI exact" % len(seen))


def main():
    command = sys.argv[1]
    if command == "make":
        make(sys.argv[2], sys.argv[3])
    elif command == "list0":
        sys.stdout.buffer.write(b"\0".join(NAMES))
    elif command == "check-text":
        check_text(sys.argv[2], sys.argv[3])
    elif command == "check-json":
        check_json(sys.argv[2], sys.argv[3])
    elif command == "check-sarif":
        check_sarif(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
