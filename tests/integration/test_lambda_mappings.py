"""Event source mappings: SQS -> Lambda (batches, delete on success, retries then the queue's
dead-letter queue, ReportBatchItemFailures, disabling) and DynamoDB Streams -> Lambda (stream
events in order, retries of a failing batch, OnFailure destination)."""

import json
import time

from lambda_helpers import error_of, lambda_fixture, python_function  # noqa: F401

RECORDER = """
import json
import os

def handler(event, context):
    with open(os.environ["OUT"], "a") as f:
        f.write(json.dumps(event) + "\\n")
    fail = os.environ.get("FAIL", "")
    bodies = [r.get("body") for r in event["Records"]]
    if fail == "all":
        raise RuntimeError("batch failed")
    if fail == "items":
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]}
                                      for r in event["Records"] if r["body"].startswith("bad")]}
    return {"ok": len(bodies)}
"""


def events_in(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def wait_for(predicate, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def queue(sqs, name, **attributes):
    url = sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attributes.items()})[
        "QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"]
    return url, arn


def count(sqs, url):
    attrs = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                      "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(
        attrs["ApproximateNumberOfMessagesNotVisible"])


def test_sqs_mapping_processes_and_deletes(lam, tmp_path):
    emulator, client = lam
    sqs = emulator.client("sqs")
    url, arn = queue(sqs, "work")
    out = tmp_path / "events.jsonl"
    python_function(client, "consumer", RECORDER, Environment={"Variables": {"OUT": str(out)}})
    mapping = client.create_event_source_mapping(EventSourceArn=arn, FunctionName="consumer",
                                                 BatchSize=5)
    assert mapping["State"] == "Creating" and mapping["BatchSize"] == 5
    assert mapping["ResponseMetadata"]["HTTPStatusCode"] == 202
    got = client.get_event_source_mapping(UUID=mapping["UUID"])
    assert got["State"] == "Enabled" and got["EventSourceArn"] == arn
    assert got["FunctionArn"].endswith(":function:consumer")

    sqs.send_message(QueueUrl=url, MessageBody="hello", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "greeting"}})
    for i in range(6):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    wait_for(lambda: sum(len(e["Records"]) for e in events_in(out)) >= 7)
    records = [r for e in events_in(out) for r in e["Records"]]
    assert all(len(e["Records"]) <= 5 for e in events_in(out))
    first = next(r for r in records if r["body"] == "hello")
    assert first["eventSource"] == "aws:sqs" and first["eventSourceARN"] == arn
    assert first["awsRegion"] == "us-east-1" and first["md5OfBody"]
    assert first["messageAttributes"]["kind"]["stringValue"] == "greeting"
    assert first["messageAttributes"]["kind"]["dataType"] == "String"
    assert first["attributes"]["ApproximateReceiveCount"] == "1"
    wait_for(lambda: count(sqs, url) == 0)

    listed = client.list_event_source_mappings(FunctionName="consumer")["EventSourceMappings"]
    assert [m["UUID"] for m in listed] == [mapping["UUID"]]
    assert client.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"]

    # Disabled: messages stay on the queue.
    updated = client.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
    assert updated["State"] == "Updating"
    assert client.get_event_source_mapping(UUID=mapping["UUID"])["State"] == "Disabled"
    time.sleep(1.5)
    seen = len(events_in(out))
    sqs.send_message(QueueUrl=url, MessageBody="while disabled")
    time.sleep(2)
    assert len(events_in(out)) == seen and count(sqs, url) == 1
    client.update_event_source_mapping(UUID=mapping["UUID"], Enabled=True)
    wait_for(lambda: count(sqs, url) == 0)

    deleted = client.delete_event_source_mapping(UUID=mapping["UUID"])
    assert deleted["State"] == "Deleting"
    code, _, status = error_of(client.get_event_source_mapping, UUID=mapping["UUID"])
    assert (code, status) == ("ResourceNotFoundException", 404)


def test_sqs_mapping_failures_go_to_the_dead_letter_queue(lam, tmp_path):
    emulator, client = lam
    sqs = emulator.client("sqs")
    dlq_url, dlq_arn = queue(sqs, "work-dlq")
    url, arn = queue(sqs, "failing", VisibilityTimeout=1,
                     RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn,
                                               "maxReceiveCount": 2}))
    out = tmp_path / "events.jsonl"
    python_function(client, "failer", RECORDER,
                    Environment={"Variables": {"OUT": str(out), "FAIL": "all"}})
    client.create_event_source_mapping(EventSourceArn=arn, FunctionName="failer", BatchSize=1)
    sqs.send_message(QueueUrl=url, MessageBody="poison")
    wait_for(lambda: count(sqs, dlq_url) == 1, timeout=20)
    assert count(sqs, url) == 0
    attempts = [r["attributes"]["ApproximateReceiveCount"] for e in events_in(out)
                for r in e["Records"]]
    assert attempts[:2] == ["1", "2"]


