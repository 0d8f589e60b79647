#!/usr/bin/env python3
"""Portable whole-process timer for compare.sh (Python 3 standard library, Linux/Unix).

    timeit.py [-n RUNS] [--warmup W] [--timeout SECONDS] -- COMMAND [ARG ...]

Runs COMMAND W times untimed, then RUNS times timed, each with empty stdin and its
output thrown away. For each timed run: wall seconds (monotonic clock around start
and reap), user/sys/cpu seconds and peak RSS from the kernel's rusage of the reaped
child (os.wait4). Prints, like other harnesses, one row per figure:

    A exit 0 (3 of 3)
    A wall s      <min> <median> <max>
    A cpu s       ...
    A peak MiB    ...

--timeout bounds the whole call: the running command is killed and the finished
runs are reported. Quote the median.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time


def run_once(cmd, deadline):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            t1 = time.monotonic()
            p.returncode = os.waitstatus_to_exitcode(status)
            return {"exit": p.returncode, "wall": t1 - t0, "user": ru.ru_utime, "sys": ru.ru_stime,
                    "cpu": ru.ru_utime + ru.ru_stime, "peak": ru.ru_maxrss / 1024.0}
        if time.monotonic() > deadline:
            os.killpg(p.pid, signal.SIGKILL)
            os.wait4(p.pid, 0)
            return None
        time.sleep(0.005)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, dest="runs")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=100.0)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no COMMAND")
    deadline = time.monotonic() + a.timeout
    print("A = " + " ".join(cmd))
    results = []
    for i in range(a.warmup + a.runs):
        r = run_once(cmd, deadline)
        if r is None:
            print("timeout: the call reached %g s" % a.timeout)
            break
        if i >= a.warmup:
            results.append(r)
    codes = sorted({r["exit"] for r in results})
    print("A exit " + ", ".join("%d (%d of %d)" % (c, sum(r["exit"] == c for r in results), a.runs)
                                for c in codes) if results else "A exit - (0 of %d)" % a.runs)
    print("%-16s %11s %11s %11s" % ("", "min", "median", "max"))
    for key, label in (("user", "user s"), ("sys", "sys s"), ("cpu", "cpu s"), ("wall", "wall s"),
                       ("peak", "peak MiB")):
        if results:
            xs = [r[key] for r in results]
            fmt = "%11.1f" if key == "peak" else "%11.3f"
            print(("A %-14s" + fmt * 3) % (label, min(xs), statistics.median(xs), max(xs)))
    sys.exit(0 if len(results) == a.runs else 3)


if __name__ == "__main__":
    main()
