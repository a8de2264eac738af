#!/usr/bin/env python3
"""Core benchmarks for Preflight; prints figures, asserts nothing.

  startup   time from exec to the first answered request (median / p90 of N runs)
  idle RSS  resident memory right after start and after a second idle
  rps/p99   GetCallerIdentity with wrk at 32 connections, with and without the request log,
            against a bare Beast server (bench_beast_floor) as the floor

Usage: bench/core.py [--build build] [--duration 10] [--connections 32] [--runs 20]
Needs wrk (apt-get install wrk) and `cmake --build build --target bench_beast_floor`.
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import rss_mib, start_server, stop_server  # noqa: E402


def first_answer(port, path):
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.0005)


def bench_startup(binary, runs):
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        proc, port = start_server([binary, "serve", "--port", "0", "--log-format", "off"])
        first_answer(port, "/_preflight/health")
        samples.append((time.perf_counter() - began) * 1000)
        stop_server(proc)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def wrk(port, duration, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s",
         os.path.join(HERE, "sts.lua"), f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, int(errors.group(1)) if errors else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    binary = os.path.join(args.build, "preflight")
    floor = os.path.join(args.build, "bench", "bench_beast_floor")

    median, p90 = bench_startup(binary, args.runs)
    print(f"startup to first answer: median {median:.1f} ms, p90 {p90:.1f} ms ({args.runs} runs)")

    proc, port = start_server([binary, "serve", "--port", "0", "--log-format", "off"])
    first_answer(port, "/_preflight/health")
    at_start = rss_mib(proc.pid)
    time.sleep(1)
    print(f"idle RSS: {at_start:.1f} MiB at start, {rss_mib(proc.pid):.1f} MiB after 1 s")

    if not shutil.which("wrk"):
        print("wrk not installed (apt-get install wrk): skipping throughput")
        stop_server(proc)
        return
    rps, p99, errors = wrk(port, args.duration, args.connections)
    print(f"GetCallerIdentity, log off : {rps:9.0f} req/s, p99 {p99}, non-2xx {errors}, "
          f"RSS {rss_mib(proc.pid):.1f} MiB")
    stop_server(proc)

    proc, port = start_server([binary, "serve", "--port", "0"])
    with open(os.devnull, "w"):
        pass
    rps_log, p99_log, _ = wrk(port, args.duration, args.connections)
    print(f"GetCallerIdentity, text log: {rps_log:9.0f} req/s, p99 {p99_log}")
    stop_server(proc)

    if os.path.exists(floor):
        proc, port = start_server([floor])
        floor_rps, floor_p99, _ = wrk(port, args.duration, args.connections)
        stop_server(proc)
        print(f"bare Beast floor           : {floor_rps:9.0f} req/s, p99 {floor_p99}")
        added = 1e6 / rps - 1e6 / floor_rps
        print(f"route+auth+codec+handler cost over the floor: {added:.1f} us/request "
              "(single event-loop thread, wrk on the other core)")
    else:
        print(f"no floor binary at {floor}: cmake --build build --target bench_beast_floor")


if __name__ == "__main__":
    sys.exit(main())
