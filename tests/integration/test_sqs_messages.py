"""SQS messages through boto3 over the JSON protocol: send/receive with their MD5 digests,
attributes and their filters, system attributes, visibility, delays, deletion, purging, batches
and their errors, long polling and validation."""

import threading
import time
import uuid

from sqs_helpers import (MIB, attributes_of, create_queue, elapsed, error_of, json_call,
                         md5_hex, md5_of_attributes, receive, sqs_client)

ATTRS = {
    "name": {"DataType": "String", "StringValue": "Zoë ✓"},
    "count": {"DataType": "Number", "StringValue": "42"},
    "price": {"DataType": "Number.float", "StringValue": "3.14"},
    "custom": {"DataType": "String.x", "StringValue": "custom type"},
    "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff"},
    "blob.png": {"DataType": "Binary.png", "BinaryValue": b"\x89PNG\r\n"},
}
TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
SYSTEM = {"AWSTraceHeader": {"DataType": "String", "StringValue": TRACE}}


def test_attribute_digest_algorithm_matches_the_published_vector():
    # The digest AWS returns for this attribute, as pinned by moto's and LocalStack's suites.
    assert md5_of_attributes({"timestamp": {"DataType": "Number", "StringValue": "1493147359900"}}) \
        == "235c5c510d26fb653d073faed50ae77c"


def test_send_and_receive_with_digests(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "digests")
    body = "hello ✓ wörld 🚀 <xml> & \t\r\n"
    out = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=ATTRS,
                           MessageSystemAttributes=SYSTEM)
    uuid.UUID(out["MessageId"])
    assert out["MD5OfMessageBody"] == md5_hex(body)
    assert out["MD5OfMessageAttributes"] == md5_of_attributes(ATTRS)
    assert out["MD5OfMessageSystemAttributes"] == md5_of_attributes(SYSTEM)
    assert "SequenceNumber" not in out

    [m] = receive(sqs, url, MessageAttributeNames=["All"], AttributeNames=["All"])
    assert m["MessageId"] == out["MessageId"]
    assert m["Body"] == body
    assert m["MD5OfBody"] == md5_hex(body)
    assert m["MessageAttributes"] == ATTRS
    assert m["MessageAttributes"]["blob"]["BinaryValue"] == b"\x00\x01\xfe\xff"
    assert m["MD5OfMessageAttributes"] == md5_of_attributes(ATTRS)
    assert m["Attributes"]["AWSTraceHeader"] == TRACE
    assert m["ReceiptHandle"]

    # A message without attributes has no attribute digest.
    plain = sqs.send_message(QueueUrl=url, MessageBody="plain")
    assert plain["MD5OfMessageBody"] == md5_hex("plain")
    assert "MD5OfMessageAttributes" not in plain and "MD5OfMessageSystemAttributes" not in plain
    # The published vector, from the emulator.
    pinned = sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={
        "timestamp": {"DataType": "Number", "StringValue": "1493147359900"}})
    assert pinned["MD5OfMessageAttributes"] == "235c5c510d26fb653d073faed50ae77c"


def test_message_attribute_name_filters(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "filters", VisibilityTimeout=0)
    attrs = {
        "foo.a": {"DataType": "String", "StringValue": "1"},
        "foo.b": {"DataType": "Number", "StringValue": "2"},
        "food": {"DataType": "String", "StringValue": "3"},
        "bar": {"DataType": "Binary", "BinaryValue": b"\x04"},
        "baz": {"DataType": "String", "StringValue": "5"},
    }
    sqs.send_message(QueueUrl=url, MessageBody="filtered", MessageAttributes=attrs)

    def received(names):
        kwargs = {"MessageAttributeNames": names} if names is not None else {}
        [m] = receive(sqs, url, **kwargs)
        return m

    cases = [
        (["All"], set(attrs)),
        ([".*"], set(attrs)),
        (["foo.*"], {"foo.a", "foo.b"}),
        (["bar"], {"bar"}),
        (["bar", "baz", "foo.a"], {"bar", "baz", "foo.a"}),
        (["food", "foo.*"], {"food", "foo.a", "foo.b"}),
    ]
    for names, expected in cases:
        m = received(names)
        got = m.get("MessageAttributes", {})
        assert set(got) == expected, names
        assert m["MD5OfMessageAttributes"] == md5_of_attributes({k: attrs[k] for k in expected}), names
    # Nothing asked, or nothing matching: no attributes and no attribute digest.
    for names in [None, ["nope"], ["zzz.*"]]:
        m = received(names)
        assert "MessageAttributes" not in m and "MD5OfMessageAttributes" not in m, names
        assert m["Body"] == "filtered" and m["MD5OfBody"] == md5_hex("filtered")


