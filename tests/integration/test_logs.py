"""CloudWatch Logs through boto3 and the aws CLI: log groups, retention, streams, tags, the errors
AWS answers for each, persistence across a restart."""

import json

from logs_helpers import (ACCOUNT, REGION, all_pages, code_of, error_of, logs_client,
                          make_stream, messages, now_ms, put)

INVALID = ("InvalidParameterException", 400)
NOT_FOUND = ("ResourceNotFoundException", 400)


def test_create_and_describe_log_group(emulator):
    logs = logs_client(emulator)
    before = now_ms()
    logs.create_log_group(logGroupName="/aws/lambda/fn", tags={"team": "core"})
    [group] = logs.describe_log_groups()["logGroups"]
    assert group["logGroupName"] == "/aws/lambda/fn"
    assert group["arn"] == f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/fn:*"
    # logGroupArn (no ":*") is newer than Debian's botocore model: read it from the wire.
    status, _, body = emulator.http("POST", "/", b"{}", {
        "X-Amz-Target": "Logs_20140328.DescribeLogGroups",
        "Content-Type": "application/x-amz-json-1.1"})
    assert status == 200
    assert json.loads(body)["logGroups"][0]["logGroupArn"] == \
        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/fn"
    assert before <= group["creationTime"] <= now_ms()
    assert (group["metricFilterCount"], group["storedBytes"]) == (0, 0)
    assert "retentionInDays" not in group
    assert logs.list_tags_log_group(logGroupName="/aws/lambda/fn")["tags"] == {"team": "core"}

    assert error_of(logs.create_log_group, logGroupName="/aws/lambda/fn") == \
        ("ResourceAlreadyExistsException", "The specified log group already exists", 400)


def test_log_group_names_are_checked(emulator):
    logs = logs_client(emulator, validate=False)
    for bad in ["has:colon", "has space", "star*", "x" * 513, ""]:
        assert code_of(logs.create_log_group, logGroupName=bad) == INVALID, bad
    assert code_of(logs.create_log_group) == INVALID
    logs.create_log_group(logGroupName="ok.-_/#Az09" + "x" * 501)
    assert len(logs.describe_log_groups()["logGroups"]) == 1


def test_describe_log_groups_pages_and_prefixes(emulator):
    logs = logs_client(emulator)
    names = [f"/app/{i}" for i in range(5)] + ["/other"]
    for name in names:
        logs.create_log_group(logGroupName=name)
    seen = all_pages(logs.describe_log_groups, "logGroups", logGroupNamePrefix="/app/", limit=2)
    assert [g["logGroupName"] for g in seen] == names[:5]
    paginated = logs.get_paginator("describe_log_groups").paginate(PaginationConfig={"PageSize": 4})
    assert [g["logGroupName"] for p in paginated for g in p["logGroups"]] == sorted(names)
    unchecked = logs_client(emulator, validate=False)
    assert code_of(unchecked.describe_log_groups, limit=0) == INVALID
    assert code_of(unchecked.describe_log_groups, limit=51) == INVALID
    assert code_of(unchecked.describe_log_groups, nextToken="!!") == INVALID


