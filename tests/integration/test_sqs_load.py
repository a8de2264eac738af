"""SQS under concurrent load: 4 producer and 4 consumer threads, each with its own boto3 client,
move 20,000 unique messages through one queue. Every message must be received exactly once
(the visibility timeout, 60 s, is never exceeded, so there is no reason for a redelivery) and the
queue must be empty at the end. The clients speak SQS's JSON protocol, as current SDKs do."""

import collections
import threading
import time

from sqs_helpers import sqs_client

TOTAL = 20_000
PRODUCERS = 4
CONSUMERS = 4
BATCH = 10
TIME_LIMIT = 120.0


def test_producers_and_consumers_move_every_message_exactly_once(emulator):
    admin = sqs_client(emulator)
    url = admin.create_queue(QueueName="load", Attributes={"VisibilityTimeout": "60"})["QueueUrl"]
    # boto3 client creation is not thread-safe: make them all here, use each in one thread.
    producers = [sqs_client(emulator) for _ in range(PRODUCERS)]
    consumers = [sqs_client(emulator) for _ in range(CONSUMERS)]

    began = time.monotonic()
    deadline = began + TIME_LIMIT
    lock = threading.Lock()
    sent_ids = {}                          # body -> MessageId, from SendMessageBatch answers
    received = collections.Counter()       # body -> times received
    received_ids = {}                      # body -> MessageId as received
    errors = []
    producers_done = threading.Event()
    all_received = threading.Event()

    def produce(client, index):
        try:
            mine = [f"p{index}-m{i:05d}" for i in range(TOTAL // PRODUCERS)]
            for start in range(0, len(mine), BATCH):
                if time.monotonic() > deadline:
                    raise AssertionError("producer ran out of time")
                chunk = mine[start:start + BATCH]
                res = client.send_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "MessageBody": body} for i, body in enumerate(chunk)])
                if res.get("Failed"):
                    raise AssertionError(f"SendMessageBatch failed entries: {res['Failed']}")
                assert len(res["Successful"]) == len(chunk)
                with lock:
                    for entry in res["Successful"]:
                        sent_ids[chunk[int(entry["Id"])]] = entry["MessageId"]
        except Exception as e:  # noqa: BLE001 - reported by the main thread
            errors.append(f"producer {index}: {e!r}")

    def consume(client, index):
        try:
            empty_after_producers = 0
            while not all_received.is_set() and empty_after_producers < 3:
                if time.monotonic() > deadline:
                    raise AssertionError("consumer ran out of time")
                done_before = producers_done.is_set()
                res = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                             WaitTimeSeconds=1)
                messages = res.get("Messages", [])
                if not messages:
                    empty_after_producers = empty_after_producers + 1 if done_before else 0
                    continue
                empty_after_producers = 0
                assert len(messages) <= 10
                with lock:
                    for m in messages:
                        received[m["Body"]] += 1
                        received_ids[m["Body"]] = m["MessageId"]
                    if sum(received.values()) >= TOTAL:
                        all_received.set()
                res = client.delete_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                    for i, m in enumerate(messages)])
                if res.get("Failed"):
                    raise AssertionError(f"DeleteMessageBatch failed entries: {res['Failed']}")
                assert len(res["Successful"]) == len(messages)
        except Exception as e:  # noqa: BLE001 - reported by the main thread
            errors.append(f"consumer {index}: {e!r}")

    consumer_threads = [threading.Thread(target=consume, args=(c, i), daemon=True)
                        for i, c in enumerate(consumers)]
    producer_threads = [threading.Thread(target=produce, args=(c, i), daemon=True)
                        for i, c in enumerate(producers)]
    for t in consumer_threads + producer_threads:
        t.start()
    for t in producer_threads:
        t.join(max(0.0, deadline - time.monotonic()))
    producers_done.set()
    for t in consumer_threads:
        t.join(max(0.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - began

    assert not errors, errors
    assert not any(t.is_alive() for t in producer_threads + consumer_threads), \
        f"threads still running after {elapsed:.1f} s"
    assert elapsed < TIME_LIMIT
    assert len(sent_ids) == TOTAL
    assert len(set(sent_ids.values())) == TOTAL, "MessageIds are not unique"
    duplicates = {body: n for body, n in received.items() if n > 1}
    assert not duplicates, f"{len(duplicates)} messages received more than once, e.g. " \
                           f"{list(duplicates.items())[:5]}"
    missing = set(sent_ids) - set(received)
    assert not missing, f"{len(missing)} messages never received, e.g. {sorted(missing)[:5]}"
    assert set(received) == set(sent_ids)
    assert received_ids == sent_ids

    # Nothing is left: not visible, not in flight, and a last receive finds nothing.
    assert admin.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                 WaitTimeSeconds=1).get("Messages", []) == []
    attrs = admin.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed"])["Attributes"]
    assert attrs == {"ApproximateNumberOfMessages": "0",
                     "ApproximateNumberOfMessagesNotVisible": "0",
                     "ApproximateNumberOfMessagesDelayed": "0"}
