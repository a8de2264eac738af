"""Lambda invokes that run real handlers: Python, Node.js (ES module and CommonJS) and a
`provided` runtime whose bootstrap is a shell script with curl; the context object, errors as
AWS reports them (unhandled exception, init error, crash, timeout), logs (LogType=Tail and
CloudWatch Logs), DryRun, payload limits, warm reuse and concurrent invokes."""

import json
import os
import shutil
import threading
import time

import pytest

from conftest import REPO
from lambda_helpers import (ACCOUNT, ECHO, create_function, error_of, invoke, lambda_fixture,  # noqa: F401
                            log_tail, node_function, python_function)

ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function"

CONTEXT = """
import os

def handler(event, context):
    return {
        "request_id": context.aws_request_id,
        "function_name": context.function_name,
        "version": context.function_version,
        "arn": context.invoked_function_arn,
        "memory": str(context.memory_limit_in_mb),
        "remaining": context.get_remaining_time_in_millis(),
        "group": context.log_group_name,
        "stream": context.log_stream_name,
        "env": {k: os.environ.get(k) for k in [
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "_HANDLER",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "LAMBDA_TASK_ROOT",
            "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "TABLE"]},
        "cwd": os.getcwd(),
    }
"""


def test_python_handler_round_trip_and_context(lam):
    emulator, client = lam
    python_function(client, "ctx", CONTEXT, MemorySize=256, Timeout=7,
                    Environment={"Variables": {"TABLE": "books"}})
    res, body = invoke(client, "ctx", {"hello": "world"})
    assert res["StatusCode"] == 200 and res["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in res
    assert body["function_name"] == "ctx" and body["version"] == "$LATEST"
    assert body["arn"] == f"{ARN}:ctx"
    assert body["memory"] == "256"
    assert 0 < body["remaining"] <= 7000
    assert body["group"] == "/aws/lambda/ctx" and "[$LATEST]" in body["stream"]
    env = body["env"]
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == "ctx" and env["_HANDLER"] == "app.handler"
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256" and env["TABLE"] == "books"
    assert env["AWS_ENDPOINT_URL"] == f"http://127.0.0.1:{emulator.port}"
    assert env["LAMBDA_TASK_ROOT"] == body["cwd"]
    _, again = invoke(client, f"{ARN}:ctx")
    assert again["request_id"] != body["request_id"]


def test_warm_instances_keep_state(lam):
    _, client = lam
    python_function(client, "warm", ECHO)
    counters = [invoke(client, "warm", {"n": i})[1]["counter"] for i in range(3)]
    assert counters == [1, 2, 3]
    # A configuration change retires the warm instance: state starts over.
    client.update_function_configuration(FunctionName="warm", MemorySize=512)
    assert invoke(client, "warm")[1]["counter"] == 1


NODE_ESM = """
export const handler = async (event, context) => {
  console.log("node says", JSON.stringify(event));
  return { got: event, id: context.awsRequestId, fn: context.functionName,
           remaining: context.getRemainingTimeInMillis(), memory: context.memoryLimitInMB };
};
"""
NODE_CJS = """
exports.handler = function (event, context, callback) {
  callback(null, { cjs: true, got: event });
};
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed by scripts/setup")
def test_node_handlers(lam):
    _, client = lam
    node_function(client, "node-esm", NODE_ESM)
    res, body = invoke(client, "node-esm", {"x": 1}, LogType="Tail")
    assert body["got"] == {"x": 1} and body["fn"] == "node-esm" and body["memory"] == "128"
    assert body["remaining"] > 0
    assert 'node says {"x":1}' in log_tail(res)
    node_function(client, "node-cjs", NODE_CJS, filename="index.js")
    assert invoke(client, "node-cjs", [1, 2])[1] == {"cjs": True, "got": [1, 2]}
    node_function(client, "node-throws",
                  "export const handler = async () => { throw new TypeError('bad input'); };")
    res, body = invoke(client, "node-throws")
    assert res["FunctionError"] == "Unhandled"
    assert body["errorType"] == "TypeError" and body["errorMessage"] == "bad input"


BOOTSTRAP = """#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -LD "$HEADERS" "$API/invocation/next")"
  ID="$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
  echo "shell got $EVENT"
  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"shell\\": $EVENT}" > /dev/null
  rm -f "$HEADERS"