def test_system_attributes_on_receive(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "system", VisibilityTimeout=0)
    before_ms = int(time.time() * 1000)
    sent = sqs.send_message(QueueUrl=url, MessageBody="sys", MessageSystemAttributes=SYSTEM)
    me = emulator.client("sts").get_caller_identity()

    [m] = receive(sqs, url, AttributeNames=["All"])
    a = m["Attributes"]
    assert a["SenderId"] == me["UserId"]
    sent_ms = int(a["SentTimestamp"])
    assert before_ms - 1000 <= sent_ms <= time.time() * 1000 + 1000
    assert a["ApproximateReceiveCount"] == "1"
    first = int(a["ApproximateFirstReceiveTimestamp"])
    assert sent_ms <= first <= time.time() * 1000 + 1000
    assert a["AWSTraceHeader"] == TRACE
    assert not {"MessageGroupId", "MessageDeduplicationId", "SequenceNumber"} & set(a)
    assert "MD5OfMessageAttributes" not in m

    # Named ones only; the first-receive time does not move.
    [m] = receive(sqs, url, AttributeNames=["ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"])
    assert m["Attributes"] == {"ApproximateReceiveCount": "2",
                               "ApproximateFirstReceiveTimestamp": str(first)}
    [m] = receive(sqs, url)
    assert "Attributes" not in m

    # The newer MessageSystemAttributeNames member (raw JSON: older botocore does not model it).
    status, _, out = json_call(emulator, "ReceiveMessage", {
        "QueueUrl": url, "WaitTimeSeconds": 1,
        "MessageSystemAttributeNames": ["SenderId", "SentTimestamp", "ApproximateReceiveCount"]})
    assert status == 200, out
    [m] = out["Messages"]
    assert m["MessageId"] == sent["MessageId"]
    assert m["Attributes"] == {"SenderId": me["UserId"], "SentTimestamp": str(sent_ms),
                               "ApproximateReceiveCount": "4"}
    status, _, out = json_call(emulator, "ReceiveMessage", {
        "QueueUrl": url, "WaitTimeSeconds": 1, "MessageSystemAttributeNames": ["All"]})
    assert status == 200 and out["Messages"][0]["Attributes"]["AWSTraceHeader"] == TRACE


def test_sender_id_of_an_assumed_role(emulator):
    creds = emulator.client("sts").assume_role(
        RoleArn="arn:aws:iam::123456789012:role/worker", RoleSessionName="job-7")
    c = creds["Credentials"]
    sqs = sqs_client(emulator, key=c["AccessKeyId"], secret=c["SecretAccessKey"],
                     token=c["SessionToken"])
    url = create_queue(sqs, "from-role")
    assert url == f"{emulator.url}/123456789012/from-role"
    sqs.send_message(QueueUrl=url, MessageBody="hi")
    [m] = receive(sqs, url, AttributeNames=["SenderId"])
    assert m["Attributes"]["SenderId"] == creds["AssumedRoleUser"]["AssumedRoleId"]
    assert m["Attributes"]["SenderId"].endswith(":job-7")


def test_fifo_system_attributes_on_receive(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "sys.fifo", FifoQueue="true")
    sent = sqs.send_message(QueueUrl=url, MessageBody="f", MessageGroupId="g1",
                            MessageDeduplicationId="d1")
    [m] = receive(sqs, url, AttributeNames=["All"])
    a = m["Attributes"]
    assert (a["MessageGroupId"], a["MessageDeduplicationId"]) == ("g1", "d1")
    assert a["SequenceNumber"] == sent["SequenceNumber"]
    assert a["ApproximateReceiveCount"] == "1" and a["SenderId"] and a["SentTimestamp"]
    status, _, out = json_call(emulator, "ReceiveMessage", {
        "QueueUrl": url, "MessageSystemAttributeNames": ["MessageGroupId"]})
    assert status == 200 and out.get("Messages", []) == []  # still in flight: group locked


