"""A poison command sent straight to the command queue ends in the dead-letter queue: the projector
reports it as a batch item failure (after making it visible again) and the queue's
maxReceiveCount is 1.

The messages were sent when the tests were collected (conftest.poison_messages), so their trip
is over, or nearly, by the time this test, which runs last, looks."""

import time

import pytest

from conftest import DLQ_TIMEOUT, POISON_PREFIX, env


@pytest.mark.last
def test_poison_commands_reach_the_dead_letter_queue(sqs, poison_messages):
    assert poison_messages, "COMMAND_QUEUE_URL / DEAD_LETTER_QUEUE_URL are not set"
    url = env("DEAD_LETTER_QUEUE_URL")
    waiting = dict(poison_messages)  # label -> marker
    others = []  # receipt handles of messages that are not test poison: made visible again
    deadline = time.monotonic() + DLQ_TIMEOUT
    try:
        while waiting and time.monotonic() < deadline:
            out = sqs.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=10,
                WaitTimeSeconds=1,
                VisibilityTimeout=30,
                AttributeNames=["ApproximateReceiveCount"],
            )
            for message in out.get("Messages", []):
                body = message["Body"]
                found = [label for label, marker in waiting.items() if marker in body]
                for label in found:
                    del waiting[label]
                if found or POISON_PREFIX in body:  # ours, or left over by an earlier run
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                else:
                    others.append(message["ReceiptHandle"])
    finally:
        for handle in others:
            sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
    assert not waiting, f"not in the dead-letter queue after {DLQ_TIMEOUT} s: {sorted(waiting)}"