def test_delete_log_group_deletes_streams_and_events(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    put(logs, [(now_ms(), "hello")])
    logs.delete_log_group(logGroupName="g")
    assert logs.describe_log_groups()["logGroups"] == []
    assert code_of(logs.delete_log_group, logGroupName="g") == NOT_FOUND
    assert error_of(logs.describe_log_streams, logGroupName="g") == \
        ("ResourceNotFoundException", "The specified log group does not exist.", 400)
    make_stream(logs)  # the same names again start empty
    assert logs.get_log_events(logGroupName="g", logStreamName="s")["events"] == []


def test_retention_policy(emulator):
    logs = logs_client(emulator)
    logs.create_log_group(logGroupName="g")
    logs.put_retention_policy(logGroupName="g", retentionInDays=7)
    assert logs.describe_log_groups()["logGroups"][0]["retentionInDays"] == 7
    for days in [2, 0, -1, 4000]:
        code, message, status = error_of(logs.put_retention_policy, logGroupName="g",
                                         retentionInDays=days)
        assert (code, status) == INVALID and "enum value set" in message
    for days in [1, 3653, 1096]:
        logs.put_retention_policy(logGroupName="g", retentionInDays=days)
    logs.delete_retention_policy(logGroupName="g")
    assert "retentionInDays" not in logs.describe_log_groups()["logGroups"][0]
    assert code_of(logs.put_retention_policy, logGroupName="nope", retentionInDays=1) == NOT_FOUND
    assert code_of(logs.delete_retention_policy, logGroupName="nope") == NOT_FOUND


def test_create_describe_and_delete_log_streams(emulator):
    logs = logs_client(emulator)
    assert code_of(logs.create_log_stream, logGroupName="g", logStreamName="s") == NOT_FOUND
    make_stream(logs, stream="b")
    assert error_of(logs.create_log_stream, logGroupName="g", logStreamName="b") == \
        ("ResourceAlreadyExistsException", "The specified log stream already exists", 400)
    unchecked = logs_client(emulator, validate=False)
    for bad in ["a:b", "a*b", "x" * 513, ""]:
        assert code_of(unchecked.create_log_stream, logGroupName="g", logStreamName=bad) == INVALID
    logs.create_log_stream(logGroupName="g", logStreamName="2024/01/01/[$LATEST]abc")

    [stream] = logs.describe_log_streams(logGroupName="g", logStreamNamePrefix="b")["logStreams"]
    assert stream["logStreamName"] == "b"
    assert stream["arn"] == f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:g:log-stream:b"
    assert stream["storedBytes"] == 0 and stream["creationTime"] <= now_ms()
    assert "firstEventTimestamp" not in stream and "lastEventTimestamp" not in stream

    t = now_ms()
    put(logs, [(t - 5000, "first"), (t - 1000, "second!")], stream="b")
    [stream] = logs.describe_log_streams(logGroupName="g", logStreamNamePrefix="b")["logStreams"]
    assert (stream["firstEventTimestamp"], stream["lastEventTimestamp"]) == (t - 5000, t - 1000)
    assert t <= stream["lastIngestionTime"] <= now_ms()
    assert stream["storedBytes"] == len("first") + len("second!")
    assert stream["uploadSequenceToken"].isdigit()
    assert logs.describe_log_groups()["logGroups"][0]["storedBytes"] == 12

    logs.delete_log_stream(logGroupName="g", logStreamName="b")
    assert code_of(logs.delete_log_stream, logGroupName="g", logStreamName="b") == NOT_FOUND
    assert code_of(logs.get_log_events, logGroupName="g", logStreamName="b") == NOT_FOUND
    assert [s["logStreamName"] for s in logs.describe_log_streams(logGroupName="g")["logStreams"]] \
        == ["2024/01/01/[$LATEST]abc"]
    assert logs.describe_log_groups()["logGroups"][0]["storedBytes"] == 0


def test_describe_log_streams_orders_and_pages(emulator):
    logs = logs_client(emulator)
    t = now_ms()
    # Name order c, a, d, b by last event time; e has no events.
    for name, offset in [("a", 3000), ("b", 1000), ("c", 4000), ("d", 2000), ("e", None)]:
        make_stream(logs, stream=name)
        if offset is not None:
            put(logs, [(t - offset, name)], stream=name)

    def names(**kwargs):
        streams = all_pages(logs.describe_log_streams, "logStreams", logGroupName="g", limit=2,
                            **kwargs)
        return [s["logStreamName"] for s in streams]

    assert names() == ["a", "b", "c", "d", "e"]
    assert names(descending=True) == ["e", "d", "c", "b", "a"]
    assert names(orderBy="LastEventTime") == ["e", "c", "a", "d", "b"]
    assert names(orderBy="LastEventTime", descending=True) == ["b", "d", "a", "c", "e"]
    assert code_of(logs.describe_log_streams, logGroupName="g", orderBy="LastEventTime",
                   logStreamNamePrefix="a") == INVALID
    unchecked = logs_client(emulator, validate=False)
    assert code_of(unchecked.describe_log_streams, logGroupName="g", orderBy="Size") == INVALID
    assert code_of(unchecked.describe_log_streams, logGroupName="g", limit=51) == INVALID
    assert code_of(unchecked.describe_log_streams, logGroupName="g", nextToken="bad") == INVALID


def test_log_group_tags(emulator):
    logs = logs_client(emulator)
    logs.create_log_group(logGroupName="g")
    assert logs.list_tags_log_group(logGroupName="g")["tags"] == {}
    logs.tag_log_group(logGroupName="g", tags={"a": "1", "b": "2"})
    logs.untag_log_group(logGroupName="g", tags=["a"])
    assert logs.list_tags_log_group(logGroupName="g")["tags"] == {"b": "2"}
    assert code_of(logs.tag_log_group, logGroupName="nope", tags={"a": "1"}) == NOT_FOUND
    assert code_of(logs.untag_log_group, logGroupName="nope", tags=["a"]) == NOT_FOUND
    assert code_of(logs.list_tags_log_group, logGroupName="nope") == NOT_FOUND
    too_many = {f"k{i}": "v" for i in range(50)}
    assert code_of(logs.tag_log_group, logGroupName="g", tags=too_many) == INVALID


def test_resource_tags_by_arn(emulator):
    logs = logs_client(emulator)
    logs.create_log_group(logGroupName="/svc/api")
    arn = logs.describe_log_groups()["logGroups"][0]["arn"].removesuffix(":*")
    logs.tag_resource(resourceArn=arn, tags={"env": "beta", "team": "x"})
    logs.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "beta"}
    assert logs.list_tags_for_resource(resourceArn=arn + ":*")["tags"] == {"env": "beta"}
    assert logs.list_tags_log_group(logGroupName="/svc/api")["tags"] == {"env": "beta"}
    missing = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:nope"
    assert code_of(logs.list_tags_for_resource, resourceArn=missing) == NOT_FOUND
    assert code_of(logs.tag_resource, resourceArn=missing, tags={"a": "b"}) == NOT_FOUND
    assert code_of(logs.untag_resource, resourceArn=missing, tagKeys=["a"]) == NOT_FOUND
    other_region = arn.replace(REGION, "eu-west-1")
    assert code_of(logs.list_tags_for_resource, resourceArn=other_region) == NOT_FOUND
    assert code_of(logs.list_tags_for_resource, resourceArn="not-an-arn") == INVALID
    too_many = {f"k{i}": "v" for i in range(50)}
    assert code_of(logs.tag_resource, resourceArn=arn, tags=too_many) == \
        ("TooManyTagsException", 400)


