"""The AWS SDK for JavaScript v3 (client-sqs, JSON protocol with query-compatible errors) against
us: tests/js/sqs_round_trip.mjs does the calls and prints what it saw; this checks it."""

import hashlib
import json
import os
import shutil
import subprocess

from conftest import REPO

SCRIPT = os.path.join(REPO, "tests", "js", "sqs_round_trip.mjs")
TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
BODY = "first message: 🚀 ünïcödé & <xml> \"quotes\""


def test_sqs_client_round_trip(emulator):
    node = shutil.which("node")
    assert node, "node is required (scripts/setup installs it)"
    sdk = os.path.join(REPO, "tests", "js", "node_modules", "@aws-sdk", "client-sqs")
    assert os.path.isdir(sdk), "run scripts/setup"
    run = subprocess.run([node, SCRIPT, emulator.url], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PREFLIGHT_ENDPOINT": emulator.url})
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)

    assert out["standardUrl"] == f"{emulator.url}/000000000000/js-standard"
    assert out["fifoUrl"] == f"{emulator.url}/000000000000/js-fifo.fifo"
    assert out["lookedUpUrl"] == out["standardUrl"]
    fifo = out["fifoAttributes"]
    assert fifo["FifoQueue"] == "true" and fifo["ContentBasedDeduplication"] == "true"
    assert fifo["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:js-fifo.fifo"

    # Every digest the emulator sent matches the one computed client-side (body digests were
    # checked by the SDK's own md5 middleware, which throws on a mismatch).
    assert out["sent"]["md5OfBody"] == hashlib.md5(BODY.encode()).hexdigest()
    checks = {what: (expected, got) for what, expected, got in out["digestChecks"]}
    assert set(checks) >= {"SendMessage attributes", "SendMessage system attributes",
                           "SendMessageBatch two", f"ReceiveMessage {BODY}",
                           "ReceiveMessage batch two"}
    for what, (expected, got) in checks.items():
        assert got == expected, what

    assert out["batch"] == {"successful": ["one", "three", "two"], "failed": []}
    assert out["received"] == sorted([BODY, "batch one", "batch two", "batch three"])

    first = out["first"]
    assert first["messageId"] == out["sent"]["messageId"]
    assert first["attributes"] == {
        "s": {"DataType": "String", "StringValue": "héllo wörld ☃"},
        "n": {"DataType": "Number", "StringValue": "-12.5e3"},
        "b": {"DataType": "Binary", "BinaryValue": [0, 1, 2, 127, 128, 254, 255]},
        "f": {"DataType": "Number.float", "StringValue": "3.14159"},
        "c": {"DataType": "Binary.gzip", "BinaryValue": [31, 139, 8]},
    }
    system = first["system"]
    assert system["AWSTraceHeader"] == TRACE
    assert system["ApproximateReceiveCount"] == "1"
    assert system["SenderId"]
    assert system["SentTimestamp"].isdigit()
    assert int(system["ApproximateFirstReceiveTimestamp"]) >= int(system["SentTimestamp"])

    # FIFO: the resend of f1 within the dedup window is accepted with the original id and not
    # delivered again; the rest come back in order with increasing sequence numbers.
    sent = out["fifoSent"]
    assert sent[2]["id"] == sent[0]["id"]
    assert len({sent[0]["id"], sent[1]["id"], sent[3]["id"]}) == 3
    received = out["fifoReceived"]
    assert [m["body"] for m in received] == ["f1", "f2", "f3"]
    assert [m["id"] for m in received] == [sent[0]["id"], sent[1]["id"], sent[3]["id"]]
    assert all(m["group"] == "g" for m in received)
    assert [m["dedup"] for m in received] == [hashlib.sha256(b).hexdigest()
                                              for b in (b"f1", b"f2", b"f3")]
    seqs = [int(m["seq"]) for m in received]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert [int(sent[i]["seq"]) for i in (0, 1, 3)] == seqs

    # Long polling: an empty poll waits its WaitTimeSeconds; a waiting one wakes on a send.
    assert out["emptyPoll"]["messages"] == 0
    assert 900 <= out["emptyPoll"]["ms"] < 3000
    assert out["woken"]["bodies"] == ["wake up"]
    assert 300 <= out["woken"]["ms"] < 2000

    assert out["deleted"]["successful"] == ["m0", "m1", "m2", "m3"]
    assert out["deleted"]["failed"] == [
        {"id": "bogus", "code": "ReceiptHandleIsInvalid", "senderFault": True}]
    assert out["afterDelete"] == {"ApproximateNumberOfMessages": "0",
                                  "ApproximateNumberOfMessagesNotVisible": "0"}

    # Errors carry the modeled name and, through x-amzn-query-error, the query-protocol code.
    for error in (out["missingUrl"], out["missingSend"]):
        assert error is not None
        assert error["name"] == "QueueDoesNotExist"
        assert error["code"] == "AWS.SimpleQueueService.NonExistentQueue"
        assert error["type"] == "Sender"
        assert error["status"] == 400