def test_visibility_timeout(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "visibility", VisibilityTimeout=1)
    sent = sqs.send_message(QueueUrl=url, MessageBody="v")
    [first] = receive(sqs, url, AttributeNames=["ApproximateReceiveCount"])
    assert first["Attributes"]["ApproximateReceiveCount"] == "1"
    assert receive(sqs, url, wait=0) == []
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages",
                         "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "1"}
    time.sleep(1.2)
    [second] = receive(sqs, url, wait=0, AttributeNames=["ApproximateReceiveCount"])
    assert second["MessageId"] == sent["MessageId"] == first["MessageId"]
    assert second["Attributes"]["ApproximateReceiveCount"] == "2"
    assert second["ReceiptHandle"] != first["ReceiptHandle"]

    # ReceiveMessage's own VisibilityTimeout overrides the queue's.
    url30 = create_queue(sqs, "visibility-30")
    sqs.send_message(QueueUrl=url30, MessageBody="w")
    assert len(receive(sqs, url30, VisibilityTimeout=1)) == 1
    assert receive(sqs, url30, wait=0) == []
    time.sleep(1.2)
    assert len(receive(sqs, url30, wait=0)) == 1


def test_change_message_visibility(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "change-vis")
    sqs.send_message(QueueUrl=url, MessageBody="c")
    [m] = receive(sqs, url)
    assert receive(sqs, url, wait=0) == []
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
    [again] = receive(sqs, url, wait=0, AttributeNames=["ApproximateReceiveCount"])
    assert again["MessageId"] == m["MessageId"]
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"
    # Beyond 12 hours is refused.
    code, _, status = error_of(sqs.change_message_visibility, QueueUrl=url,
                               ReceiptHandle=again["ReceiptHandle"], VisibilityTimeout=43201)
    assert (code, status) == ("InvalidParameterValue", 400)
    code, _, _ = error_of(sqs.change_message_visibility, QueueUrl=url,
                          ReceiptHandle="garbage", VisibilityTimeout=5)
    assert code == "ReceiptHandleIsInvalid"


def test_change_message_visibility_batch(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "change-vis-batch")
    sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": f"m{i}", "MessageBody": f"b{i}"}
                                                  for i in range(3)])
    got = []
    while len(got) < 3:
        batch = receive(sqs, url, MaxNumberOfMessages=10)
        assert batch
        got += batch
    out = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
        {"Id": "a", "ReceiptHandle": got[0]["ReceiptHandle"], "VisibilityTimeout": 0},
        {"Id": "b", "ReceiptHandle": got[1]["ReceiptHandle"], "VisibilityTimeout": 0},
        {"Id": "bad", "ReceiptHandle": "not-a-handle", "VisibilityTimeout": 0}])
    assert sorted(e["Id"] for e in out["Successful"]) == ["a", "b"]
    [failed] = out["Failed"]
    assert (failed["Id"], failed["Code"], failed["SenderFault"]) == ("bad", "ReceiptHandleIsInvalid", True)
    visible = []
    for _ in range(5):
        visible += receive(sqs, url, wait=0, MaxNumberOfMessages=10)
        if len(visible) >= 2:
            break
    assert sorted(m["Body"] for m in visible) == sorted([got[0]["Body"], got[1]["Body"]])


def test_delete_message(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "deletes", VisibilityTimeout=0)
    sqs.send_message(QueueUrl=url, MessageBody="d")
    [old] = receive(sqs, url)
    [new] = receive(sqs, url)
    assert new["ReceiptHandle"] != old["ReceiptHandle"]
    # On a standard queue an outdated receipt handle is still accepted.
    assert sqs.delete_message(QueueUrl=url, ReceiptHandle=old["ReceiptHandle"])[
        "ResponseMetadata"]["HTTPStatusCode"] == 200
    [latest] = receive(sqs, url) or [new]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=latest["ReceiptHandle"])
    assert receive(sqs, url) == []
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages",
                         "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}
    # Deleting again with a well-formed handle is harmless; garbage is not.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=latest["ReceiptHandle"])
    code, _, status = error_of(sqs.delete_message, QueueUrl=url, ReceiptHandle="garbage")
    assert (code, status) == ("ReceiptHandleIsInvalid", 400)
    status, headers, body = json_call(emulator, "DeleteMessage",
                                      {"QueueUrl": url, "ReceiptHandle": "garbage"})
    assert status == 400 and body["__type"] == "com.amazonaws.sqs#ReceiptHandleIsInvalid"
    assert headers["x-amzn-query-error"] == "ReceiptHandleIsInvalid;Sender"