done
"""


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is needed by the shell runtime")
def test_provided_runtime_with_a_shell_bootstrap(lam):
    _, client = lam
    create_function(client, "shell", {"bootstrap": (BOOTSTRAP, 0o755)}, runtime="provided.al2023",
                    handler="unused")
    res, body = invoke(client, "shell", {"a": [1, 2]}, LogType="Tail")
    assert body == {"shell": {"a": [1, 2]}}
    assert 'shell got {"a": [1, 2]}' in log_tail(res)
    assert invoke(client, "shell", {"b": 2})[1] == {"shell": {"b": 2}}


def test_unhandled_exception(lam):
    _, client = lam
    python_function(client, "boom", "def handler(event, context):\n    raise ValueError('no way')\n")
    res, body = invoke(client, "boom", LogType="Tail")
    assert res["StatusCode"] == 200 and res["FunctionError"] == "Unhandled"
    assert body["errorType"] == "ValueError" and body["errorMessage"] == "no way"
    assert any("raise ValueError" in line for line in body["stackTrace"])
    tail = log_tail(res)
    assert "START RequestId:" in tail and "END RequestId:" in tail and "REPORT RequestId:" in tail
    # The instance survives a handled error.
    assert invoke(client, "boom")[0]["FunctionError"] == "Unhandled"


def test_init_errors(lam):
    _, client = lam
    python_function(client, "nomod", ECHO, handler="missing.handler")
    res, body = invoke(client, "nomod")
    assert res["FunctionError"] == "Unhandled"
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"] == "Unable to import module 'missing': No module named 'missing'"
    python_function(client, "nofn", ECHO, handler="app.nothere")
    _, body = invoke(client, "nofn")
    assert body["errorType"] == "Runtime.HandlerNotFound"
    python_function(client, "syntax", "def handler(:\n")
    _, body = invoke(client, "syntax")
    assert body["errorType"] == "Runtime.UserCodeSyntaxError"


def test_crash_and_timeout_get_fresh_instances(lam):
    _, client = lam
    python_function(client, "crash", "import os\ndef handler(e, c):\n    os._exit(3)\n")
    res, body = invoke(client, "crash")
    assert res["FunctionError"] == "Unhandled"
    assert body["errorType"] == "Runtime.ExitError"
    assert body["errorMessage"].endswith("Runtime exited with error: exit status 3")

    python_function(client, "slow", """
import time
calls = 0
def handler(event, context):
    global calls
    calls += 1
    if event.get("sleep"):
        time.sleep(event["sleep"])
    return calls
