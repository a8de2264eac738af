"""CloudWatch Logs events through boto3: PutLogEvents' validation and rejected events,
GetLogEvents' windows and forward/backward tokens, FilterLogEvents' patterns and paging, and
retention hiding old events."""

import json

from logs_helpers import (DAY, HOUR, all_pages, code_of, error_of, logs_client, make_stream,
                          messages, now_ms, put)

INVALID = ("InvalidParameterException", 400)


def test_put_and_get_log_events(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms()
    first = put(logs, [(t - 3, "a"), (t - 2, "b"), (t - 2, "c")])
    assert first["nextSequenceToken"].isdigit() and "rejectedLogEventsInfo" not in first
    # sequenceToken is accepted and ignored, stale or not.
    second = logs.put_log_events(logGroupName="g", logStreamName="s", sequenceToken="12345",
                                 logEvents=[{"timestamp": t - 1, "message": "d"}])
    assert second["nextSequenceToken"] != first["nextSequenceToken"]
    out = logs.get_log_events(logGroupName="g", logStreamName="s", startFromHead=True)
    assert messages(out["events"]) == ["a", "b", "c", "d"]
    assert [e["timestamp"] for e in out["events"]] == [t - 3, t - 2, t - 2, t - 1]
    assert all(t <= e["ingestionTime"] <= now_ms() for e in out["events"])
    assert out["nextForwardToken"].startswith("f/") and out["nextBackwardToken"].startswith("b/")


def test_put_log_events_errors(emulator):
    logs = logs_client(emulator, validate=False)
    t = now_ms()
    one = [{"timestamp": t, "message": "x"}]
    assert error_of(logs.put_log_events, logGroupName="g", logStreamName="s", logEvents=one) == \
        ("ResourceNotFoundException", "The specified log group does not exist.", 400)
    logs.create_log_group(logGroupName="g")
    assert error_of(logs.put_log_events, logGroupName="g", logStreamName="s", logEvents=one) == \
        ("ResourceNotFoundException", "The specified log stream does not exist.", 400)
    logs.create_log_stream(logGroupName="g", logStreamName="s")

    def call(events):
        return logs.put_log_events(logGroupName="g", logStreamName="s", logEvents=events)

    code, message, status = error_of(call, [{"timestamp": t, "message": "later"},
                                            {"timestamp": t - 1, "message": "earlier"}])
    assert (code, status) == INVALID and "chronological order" in message
    code, message, _ = error_of(call, [{"timestamp": t - 25 * HOUR, "message": "x"},
                                       {"timestamp": t, "message": "y"}])
    assert code == INVALID[0] and "24 hours" in message
    assert code_of(call, []) == INVALID
    assert code_of(call, [{"timestamp": t, "message": "x"}] * 10_001) == INVALID
    assert code_of(call, [{"timestamp": t, "message": ""}]) == INVALID
    assert code_of(call, [{"message": "no time"}]) == INVALID
    assert code_of(call, [{"timestamp": t}]) == INVALID
    # The batch limit counts UTF-8 bytes of each message plus 26 per event.
    limit = 1_048_576 - 2 * 26
    code, message, _ = error_of(call, [{"timestamp": t, "message": "é" * (limit // 4)},
                                       {"timestamp": t, "message": "x" * (limit // 2 + 1)}])
    assert code == INVALID[0] and "1048576" in message
    call([{"timestamp": t, "message": "é" * (limit // 4)},
          {"timestamp": t, "message": "x" * (limit // 2)}])
    assert logs.describe_log_streams(logGroupName="g")["logStreams"][0]["storedBytes"] == limit
    assert logs.get_log_events(logGroupName="g", logStreamName="s")["events"][0]["message"] \
        == "é" * (limit // 4)


def test_rejected_log_events_are_not_stored(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms()
    out = put(logs, [(t - 14 * DAY - HOUR, "too old"), (t - 14 * DAY + HOUR, "kept 1")])
    assert out["rejectedLogEventsInfo"] == {"tooOldLogEventEndIndex": 1}
    out = put(logs, [(t, "kept 2"), (t + HOUR, "kept 3"), (t + 3 * HOUR, "too new"),
                     (t + 4 * HOUR, "too new")])
    assert out["rejectedLogEventsInfo"] == {"tooNewLogEventStartIndex": 2}
    logs.put_retention_policy(logGroupName="g", retentionInDays=1)
    out = put(logs, [(t - 25 * HOUR, "expired"), (t - 24 * HOUR - 1, "expired"),
                     (t - 2 * HOUR, "kept 4")])
    assert out["rejectedLogEventsInfo"] == {"expiredLogEventEndIndex": 2}
    assert "nextSequenceToken" in out
    logs.delete_retention_policy(logGroupName="g")
    got = logs.get_log_events(logGroupName="g", logStreamName="s", startFromHead=True)
    assert messages(got["events"]) == ["kept 1", "kept 4", "kept 2", "kept 3"]


def test_retention_hides_old_events(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms()
    put(logs, [(t - 3 * DAY, "old"), (t - 3 * DAY + HOUR, "old too")])
    put(logs, [(t - HOUR, "new")])
    logs.put_retention_policy(logGroupName="g", retentionInDays=1)
    assert messages(logs.get_log_events(logGroupName="g", logStreamName="s")["events"]) == ["new"]
    assert messages(logs.filter_log_events(logGroupName="g")["events"]) == ["new"]
    logs.put_retention_policy(logGroupName="g", retentionInDays=5)
    assert len(logs.filter_log_events(logGroupName="g")["events"]) == 3


def test_time_window(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms() - 1000
    put(logs, [(t + i, str(i)) for i in range(10)])
    got = logs.get_log_events(logGroupName="g", logStreamName="s", startTime=t + 2, endTime=t + 5,
                              startFromHead=True)
    assert messages(got["events"]) == ["2", "3", "4"]  # startTime inclusive, endTime exclusive
    got = logs.filter_log_events(logGroupName="g", startTime=t + 8)
    assert messages(got["events"]) == ["8", "9"]


def page(logs, token=None, **kwargs):
    extra = {"nextToken": token} if token else {}
    return logs.get_log_events(logGroupName="g", logStreamName="s", limit=10, **kwargs, **extra)


def test_get_log_events_pages_forward_and_backward(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms() - 10_000
    put(logs, [(t + i, str(i)) for i in range(25)])
    numbers = lambda p: [int(m) for m in messages(p["events"])]  # noqa: E731

    # From the head, forward to the end; at the end the same forward token comes back.
    p1 = page(logs, startFromHead=True)
    p2 = page(logs, p1["nextForwardToken"])
    p3 = page(logs, p2["nextForwardToken"])
    assert (numbers(p1), numbers(p2), numbers(p3)) == \
        (list(range(10)), list(range(10, 20)), list(range(20, 25)))
    end = page(logs, p3["nextForwardToken"])
    assert end["events"] == [] and end["nextForwardToken"] == p3["nextForwardToken"]
    assert page(logs, end["nextForwardToken"])["nextForwardToken"] == p3["nextForwardToken"]
    assert numbers(page(logs, p3["nextBackwardToken"])) == list(range(10, 20))
    assert numbers(page(logs, end["nextBackwardToken"])) == list(range(15, 25))

    # Without a token or startFromHead: the newest page, then backward to the start.
    b1 = page(logs)
    b2 = page(logs, b1["nextBackwardToken"])
    b3 = page(logs, b2["nextBackwardToken"])
    assert (numbers(b1), numbers(b2), numbers(b3)) == \
        (list(range(15, 25)), list(range(5, 15)), list(range(5)))
    start = page(logs, b3["nextBackwardToken"])
    assert start["events"] == [] and start["nextBackwardToken"] == b3["nextBackwardToken"]
    assert numbers(page(logs, start["nextForwardToken"])) == list(range(10))
    assert numbers(page(logs, b2["nextForwardToken"])) == list(range(15, 25))

    # Tailing: the forward token of the newest page picks up events put later.
    tail = page(logs, b1["nextForwardToken"])
    assert tail["events"] == []
    put(logs, [(t + 30, "30"), (t + 31, "31")])
    assert numbers(page(logs, tail["nextForwardToken"])) == [30, 31]

    unchecked = logs_client(emulator, validate=False)
    for bad in ["nope", "f/123/s", "x" + b1["nextForwardToken"][1:]]:
        assert code_of(unchecked.get_log_events, logGroupName="g", logStreamName="s",
                       nextToken=bad) == INVALID
    for limit in [0, 10_001]:
        assert code_of(unchecked.get_log_events, logGroupName="g", logStreamName="s",
                       limit=limit) == INVALID


def test_empty_stream_tokens_tail_new_events(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    first = logs.get_log_events(logGroupName="g", logStreamName="s")
    assert first["events"] == []
    put(logs, [(now_ms(), "hello")])
    got = logs.get_log_events(logGroupName="g", logStreamName="s",
                              nextToken=first["nextForwardToken"])
    assert messages(got["events"]) == ["hello"]


def test_get_log_events_by_group_identifier(emulator):
    logs = logs_client(emulator, validate=False)
    make_stream(logs, group="/id/g")
    put(logs, [(now_ms(), "x")], group="/id/g")
    arn = logs.describe_log_groups()["logGroups"][0]["arn"].removesuffix(":*")
    for identifier in [arn, "/id/g"]:
        got = logs.get_log_events(logGroupIdentifier=identifier, logStreamName="s")
        assert messages(got["events"]) == ["x"]
    assert code_of(logs.get_log_events, logGroupIdentifier=arn, logGroupName="/id/g",
                   logStreamName="s") == INVALID
    assert code_of(logs.get_log_events, logGroupIdentifier=arn + "x", logStreamName="s") == \
        ("ResourceNotFoundException", 400)


def filter_messages(logs, **kwargs):
    return messages(logs.filter_log_events(logGroupName="g", **kwargs)["events"])


def test_filter_log_events_interleaves_streams(emulator):
    logs = logs_client(emulator)
    t = now_ms() - 1000
    make_stream(logs, stream="web-1")
    make_stream(logs, stream="web-2")
    make_stream(logs, stream="worker")
    put(logs, [(t + 1, "w1 a"), (t + 4, "w1 b")], stream="web-1")
    put(logs, [(t + 2, "w2 a"), (t + 5, "w2 b")], stream="web-2")
    put(logs, [(t + 3, "job a")], stream="worker")
    out = logs.filter_log_events(logGroupName="g")
    assert messages(out["events"]) == ["w1 a", "w2 a", "job a", "w1 b", "w2 b"]
    assert [e["logStreamName"] for e in out["events"]] == \
        ["web-1", "web-2", "worker", "web-1", "web-2"]
    ids = [e["eventId"] for e in out["events"]]
    assert len(set(ids)) == 5 and all(i.isdigit() for i in ids)
    assert out["events"][0]["timestamp"] == t + 1 and "ingestionTime" in out["events"][0]
    assert [s["logStreamName"] for s in out["searchedLogStreams"]] == ["web-1", "web-2", "worker"]
    assert "nextToken" not in out
    assert filter_messages(logs, logStreamNamePrefix="web") == ["w1 a", "w2 a", "w1 b", "w2 b"]
    assert filter_messages(logs, logStreamNames=["worker", "web-2"]) == ["w2 a", "job a", "w2 b"]
    assert code_of(logs.filter_log_events, logGroupName="g", logStreamNames=["worker"],
                   logStreamNamePrefix="web") == INVALID
    assert code_of(logs.filter_log_events, logGroupName="nope") == \
        ("ResourceNotFoundException", 400)


def test_filter_patterns(emulator):
    logs = logs_client(emulator)
    make_stream(logs)
    t = now_ms() - 1000
    lines = [
        "ERROR disk full on /dev/sda",
        "WARN disk almost full",
        "INFO all good",
        "ERROR retrying connection",
        json.dumps({"level": "ERROR", "latency": 250, "user": {"name": "alice"}}),
        json.dumps({"level": "INFO", "latency": 12, "user": {"name": "bob"}}),
    ]
    put(logs, [(t + i, line) for i, line in enumerate(lines)])
    assert filter_messages(logs, filterPattern="") == lines
    assert filter_messages(logs, filterPattern="ERROR") == [lines[0], lines[3], lines[4]]
    assert filter_messages(logs, filterPattern="ERROR disk") == [lines[0]]
    assert filter_messages(logs, filterPattern='"almost full"') == [lines[1]]
    assert filter_messages(logs, filterPattern="?WARN ?good") == [lines[1], lines[2]]
    assert filter_messages(logs, filterPattern="ERROR -retrying -level") == [lines[0]]
    assert filter_messages(logs, filterPattern="error") == []  # case-sensitive
    assert filter_messages(logs, filterPattern='{ $.level = "ERROR" }') == [lines[4]]
    assert filter_messages(logs, filterPattern="{ $.latency > 100 }") == [lines[4]]
    assert filter_messages(logs, filterPattern="{ $.latency < 100 }") == [lines[5]]
    assert filter_messages(logs, filterPattern='{ $.user.name = "b*" }') == [lines[5]]
    assert filter_messages(logs, filterPattern='{ $.level != "ERROR" }') == [lines[5]]
    assert filter_messages(
        logs, filterPattern='{ $.latency = 12 || ($.level = "ERROR" && $.latency > 200) }') \
        == [lines[4], lines[5]]
    assert filter_messages(logs, filterPattern="{ $.missing NOT EXISTS }") == lines[4:]
    for bad in ["{ $.level = ", "[ip, user]", '"unterminated', "{ $.latency > abc }"]:
        assert code_of(logs.filter_log_events, logGroupName="g", filterPattern=bad) == INVALID


def test_filter_log_events_pages(emulator):
    logs = logs_client(emulator)
    make_stream(logs, stream="a")
    make_stream(logs, stream="b")
    t = now_ms() - 10_000
    put(logs, [(t + i, f"a{i}") for i in range(0, 30, 2)], stream="a")
    put(logs, [(t + i, f"b{i}") for i in range(1, 30, 2)], stream="b")
    first = logs.filter_log_events(logGroupName="g", limit=7)
    assert len(first["events"]) == 7 and "nextToken" in first
    seen = messages(all_pages(logs.filter_log_events, "events", logGroupName="g", limit=7))
    assert seen == [("a" if i % 2 == 0 else "b") + str(i) for i in range(30)]
    paginated = logs.get_paginator("filter_log_events").paginate(
        logGroupName="g", filterPattern="b", PaginationConfig={"PageSize": 4})
    assert [e["message"] for p in paginated for e in p["events"]] == \
        [f"b{i}" for i in range(1, 30, 2)]
    assert code_of(logs.filter_log_events, logGroupName="g", nextToken="bogus") == INVALID
