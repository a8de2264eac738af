"""SQS through the aws CLI: a queue's life from create-queue to delete-queue, and its errors."""

import json

from sqs_helpers import ACCOUNT, md5_hex, md5_of_attributes, queue_url


def test_cli_queue_and_message_lifecycle(emulator):
    out = json.loads(emulator.aws("sqs", "create-queue", "--queue-name", "cli-queue",
                                  "--attributes", "VisibilityTimeout=40,DelaySeconds=0").stdout)
    url = out["QueueUrl"]
    assert url == queue_url(emulator, "cli-queue")
    assert json.loads(emulator.aws("sqs", "get-queue-url", "--queue-name", "cli-queue").stdout) == \
        {"QueueUrl": url}

    attrs = {"color": {"DataType": "String", "StringValue": "blue"},
             "size": {"DataType": "Number", "StringValue": "3"}}
    body = "hello from the cli ✓"
    sent = json.loads(emulator.aws("sqs", "send-message", "--queue-url", url, "--message-body", body,
                                   "--message-attributes", json.dumps(attrs)).stdout)
    assert sent["MD5OfMessageBody"] == md5_hex(body)
    assert sent["MD5OfMessageAttributes"] == md5_of_attributes(attrs)

    got = json.loads(emulator.aws("sqs", "receive-message", "--queue-url", url,
                                  "--attribute-names", "All", "--message-attribute-names", "All",
                                  "--wait-time-seconds", "1").stdout)
    [m] = got["Messages"]
    assert m["MessageId"] == sent["MessageId"]
    assert m["Body"] == body and m["MD5OfBody"] == md5_hex(body)
    assert m["MessageAttributes"] == attrs
    assert m["MD5OfMessageAttributes"] == md5_of_attributes(attrs)
    assert m["Attributes"]["ApproximateReceiveCount"] == "1"

    queue_attrs = json.loads(emulator.aws("sqs", "get-queue-attributes", "--queue-url", url,
                                          "--attribute-names", "All").stdout)["Attributes"]
    assert queue_attrs["VisibilityTimeout"] == "40"
    assert queue_attrs["ApproximateNumberOfMessagesNotVisible"] == "1"
    assert queue_attrs["QueueArn"] == f"arn:aws:sqs:us-east-1:{ACCOUNT}:cli-queue"

    emulator.aws("sqs", "delete-message", "--queue-url", url, "--receipt-handle", m["ReceiptHandle"])
    queue_attrs = json.loads(emulator.aws("sqs", "get-queue-attributes", "--queue-url", url,
                                          "--attribute-names", "ApproximateNumberOfMessages",
                                          "ApproximateNumberOfMessagesNotVisible").stdout)["Attributes"]
    assert queue_attrs == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}

    emulator.aws("sqs", "create-queue", "--queue-name", "cli-other")
    listed = json.loads(emulator.aws("sqs", "list-queues").stdout)["QueueUrls"]
    assert sorted(listed) == sorted([url, queue_url(emulator, "cli-other")])
    listed = json.loads(emulator.aws("sqs", "list-queues", "--queue-name-prefix", "cli-o").stdout)
    assert listed["QueueUrls"] == [queue_url(emulator, "cli-other")]

    emulator.aws("sqs", "delete-queue", "--queue-url", url)
    listed = json.loads(emulator.aws("sqs", "list-queues").stdout)["QueueUrls"]
    assert listed == [queue_url(emulator, "cli-other")]
    # The root user's messages carry the account id as their sender.
    assert m["Attributes"]["SenderId"] == ACCOUNT


def test_cli_errors(emulator):
    failed = emulator.aws("sqs", "get-queue-url", "--queue-name", "no-such-queue", check=False)
    assert failed.returncode not in (0, None)
    assert "NonExistentQueue" in failed.stderr or "QueueDoesNotExist" in failed.stderr
    assert "GetQueueUrl" in failed.stderr
    failed = emulator.aws("sqs", "send-message", "--queue-url", queue_url(emulator, "gone"),
                          "--message-body", "x", check=False)
    assert failed.returncode != 0
    assert "NonExistentQueue" in failed.stderr or "QueueDoesNotExist" in failed.stderr
    emulator.aws("sqs", "create-queue", "--queue-name", "cli-dup", "--attributes", "DelaySeconds=1")
    failed = emulator.aws("sqs", "create-queue", "--queue-name", "cli-dup",
                          "--attributes", "DelaySeconds=2", check=False)
    assert failed.returncode != 0 and "QueueAlreadyExists" in failed.stderr
