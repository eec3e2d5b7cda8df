#!/usr/bin/env python3
"""Validates SARIF logs with Microsoft's SARIF Multitool, for the SARIF 2.1.0
specification and GitHub code scanning's rules (rule kinds Sarif and Gh), and
checks what GitHub's documentation requires of an upload.

usage: validate_sarif.py TOOLS_DIR LOG...

The multitool is installed with npm into TOOLS_DIR (once; later runs reuse
it). Prints one line per log, 'LOG: 0 errors, 0 warnings, N notes', and every
error or warning found; exits 1 if there is any.
"""
import json
import os
import re
import subprocess
import sys

PACKAGE = "@microsoft/sarif-multitool"


def multitool(tools_dir):
    binary = os.path.join(tools_dir, "node_modules", "@microsoft",
                          "sarif-multitool-linux", "Sarif.Multitool")
    if not os.path.exists(binary):
        os.makedirs(tools_dir, exist_ok=True)
        manifest = os.path.join(tools_dir, "package.json")
        if not os.path.exists(manifest):
            with open(manifest, "w", encoding="utf-8") as out:
                json.dump({"name": "corolint-sarif-tools", "private": True}, out)
        for _ in range(2):
            run = subprocess.run(["npm", "install", "--no-audit", "--no-fund",
                                  "--loglevel=error", PACKAGE], cwd=tools_dir,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True)
            if run.returncode == 0 and os.path.exists(binary):
                break
        else:
            sys.exit("cannot install %s with npm into %s:\n%s"
                     % (PACKAGE, tools_dir, run.stdout))
    # npm may not run the package's own install script, which does this.
    os.chmod(binary, os.stat(binary).st_mode | 0o100)
    return binary


def github_requirements(log):
    """What GitHub's SARIF documentation asks of an upload, beyond the
    schema: messages from the multitool cover most, these are checked
    directly."""
    problems = []
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for r, run in enumerate(log.get("runs", [])):
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append("runs[%d]: tool.driver.name missing" % r)
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(set(ids)) != len(ids):
            problems.append("runs[%d]: duplicate rule ids" % r)
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    problems.append("rule %s: no %s.text" % (rule["id"], key))
            if "level" not in rule.get("defaultConfiguration", {}):
                problems.append("rule %s: no defaultConfiguration.level" % rule["id"])
            props = rule.get("properties", {})
            if not props.get("tags") or props.get("precision") not in (
                    "very-high", "high", "medium", "low"):
                problems.append("rule %s: no tags or precision" % rule["id"])
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            if not base.get("uri", "").endswith("/"):
                problems.append("originalUriBaseIds.%s does not end with /" % name)
        for i, result in enumerate(run.get("results", [])):
            where = "runs[%d].results[%d]" % (r, i)
            index = result.get("ruleIndex")
            if index is None or index >= len(rules) or rules[index]["id"] != result.get("ruleId"):
                problems.append(where + ": ruleIndex does not name ruleId")
            if not result.get("message", {}).get("text"):
                problems.append(where + ": no message.text")
            if not result.get("partialFingerprints"):
                problems.append(where + ": no partialFingerprints")
            locations = result.get("locations", [])
            if not locations:
                problems.append(where + ": no location")
            for location in locations + result.get("relatedLocations", []):
                physical = location["physicalLocation"]
                artifact = physical["artifactLocation"]
                if artifact.get("uriBaseId") and artifact["uriBaseId"] not in bases:
                    problems.append(where + ": unknown uriBaseId")
                if artifact.get("uriBaseId") and artifact["uri"].startswith("/"):
                    problems.append(where + ": uri with a uriBaseId is absolute")
                if physical.get("region", {}).get("startLine", 0) < 1:
                    problems.append(where + ": region without startLine")
            if len(locations) + len(result.get("relatedLocations", [])) > 1000:
                problems.append(where + ": over 1000 locations")
        if len(run.get("results", [])) > 25000:
            problems.append("runs[%d]: over 25000 results" % r)
    return problems


def main():
    tools_dir, logs = sys.argv[1], sys.argv[2:]
    binary = multitool(tools_dir)
    failed = False
    for log in logs:
        output = log + ".validation.sarif"
        run = subprocess.run([binary, "validate", log, "--output", output,
                              "--log", "ForceOverwrite",
                              "--rule-kind", "Sarif;Gh",
                              "--level", "Error;Warning;Note"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
        if run.returncode != 0 or not os.path.exists(output):
            print("%s: the multitool failed (exit status %d):\n%s"
                  % (log, run.returncode, run.stdout))
            failed = True
            continue
        with open(output, encoding="utf-8") as handle:
            results = json.load(handle)["runs"][0].get("results", [])
        counts = {"error": 0, "warning": 0, "note": 0}
        for result in results:
            level = result.get("level", "warning")
            counts[level] = counts.get(level, 0) + 1
            if level in ("error", "warning"):
                failed = True
                print("%s: %s %s: %s" % (log, level, result.get("ruleId"),
                                         json.dumps(result.get("message"))))
        with open(log, encoding="utf-8") as handle:
            problems = github_requirements(json.load(handle))
        for problem in problems:
            failed = True
            print("%s: github: %s" % (log, problem))
        print("%s: %d errors, %d warnings, %d notes; github requirements: %d problems"
              % (os.path.basename(log), counts["error"], counts["warning"],
                 counts["note"], len(problems)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
