#!/usr/bin/env python3
"""Cognito user pools benchmark for Preflight; prints figures, asserts nothing.

Starts build/preflight with --option cognito.password-hash-iterations=N (--hash-iterations,
default 1: what tests use; pass 10000, the emulator's default, to see the hashing cost), creates a
pool, a client (ALLOW_USER_PASSWORD_AUTH) and a confirmed user, then for each of

  InitiateAuth   USER_PASSWORD_AUTH (password check, three RS256 signatures, a refresh token)
  GetUser        with the access token (RS256 verification, a user lookup)
  JWKS           GET /{pool}/.well-known/jwks.json

measures (a) latency: --calls sequential requests on one keep-alive connection (p50/p99/mean,
after a warm-up), and (b) throughput: --connections keep-alive connections over --procs load
processes for --duration seconds (req/s, p50/p99, non-200 answers, the emulator's CPU time / wall
time). Requests are unsigned awsJson 1.1 (X-Amz-Target: AWSCognitoIdentityProviderService.*,
accepted without --strict-auth), built once and written to raw sockets. README target: InitiateAuth
p50 under 2 ms.

Usage: bench/cognito.py [--build build] [--hash-iterations 1] [--calls 2000] [--duration 5]
                        [--connections 16] [--procs N]
"""

import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import (Connection, aws_json_request, percentile, request_loop,  # noqa: E402
                      rss_mib, run_load, start_emulator, stop_server)

PASSWORD = "Bench-Password-1!"
TARGET_P50_MS = 2.0


def api_request(port, op, payload):
    return aws_json_request(port, f"AWSCognitoIdentityProviderService.{op}", payload, "1.1")


def get_request(port, path):
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()


def call(conn, port, op, payload):
    status, body = conn.call(api_request(port, op, payload))
    if status != 200:
        raise RuntimeError(f"{op}: {status} {body[:300]!r}")
    return json.loads(body)


def setup(port):
    conn = Connection(port)
    try:
        pool = call(conn, port, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
        client = call(conn, port, "CreateUserPoolClient", {
            "UserPoolId": pool, "ClientName": "bench",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        })["UserPoolClient"]["ClientId"]
        call(conn, port, "AdminCreateUser", {
            "UserPoolId": pool, "Username": "bench-user", "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": "bench@example.com"}]})
        call(conn, port, "AdminSetUserPassword", {
            "UserPoolId": pool, "Username": "bench-user", "Password": PASSWORD,
            "Permanent": True})
        auth = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
                "AuthParameters": {"USERNAME": "bench-user", "PASSWORD": PASSWORD}}
        access = call(conn, port, "InitiateAuth", auth)["AuthenticationResult"]["AccessToken"]
    finally:
        conn.close()
    return {
        "InitiateAuth": api_request(port, "InitiateAuth", auth),
        "GetUser": api_request(port, "GetUser", {"AccessToken": access}),
        "JWKS": get_request(port, f"/{pool}/.well-known/jwks.json"),
    }


# ---- (a) sequential latency ----

def sequential(port, request, calls, max_seconds, warmup=50):
    conn = Connection(port)
    latencies, errors = [], 0
    try:
        for _ in range(warmup):
            conn.call(request)
        stop = time.perf_counter() + max_seconds
        for _ in range(calls):
            t0 = time.perf_counter()
            status, _ = conn.call(request)
            latencies.append(time.perf_counter() - t0)
            errors += status != 200
            if t0 > stop:
                break
    finally:
        conn.close()
    return latencies, errors


# ---- (b) throughput ----

def throughput(port, pid, op, request, args):
    outs, cpu = run_load(pid, op, request_loop, (port, [request], args.duration, op), args)
    latencies = [x for o in outs for x in o[4]]
    return {"rps": sum(o[0] for o in outs) / max(o[2] for o in outs),
            "errors": sum(o[1] for o in outs),
            "p50": percentile(latencies, 0.50) * 1e3, "p99": percentile(latencies, 0.99) * 1e3,
            "cpu": cpu}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--hash-iterations", type=int, default=1,
                    help="cognito.password-hash-iterations (PBKDF2-SHA256 cost; default 1)")
    ap.add_argument("--calls", type=int, default=2000, help="sequential calls per operation")
    ap.add_argument("--max-seconds", type=float, default=20,
                    help="cap on each sequential phase")
    ap.add_argument("--duration", type=float, default=5, help="seconds of each throughput run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--procs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    args.calls = max(1, min(args.calls, 100000))
    args.duration = max(0.5, min(args.duration, 60))
    binary = os.path.join(args.build, "preflight")
    began = time.monotonic()

    proc, port = start_emulator(
        binary, "--option", f"cognito.password-hash-iterations={args.hash_iterations}")
    rows = []
    try:
        requests = setup(port)
        for op, request in requests.items():
            lat, seq_errors = sequential(port, request, args.calls, args.max_seconds)
            load = throughput(port, proc.pid, op, request, args)
            rows.append((op, len(lat), statistics.median(lat) * 1e3, percentile(lat, 0.99) * 1e3,
                         statistics.fmean(lat) * 1e3, seq_errors, load))
        rss = rss_mib(proc.pid)
    except Exception:
        print(f"failed; the emulator's exit status: {proc.poll()}", file=sys.stderr)
        raise
    finally:
        stop_server(proc)

    print(f"Cognito, password-hash-iterations={args.hash_iterations}; sequential: one keep-alive "
          f"connection; load: {args.connections} connections over {args.procs} processes, "
          f"{args.duration:g} s")
    print(f"{'operation':>12} {'calls':>6} {'p50 ms':>7} {'p99 ms':>7} {'mean ms':>7} "
          f"{'non-200':>7} | {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'non-200':>7} "
          f"{'emu CPU':>7}")
    for op, n, p50, p99, mean, errors, load in rows:
        print(f"{op:>12} {n:>6} {p50:>7.3f} {p99:>7.3f} {mean:>7.3f} {errors:>7} | "
              f"{load['rps']:>7.0f} {load['p50']:>7.2f} {load['p99']:>7.2f} {load['errors']:>7} "
              f"{load['cpu']:>6.0%}")
    initiate = next(r for r in rows if r[0] == "InitiateAuth")
    verdict = "met" if initiate[2] < TARGET_P50_MS else "NOT met"
    print(f"  target InitiateAuth p50 < {TARGET_P50_MS:g} ms (sequential): {verdict} "
          f"({initiate[2]:.3f} ms)")
    print(f"  emulator RSS after the runs: {rss:.1f} MiB; emu CPU: its CPU time / wall time "
          f"during the load run; total {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