""", Timeout=1)
    started = time.monotonic()
    res, body = invoke(client, "slow", {"sleep": 5}, LogType="Tail")
    assert time.monotonic() - started < 4
    assert res["FunctionError"] == "Unhandled"
    assert body["errorMessage"].endswith("Task timed out after 1.00 seconds")
    assert "Task timed out after 1.00 seconds" in log_tail(res)
    # The timed-out instance was killed: the next invoke starts fresh.
    assert invoke(client, "slow", {})[1] == 1


def test_dry_run_event_and_payload_errors(lam):
    _, client = lam
    python_function(client, "dry", ECHO)
    res = client.invoke(FunctionName="dry", InvocationType="DryRun")
    assert res["StatusCode"] == 204
    res = client.invoke(FunctionName="dry", InvocationType="Event", Payload=b'{"async": true}')
    assert res["StatusCode"] == 202 and res["Payload"].read() == b""
    code, message, status = error_of(client.invoke, FunctionName="dry", Payload=b"{not json")
    assert (code, status) == ("InvalidRequestContentException", 400)
    code, _, status = error_of(client.invoke, FunctionName="dry",
                               Payload=b'"' + b"x" * (6 * 1024 * 1024) + b'"')
    assert (code, status) == ("RequestTooLargeException", 413)
    code, _, status = error_of(client.invoke, FunctionName="missing")
    assert (code, status) == ("ResourceNotFoundException", 404)


def test_logs_reach_cloudwatch_logs(lam):
    emulator, client = lam
    python_function(client, "logged", ECHO)
    invoke(client, "logged", {"find": "me"})
    logs = emulator.client("logs")
    deadline = time.monotonic() + 5
    messages = []
    while time.monotonic() < deadline:
        streams = logs.describe_log_streams(logGroupName="/aws/lambda/logged")["logStreams"]
        if streams:
            events = logs.get_log_events(logGroupName="/aws/lambda/logged",
                                         logStreamName=streams[0]["logStreamName"],
                                         startFromHead=True)["events"]
            messages = [e["message"] for e in events]
            if any(m.startswith("REPORT") for m in messages):
                break
        time.sleep(0.05)
    assert any(m.startswith("START RequestId:") for m in messages)
    assert any("echo {'find': 'me'}" in m for m in messages)
    assert any(m.startswith("REPORT RequestId:") and "Init Duration" in m for m in messages)
    found = logs.filter_log_events(logGroupName="/aws/lambda/logged", filterPattern="echo")
    assert len(found["events"]) == 1

    # Deleted under a warm instance, the group comes back with the next invoke's lines.
    logs.delete_log_group(logGroupName="/aws/lambda/logged")
    invoke(client, "logged", {"find": "again"})
    deadline = time.monotonic() + 5
    found = {"events": []}
    while time.monotonic() < deadline and not found["events"]:
        if logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/logged")["logGroups"]:
            found = logs.filter_log_events(logGroupName="/aws/lambda/logged", filterPattern="again")
        time.sleep(0.05)
    assert len(found["events"]) == 1


def test_concurrent_invokes_run_in_parallel_and_reserved_concurrency(lam):
    _, client = lam
    python_function(client, "parallel", "import time\ndef handler(e, c):\n    time.sleep(1)\n"
                    "    return 'done'\n", Timeout=10)
    results = []

    def call():
        results.append(invoke(client, "parallel")[1])

    threads = [threading.Thread(target=call) for _ in range(4)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    elapsed = time.monotonic() - started
    assert results == ["done"] * 4
    assert elapsed < 3.5, f"4 one-second invokes took {elapsed:.1f} s: not parallel"

    client.put_function_concurrency(FunctionName="parallel", ReservedConcurrentExecutions=1)
    errors = []

    def limited():
        try:
            invoke(client, "parallel")
        except client.exceptions.TooManyRequestsException as e:
            errors.append(e.response["Reason"] if "Reason" in e.response else "throttled")

    threads = [threading.Thread(target=limited) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 2


CALLBACK = """
import json
import boto3

def handler(event, context):
    ddb = boto3.client("dynamodb")
    ddb.put_item(TableName="items", Item={"id": {"S": event["id"]}})
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="events")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(event))
    nested = boto3.client("lambda").invoke(FunctionName="echo", Payload=b'{"nested": true}')
    return {"stored": event["id"], "nested": json.loads(nested["Payload"].read())["event"]}
