"""SQS FIFO queues (groups, ordering, deduplication, sequence numbers, receive attempts) and
dead-letter queues (redrive, allow policies, source listing, message move tasks)."""

import hashlib
import json
import time

from conftest import wait_until
from sqs_helpers import (attributes_of, create_queue, error_of, json_call, queue_arn, receive,
                         sqs_client)


def fifo_queue(sqs, name, **attributes):
    return create_queue(sqs, name, FifoQueue="true", **attributes)


def bodies(messages):
    return [m["Body"] for m in messages]


def delete_all(sqs, url, messages):
    if messages:
        out = sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
        assert out.get("Failed", []) == []


def test_fifo_requires_group_and_deduplication_ids(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "strict.fifo")
    code, _, status = error_of(sqs.send_message, QueueUrl=url, MessageBody="x",
                               MessageDeduplicationId="d")
    assert (code, status) == ("MissingParameter", 400)
    # Without ContentBasedDeduplication a deduplication id is needed.
    code, _, status = error_of(sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g")
    assert (code, status) == ("InvalidParameterValue", 400)
    # Per-message delays are not for FIFO queues.
    assert error_of(sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                    MessageDeduplicationId="d", DelaySeconds=5)[0] == "InvalidParameterValue"
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages") == {"ApproximateNumberOfMessages": "0"}


def test_fifo_order_and_sequence_numbers(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "order.fifo", ContentBasedDeduplication="true")
    sent = [f"m{i}" for i in range(8)]
    sequence = []
    for body in sent:
        out = sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="g")
        assert out["SequenceNumber"].isdigit()
        sequence.append(int(out["SequenceNumber"]))
    assert sequence == sorted(sequence) and len(set(sequence)) == len(sequence)
    got = []
    for _ in range(10):
        batch = receive(sqs, url, MaxNumberOfMessages=3)
        assert 1 <= len(batch) <= 3
        got += bodies(batch)
        delete_all(sqs, url, batch)
        if len(got) == len(sent):
            break
    assert got == sent
    # A batch gets sequence numbers too, still increasing.
    out = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": f"b{i}", "MessageBody": f"batch {i}", "MessageGroupId": "g"} for i in range(3)])
    batch_sequence = [int(e["SequenceNumber"]) for e in sorted(out["Successful"], key=lambda e: e["Id"])]
    assert batch_sequence == sorted(batch_sequence) and batch_sequence[0] > sequence[-1]


def test_a_group_is_locked_while_a_message_is_in_flight(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "groups.fifo", ContentBasedDeduplication="true")
    for body, group in [("a1", "A"), ("a2", "A"), ("b1", "B")]:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
    [a1] = receive(sqs, url, MaxNumberOfMessages=1)
    assert a1["Body"] == "a1"
    # Group A is busy: only group B's message comes out.
    others = receive(sqs, url, MaxNumberOfMessages=10)
    assert bodies(others) == ["b1"]
    assert receive(sqs, url, wait=0, MaxNumberOfMessages=10) == []
    # a1 back to visible: it comes before a2 again.
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=a1["ReceiptHandle"], VisibilityTimeout=0)
    again = receive(sqs, url, wait=0, MaxNumberOfMessages=10)
    assert bodies(again)[0] == "a1" and "b1" not in bodies(again)
    delete_all(sqs, url, again[:1])
    rest = bodies(again[1:]) or bodies(receive(sqs, url, wait=0, MaxNumberOfMessages=10))
    assert rest == ["a2"]


def test_deduplication_id(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "dedup.fifo")
    first = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g",
                             MessageDeduplicationId="d1")
    repeat = sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="g",
                              MessageDeduplicationId="d1")
    assert repeat["MessageId"] == first["MessageId"]
    other = sqs.send_message(QueueUrl=url, MessageBody="three", MessageGroupId="g",
                             MessageDeduplicationId="d2")
    assert other["MessageId"] != first["MessageId"]
    assert attributes_of(sqs, url, "ApproximateNumberOfMessages") == {"ApproximateNumberOfMessages": "2"}
    got = receive(sqs, url, MaxNumberOfMessages=10)
    assert bodies(got) == ["one", "three"]
    # Deduplication outlives the message: still within the 5-minute interval.
    delete_all(sqs, url, got)
    again = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g",
                             MessageDeduplicationId="d1")
    assert again["MessageId"] == first["MessageId"]
    assert receive(sqs, url, wait=0) == []


def test_content_based_deduplication(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "content.fifo", ContentBasedDeduplication="true")
    assert attributes_of(sqs, url, "ContentBasedDeduplication") == {"ContentBasedDeduplication": "true"}
    a = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g1")
    b = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g1")
    c = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g2")  # queue scope
    assert a["MessageId"] == b["MessageId"] == c["MessageId"]
    d = sqs.send_message(QueueUrl=url, MessageBody="different", MessageGroupId="g1")
    e = sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g1",
                         MessageDeduplicationId="explicit")  # an explicit id wins
    assert len({a["MessageId"], d["MessageId"], e["MessageId"]}) == 3
    got = receive(sqs, url, MaxNumberOfMessages=10, AttributeNames=["All"])
    assert bodies(got) == ["same", "different", "same"]
    assert got[0]["Attributes"]["MessageDeduplicationId"] == hashlib.sha256(b"same").hexdigest()
    assert got[2]["Attributes"]["MessageDeduplicationId"] == "explicit"


