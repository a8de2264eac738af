"""A bounded soak: bench/soak.py's run_soak() drives DynamoDB, SQS (with 20-s long polls held
open on mostly empty queues), Cognito, Lambda (a handler that calls back into the emulator) and
API Gateway (execute-api to a Lambda proxy) from 64 concurrent connections for 60 s, and the
emulator must answer every call right, never stall, let no worker hang, lose or duplicate no SQS
message, and keep its RSS roughly flat after the warm-up.

Under the ASan+UBSan build (PREFLIGHT_SANITIZED=1, set by tests/CMakeLists.txt; about 3x slower)
it runs 20 s on 32 connections and does not bound RSS (the sanitizers' own allocator grows)."""

import os
import subprocess
import sys

from conftest import BIN, REPO

sys.path.insert(0, os.path.join(REPO, "bench"))
import soak  # noqa: E402

SANITIZED = os.environ.get("PREFLIGHT_SANITIZED") == "1"
SECONDS = 20 if SANITIZED else 60
CONNECTIONS = 32 if SANITIZED else 64
WARMUP = 3 if SANITIZED else 5
# Latency bounds are loose (2 cores shared with builds; the client's threads share one GIL): the
# point is that a held 20-s long poll never holds anything else up.
P99_LIMIT_MS = 10_000 if SANITIZED else 5_000
GAP_LIMIT_MS = 5_000 if SANITIZED else 2_000
RSS_GROWTH_LIMIT_MIB = 64


def lambda_python():
    """A real interpreter with boto3 for the handlers (not a pyenv shim: each instance is a new
    process, and the shim's start-up is slow)."""
    system = "/usr/bin/python3"
    if os.access(system, os.X_OK) and subprocess.run(
            [system, "-c", "import boto3"], capture_output=True, check=False).returncode == 0:
        return system
    return sys.executable


def test_every_service_under_64_connections_for_a_minute():
    r = soak.run_soak(BIN, seconds=SECONDS, connections=CONNECTIONS, warmup=WARMUP,
                      python=lambda_python())
    text = soak.report(r) + "\n--- emulator stderr (tail)\n" + r["emulator_stderr"]
    print(text)

    # No deadlock: every worker finished, the emulator stopped cleanly and took its children.
    assert not r["stuck"], text
    assert r["exit_code"] == 0, text
    assert r["leftover_processes"] == 0, text
    assert r["stopped_by"] == "time", text

    # No errors, and no throttles either: Lambda + API Gateway threads stay under the default
    # concurrency of 32.
    assert r["errors"] == 0, text
    assert r["throttles"] == 0, text
    for op in ["dynamodb.PutItem", "dynamodb.GetItem", "dynamodb.Query", "sqs.SendMessage",
               "sqs.ReceiveMessage", "sqs.DeleteMessageBatch", "long-poll.ReceiveMessage",
               "cognito.SignUp", "cognito.AdminConfirmSignUp", "cognito.InitiateAuth",
               "cognito.AdminDeleteUser", "lambda.Invoke", "apigateway.POST /cb"]:
        assert r["ok"].get(op, 0) > 0, f"no {op}\n{text}"

    # Every message sent was received exactly once; every handler call wrote its item through
    # the emulator.
    assert r["sqs_sent"] > 0 and r["sqs_lost"] == 0, text
    assert r["sqs_duplicates"] == 0 and r["sqs_unknown"] == 0, text
    assert r["callbacks"] > 0 and r["callback_items"] == r["callbacks"], text

    # Long polls were held open while the rest was answered, and did not slow it down.
    assert r["max_long_polls_held"] >= 1, text
    assert r["answered_while_held"] > 0.9 * r["window_requests"], text
    assert r["p99_ms"] < P99_LIMIT_MS, text
    assert r["longest_gap_ms"] < GAP_LIMIT_MS, text
    if r["long_polls_empty"]:
        assert 19.5 <= r["long_poll_empty_min_s"], text
        assert r["long_poll_empty_max_s"] < soak.LONG_POLL_SECONDS + (10 if SANITIZED else 5), text
    if not SANITIZED:
        assert r["long_polls_empty"] >= 1, text
        assert r["rss_growth_mib"] < RSS_GROWTH_LIMIT_MIB, text
