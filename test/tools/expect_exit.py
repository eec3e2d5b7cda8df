#!/usr/bin/env python3
"""usage: expect_exit.py STATUS COMMAND [ARG...]

Runs COMMAND and succeeds only if it exits with exactly STATUS."""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.run(sys.argv[2:]).returncode
if status != expected:
    sys.stderr.write("expected exit status %d, got %d: %s\n"
                     % (expected, status, " ".join(sys.argv[2:])))
    sys.exit(1)
