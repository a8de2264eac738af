"""SQS state in --data-dir across kill -9: queues and their attributes, every acknowledged send,
deletes, in-flight (received, not yet visible) messages and FIFO deduplication. Each test runs
with a JSON-protocol client and with a query-protocol one (the installed botocore's, when it
still speaks query: Debian's 1.29 does)."""

import signal
import threading
import time

import botocore.exceptions
import pytest

from sqs_helpers import installed_protocol, sqs_client

SENT = 200
RECEIVED = 30      # received before the kill, with a 30 s visibility timeout
DELETED = 10       # of those, deleted before the kill (the other 20 stay in flight)


def receive_all(sqs, url, visibility=120, limit=2 * SENT, **extra):
    """Receives until two empty answers in a row; returns every message seen."""
    seen, empty = [], 0
    while empty < 2:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                       VisibilityTimeout=visibility, **extra).get("Messages", [])
        seen += messages
        empty = 0 if messages else empty + 1
        assert len(seen) <= limit, "receiving forever: messages are being redelivered"
    return seen


@pytest.fixture(params=["json", "query"])
def protocol(request):
    if request.param == "query" and installed_protocol() != "query":
        pytest.skip("the installed botocore speaks only SQS's JSON protocol")
    return request.param


def client(emulator, protocol):
    return sqs_client(emulator) if protocol == "json" else emulator.client("sqs")


@pytest.fixture
def crashed(start_emulator, tmp_path, protocol):
    """Builds state, kills the emulator with SIGKILL straight after the last acknowledged write,
    and restarts it on the same data dir. Returns (restarted emulator, a client for it, what was
    acknowledged)."""
    first = start_emulator(data_dir=str(tmp_path))
    sqs = client(first, protocol)
    url = sqs.create_queue(QueueName="durable", Attributes={
        "VisibilityTimeout": "45", "MessageRetentionPeriod": "86400", "DelaySeconds": "0",
        "MaximumMessageSize": "65536", "ReceiveMessageWaitTimeSeconds": "0"},
        tags={"team": "core", "env": "test"})["QueueUrl"]
    fifo_url = sqs.create_queue(QueueName="durable.fifo", Attributes={
        "FifoQueue": "true", "ContentBasedDeduplication": "false"})["QueueUrl"]
    before = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]

    sent = {}  # body -> MessageId, only for answered sends
    for i in range(SENT // 2):
        body = f"single-{i:03d}"
        sent[body] = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes={
            "index": {"DataType": "Number", "StringValue": str(i)},
            "kind": {"DataType": "String", "StringValue": "single"}})["MessageId"]
    for start in range(0, SENT // 2, 10):
        bodies = [f"batch-{i:03d}" for i in range(start, start + 10)]
        res = sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": str(k), "MessageBody": b, "MessageAttributes": {
                "index": {"DataType": "Number", "StringValue": str(start + k)},
                "kind": {"DataType": "String", "StringValue": "batch"}}}
            for k, b in enumerate(bodies)])
        assert not res.get("Failed")
        for entry in res["Successful"]:
            sent[bodies[int(entry["Id"])]] = entry["MessageId"]
    assert len(sent) == SENT

    received = []
    while len(received) < RECEIVED:
        received += sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=min(10, RECEIVED - len(received)),
            VisibilityTimeout=30)["Messages"]
    assert len({m["MessageId"] for m in received}) == RECEIVED
    deleted, in_flight = received[:DELETED], received[DELETED:]
    for m in deleted[:5]:
        sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    res = sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(deleted[5:])])
    assert len(res["Successful"]) == 5 and not res.get("Failed")

    fifo_first = sqs.send_message(QueueUrl=fifo_url, MessageBody="fifo-a", MessageGroupId="g",
                                  MessageDeduplicationId="dedup-a")
    # The last acknowledged write, then SIGKILL at once.
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "50"})
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)

    second = start_emulator(data_dir=str(tmp_path))
    return second, client(second, protocol), {
        "before": before, "sent": sent,
        "deleted": {m["Body"] for m in deleted},
        "in_flight": {m["Body"]: m for m in in_flight},
        "fifo_first": fifo_first,
    }


def test_queues_and_their_attributes_survive_kill_9(crashed):
    emulator, sqs, state = crashed
    url = sqs.get_queue_url(QueueName="durable")["QueueUrl"]
    assert url == f"{emulator.url}/000000000000/durable"
    assert sorted(sqs.list_queues()["QueueUrls"]) == [
        f"{emulator.url}/000000000000/durable", f"{emulator.url}/000000000000/durable.fifo"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    before = state["before"]
    assert attrs["VisibilityTimeout"] == "50"  # set just before the kill
    for name in ("MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
                 "ReceiveMessageWaitTimeSeconds", "QueueArn", "CreatedTimestamp"):
        assert attrs[name] == before[name], name
    assert attrs["MessageRetentionPeriod"] == "86400"
    assert attrs["MaximumMessageSize"] == "65536"
    assert attrs["QueueArn"] == "arn:aws:sqs:us-east-1:000000000000:durable"
    assert attrs["ApproximateNumberOfMessages"] == str(SENT - RECEIVED)
    assert attrs["ApproximateNumberOfMessagesNotVisible"] == str(RECEIVED - DELETED)
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "core", "env": "test"}

    fifo_url = sqs.get_queue_url(QueueName="durable.fifo")["QueueUrl"]
    fifo = sqs.get_queue_attributes(QueueUrl=fifo_url, AttributeNames=["All"])["Attributes"]
    assert fifo["FifoQueue"] == "true" and fifo["ContentBasedDeduplication"] == "false"
    assert fifo["ApproximateNumberOfMessages"] == "1"


