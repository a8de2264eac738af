"""Applies the command queue's commands to the books table.

An SQS event source (BatchSize 10, ReportBatchItemFailures) delivers the commands.

A command: {"commandId": str, "action": "create"|"update"|"delete", "bookId": str,
            "book": {title, author, year[, isbn]} | null, "issuedAt": int (ns since the epoch)}

Writes are conditional, so applying a command twice changes nothing, and a command older than
the last one applied to a book is skipped: every book stores `lastSeq` ("issuedAt#commandId",
zero-padded so that strings compare in time order) and a write requires the stored one to be
smaller. (One gap remains: a `create` redelivered after its book was deleted creates it again.)
A message that is not a valid command (poison) is reported as a batch item failure; with the
queue's maxReceiveCount of 1 it then goes to the dead-letter queue. Its visibility timeout is set
to 0 first, so that it is received (and dead-lettered) again at once rather than after the
queue's visibility timeout: retrying it could never help.
"""

import json
import logging
import os
from datetime import datetime, timezone

import boto3
from botocore.exceptions import ClientError

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

# AWS_ENDPOINT_URL is set by local emulators (and unset on AWS, where None means the default).
_endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
dynamodb = boto3.client("dynamodb", endpoint_url=_endpoint)
sqs = boto3.client("sqs", endpoint_url=_endpoint)

BOOKS_TABLE = os.environ["BOOKS_TABLE"]
COMMAND_QUEUE_URL = os.environ.get("COMMAND_QUEUE_URL")
ACTIONS = {"create", "update", "delete"}


class Poison(Exception):
    """A message that can never be applied."""


def parse(body):
    try:
        command = json.loads(body)
    except ValueError:
        raise Poison("not JSON") from None
    if not isinstance(command, dict):
        raise Poison("not a JSON object")
    if command.get("action") not in ACTIONS:
        raise Poison(f"unknown action {command.get('action')!r}")
    for key in ("commandId", "bookId"):
        if not isinstance(command.get(key), str) or not command[key]:
            raise Poison(f"{key} missing")
    issued = command.get("issuedAt")
    if isinstance(issued, bool) or not isinstance(issued, int) or issued < 0:
        raise Poison("issuedAt missing")
    if command["action"] != "delete":
        book = command.get("book")
        if (
            not isinstance(book, dict)
            or not isinstance(book.get("title"), str)
            or not isinstance(book.get("author"), str)
            or isinstance(book.get("year"), bool)
            or not isinstance(book.get("year"), int)
            or not isinstance(book.get("isbn", ""), str)
        ):
            raise Poison("book missing or malformed")
    return command


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _seq(command):
    return f"{command['issuedAt']:020d}#{command['commandId']}"


# Applied, or skipped because newer: either way the command is done.
NEWER_OR_SAME = "attribute_exists(id) AND (attribute_not_exists(lastSeq) OR lastSeq < :seq)"


def apply(command):
    book_id = command["bookId"]
    seq = _seq(command)
    now = _now()
    try:
        if command["action"] == "create":
            book = command["book"]
            item = {
                "id": {"S": book_id},
                "title": {"S": book["title"]},
                "author": {"S": book["author"]},
                "year": {"N": str(book["year"])},
                "version": {"N": "1"},
                "lastSeq": {"S": seq},
                "lastCommandId": {"S": command["commandId"]},
                "createdAt": {"S": now},
                "updatedAt": {"S": now},
            }
            if book.get("isbn"):
                item["isbn"] = {"S": book["isbn"]}
            dynamodb.put_item(
                TableName=BOOKS_TABLE, Item=item, ConditionExpression="attribute_not_exists(id)"
            )
        elif command["action"] == "update":
            book = command["book"]
            names = {"#t": "title", "#a": "author", "#y": "year", "#v": "version", "#i": "isbn"}
            values = {
                ":t": {"S": book["title"]},
                ":a": {"S": book["author"]},
                ":y": {"N": str(book["year"])},
                ":one": {"N": "1"},
                ":zero": {"N": "0"},
                ":seq": {"S": seq},
                ":cid": {"S": command["commandId"]},
                ":now": {"S": now},
            }
            update = (
                "SET #t = :t, #a = :a, #y = :y, #v = if_not_exists(#v, :zero) + :one, "
                "lastSeq = :seq, lastCommandId = :cid, updatedAt = :now"
            )
            if book.get("isbn"):
                values[":i"] = {"S": book["isbn"]}
                update += ", #i = :i"
            else:
                update += " REMOVE #i"
            dynamodb.update_item(
                TableName=BOOKS_TABLE,
                Key={"id": {"S": book_id}},
                UpdateExpression=update,
                ConditionExpression=NEWER_OR_SAME,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
        else:
            dynamodb.delete_item(
                TableName=BOOKS_TABLE,
                Key={"id": {"S": book_id}},
                ConditionExpression=NEWER_OR_SAME,
                ExpressionAttributeValues={":seq": {"S": seq}},
            )
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
            raise
        logger.info(
            "skipped %s %s (%s): already applied, superseded or no such book",
            command["action"],
            book_id,
            command["commandId"],
        )
        return False
    logger.info("applied %s %s (%s)", command["action"], book_id, command["commandId"])
    return True


def dead_letter_now(record):
    """Makes a poison message visible again at once: its next receive sends it to the DLQ."""
    if not COMMAND_QUEUE_URL or not record.get("receiptHandle"):
        return
    try:
        sqs.change_message_visibility(
            QueueUrl=COMMAND_QUEUE_URL, ReceiptHandle=record["receiptHandle"], VisibilityTimeout=0
        )
    except Exception as e:  # noqa: BLE001 - it then goes after the visibility timeout instead
        logger.warning("could not release poison message %s: %s", record.get("messageId"), e)


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        message_id = record.get("messageId")
        try:
            apply(parse(record.get("body") or ""))
        except Poison as e:
            logger.error("poison message %s: %s", message_id, e)
            dead_letter_now(record)
            failures.append({"itemIdentifier": message_id})
        except Exception:  # noqa: BLE001 - left on the queue for its redrive policy
            logger.exception("could not apply message %s", message_id)
            failures.append({"itemIdentifier": message_id})
    return {"batchItemFailures": failures}
