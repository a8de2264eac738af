#!/usr/bin/env python3
"""Gate benchmark for Preflight; prints figures, asserts nothing.

Runs the whole CI gate on the sample app --runs times, as a user's CI would:

  build/preflight gate sample-app/template.yaml --stack books --fixtures fixtures/books.yaml \
      --test-command "PYTHON -m pytest -q sample-app/tests"

(a fresh emulator, deploy, fixtures, the sample app's tests on beta, the prod-unchanged check,
promote, the tests on prod) and prints the wall time of each run and of each step, as the gate's
own summary reports them. Target: under 5 s for a whole run.

Usage: bench/gate.py [--build build] [--runs 3] [--python PYTHON]
The Python must have pytest and boto3 (Debian's /usr/bin/python3 after scripts/setup).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET_S = 5.0


def run_gate(binary, python):
    cmd = [binary, "gate", os.path.join(REPO, "sample-app", "template.yaml"), "--stack", "books",
           "--fixtures", os.path.join(REPO, "fixtures", "books.yaml"),
           "--test-command",
           f"{python} -m pytest -q -p no:cacheprovider {os.path.join(REPO, 'sample-app', 'tests')}"]
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"the gate failed:\n{result.stdout[-4000:]}\n{result.stderr}")
    steps = {name: float(seconds) for seconds, name in
             re.findall(r"^  PASS\s+([\d.]+)s  (.+)$", result.stdout, re.M)}
    return wall, steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(REPO, "build"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default="/usr/bin/python3" if os.path.exists(
        "/usr/bin/python3") else sys.executable)
    args = parser.parse_args()
    binary = os.path.join(args.build, "preflight")
    walls = []
    per_step = {}
    for i in range(args.runs):
        wall, steps = run_gate(binary, args.python)
        walls.append(wall)
        for name, seconds in steps.items():
            per_step.setdefault(name, []).append(seconds)
        print(f"run {i + 1}: {wall:.2f} s")
    print(f"\ngate wall time over {args.runs} runs: median {statistics.median(walls):.2f} s, "
          f"best {min(walls):.2f} s, worst {max(walls):.2f} s (target < {TARGET_S:.0f} s)")
    print("median per step:")
    for name, values in per_step.items():
        print(f"  {statistics.median(values):6.2f} s  {name}")


if __name__ == "__main__":
    main()