def test_high_throughput_settings_and_group_scoped_deduplication(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "fast.fifo", DeduplicationScope="messageGroup",
                     FifoThroughputLimit="perMessageGroupId")
    assert attributes_of(sqs, url, "DeduplicationScope", "FifoThroughputLimit") == {
        "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}
    x = sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g1", MessageDeduplicationId="same")
    y = sqs.send_message(QueueUrl=url, MessageBody="y", MessageGroupId="g2", MessageDeduplicationId="same")
    z = sqs.send_message(QueueUrl=url, MessageBody="z", MessageGroupId="g1", MessageDeduplicationId="same")
    assert x["MessageId"] != y["MessageId"] and z["MessageId"] == x["MessageId"]
    got = []
    for _ in range(3):
        got += receive(sqs, url, wait=0, MaxNumberOfMessages=10)
    assert sorted(bodies(got)) == ["x", "y"]
    for name, value in [("DeduplicationScope", "bogus"), ("FifoThroughputLimit", "bogus")]:
        assert error_of(sqs.set_queue_attributes, QueueUrl=url,
                        Attributes={name: value})[0] == "InvalidAttributeValue", name


def test_receive_request_attempt_id(emulator):
    sqs = sqs_client(emulator)
    url = fifo_queue(sqs, "attempts.fifo", ContentBasedDeduplication="true")
    for body, group in [("m1", "g1"), ("m2", "g1"), ("m3", "g2")]:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
    first = receive(sqs, url, MaxNumberOfMessages=10, ReceiveRequestAttemptId="attempt-1")
    assert first and bodies(first)[0] in ("m1", "m3")
    retry = receive(sqs, url, wait=0, MaxNumberOfMessages=10, ReceiveRequestAttemptId="attempt-1")
    assert [m["MessageId"] for m in retry] == [m["MessageId"] for m in first]
    assert [m["ReceiptHandle"] for m in retry] == [m["ReceiptHandle"] for m in first]
    # A new attempt does not get them again.
    fresh = receive(sqs, url, wait=0, MaxNumberOfMessages=10, ReceiveRequestAttemptId="attempt-2")
    assert not {m["MessageId"] for m in fresh} & {m["MessageId"] for m in first}
    # The retried handles are the real ones.
    delete_all(sqs, url, retry)


# ---- dead-letter queues ----

def redrive(dlq_arn, max_receive_count):
    return json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": max_receive_count})


def counts(sqs, url):
    a = attributes_of(sqs, url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
    return int(a["ApproximateNumberOfMessages"]), int(a["ApproximateNumberOfMessagesNotVisible"])


def test_messages_move_to_the_dead_letter_queue(emulator):
    sqs = sqs_client(emulator)
    dlq = create_queue(sqs, "dead")
    src = create_queue(sqs, "work", VisibilityTimeout=0, RedrivePolicy=redrive(queue_arn("dead"), 2))
    policy = json.loads(attributes_of(sqs, src, "RedrivePolicy")["RedrivePolicy"])
    assert policy["deadLetterTargetArn"] == queue_arn("dead")
    assert int(policy["maxReceiveCount"]) == 2
    attrs = {"why": {"DataType": "String", "StringValue": "poison"}}
    sent = sqs.send_message(QueueUrl=src, MessageBody="poison pill", MessageAttributes=attrs)
    for n in (1, 2):
        [m] = receive(sqs, src, AttributeNames=["ApproximateReceiveCount"])
        assert m["Attributes"]["ApproximateReceiveCount"] == str(n)
    # The third receive finds it over its limit: it goes to the dead-letter queue instead.
    assert receive(sqs, src) == []
    assert counts(sqs, src) == (0, 0)
    assert counts(sqs, dlq) == (1, 0)
    [dead] = receive(sqs, dlq, MessageAttributeNames=["All"])
    assert dead["MessageId"] == sent["MessageId"]
    assert dead["Body"] == "poison pill" and dead["MessageAttributes"] == attrs
    assert sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"] == [src]
    assert sqs.list_dead_letter_source_queues(QueueUrl=src).get("queueUrls", []) == []
    # An empty RedrivePolicy removes it.
    sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": ""})
    assert "RedrivePolicy" not in attributes_of(sqs, src)
    assert sqs.list_dead_letter_source_queues(QueueUrl=dlq).get("queueUrls", []) == []


def test_dead_letter_after_change_message_visibility(emulator):
    sqs = sqs_client(emulator)
    dlq = fifo_queue(sqs, "dead.fifo")
    src = fifo_queue(sqs, "work.fifo", ContentBasedDeduplication="true",
                     RedrivePolicy=redrive(queue_arn("dead.fifo"), 2))
    sqs.send_message(QueueUrl=src, MessageBody="retry me", MessageGroupId="g")
    for _ in range(2):
        [m] = receive(sqs, src)
        sqs.change_message_visibility(QueueUrl=src, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
    assert receive(sqs, src, wait=0) == []
    [dead] = receive(sqs, dlq, AttributeNames=["MessageGroupId"])
    assert dead["Body"] == "retry me" and dead["Attributes"]["MessageGroupId"] == "g"


def test_redrive_policy_validation_and_allow_policies(emulator):
    sqs = sqs_client(emulator)
    src = create_queue(sqs, "source")
    deny = create_queue(sqs, "deny-dlq", RedriveAllowPolicy=json.dumps({"redrivePermission": "denyAll"}))
    assert json.loads(attributes_of(sqs, deny, "RedriveAllowPolicy")["RedriveAllowPolicy"]) == \
        {"redrivePermission": "denyAll"}
    code, _, status = error_of(sqs.set_queue_attributes, QueueUrl=src,
                               Attributes={"RedrivePolicy": redrive(queue_arn("deny-dlq"), 3)})
    assert (code, status) == ("InvalidParameterValue", 400)
    assert error_of(sqs.create_queue, QueueName="source-2", Attributes={
        "RedrivePolicy": redrive(queue_arn("deny-dlq"), 3)})[0] == "InvalidParameterValue"
    assert "RedrivePolicy" not in attributes_of(sqs, src)

    create_queue(sqs, "by-queue-dlq", RedriveAllowPolicy=json.dumps(
        {"redrivePermission": "byQueue", "sourceQueueArns": [queue_arn("source")]}))
    sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": redrive(queue_arn("by-queue-dlq"), 3)})
    other = create_queue(sqs, "not-listed")
    assert error_of(sqs.set_queue_attributes, QueueUrl=other, Attributes={
        "RedrivePolicy": redrive(queue_arn("by-queue-dlq"), 3)})[0] == "InvalidParameterValue"
    create_queue(sqs, "allow-dlq", RedriveAllowPolicy=json.dumps({"redrivePermission": "allowAll"}))
    sqs.set_queue_attributes(QueueUrl=other, Attributes={"RedrivePolicy": redrive(queue_arn("allow-dlq"), 3)})

    # A target that does not exist, or a policy without maxReceiveCount.
    assert error_of(sqs.set_queue_attributes, QueueUrl=other, Attributes={
        "RedrivePolicy": redrive(queue_arn("no-such-queue"), 3)})[0] == "InvalidParameterValue"
    assert error_of(sqs.set_queue_attributes, QueueUrl=other, Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": queue_arn("allow-dlq")})})[0] == \
        "InvalidParameterValue"


def test_message_move_task_back_to_the_source(emulator):
    sqs = sqs_client(emulator)
    dlq = create_queue(sqs, "dlq")
    src = create_queue(sqs, "src", VisibilityTimeout=0, RedrivePolicy=redrive(queue_arn("dlq"), 1))
    for i in range(3):
        sqs.send_message(QueueUrl=src, MessageBody=f"m{i}")
    for _ in range(10):
        if counts(sqs, dlq)[0] == 3:
            break
        receive(sqs, src, wait=0, MaxNumberOfMessages=10)
    assert counts(sqs, dlq) == (3, 0) and counts(sqs, src) == (0, 0)

    status, _, out = json_call(emulator, "StartMessageMoveTask", {"SourceArn": queue_arn("dlq")})
    assert status == 200, out
    assert out["TaskHandle"]

    def completed():
        status, _, listed = json_call(emulator, "ListMessageMoveTasks", {"SourceArn": queue_arn("dlq")})
        assert status == 200, listed
        results = listed.get("Results", [])
        return results[0] if results and results[0]["Status"] == "COMPLETED" else None

    assert wait_until(completed, timeout=10, interval=0.1)
    task = completed()
    assert task["SourceArn"] == queue_arn("dlq")
    assert task["ApproximateNumberOfMessagesMoved"] == 3
    assert abs(task["StartedTimestamp"] - time.time() * 1000) < 60_000
    assert counts(sqs, dlq) == (0, 0) and counts(sqs, src) == (3, 0)
    sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": ""})
    got = []
    for _ in range(5):  # the queue's VisibilityTimeout is 0: hide what was received
        got += receive(sqs, src, wait=0, MaxNumberOfMessages=10, VisibilityTimeout=60)
    assert sorted(bodies(got)) == ["m0", "m1", "m2"]


def test_message_move_task_errors(emulator):
    status, headers, out = json_call(emulator, "StartMessageMoveTask",
                                     {"SourceArn": queue_arn("missing-dlq")})
    assert status == 400
    assert out["__type"] == "com.amazonaws.sqs#ResourceNotFoundException"
    status, _, out = json_call(emulator, "ListMessageMoveTasks", {"SourceArn": queue_arn("missing-dlq")})
    assert status == 400 and out["__type"] == "com.amazonaws.sqs#ResourceNotFoundException"
