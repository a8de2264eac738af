"""SQS queues through boto3 over the JSON protocol: create (idempotency, names, FIFO), URLs and
ARNs, listing and paging, attributes and their validation, tags, deletion."""

import json
import time

from sqs_helpers import (ACCOUNT, attributes_of, create_queue, error_of, json_call, queue_arn,
                         queue_url, sqs_client)

NON_EXISTENT = "AWS.SimpleQueueService.NonExistentQueue"


def test_create_queue_with_attributes_and_tags(emulator):
    sqs = sqs_client(emulator)
    out = sqs.create_queue(QueueName="orders",
                           Attributes={"VisibilityTimeout": "45", "DelaySeconds": "2",
                                       "MaximumMessageSize": "2048",
                                       "MessageRetentionPeriod": "3600",
                                       "ReceiveMessageWaitTimeSeconds": "3"},
                           tags={"env": "beta", "team": "core"})
    url = out["QueueUrl"]
    assert url == f"{emulator.url}/{ACCOUNT}/orders"
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200
    attrs = attributes_of(sqs, url)
    assert attrs["VisibilityTimeout"] == "45"
    assert attrs["DelaySeconds"] == "2"
    assert attrs["MaximumMessageSize"] == "2048"
    assert attrs["MessageRetentionPeriod"] == "3600"
    assert attrs["ReceiveMessageWaitTimeSeconds"] == "3"
    assert attrs["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:orders"
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"env": "beta", "team": "core"}


def test_create_queue_is_idempotent_only_with_the_same_attributes(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "idem", VisibilityTimeout=45)
    assert create_queue(sqs, "idem", VisibilityTimeout=45) == url
    code, message, status = error_of(sqs.create_queue, QueueName="idem",
                                     Attributes={"VisibilityTimeout": "60"})
    assert (code, status) == ("QueueAlreadyExists", 400)
    assert "VisibilityTimeout" in message or "already exists" in message
    # An attribute given explicitly with the value the queue already has (its default) matches.
    plain = create_queue(sqs, "plain")
    assert create_queue(sqs, "plain", VisibilityTimeout=30) == plain
    # The failed create changed nothing.
    assert attributes_of(sqs, url, "VisibilityTimeout") == {"VisibilityTimeout": "45"}

    status, headers, body = json_call(emulator, "CreateQueue",
                                      {"QueueName": "idem", "Attributes": {"VisibilityTimeout": "1"}})
    assert status == 400
    assert body["__type"] == "com.amazonaws.sqs#QueueNameExists"
    assert headers["x-amzn-query-error"] == "QueueAlreadyExists;Sender"


def test_get_queue_url(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "lookup-me")
    assert sqs.get_queue_url(QueueName="lookup-me")["QueueUrl"] == url
    code, _, status = error_of(sqs.get_queue_url, QueueName="nope")
    assert (code, status) == (NON_EXISTENT, 400)
    status, headers, body = json_call(emulator, "GetQueueUrl", {"QueueName": "nope"})
    assert status == 400 and body["__type"] == "com.amazonaws.sqs#QueueDoesNotExist"
    assert headers["x-amzn-query-error"] == f"{NON_EXISTENT};Sender"
    # Names are case-sensitive.
    assert error_of(sqs.get_queue_url, QueueName="LOOKUP-ME")[0] == NON_EXISTENT


def test_queues_are_scoped_by_account_and_region(emulator):
    sqs = sqs_client(emulator)
    create_queue(sqs, "scoped")
    eu = sqs_client(emulator, region="eu-west-1")
    assert eu.list_queues().get("QueueUrls", []) == []
    assert error_of(eu.get_queue_url, QueueName="scoped")[0] == NON_EXISTENT
    eu_url = create_queue(eu, "scoped")  # no clash
    assert attributes_of(eu, eu_url, "QueueArn")["QueueArn"] == queue_arn("scoped", region="eu-west-1")
    other = sqs_client(emulator, key="111122223333")
    other_url = create_queue(other, "scoped")
    assert other_url == queue_url(emulator, "scoped", account="111122223333")
    assert attributes_of(other, other_url, "QueueArn")["QueueArn"] == \
        "arn:aws:sqs:us-east-1:111122223333:scoped"
    assert sqs.list_queues()["QueueUrls"] == [queue_url(emulator, "scoped")]