def test_delete_message_batch_with_a_partial_failure(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "delete-batch")
    sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "x"},
                                                  {"Id": "2", "MessageBody": "y"}])
    got = []
    while len(got) < 2:
        batch = receive(sqs, url, MaxNumberOfMessages=10)
        assert batch
        got += batch
    out = sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": "ok-1", "ReceiptHandle": got[0]["ReceiptHandle"]},
        {"Id": "ok-2", "ReceiptHandle": got[1]["ReceiptHandle"]},
        {"Id": "bad", "ReceiptHandle": "garbage"}])
    assert sorted(e["Id"] for e in out["Successful"]) == ["ok-1", "ok-2"]
    [failed] = out["Failed"]
    assert failed["Id"] == "bad" and failed["Code"] == "ReceiptHandleIsInvalid"
    assert failed["SenderFault"] is True and failed.get("Message")
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages",
                         "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}


def test_delay_seconds(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "delays")
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=1)
    assert attributes_of(sqs, url, "ApproximateNumberOfMessagesDelayed",
                         "ApproximateNumberOfMessages") == {
        "ApproximateNumberOfMessagesDelayed": "1", "ApproximateNumberOfMessages": "0"}
    assert receive(sqs, url, wait=0) == []
    time.sleep(1.2)
    assert [m["Body"] for m in receive(sqs, url, wait=0)] == ["later"]

    delayed_queue = create_queue(sqs, "queue-delay", DelaySeconds=1)
    sqs.send_message(QueueUrl=delayed_queue, MessageBody="queue-delayed")
    sqs.send_message(QueueUrl=delayed_queue, MessageBody="not-delayed", DelaySeconds=0)
    assert attributes_of(sqs, delayed_queue, "ApproximateNumberOfMessagesDelayed")[
        "ApproximateNumberOfMessagesDelayed"] == "1"
    assert [m["Body"] for m in receive(sqs, delayed_queue, wait=0)] == ["not-delayed"]
    time.sleep(1.2)
    assert [m["Body"] for m in receive(sqs, delayed_queue, wait=0)] == ["queue-delayed"]
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901)[0] == \
        "InvalidParameterValue"


def test_message_size_limits(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "sizes")
    assert sqs.send_message(QueueUrl=url, MessageBody="a" * MIB)["MD5OfMessageBody"] == md5_hex("a" * MIB)
    code, _, status = error_of(sqs.send_message, QueueUrl=url, MessageBody="a" * (MIB + 1))
    assert (code, status) == ("InvalidParameterValue", 400)
    # Attribute names, types and values count too.
    code, _, _ = error_of(sqs.send_message, QueueUrl=url, MessageBody="a" * (MIB - 10),
                          MessageAttributes={"attr": {"DataType": "String", "StringValue": "0123456789"}})
    assert code == "InvalidParameterValue"
    # So does a smaller queue limit.
    small = create_queue(sqs, "small", MaximumMessageSize=1024)
    sqs.send_message(QueueUrl=small, MessageBody="b" * 1024)
    assert error_of(sqs.send_message, QueueUrl=small, MessageBody="b" * 1025)[0] == \
        "InvalidParameterValue"
    [m] = receive(sqs, url)
    assert len(m["Body"]) == MIB and m["MD5OfBody"] == md5_hex("a" * MIB)


def test_invalid_message_contents_and_attributes(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "contents")
    for body in ["bad \x00 char", "\x01", "bell\x07", "vertical\x0btab", "\ufffe"]:
        code, _, status = error_of(sqs.send_message, QueueUrl=url, MessageBody=body)
        assert (code, status) == ("InvalidMessageContents", 400), repr(body)
    assert receive(sqs, url, wait=0) == []
    # Tab, newline, carriage return and astral characters are fine.
    sqs.send_message(QueueUrl=url, MessageBody="\t\n\r 😀 \ue000")
    too_many = {f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(11)}
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x",
                    MessageAttributes=too_many)[0] == "InvalidParameterValue"
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x", MessageAttributes={
        "n": {"DataType": "Number", "StringValue": "not-a-number"}})[0] == "InvalidParameterValue"
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x", MessageAttributes={
        "t": {"DataType": "Unknown", "StringValue": "v"}})[0] == "InvalidParameterValue"