def test_resources_are_scoped_by_region(emulator):
    east = logs_client(emulator)
    west = emulator.client("logs", region="eu-west-1")
    east.create_log_group(logGroupName="g")
    assert west.describe_log_groups()["logGroups"] == []
    west.create_log_group(logGroupName="g")
    assert west.describe_log_groups()["logGroups"][0]["arn"].startswith("arn:aws:logs:eu-west-1:")


def test_operations_not_emulated_are_unknown(emulator):
    logs = logs_client(emulator)
    assert code_of(logs.describe_metric_filters)[0] == "UnknownOperationException"


def test_state_survives_a_restart(start_emulator, tmp_path):
    first = start_emulator(data_dir=str(tmp_path))
    logs = logs_client(first)
    make_stream(logs)
    logs.put_retention_policy(logGroupName="g", retentionInDays=30)
    t = now_ms()
    put(logs, [(t - 2, "one"), (t - 1, "two")])
    assert first.stop() == 0

    second = start_emulator(data_dir=str(tmp_path))
    logs = logs_client(second)
    assert logs.describe_log_groups()["logGroups"][0]["retentionInDays"] == 30
    events = logs.get_log_events(logGroupName="g", logStreamName="s", startFromHead=True)
    assert messages(events["events"]) == ["one", "two"]


def test_aws_cli(emulator):
    t = now_ms()
    emulator.aws("logs", "create-log-group", "--log-group-name", "/cli/app")
    emulator.aws("logs", "create-log-stream", "--log-group-name", "/cli/app",
                 "--log-stream-name", "main")
    events = json.dumps([{"timestamp": t - 10, "message": "ERROR boom"},
                         {"timestamp": t, "message": "INFO fine"}])
    out = json.loads(emulator.aws("logs", "put-log-events", "--log-group-name", "/cli/app",
                                  "--log-stream-name", "main", "--log-events", events).stdout)
    assert "nextSequenceToken" in out
    got = json.loads(emulator.aws("logs", "get-log-events", "--log-group-name", "/cli/app",
                                  "--log-stream-name", "main", "--start-from-head").stdout)
    assert messages(got["events"]) == ["ERROR boom", "INFO fine"]
    found = json.loads(emulator.aws("logs", "filter-log-events", "--log-group-name", "/cli/app",
                                    "--filter-pattern", "ERROR").stdout)
    assert messages(found["events"]) == ["ERROR boom"]
    streams = json.loads(emulator.aws("logs", "describe-log-streams", "--log-group-name",
                                      "/cli/app").stdout)
    assert streams["logStreams"][0]["lastEventTimestamp"] == t
    failed = emulator.aws("logs", "create-log-group", "--log-group-name", "/cli/app", check=False)
    assert failed.returncode != 0 and "ResourceAlreadyExistsException" in failed.stderr
