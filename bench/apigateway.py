#!/usr/bin/env python3
"""API Gateway benchmark for Preflight; prints figures, asserts nothing.

Starts build/preflight, creates a trivial Python function and a REST API with two proxy routes
to it, GET /open (no authorizer) and GET /secure (a COGNITO_USER_POOLS authorizer), deploys a
stage, then measures on one keep-alive connection (--calls sequential requests, p50/p99):

  lambda     Invoke of the function straight through Lambda's API: the Lambda's own time, as
             a client sees it
  gateway    GET /open through the stage: proxy event, invoke, answer mapping
  cognito    GET /secure with an ID token: the same plus JWT verification
  and the difference gateway - lambda (and cognito - lambda): what the gateway adds. Target:
  under 1 ms.

then requests/s with --connections keep-alive connections for --duration seconds on each route.

Usage: bench/apigateway.py [--build build] [--calls 2000] [--duration 5] [--connections 4]
                           [--procs 1]
"""

import argparse
import base64
import http.client
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import (percentile, request_loop, rss_mib, run_load, start_emulator,  # noqa: E402
                      stop_server, zip_of)

TARGET_OVERHEAD_MS = 1.0
HANDLER = 'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n'
URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
       "arn:aws:lambda:us-east-1:000000000000:function:ping/invocations")


def call(port, method, path, payload=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        body = json.dumps(payload).encode() if payload is not None else b""
        conn.request(method, path, body=body, headers={"Content-Type": "application/json",
                                                       **(headers or {})})
        res = conn.getresponse()
        out = res.read()
        if res.status >= 300:
            raise RuntimeError(f"{method} {path}: {res.status} {out[:300]!r}")
        return json.loads(out) if out else None
    finally:
        conn.close()


def cognito(port, target, payload):
    return call(port, "POST", "/", payload,
                {"X-Amz-Target": f"AWSCognitoIdentityProviderService.{target}",
                 "Content-Type": "application/x-amz-json-1.1"})


def setup(port):
    call(port, "POST", "/2015-03-31/functions", {
        "FunctionName": "ping", "Runtime": "python3.12", "Handler": "app.handler",
        "Role": "arn:aws:iam::000000000000:role/bench",
        "Code": {"ZipFile": base64.b64encode(zip_of(HANDLER)).decode()}})

    pool = cognito(port, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
    client = cognito(port, "CreateUserPoolClient", {
        "UserPoolId": pool, "ClientName": "bench",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})
    client_id = client["UserPoolClient"]["ClientId"]
    cognito(port, "AdminCreateUser", {"UserPoolId": pool, "Username": "bench",
                                      "MessageAction": "SUPPRESS"})
    cognito(port, "AdminSetUserPassword", {"UserPoolId": pool, "Username": "bench",
                                           "Password": "Passw0rd!", "Permanent": True})
    token = cognito(port, "InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "bench", "PASSWORD": "Passw0rd!"}})[
        "AuthenticationResult"]["IdToken"]

    api = call(port, "POST", "/restapis", {"name": "bench"})
    api_id, root = api["id"], api["rootResourceId"]
    auth = call(port, "POST", f"/restapis/{api_id}/authorizers", {
        "name": "users", "type": "COGNITO_USER_POOLS",
        "providerARNs": [f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool}"],
        "identitySource": "method.request.header.Authorization"})["id"]
    for part, kind in [("open", "NONE"), ("secure", "COGNITO_USER_POOLS")]:
        rid = call(port, "POST", f"/restapis/{api_id}/resources/{root}", {"pathPart": part})["id"]
        method = {"authorizationType": kind}
        if kind != "NONE":
            method["authorizerId"] = auth
        base = f"/restapis/{api_id}/resources/{rid}/methods/GET"
        call(port, "PUT", base, method)
        call(port, "PUT", base + "/integration", {"type": "AWS_PROXY", "httpMethod": "POST",
                                                  "uri": URI})
    call(port, "POST", f"/restapis/{api_id}/deployments", {"stageName": "prod"})
    return api_id, token


def sequential(port, method, path, body, headers, calls):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for i in range(calls + 50):
        began = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        res.read()
        if res.status != 200:
            raise RuntimeError(f"{path}: {res.status}")
        if i >= 50:  # warm-up
            times.append((time.perf_counter() - began) * 1000)
    conn.close()
    return times


def raw(port, method, path, headers, body=b""):
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--procs", type=int, default=1)
    args = parser.parse_args()

    proc, port = start_emulator(os.path.join(args.build, "preflight"))
    try:
        api_id, token = setup(port)
        host = f"{api_id}.execute-api.localhost:{port}"
        routes = {
            "lambda": ("POST", "/2015-03-31/functions/ping/invocations",
                       {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"}, b"{}"),
            "gateway": ("GET", "/prod/open", {"Host": host}, b""),
            "cognito": ("GET", "/prod/secure", {"Host": host, "Authorization": token}, b""),
        }
        print(f"preflight on port {port}; {args.calls} sequential calls, {args.connections} "
              f"connections for {args.duration:.0f} s\n")
        print(f"{'route':8} {'p50':>8} {'p99':>8} {'adds p50':>9} {'adds p99':>9} "
              f"{'requests/s':>11} {'load p99':>9}")
        base = None
        for name, (method, path, headers, body) in routes.items():
            times = sequential(port, method, path, body, headers, args.calls)
            if base is None:
                base = times
            outs, _ = run_load(proc.pid, name, request_loop,
                               (port, [raw(port, method, path, headers, body)], args.duration,
                                name), args)
            n = sum(o[0] for o in outs)
            errors = sum(o[1] for o in outs)
            seconds = max(o[2] for o in outs)
            latencies = [x * 1000 for o in outs for x in o[4]]
            adds = "" if times is base else (
                f"{percentile(times, 0.5) - percentile(base, 0.5):6.2f} ms "
                f"{percentile(times, 0.99) - percentile(base, 0.99):6.2f} ms")
            print(f"{name:8} {percentile(times, 0.5):5.2f} ms {percentile(times, 0.99):5.2f} ms "
                  f"{adds:>20} {n / seconds:11.0f} {percentile(latencies, 0.99):6.2f} ms"
                  + (f"  ({errors} non-200)" if errors else ""))
        print(f"\nemulator RSS {rss_mib(proc.pid):.1f} MiB; target: the gateway adds under "
              f"{TARGET_OVERHEAD_MS:.0f} ms to the Lambda's own time (the 'adds' columns)")
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
