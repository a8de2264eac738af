"""The projector's rules, run here against the stack's books table: a command applied twice, or
older than the last one a book saw, changes nothing; a poison message is a batch item failure."""

import importlib.util
import json
import os
import time
import uuid
from pathlib import Path

import pytest

from conftest import RUN, env

SOURCE = Path(__file__).resolve().parent.parent / "src" / "projector" / "app.py"


@pytest.fixture(scope="module")
def projector(dynamodb):
    # What the module reads when it is imported (a Lambda function has them all).
    os.environ.setdefault("BOOKS_TABLE", env("BOOKS_TABLE_NAME"))
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    spec = importlib.util.spec_from_file_location("books_projector", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.BOOKS_TABLE = env("BOOKS_TABLE_NAME")
    module.dynamodb = dynamodb  # the tests' client (endpoint, region and credentials)
    return module


def command(action, book_id, issued, title=None):
    book = None
    if action != "delete":
        book = {"title": title or f"Direct {RUN}", "author": f"Tester {RUN}", "year": 2001}
    return {
        "commandId": str(uuid.uuid4()),
        "action": action,
        "bookId": book_id,
        "book": book,
        "issuedAt": issued,
    }


def stored(dynamodb, book_id):
    item = dynamodb.get_item(
        TableName=env("BOOKS_TABLE_NAME"), Key={"id": {"S": book_id}}, ConsistentRead=True
    ).get("Item")
    if item is None:
        return None
    return {"title": item["title"]["S"], "version": int(item["version"]["N"])}


def test_replayed_and_stale_commands_change_nothing(projector, dynamodb):
    book_id = f"direct-{RUN}"
    t = time.time_ns()
    create = command("create", book_id, t, title=f"First {RUN}")
    update = command("update", book_id, t + 2, title=f"Second {RUN}")
    stale = command("update", book_id, t + 1, title=f"Stale {RUN}")
    delete = command("delete", book_id, t + 3)
    try:
        assert projector.apply(create) is True
        assert projector.apply(create) is False
        assert stored(dynamodb, book_id) == {"title": f"First {RUN}", "version": 1}

        assert projector.apply(update) is True
        assert projector.apply(update) is False  # replayed
        assert projector.apply(stale) is False  # older than the update
        assert projector.apply(create) is False
        assert stored(dynamodb, book_id) == {"title": f"Second {RUN}", "version": 2}

        assert projector.apply(delete) is True
        assert projector.apply(delete) is False
        assert projector.apply(update) is False
        assert stored(dynamodb, book_id) is None
    finally:
        dynamodb.delete_item(TableName=env("BOOKS_TABLE_NAME"), Key={"id": {"S": book_id}})


def test_poison_messages_are_batch_item_failures(projector):
    good = command("delete", f"never-existed-{RUN}", time.time_ns())  # applies as a no-op
    records = [
        {"messageId": "m-good", "body": json.dumps(good)},
        {"messageId": "m-json", "body": "{not json"},
        {"messageId": "m-action", "body": json.dumps({**good, "action": "shred"})},
        {"messageId": "m-array", "body": "[]"},
        {"messageId": "m-book", "body": json.dumps({**good, "action": "create", "book": {}})},
    ]
    out = projector.handler({"Records": records}, None)
    assert out == {
        "batchItemFailures": [
            {"itemIdentifier": "m-json"},
            {"itemIdentifier": "m-action"},
            {"itemIdentifier": "m-array"},
            {"itemIdentifier": "m-book"},
        ]
    }