def test_list_queues_prefix_and_pagination(emulator):
    sqs = sqs_client(emulator)
    assert sqs.list_queues().get("QueueUrls", []) == []
    names = [f"app-{i}" for i in range(5)] + ["other-1", "other-2"]
    for name in names:
        create_queue(sqs, name)
    everything = sqs.list_queues()
    assert sorted(everything["QueueUrls"]) == sorted(queue_url(emulator, n) for n in names)
    assert "NextToken" not in everything
    apps = sqs.list_queues(QueueNamePrefix="app-")["QueueUrls"]
    assert sorted(apps) == sorted(queue_url(emulator, f"app-{i}") for i in range(5))
    assert sqs.list_queues(QueueNamePrefix="zzz").get("QueueUrls", []) == []

    collected, token, pages = [], None, 0
    while True:
        kwargs = {"QueueNamePrefix": "app-", "MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        page = sqs.list_queues(**kwargs)
        pages += 1
        assert 1 <= len(page["QueueUrls"]) <= 2
        collected += page["QueueUrls"]
        token = page.get("NextToken")
        if not token:
            break
        assert pages < 10
    assert pages == 3
    assert sorted(collected) == sorted(apps) and len(set(collected)) == 5
    # The paginator walks the same pages.
    paged = [u for p in sqs.get_paginator("list_queues").paginate(
        PaginationConfig={"PageSize": 3}) for u in p.get("QueueUrls", [])]
    assert sorted(paged) == sorted(everything["QueueUrls"])


def test_delete_queue(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "doomed")
    sqs.send_message(QueueUrl=url, MessageBody="bye")
    assert sqs.delete_queue(QueueUrl=url)["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert error_of(sqs.get_queue_url, QueueName="doomed")[0] == NON_EXISTENT
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x")[0] == NON_EXISTENT
    assert error_of(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["All"])[0] == NON_EXISTENT
    assert error_of(sqs.delete_queue, QueueUrl=url)[0] == NON_EXISTENT
    assert sqs.list_queues().get("QueueUrls", []) == []


def test_get_queue_attributes_all_and_by_name(emulator):
    sqs = sqs_client(emulator)
    before = int(time.time())
    url = create_queue(sqs, "attrs")
    attrs = attributes_of(sqs, url)
    expected = {
        "QueueArn": "arn:aws:sqs:us-east-1:000000000000:attrs",
        "ApproximateNumberOfMessages": "0",
        "ApproximateNumberOfMessagesNotVisible": "0",
        "ApproximateNumberOfMessagesDelayed": "0",
        "VisibilityTimeout": "30",
        "MaximumMessageSize": "1048576",
        "MessageRetentionPeriod": "345600",
        "DelaySeconds": "0",
        "ReceiveMessageWaitTimeSeconds": "0",
    }
    assert {k: attrs.get(k) for k in expected} == expected
    created = int(attrs["CreatedTimestamp"])
    assert before - 1 <= created <= time.time() + 1
    assert int(attrs["LastModifiedTimestamp"]) >= created
    assert "FifoQueue" not in attrs and "RedrivePolicy" not in attrs

    # Counts by name: one visible... then in flight, one delayed.
    sqs.send_message(QueueUrl=url, MessageBody="now")
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=60)
    counts = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
              "ApproximateNumberOfMessagesDelayed"]
    assert attributes_of(sqs, url, *counts) == dict(zip(counts, ["1", "0", "1"]))
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]["Body"] == "now"
    assert attributes_of(sqs, url, *counts) == dict(zip(counts, ["0", "1", "1"]))
    assert attributes_of(sqs, url, "QueueArn") == {"QueueArn": queue_arn("attrs")}
    assert set(attributes_of(sqs, url, "VisibilityTimeout", "DelaySeconds")) == \
        {"VisibilityTimeout", "DelaySeconds"}


def test_set_queue_attributes(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "settable")
    created = attributes_of(sqs, url, "CreatedTimestamp", "LastModifiedTimestamp")
    time.sleep(1.1)  # timestamps are in seconds
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:SendMessage",
        "Resource": queue_arn("settable")}]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={
        "VisibilityTimeout": "60", "DelaySeconds": "5", "ReceiveMessageWaitTimeSeconds": "20",
        "MaximumMessageSize": "1024", "MessageRetentionPeriod": "60", "Policy": json.dumps(policy)})
    attrs = attributes_of(sqs, url)
    assert (attrs["VisibilityTimeout"], attrs["DelaySeconds"], attrs["ReceiveMessageWaitTimeSeconds"],
            attrs["MaximumMessageSize"], attrs["MessageRetentionPeriod"]) == ("60", "5", "20", "1024", "60")
    assert json.loads(attrs["Policy"]) == policy
    assert attrs["CreatedTimestamp"] == created["CreatedTimestamp"]
    assert int(attrs["LastModifiedTimestamp"]) > int(created["LastModifiedTimestamp"])
    # Unknown queue.
    assert error_of(sqs.set_queue_attributes, QueueUrl=url + "-gone",
                    Attributes={"DelaySeconds": "1"})[0] == NON_EXISTENT