def test_every_acknowledged_send_survives_and_deletes_stay_deleted(crashed):
    emulator, sqs, state = crashed
    url = sqs.get_queue_url(QueueName="durable")["QueueUrl"]
    messages = receive_all(sqs, url, MessageAttributeNames=["All"], AttributeNames=["All"])
    bodies = [m["Body"] for m in messages]
    assert len(bodies) == len(set(bodies)), "a message was delivered twice"
    expected = set(state["sent"]) - state["deleted"] - set(state["in_flight"])
    assert set(bodies) == expected
    assert not set(bodies) & state["deleted"]
    for m in messages:
        assert m["MessageId"] == state["sent"][m["Body"]]
        kind, index = m["Body"].split("-")
        assert m["MessageAttributes"] == {
            "index": {"DataType": "Number", "StringValue": str(int(index))},
            "kind": {"DataType": "String", "StringValue": kind}}
        assert m["Attributes"]["ApproximateReceiveCount"] == "1"


def test_in_flight_messages_stay_invisible_and_keep_their_receipt_handles(crashed):
    emulator, sqs, state = crashed
    url = sqs.get_queue_url(QueueName="durable")["QueueUrl"]
    in_flight = state["in_flight"]
    # Received with a 30 s visibility timeout a moment before the kill: still invisible.
    first_pass = {m["Body"] for m in receive_all(sqs, url)}
    assert len(first_pass) == SENT - RECEIVED
    assert not first_pass & set(in_flight)
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessagesNotVisible"])["Attributes"] == {
            "ApproximateNumberOfMessagesNotVisible": str(SENT - DELETED)}
    # Their receipt handles from before the kill still work: make them visible again now.
    for m in in_flight.values():
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"],
                                      VisibilityTimeout=0)
    again = receive_all(sqs, url, AttributeNames=["ApproximateReceiveCount"])
    assert {m["Body"] for m in again} == set(in_flight)
    assert all(m["Attributes"]["ApproximateReceiveCount"] == "2" for m in again)
    assert all(m["MessageId"] == in_flight[m["Body"]]["MessageId"] for m in again)


def test_fifo_deduplication_still_applies_after_kill_9(crashed):
    emulator, sqs, state = crashed
    fifo_url = sqs.get_queue_url(QueueName="durable.fifo")["QueueUrl"]
    original = state["fifo_first"]
    resent = sqs.send_message(QueueUrl=fifo_url, MessageBody="fifo-a (resent)",
                              MessageGroupId="g", MessageDeduplicationId="dedup-a")
    assert resent["MessageId"] == original["MessageId"]
    fresh = sqs.send_message(QueueUrl=fifo_url, MessageBody="fifo-b", MessageGroupId="g",
                             MessageDeduplicationId="dedup-b")
    assert fresh["MessageId"] != original["MessageId"]
    assert int(fresh["SequenceNumber"]) > int(original["SequenceNumber"])
    got = []
    for _ in range(3):
        res = sqs.receive_message(QueueUrl=fifo_url, MaxNumberOfMessages=10,
                                  AttributeNames=["All"]).get("Messages", [])
        for m in res:
            got.append((m["Body"], m["Attributes"]["MessageDeduplicationId"]))
            sqs.delete_message(QueueUrl=fifo_url, ReceiptHandle=m["ReceiptHandle"])
    assert got == [("fifo-a", "dedup-a"), ("fifo-b", "dedup-b")]


def test_sends_acknowledged_under_load_survive_a_kill_mid_stream(start_emulator, tmp_path):
    """4 threads send as fast as they can; SIGKILL lands mid-stream. Every send answered 200
    before the kill is there after the restart; besides those, at most the requests still
    unanswered at the kill (one per thread) may have landed."""
    first = start_emulator(data_dir=str(tmp_path))
    url = sqs_client(first).create_queue(QueueName="mid-stream")["QueueUrl"]
    clients = [sqs_client(first) for _ in range(4)]
    acknowledged, lock, stop = {}, threading.Lock(), threading.Event()

    def send(sqs, index):
        n = 0
        while not stop.is_set():
            bodies = [f"t{index}-{n + k}" for k in range(1 if n % 20 == 0 else 10)]
            n += len(bodies)
            try:
                if len(bodies) == 1:
                    ids = [sqs.send_message(QueueUrl=url, MessageBody=bodies[0])["MessageId"]]
                else:
                    res = sqs.send_message_batch(QueueUrl=url, Entries=[
                        {"Id": str(k), "MessageBody": b} for k, b in enumerate(bodies)])
                    assert not res.get("Failed")
                    ids = [e["MessageId"] for e in sorted(res["Successful"],
                                                          key=lambda e: int(e["Id"]))]
            except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
                return  # the kill
            with lock:
                acknowledged.update(zip(bodies, ids))

    threads = [threading.Thread(target=send, args=(c, i), daemon=True)
               for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    with lock:
        acked = dict(acknowledged)
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acked) > 100, "the senders barely ran"

    second = start_emulator(data_dir=str(tmp_path))
    sqs = sqs_client(second)
    messages = receive_all(sqs, sqs.get_queue_url(QueueName="mid-stream")["QueueUrl"],
                           limit=len(acked) + 100)
    found = {m["Body"]: m["MessageId"] for m in messages}
    assert len(found) == len(messages), "a message was delivered twice"
    lost = set(acked) - set(found)
    assert not lost, f"{len(lost)} acknowledged sends lost, e.g. {sorted(lost)[:5]}"
    assert all(found[b] == acked[b] for b in acked)
    assert len(set(found) - set(acked)) <= 4 * 10
