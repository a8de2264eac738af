#!/usr/bin/env python3
"""Lambda benchmark for Preflight; prints figures, asserts nothing.

Starts build/preflight, creates a trivial Python and a trivial Node.js function (each returns its
event), then for each runtime measures

  cold start   the first invoke after CreateFunction (a new process: spawn, bootstrap, import),
               over --cold functions, and the runtime's own Init Duration from its REPORT line
  warm         --calls sequential invokes on one keep-alive connection (p50/p99), with
               LogType=Tail so each answer carries its REPORT line: Duration is the time from
               handing the event to the runtime until its answer arrived (the runtime's own
               loop and the handler), and end-to-end minus Duration is what the emulator adds
               (HTTP, routing, the function lookup, the instance pool, encoding). Target: < 1 ms.
  throughput   --connections keep-alive connections over --procs load processes for --duration
               seconds (invokes/s, p50/p99, non-200 answers); each connection keeps one warm
               instance busy.

Requests are unsigned rest-json (accepted without --strict-auth), built once.

Usage: bench/lambda.py [--build build] [--calls 2000] [--cold 5] [--duration 5]
                       [--connections 4] [--procs 1] [--runtimes python,node]
"""

import argparse
import base64
import http.client
import json
import os
import re
import shutil
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import (percentile, request_loop, rss_mib, run_load, start_emulator,  # noqa: E402
                      stop_server, zip_of)

TARGET_OVERHEAD_MS = 1.0
RUNTIMES = {
    "python": ("python3.12", "app.handler", "app.py",
               "def handler(event, context):\n    return event\n"),
    "node": ("nodejs20.x", "index.handler", "index.mjs",
             "export const handler = async (event) => event;\n"),
}


def call(port, method, path, body=b"", headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        return res.status, dict(res.getheaders()), res.read()
    finally:
        conn.close()


def create(port, name, runtime):
    rt, handler, filename, source = RUNTIMES[runtime]
    body = json.dumps({"FunctionName": name, "Runtime": rt, "Handler": handler,
                       "Role": "arn:aws:iam::000000000000:role/bench",
                       "Code": {"ZipFile": base64.b64encode(zip_of(source, filename)).decode()}})
    status, _, out = call(port, "POST", "/2015-03-31/functions", body.encode(),
                          {"Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"CreateFunction {name}: {status} {out[:300]!r}")


def invoke_path(name):
    return f"/2015-03-31/functions/{name}/invocations"


def report_of(headers):
    tail = base64.b64decode(headers.get("X-Amz-Log-Result", "")).decode()
    report = next((line for line in tail.splitlines() if line.startswith("REPORT")), "")
    duration = re.search(r"\tDuration: ([\d.]+) ms", report)
    init = re.search(r"Init Duration: ([\d.]+) ms", report)
    return (float(duration.group(1)) if duration else None,
            float(init.group(1)) if init else None)


def cold_starts(port, runtime, count):
    firsts, inits = [], []
    for i in range(count):
        name = f"cold-{runtime}-{i}"
        create(port, name, runtime)
        began = time.perf_counter()
        status, headers, body = call(port, "POST", invoke_path(name), b"{}",
                                     {"X-Amz-Log-Type": "Tail"})
        firsts.append((time.perf_counter() - began) * 1000)
        if status != 200 or "X-Amz-Function-Error" in headers:
            raise RuntimeError(f"cold invoke {name}: {status} {body[:300]!r}")
        inits.append(report_of(headers)[1] or 0.0)
    return firsts, inits


def warm(port, name, calls):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    totals, overheads = [], []
    body = b'{"n": 1}'
    headers = {"X-Amz-Log-Type": "Tail", "Content-Type": "application/json"}
    for i in range(calls + 50):
        began = time.perf_counter()
        conn.request("POST", invoke_path(name), body=body, headers=headers)
        res = conn.getresponse()
        res.read()
        total = (time.perf_counter() - began) * 1000
        if res.status != 200:
            raise RuntimeError(f"warm invoke: {res.status}")
        duration, _ = report_of(dict(res.getheaders()))
        if i >= 50:  # warm-up
            totals.append(total)
            overheads.append(total - duration)
    conn.close()
    return totals, overheads


def invoke_request(port, name):
    return (f"POST {invoke_path(name)} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--runtimes", default="python,node")
    args = parser.parse_args()
    runtimes = [r for r in args.runtimes.split(",") if r]
    if "node" in runtimes and shutil.which("node") is None:
        print("node is not installed: skipping the Node.js figures")
        runtimes.remove("node")

    proc, port = start_emulator(os.path.join(args.build, "preflight"))
    try:
        print(f"preflight on port {port}; {args.calls} warm calls, {args.cold} cold starts, "
              f"{args.connections} connections for {args.duration:.0f} s\n")
        print(f"{'runtime':8} {'cold first invoke':>22} {'init':>10} {'warm p50':>9} "
              f"{'warm p99':>9} {'adds p50':>9} {'adds p99':>9} {'invokes/s':>10} {'load p99':>9}")
        for runtime in runtimes:
            firsts, inits = cold_starts(port, runtime, args.cold)
            name = f"warm-{runtime}"
            create(port, name, runtime)
            totals, overheads = warm(port, name, args.calls)
            outs, _ = run_load(proc.pid, f"invoke {runtime}", request_loop,
                               (port, [invoke_request(port, name)], args.duration,
                                f"invoke {runtime}"), args)
            n = sum(o[0] for o in outs)
            errors = sum(o[1] for o in outs)
            seconds = max(o[2] for o in outs)
            latencies = [x * 1000 for o in outs for x in o[4]]
            print(f"{runtime:8} {statistics.median(firsts):9.1f} ms (max {max(firsts):5.1f}) "
                  f"{statistics.median(inits):7.1f} ms {percentile(totals, 0.5):6.2f} ms "
                  f"{percentile(totals, 0.99):6.2f} ms {percentile(overheads, 0.5):6.2f} ms "
                  f"{percentile(overheads, 0.99):6.2f} ms {n / seconds:10.0f} "
                  f"{percentile(latencies, 0.99):6.2f} ms"
                  + (f"  ({errors} non-200)" if errors else ""))
        print(f"\nemulator RSS {rss_mib(proc.pid):.1f} MiB; target: the emulator adds under "
              f"{TARGET_OVERHEAD_MS:.0f} ms to a warm invoke (the 'adds' columns; they include "
              "this script's own HTTP client)")
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
