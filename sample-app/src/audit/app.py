"""Records every change of the books table in the history table (DynamoDB stream event source).

One history item per stream record: bookId, at ("<approximate creation time>#<sequence number>",
so a book's entries sort in the order of its changes and are unique), eventName
(INSERT/MODIFY/REMOVE), the old and new values of the book's fields and which of them changed.
The key is derived from the record, so a batch delivered twice writes the same items again.
"""

import logging
import os
from datetime import datetime, timezone

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

# AWS_ENDPOINT_URL is set by local emulators (and unset on AWS, where None means the default).
dynamodb = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)

HISTORY_TABLE = os.environ["HISTORY_TABLE"]
FIELDS = ("title", "author", "year", "isbn")

_deserializer = TypeDeserializer()
_serializer = TypeSerializer()


def _fields(image):
    if not image:
        return {}
    return {k: _deserializer.deserialize(image[k]) for k in FIELDS if k in image}


def _at(record):
    change = record["dynamodb"]
    when = change.get("ApproximateCreationDateTime")
    stamp = (
        datetime.fromtimestamp(float(when), timezone.utc) if when is not None
        else datetime.now(timezone.utc)
    )
    iso = stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    # Sequence numbers are decimal strings of varying length: pad them to sort as numbers.
    return f"{iso}#{change['SequenceNumber'].zfill(40)}"


def entry(record):
    change = record["dynamodb"]
    old = _fields(change.get("OldImage"))
    new = _fields(change.get("NewImage"))
    item = {
        "bookId": _deserializer.deserialize(change["Keys"]["id"]),
        "at": _at(record),
        "eventName": record["eventName"],
        "eventId": record.get("eventID", ""),
        "old": old,
        "new": new,
        "changed": [k for k in FIELDS if old.get(k) != new.get(k)],
    }
    image = change.get("NewImage") or {}
    if "version" in image:
        item["version"] = _deserializer.deserialize(image["version"])
    if "lastCommandId" in image:
        item["commandId"] = _deserializer.deserialize(image["lastCommandId"])
    return item


def handler(event, context):
    records = event.get("Records", [])
    for record in records:
        if "id" not in record.get("dynamodb", {}).get("Keys", {}):
            logger.warning("skipped a record without an id key: %s", record.get("eventID"))
            continue
        item = entry(record)
        dynamodb.put_item(
            TableName=HISTORY_TABLE, Item={k: _serializer.serialize(v) for k, v in item.items()}
        )
        logger.info("%s %s at %s", item["eventName"], item["bookId"], item["at"])
    return {"processed": len(records)}