def test_send_message_batch(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "send-batch")
    entries = [{"Id": f"e-{i}", "MessageBody": f"body {i} ✓"} for i in range(10)]
    entries[3]["MessageAttributes"] = {"k": {"DataType": "String", "StringValue": "v"},
                                       "bin": {"DataType": "Binary", "BinaryValue": b"\x01\x02"}}
    entries[4]["DelaySeconds"] = 60
    out = sqs.send_message_batch(QueueUrl=url, Entries=entries)
    assert out.get("Failed", []) == []
    by_id = {e["Id"]: e for e in out["Successful"]}
    assert set(by_id) == {e["Id"] for e in entries}
    for entry in entries:
        result = by_id[entry["Id"]]
        uuid.UUID(result["MessageId"])
        assert result["MD5OfMessageBody"] == md5_hex(entry["MessageBody"])
    assert by_id["e-3"]["MD5OfMessageAttributes"] == md5_of_attributes(entries[3]["MessageAttributes"])
    assert "MD5OfMessageAttributes" not in by_id["e-0"]
    assert len({r["MessageId"] for r in out["Successful"]}) == 10
    counts = attributes_of(sqs, url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed")
    assert counts == {"ApproximateNumberOfMessages": "9", "ApproximateNumberOfMessagesDelayed": "1"}
    got = {}
    for _ in range(10):
        for m in receive(sqs, url, wait=0, MaxNumberOfMessages=10, MessageAttributeNames=["All"]):
            got[m["MessageId"]] = m
        if len(got) == 9:
            break
    assert len(got) == 9
    m3 = got[by_id["e-3"]["MessageId"]]
    assert m3["MessageAttributes"] == entries[3]["MessageAttributes"]
    assert by_id["e-4"]["MessageId"] not in got


def test_batch_request_errors(emulator):
    sqs = sqs_client(emulator, parameter_validation=False)
    url = create_queue(sqs, "batch-errors")
    eleven = [{"Id": f"i{i}", "MessageBody": "x"} for i in range(11)]
    cases = [
        (eleven, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
        ([{"Id": "same", "MessageBody": "a"}, {"Id": "same", "MessageBody": "b"}],
         "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
        ([], "AWS.SimpleQueueService.EmptyBatchRequest"),
        ([{"Id": "bad id!", "MessageBody": "a"}], "AWS.SimpleQueueService.InvalidBatchEntryId"),
        ([{"Id": "x" * 81, "MessageBody": "a"}], "AWS.SimpleQueueService.InvalidBatchEntryId"),
        ([{"Id": "big1", "MessageBody": "a" * (600 * 1024)},
          {"Id": "big2", "MessageBody": "b" * (600 * 1024)}],
         "AWS.SimpleQueueService.BatchRequestTooLong"),
    ]
    for entries, expected in cases:
        code, _, status = error_of(sqs.send_message_batch, QueueUrl=url, Entries=entries)
        assert (code, status) == (expected, 400), expected
    # Nothing was sent by any of them.
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages") == {"ApproximateNumberOfMessages": "0"}
    # The JSON wire form of one of them.
    status, headers, body = json_call(emulator, "SendMessageBatch", {"QueueUrl": url, "Entries": []})
    assert status == 400 and body["__type"] == "com.amazonaws.sqs#EmptyBatchRequest"
    assert headers["x-amzn-query-error"] == "AWS.SimpleQueueService.EmptyBatchRequest;Sender"
    # The other batch operations check the same way.
    for call, entry in [(sqs.delete_message_batch, {"ReceiptHandle": "h"}),
                        (sqs.change_message_visibility_batch, {"ReceiptHandle": "h", "VisibilityTimeout": 0})]:
        assert error_of(call, QueueUrl=url, Entries=[])[0] == "AWS.SimpleQueueService.EmptyBatchRequest"
        assert error_of(call, QueueUrl=url, Entries=[dict(entry, Id=f"i{i}") for i in range(11)])[0] == \
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
        assert error_of(call, QueueUrl=url, Entries=[dict(entry, Id="d"), dict(entry, Id="d")])[0] == \
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"
        assert error_of(call, QueueUrl=url, Entries=[dict(entry, Id="no.dots")])[0] == \
            "AWS.SimpleQueueService.InvalidBatchEntryId"


def test_purge_queue(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "purge-me")
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"p{i}")
    receive(sqs, url)  # one in flight
    sqs.purge_queue(QueueUrl=url)
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages",
                         "ApproximateNumberOfMessagesNotVisible") == {
        "ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}
    assert receive(sqs, url, wait=0) == []
    # Messages sent after the purge are kept (the emulator purges at once; AWS takes up to 60 s).
    sqs.send_message(QueueUrl=url, MessageBody="after")
    assert [m["Body"] for m in receive(sqs, url)] == ["after"]
    assert error_of(sqs.purge_queue, QueueUrl=url + "-gone")[0] == \
        "AWS.SimpleQueueService.NonExistentQueue"
    # One purge per queue per 60 seconds.
    code, _, status = error_of(sqs.purge_queue, QueueUrl=url)
    assert (code, status) == ("AWS.SimpleQueueService.PurgeQueueInProgress", 403)


def test_long_poll_returns_as_soon_as_a_message_arrives(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "long-poll")
    sender = sqs_client(emulator)
    sent_at = []

    def send_later():
        time.sleep(0.5)
        sent_at.append(time.monotonic())
        sender.send_message(QueueUrl=url, MessageBody="wake up")

    thread = threading.Thread(target=send_later)
    start = time.monotonic()
    thread.start()
    try:
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5).get("Messages", [])
        returned = time.monotonic()
    finally:
        thread.join(10)
    assert [m["Body"] for m in messages] == ["wake up"]
    assert returned - sent_at[0] < 1.0
    assert returned - start < 2.0


def test_long_poll_times_out_empty(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "empty-poll")
    start = time.monotonic()
    out = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)
    assert "Messages" not in out or out["Messages"] == []
    assert 1.9 <= elapsed(start) <= 3.5
    # The queue's ReceiveMessageWaitTimeSeconds applies when WaitTimeSeconds is absent...
    waiting = create_queue(sqs, "queue-wait", ReceiveMessageWaitTimeSeconds=1)
    start = time.monotonic()
    assert sqs.receive_message(QueueUrl=waiting).get("Messages", []) == []
    assert 0.9 <= elapsed(start) <= 2.5
    # ...and an explicit 0 is a short poll.
    start = time.monotonic()
    assert sqs.receive_message(QueueUrl=waiting, WaitTimeSeconds=0).get("Messages", []) == []
    assert elapsed(start) < 0.5
    assert error_of(sqs.receive_message, QueueUrl=url, WaitTimeSeconds=21)[0] == "InvalidParameterValue"


