"""InvocationType=Event: queued (202), run in the background, retried twice after a failure,
then sent to the OnFailure destination or the dead-letter queue; OnSuccess records too."""

import json
import time

from lambda_helpers import ECHO, lambda_fixture, python_function  # noqa: F401

FAILING = """
import os

def handler(event, context):
    with open(os.environ["ATTEMPTS"], "a") as f:
        f.write(context.aws_request_id + "\\n")
    raise RuntimeError("always fails")
"""


def receive_one(sqs, url, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1,
                                       MessageAttributeNames=["All"]).get("Messages", [])
        if messages:
            return messages[0]
    raise AssertionError("no message arrived")


def test_async_invoke_retries_then_dead_letter_queue(lam, tmp_path):
    emulator, client = lam
    sqs = emulator.client("sqs")
    dlq = sqs.create_queue(QueueName="fn-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    attempts = tmp_path / "attempts.txt"
    python_function(client, "flaky", FAILING, DeadLetterConfig={"TargetArn": dlq_arn},
                    Environment={"Variables": {"ATTEMPTS": str(attempts)}})
    res = client.invoke(FunctionName="flaky", InvocationType="Event", Payload=b'{"order": 7}')
    assert res["StatusCode"] == 202
    message = receive_one(sqs, dlq)
    assert json.loads(message["Body"]) == {"order": 7}
    attrs = message["MessageAttributes"]
    assert attrs["ErrorCode"]["StringValue"] == "200"
    assert attrs["RequestID"]["StringValue"]
    lines = attempts.read_text().split()
    assert len(lines) == 3, lines  # the first attempt and two retries
    assert len(set(lines)) == 3


def test_async_destinations_on_failure_and_success(lam, tmp_path):
    emulator, client = lam
    sqs = emulator.client("sqs")
    failures = sqs.create_queue(QueueName="failures")["QueueUrl"]
    successes = sqs.create_queue(QueueName="successes")["QueueUrl"]
    attempts = tmp_path / "attempts.txt"
    python_function(client, "fails", FAILING,
                    Environment={"Variables": {"ATTEMPTS": str(attempts)}})
    client.put_function_event_invoke_config(
        FunctionName="fails", MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {
            "Destination": "arn:aws:sqs:us-east-1:000000000000:failures"}})
    client.invoke(FunctionName="fails", InvocationType="Event", Payload=b'{"n": 1}')
    record = json.loads(receive_one(sqs, failures)["Body"])
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 2
    assert record["requestContext"]["functionArn"].endswith(":function:fails")
    assert record["requestPayload"] == {"n": 1}
    assert record["responseContext"]["functionError"] == "Unhandled"
    assert record["responsePayload"]["errorMessage"] == "always fails"
    assert len(attempts.read_text().split()) == 2

    python_function(client, "works", ECHO)
    client.put_function_event_invoke_config(
        FunctionName="works",
        DestinationConfig={"OnSuccess": {
            "Destination": "arn:aws:sqs:us-east-1:000000000000:successes"}})
    client.invoke(FunctionName="works", InvocationType="Event", Payload=b'{"ok": true}')
    record = json.loads(receive_one(sqs, successes)["Body"])
    assert record["requestContext"]["condition"] == "Success"
    assert record["responsePayload"]["event"] == {"ok": True}
    assert record["responseContext"]["executedVersion"] == "$LATEST"
