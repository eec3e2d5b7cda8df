#!/usr/bin/env python3
"""Lays out a sample project for a driver test and writes its compilation
database, with absolute paths, at DEST/build/compile_commands.json.

usage: make_project.py SRC DEST [--include DIR]... [--clang-tidy TEXT]
                       [--missing FILE]...

SRC is copied to DEST (which is emptied first); every .cpp under DEST gets
one compile command. --include adds -I DEST/DIR; --clang-tidy writes
DEST/.clang-tidy, which keeps the repository's own .clang-tidy out of the
test; --missing adds an entry for a file that does not exist.
"""
import argparse
import json
import os
import shutil


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("src")
    parser.add_argument("dest")
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--clang-tidy")
    parser.add_argument("--missing", action="append", default=[])
    args = parser.parse_args()

    dest = os.path.abspath(args.dest)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(args.src, dest, ignore=shutil.ignore_patterns("CMakeLists.txt", "*.md"))
    if args.clang_tidy is not None:
        with open(os.path.join(dest, ".clang-tidy"), "w", encoding="utf-8") as out:
            out.write(args.clang_tidy + "\n")
    write_database(dest, args.include, args.missing)


def write_database(dest, includes, missing):
    build = os.path.join(dest, "build")
    os.makedirs(build, exist_ok=True)
    sources = []
    for root, dirs, files in os.walk(dest):
        dirs[:] = sorted(d for d in dirs if d != "build")
        sources += [os.path.join(root, f) for f in sorted(files) if f.endswith(".cpp")]
    sources += [os.path.join(dest, name) for name in missing]
    flags = ["-std=c++20"] + ["-I" + os.path.join(dest, d) for d in includes]
    entries = [{"directory": build,
                "file": source,
                "arguments": ["clang++", *flags, "-c", source,
                              "-o", os.path.basename(source) + ".o"]}
               for source in sources]
    with open(os.path.join(build, "compile_commands.json"), "w", encoding="utf-8") as out:
        json.dump(entries, out, indent=2)


if __name__ == "__main__":
    main()