def test_max_number_of_messages(emulator):
    sqs = sqs_client(emulator, parameter_validation=False)
    url = create_queue(sqs, "max-number")
    for chunk in range(2):
        sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "MessageBody": f"m{chunk * 6 + i}"} for i in range(6)])
    [one] = receive(sqs, url, MaxNumberOfMessages=1)
    seen = {one["MessageId"]}
    while True:
        batch = receive(sqs, url, wait=0, MaxNumberOfMessages=10)
        if not batch:
            break
        assert 1 <= len(batch) <= 10
        assert not seen & {m["MessageId"] for m in batch}
        seen |= {m["MessageId"] for m in batch}
    assert len(seen) == 12
    for bad in [0, 11, -1]:
        code, _, status = error_of(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=bad)
        assert (code, status) == ("InvalidParameterValue", 400), bad


def test_long_poll_wakes_for_delayed_and_reappearing_messages(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "wake", VisibilityTimeout=1)
    sqs.send_message(QueueUrl=url, MessageBody="delayed", DelaySeconds=1)
    start = time.monotonic()
    [m] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5)["Messages"]
    assert m["Body"] == "delayed"
    assert 0.8 <= elapsed(start) < 2.5
    # Its visibility timeout runs out while the next poll waits.
    start = time.monotonic()
    [again] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5,
                                  AttributeNames=["ApproximateReceiveCount"])["Messages"]
    assert again["MessageId"] == m["MessageId"]
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"
    assert 0.5 <= elapsed(start) < 2.5


def test_one_message_goes_to_one_of_two_waiting_pollers(emulator):
    sqs = sqs_client(emulator)
    url = create_queue(sqs, "two-pollers")
    results = []

    def poll():
        client = sqs_client(emulator)
        results.append(client.receive_message(QueueUrl=url, WaitTimeSeconds=2).get("Messages", []))

    threads = [threading.Thread(target=poll) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        sqs.send_message(QueueUrl=url, MessageBody="only one")
    finally:
        for t in threads:
            t.join(10)
    assert sorted(len(r) for r in results) == [0, 1]
    assert [m["Body"] for r in results for m in r] == ["only one"]
    # A poll on a queue that does not exist fails at once.
    start = time.monotonic()
    assert error_of(sqs.receive_message, QueueUrl=url + "-gone", WaitTimeSeconds=5)[0] == \
        "AWS.SimpleQueueService.NonExistentQueue"
    assert elapsed(start) < 1