def test_invalid_attribute_names(emulator):
    sqs = sqs_client(emulator)
    code, _, status = error_of(sqs.create_queue, QueueName="bad-attr", Attributes={"Bogus": "1"})
    assert (code, status) == ("InvalidAttributeName", 400)
    assert error_of(sqs.get_queue_url, QueueName="bad-attr")[0] == NON_EXISTENT
    url = create_queue(sqs, "good")
    assert error_of(sqs.get_queue_attributes, QueueUrl=url,
                    AttributeNames=["Bogus"])[0] == "InvalidAttributeName"
    assert error_of(sqs.set_queue_attributes, QueueUrl=url,
                    Attributes={"Bogus": "1"})[0] == "InvalidAttributeName"
    # Read-only attributes cannot be set.
    for name, value in [("QueueArn", "arn:aws:sqs:us-east-1:000000000000:x"),
                        ("ApproximateNumberOfMessages", "5"), ("CreatedTimestamp", "1")]:
        assert error_of(sqs.set_queue_attributes, QueueUrl=url,
                        Attributes={name: value})[0] == "InvalidAttributeName", name


def test_invalid_attribute_values(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "validated")
    bad = [("VisibilityTimeout", "43201"), ("VisibilityTimeout", "-1"), ("VisibilityTimeout", "abc"),
           ("DelaySeconds", "901"), ("MaximumMessageSize", "1023"),
           ("MaximumMessageSize", "1048577"), ("MessageRetentionPeriod", "59"),
           ("MessageRetentionPeriod", "1209601"), ("ReceiveMessageWaitTimeSeconds", "21"),
           ("Policy", "{not json")]
    for name, value in bad:
        code, _, status = error_of(sqs.set_queue_attributes, QueueUrl=url, Attributes={name: value})
        assert (code, status) == ("InvalidAttributeValue", 400), (name, value)
        code, _, status = error_of(sqs.create_queue, QueueName="never", Attributes={name: value})
        assert (code, status) == ("InvalidAttributeValue", 400), (name, value)
    assert attributes_of(sqs, url, "VisibilityTimeout", "DelaySeconds") == \
        {"VisibilityTimeout": "30", "DelaySeconds": "0"}
    assert sqs.list_queues()["QueueUrls"] == [url]
    # The limits themselves are accepted.
    sqs.set_queue_attributes(QueueUrl=url, Attributes={
        "VisibilityTimeout": "43200", "DelaySeconds": "900", "MaximumMessageSize": "1048576",
        "MessageRetentionPeriod": "1209600", "ReceiveMessageWaitTimeSeconds": "20"})


def test_tags(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "tagged")
    assert sqs.list_queue_tags(QueueUrl=url).get("Tags", {}) == {}
    sqs.tag_queue(QueueUrl=url, Tags={"a": "1", "b": "2"})
    sqs.tag_queue(QueueUrl=url, Tags={"b": "20", "c": ""})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"a": "1", "b": "20", "c": ""}
    sqs.untag_queue(QueueUrl=url, TagKeys=["a", "c", "not-there"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"b": "20"}
    gone = queue_url(emulator, "untagged-nothing")
    assert error_of(sqs.tag_queue, QueueUrl=gone, Tags={"a": "1"})[0] == NON_EXISTENT
    assert error_of(sqs.list_queue_tags, QueueUrl=gone)[0] == NON_EXISTENT
    assert error_of(sqs.untag_queue, QueueUrl=gone, TagKeys=["a"])[0] == NON_EXISTENT


def test_fifo_queue_names(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "jobs.fifo", FifoQueue="true")
    assert url == queue_url(emulator, "jobs.fifo")
    attrs = attributes_of(sqs, url)
    assert attrs["QueueArn"] == queue_arn("jobs.fifo")
    assert attrs["FifoQueue"] == "true"
    assert attrs["ContentBasedDeduplication"] == "false"
    assert attrs["DeduplicationScope"] == "queue"
    assert attrs["FifoThroughputLimit"] == "perQueue"
    assert sqs.get_queue_url(QueueName="jobs.fifo")["QueueUrl"] == url
    # FifoQueue=true needs the .fifo suffix, and the suffix needs FifoQueue=true.
    for name, attributes in [("jobs", {"FifoQueue": "true"}), ("plain.fifo", {})]:
        code, _, status = error_of(sqs.create_queue, QueueName=name, Attributes=attributes)
        assert (code, status) == ("InvalidParameterValue", 400), name
    # 80 characters including the suffix is the limit.
    create_queue(sqs, "f" * 75 + ".fifo", FifoQueue="true")
    assert error_of(sqs.create_queue, QueueName="f" * 76 + ".fifo",
                    Attributes={"FifoQueue": "true"})[0] == "InvalidParameterValue"


def test_invalid_queue_names(emulator):
    sqs = sqs_client(emulator)
    for name in ["has space", "bang!", "dot.name", "slash/name", "x" * 81, "ünïcode"]:
        code, _, status = error_of(sqs.create_queue, QueueName=name)
        assert (code, status) == ("InvalidParameterValue", 400), name
    assert sqs.list_queues().get("QueueUrls", []) == []
    for name in ["a", "A-z_0-9", "x" * 80]:
        assert create_queue(sqs, name) == queue_url(emulator, name)
