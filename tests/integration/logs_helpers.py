"""Helpers shared by the CloudWatch Logs integration tests: clients, error capture, clock."""

import time

from conftest import error_of  # noqa: F401 - for the tests

ACCOUNT = "000000000000"
REGION = "us-east-1"
HOUR = 3600 * 1000
DAY = 24 * HOUR


def now_ms():
    return int(time.time() * 1000)


def logs_client(emulator, validate=True):
    """A boto3 logs client; validate=False lets bad input reach the emulator unchecked."""
    return emulator.client("logs", parameter_validation=validate)


def code_of(call, *args, **kwargs):
    code, _, status = error_of(call, *args, **kwargs)
    return code, status


def make_stream(logs, group="g", stream="s"):
    try:
        logs.create_log_group(logGroupName=group)
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
    logs.create_log_stream(logGroupName=group, logStreamName=stream)


def put(logs, events, group="g", stream="s"):
    """events: [(timestamp, message)]"""
    return logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
        {"timestamp": t, "message": m} for t, m in events])


def all_pages(call, member, **kwargs):
    """Follows nextToken to the end; returns every item of `member` in order."""
    items, token = [], None
    while True:
        page = call(**kwargs, **({"nextToken": token} if token else {}))
        items += page[member]
        token = page.get("nextToken")
        if not token:
            return items


def messages(events):
    return [e["message"] for e in events]
