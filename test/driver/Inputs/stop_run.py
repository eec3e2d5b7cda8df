#!/usr/bin/env python3
"""Starts a command, waits until it has N child processes, sends it (its
process alone, as a CI system cancelling a job does) a signal, and reports
how it ended and how many of its children outlived it.

usage: stop_run.py SIGNAL N COMMAND [ARG...]

Prints 'status: S' (the command's exit status, or -SIGNAL) and 'orphans: K';
the orphans are then killed. Exits 1 if the children never appear.
"""
import os
import signal
import subprocess
import sys
import time


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    signum = getattr(signal, sys.argv[1])
    count = int(sys.argv[2])
    process = subprocess.Popen(sys.argv[3:])
    deadline = time.monotonic() + 600
    kids = children(process.pid)
    while len(kids) < count:
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            sys.exit("the command never had %d children" % count)
        time.sleep(0.05)
        kids = children(process.pid)
    process.send_signal(signum)
    status = process.wait()
    orphans = [kid for kid in kids if alive(kid)]
    for kid in orphans:
        os.kill(kid, signal.SIGKILL)
    print("status: %d" % status)
    print("orphans: %d" % len(orphans))


if __name__ == "__main__":
    main()
