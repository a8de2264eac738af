#!/usr/bin/env python3
"""DynamoDB benchmark for Preflight; prints figures, asserts nothing.

Loads items into one table (pk = "p" + i // 100, sk = i % 100: 100 items per partition), then
for each size measures GetItem, PutItem and Query (20 items of one partition) with wrk at 32
connections, and the emulator's RSS. Runs with --data-dir, where memory should stay flat as the
table grows. Usage: bench/dynamodb.py [--build build] [--sizes 10000,1000000] [--duration 10]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import rss_mib, start_emulator, stop_server  # noqa: E402


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, op, payload):
        self.conn.request("POST", "/", json.dumps(payload), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"DynamoDB_20120810.{op}"})
        res = self.conn.getresponse()
        body = res.read()
        if res.status != 200:
            raise RuntimeError(f"{op}: {res.status} {body[:200]!r}")
        return json.loads(body)


def load(client, start, end):
    batch = []
    for i in range(start, end):
        batch.append({"PutRequest": {"Item": {"pk": {"S": f"p{i // 100}"}, "sk": {"N": str(i % 100)},
                                              "v": {"N": str(i)}, "s": {"S": "some payload text"}}}})
        if len(batch) == 25:
            client.call("BatchWriteItem", {"RequestItems": {"bench": batch}})
            batch = []
    if batch:
        client.call("BatchWriteItem", {"RequestItems": {"bench": batch}})


def wrk(port, op, items, duration, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s",
         os.path.join(HERE, "ddb.lua"), f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "DDB_OP": op, "DDB_ITEMS": str(items)}).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--sizes", default="10000,1000000")
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    data_dir = tempfile.mkdtemp(prefix="preflight-bench-")
    proc = None
    try:
        proc, port = start_emulator(os.path.join(args.build, "preflight"), data_dir=data_dir,
                                    stderr=None)
        client = Client(port)
        client.call("CreateTable", {
            "TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                          {"AttributeName": "sk", "KeyType": "RANGE"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "sk", "AttributeType": "N"}]})
        loaded = 0
        print(f"{'items':>9} {'operation':>9} {'req/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8} {'RSS MiB':>8}")
        for size in sorted(int(s) for s in args.sizes.split(",")):
            began = time.monotonic()
            load(client, loaded, size)
            took = time.monotonic() - began
            print(f"loaded {size - loaded} items in {took:.1f} s "
                  f"({(size - loaded) / max(took, 1e-9):.0f} items/s via BatchWriteItem), "
                  f"RSS {rss_mib(proc.pid):.1f} MiB")
            loaded = size
            for op in ("GetItem", "PutItem", "Query"):
                rps, p50, p99, errors = wrk(port, op, size, args.duration, args.connections)
                print(f"{size:>9} {op:>9} {rps:>9.0f} {p50:>9} {p99:>9} {errors:>8} {rss_mib(proc.pid):>8.1f}")
    finally:
        if proc:
            stop_server(proc)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