"""


def test_a_handler_calls_back_into_the_emulator(lam):
    emulator, client = lam
    ddb = emulator.client("dynamodb")
    ddb.create_table(TableName="items", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName="events")["QueueUrl"]
    python_function(client, "echo", ECHO)
    python_function(client, "writer", CALLBACK, Timeout=20)
    res, body = invoke(client, "writer", {"id": "b-1"})
    assert "FunctionError" not in res, body
    assert body == {"stored": "b-1", "nested": {"nested": True}}
    assert ddb.get_item(TableName="items", Key={"id": {"S": "b-1"}})["Item"]["id"]["S"] == "b-1"
    messages = sqs.receive_message(QueueUrl=url)["Messages"]
    assert json.loads(messages[0]["Body"]) == {"id": "b-1"}


def test_missing_interpreter_is_a_clear_error(start_emulator):
    emulator = start_emulator("--option", "lambda.runtime.python=/nonexistent/python9")
    client = emulator.client("lambda")
    python_function(client, "nopython", ECHO)
    code, message, status = error_of(client.invoke, FunctionName="nopython")
    assert (code, status) == ("InvalidRuntimeException", 502)
    assert "/nonexistent/python9" in message
    code, _, _ = error_of(client.invoke, FunctionName=create_function(
        client, "java", {"A.class": "x"}, runtime="java21", handler="A::h")["FunctionName"])
    assert code == "InvalidRuntimeException"


NODE_SDK = """
import { createRequire } from "node:module";
const require = createRequire(process.env.SDK_DIR + "/package.json");
const { DynamoDBClient, PutItemCommand } = require("@aws-sdk/client-dynamodb");
const { SQSClient, GetQueueUrlCommand, SendMessageCommand } = require("@aws-sdk/client-sqs");

// Unmodified clients: endpoint, region and credentials all come from the function's environment.
const ddb = new DynamoDBClient({});
const sqs = new SQSClient({});

export const handler = async (event) => {
  await ddb.send(new PutItemCommand({ TableName: "items", Item: { id: { S: event.id } } }));
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "events" }));
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: event.id }));
  return { stored: event.id, messageId: sent.MessageId };
};
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed by scripts/setup")
def test_a_node_handler_uses_the_js_sdk_against_the_emulator(lam):
    emulator, client = lam
    sdk_dir = os.path.join(REPO, "tests", "js")
    assert os.path.isdir(os.path.join(sdk_dir, "node_modules", "@aws-sdk")), "run scripts/setup"
    ddb = emulator.client("dynamodb")
    ddb.create_table(TableName="items", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    sqs = emulator.client("sqs")
    url = sqs.create_queue(QueueName="events")["QueueUrl"]
    node_function(client, "js-writer", NODE_SDK, Timeout=30,
                  Environment={"Variables": {"SDK_DIR": sdk_dir}})
    res, body = invoke(client, "js-writer", {"id": "js-1"})
    assert "FunctionError" not in res, body
    assert body["stored"] == "js-1" and body["messageId"]
    assert ddb.get_item(TableName="items", Key={"id": {"S": "js-1"}})["Item"]["id"]["S"] == "js-1"
    assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "js-1"


def test_a_chatty_handler_logs_every_line(lam):
    emulator, client = lam
    python_function(client, "chatty", "def handler(e, c):\n    for i in range(25000):\n"
                    "        print(f'line {i}')\n    return 'done'\n", Timeout=60)
    res, body = invoke(client, "chatty", LogType="Tail")
    assert body == "done"
    tail = log_tail(res)
    assert "line 24999" in tail and tail.rstrip().splitlines()[-1].startswith("REPORT")
    assert len(res["LogResult"]) <= 4096 * 4 // 3 + 4
    logs = emulator.client("logs")

    def lines():
        pages = logs.get_paginator("filter_log_events").paginate(
            logGroupName="/aws/lambda/chatty", filterPattern='"line"')
        return sum(len(p["events"]) for p in pages)

    deadline = time.monotonic() + 20
    while lines() < 25000 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lines() == 25000


def test_init_does_not_count_against_the_timeout(lam):
    _, client = lam
    python_function(client, "slow-init", """
import time
time.sleep(1.5)  # a slow import, longer than the function's timeout
def handler(event, context):
    return context.get_remaining_time_in_millis()
""", Timeout=1)
    res, remaining = invoke(client, "slow-init", LogType="Tail")
    assert "FunctionError" not in res, log_tail(res)
    assert 500 < remaining <= 1000
    report = [line for line in log_tail(res).splitlines() if line.startswith("REPORT")][0]
    init = float(report.split("Init Duration: ")[1].split(" ms")[0])
    duration = float(report.split("Duration: ")[1].split(" ms")[0])
    assert init >= 1500 and duration < 1000
    assert "FunctionError" not in invoke(client, "slow-init")[0]
