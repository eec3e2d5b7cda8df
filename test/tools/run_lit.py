#!/usr/bin/env python3
"""Runs lit on a test directory and ends with one summary line,
'lit: N passed, N failed'. Exits non-zero when any test failed."""
import re
import subprocess
import sys

lit, test_dir = sys.argv[1], sys.argv[2]
run = subprocess.run([sys.executable, lit, "-sv", test_dir] + sys.argv[3:],
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
sys.stdout.write(run.stdout)
counts = dict.fromkeys(["Passed", "Failed", "Unresolved", "Timed Out",
                        "Unexpectedly Passed", "Expectedly Failed"], 0)
for name, number in re.findall(r"^\s+(Passed|Failed|Unresolved|Timed Out|"
                               r"Unexpectedly Passed|Expectedly Failed)"
                               r"\s*:\s*(\d+)", run.stdout, re.M):
    counts[name] = int(number)
passed = counts["Passed"] + counts["Expectedly Failed"]
failed = (counts["Failed"] + counts["Unresolved"] + counts["Timed Out"]
          + counts["Unexpectedly Passed"])
print("lit: %d passed, %d failed" % (passed, failed))
sys.exit(1 if run.returncode != 0 or failed or not passed else 0)
