#!/usr/bin/env python3
"""Tests of realworld.py's reviewed-findings files: the update keeps verdicts,
the comparison fails on every kind of difference."""
import contextlib
import io
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import realworld  # noqa: E402

SLEEP = ("coro-blocking-call", "a.cpp", 10, "'sleep' blocks the thread")
SEND = ("coro-unchecked-send", "b.cpp", 5, "the result of 'send' is ignored")


def reviewed_file(text):
    path = Path(tempfile.mkdtemp()) / "corpus.txt"
    path.write_text(text)
    return path


def quiet_compare(*args):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        ok = realworld.compare("corpus", *args)
    return ok, out.getvalue()


class UpdateTest(unittest.TestCase):
    def test_keeps_verdicts_of_persisting_findings_and_marks_new_ones(self):
        path = reviewed_file(
            "TRUE\tcoro-blocking-call\ta.cpp:10\t'sleep' blocks the thread\tsleeps on the executor\n"
            "FALSE:x\tcoro-lock-across-suspend\tc.cpp:1\tgone\tno longer reported\n")
        realworld.write_reviewed(path, "corpus", "/root", [SLEEP, SEND],
                                 realworld.read_reviewed(path))
        entries = {e["key"]: (e["verdict"], e["reason"]) for e in realworld.read_reviewed(path)}
        self.assertEqual(entries, {SLEEP: ("TRUE", "sleeps on the executor"),
                                   SEND: ("UNREVIEWED", "")})

    def test_a_finding_whose_line_moved_keeps_its_verdict(self):
        path = reviewed_file(
            "ARGUABLE\tcoro-blocking-call\ta.cpp:7\t'sleep' blocks the thread\tin a test\n")
        realworld.write_reviewed(path, "corpus", "/root", [SLEEP], realworld.read_reviewed(path))
        [entry] = realworld.read_reviewed(path)
        self.assertEqual((entry["key"], entry["verdict"], entry["reason"]),
                         (SLEEP, "ARGUABLE", "in a test"))

    def test_a_malformed_line_is_an_error(self):
        path = reviewed_file("TRUE coro-blocking-call a.cpp:10 no tabs\n")
        with self.assertRaises(SystemExit):
            realworld.read_reviewed(path)


class CompareTest(unittest.TestCase):
    def reviewed(self, *entries):
        return [{"key": k, "verdict": v, "reason": "r"} for k, v in entries]

    def test_same_reviewed_findings_pass(self):
        ok, out = quiet_compare([SLEEP], self.reviewed((SLEEP, "TRUE")), [])
        self.assertTrue(ok, out)

    def test_added_finding_fails(self):
        ok, out = quiet_compare([SLEEP, SEND], self.reviewed((SLEEP, "TRUE")), [])
        self.assertFalse(ok)
        self.assertIn("b.cpp:5: [coro-unchecked-send]", out)

    def test_dropped_finding_fails(self):
        ok, out = quiet_compare([], self.reviewed((SLEEP, "FALSE:x")), [])
        self.assertFalse(ok)
        self.assertIn("no longer reported", out)

    def test_unreviewed_entry_fails(self):
        ok, out = quiet_compare([SLEEP], self.reviewed((SLEEP, "UNREVIEWED")), [])
        self.assertFalse(ok)
        self.assertIn("not reviewed", out)

    def test_unit_that_could_not_be_linted_fails(self):
        ok, _ = quiet_compare([], [], [{"path": "x.cpp", "reason": "does not compile"}])
        self.assertFalse(ok)


if __name__ == "__main__":
    unittest.main()