def test_sqs_mapping_report_batch_item_failures(lam, tmp_path):
    emulator, client = lam
    sqs = emulator.client("sqs")
    url, arn = queue(sqs, "partial", VisibilityTimeout=30)
    out = tmp_path / "events.jsonl"
    python_function(client, "partial-fn", RECORDER,
                    Environment={"Variables": {"OUT": str(out), "FAIL": "items"}})
    sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "1", "MessageBody": "good one"}, {"Id": "2", "MessageBody": "bad one"},
        {"Id": "3", "MessageBody": "good two"}])
    client.create_event_source_mapping(EventSourceArn=arn, FunctionName="partial-fn",
                                       BatchSize=10, MaximumBatchingWindowInSeconds=1,
                                       FunctionResponseTypes=["ReportBatchItemFailures"])
    wait_for(lambda: events_in(out))
    wait_for(lambda: count(sqs, url) == 1)
    left = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    assert left["ApproximateNumberOfMessagesNotVisible"] == "1"  # the bad one, in flight


def stream_table(ddb, name):
    table = ddb.create_table(
        TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    return table["TableDescription"]["LatestStreamArn"]


def test_dynamodb_stream_mapping(lam, tmp_path):
    emulator, client = lam
    ddb = emulator.client("dynamodb")
    stream_arn = stream_table(ddb, "books")
    ddb.put_item(TableName="books", Item={"id": {"S": "before"}})
    out = tmp_path / "events.jsonl"
    python_function(client, "audit", RECORDER, Environment={"Variables": {"OUT": str(out)}})
    mapping = client.create_event_source_mapping(EventSourceArn=stream_arn, FunctionName="audit",
                                                 StartingPosition="TRIM_HORIZON", BatchSize=10)
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    ddb.put_item(TableName="books", Item={"id": {"S": "b1"}, "title": {"S": "Dune"}})
    ddb.update_item(TableName="books", Key={"id": {"S": "b1"}},
                    UpdateExpression="SET title = :t", ExpressionAttributeValues={
                        ":t": {"S": "Dune Messiah"}})
    ddb.delete_item(TableName="books", Key={"id": {"S": "b1"}})
    records = wait_for(lambda: [r for e in events_in(out) for r in e["Records"]]
                       if sum(len(e["Records"]) for e in events_in(out)) >= 4 else None)
    assert [r["eventName"] for r in records] == ["INSERT", "INSERT", "MODIFY", "REMOVE"]
    assert records[0]["dynamodb"]["Keys"] == {"id": {"S": "before"}}
    modify = records[2]
    assert modify["eventSource"] == "aws:dynamodb" and modify["eventSourceARN"] == stream_arn
    assert modify["dynamodb"]["OldImage"]["title"] == {"S": "Dune"}
    assert modify["dynamodb"]["NewImage"]["title"] == {"S": "Dune Messiah"}
    assert records[0]["awsRegion"] == "us-east-1"


def test_dynamodb_stream_failures_retry_in_order_then_on_failure(lam, tmp_path):
    emulator, client = lam
    ddb = emulator.client("dynamodb")
    sqs = emulator.client("sqs")
    failures_url, failures_arn = queue(sqs, "stream-failures")
    stream_arn = stream_table(ddb, "orders")
    out = tmp_path / "events.jsonl"
    python_function(client, "stream-failer", RECORDER,
                    Environment={"Variables": {"OUT": str(out), "FAIL": "all"}})
    client.create_event_source_mapping(
        EventSourceArn=stream_arn, FunctionName="stream-failer", StartingPosition="LATEST",
        MaximumRetryAttempts=2, DestinationConfig={"OnFailure": {"Destination": failures_arn}})
    time.sleep(0.5)
    ddb.put_item(TableName="orders", Item={"id": {"S": "o1"}})
    message = wait_for(lambda: sqs.receive_message(QueueUrl=failures_url).get("Messages"))
    info = json.loads(message[0]["Body"])
    assert info["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert info["DDBStreamBatchInfo"]["streamArn"] == stream_arn
    assert info["DDBStreamBatchInfo"]["batchSize"] == 1
    batches = events_in(out)
    assert len(batches) == 3  # the first try and two retries, the same batch each time
    assert all(b == batches[0] for b in batches)
    # The stream goes on after the failed batch.
    ddb.put_item(TableName="orders", Item={"id": {"S": "o2"}})
    wait_for(lambda: any(r["dynamodb"]["Keys"]["id"]["S"] == "o2"
                         for e in events_in(out) for r in e["Records"]))
