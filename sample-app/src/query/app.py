"""Read side of the books API (API Gateway AWS_PROXY, payload 1.0).

GET /v1/catalog/books                 ?limit=1..100 (20) &next=TOKEN &author=NAME
GET /v1/catalog/books/{id}
GET /v1/catalog/books/{id}/history    ?limit=1..100 (20) &next=TOKEN
"""

import base64
import binascii
import json
import logging
import os
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

# AWS_ENDPOINT_URL is set by local emulators (and unset on AWS, where None means the default).
dynamodb = boto3.client("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None)

BOOKS_TABLE = os.environ["BOOKS_TABLE"]
HISTORY_TABLE = os.environ["HISTORY_TABLE"]
AUTHOR_INDEX = "by-author"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Bookkeeping attributes of the projector that the API does not show.
INTERNAL = {"lastSeq", "lastCommandId"}

_deserializer = TypeDeserializer()
_serializer = TypeSerializer()


class BadRequest(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, set, tuple)):
        return [_plain(v) for v in value]
    return value


def _item(attrs):
    return _plain({k: _deserializer.deserialize(v) for k, v in attrs.items()})


def _book(attrs):
    return {k: v for k, v in _item(attrs).items() if k not in INTERNAL}


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json", "Cache-Control": "no-store"},
        "body": json.dumps(body),
    }


def _error(status, message, field=None):
    body = {"message": message}
    if field:
        body["field"] = field
    return _response(status, body)


def _limit(params):
    raw = params.get("limit")
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be an integer from 1 to {MAX_LIMIT}", "limit")
    return limit


# The page token is the query's LastEvaluatedKey, base64url-encoded JSON: opaque to clients.
def _encode_token(last_key):
    if not last_key:
        return None
    plain = {k: _deserializer.deserialize(v) for k, v in last_key.items()}
    raw = json.dumps(plain, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_token(token, key_names):
    if token is None or token == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        plain = json.loads(raw)
    except (binascii.Error, ValueError):
        raise BadRequest("next is not a valid page token", "next") from None
    if (
        not isinstance(plain, dict)
        or set(plain) != set(key_names)
        or not all(isinstance(v, str) for v in plain.values())
    ):
        raise BadRequest("next is not a valid page token", "next")
    return {k: _serializer.serialize(v) for k, v in plain.items()}


def list_books(params):
    limit = _limit(params)
    author = params.get("author")
    if author is not None and author.strip() == "":
        raise BadRequest("author must not be empty", "author")
    if author is not None:
        request = {
            "TableName": BOOKS_TABLE,
            "IndexName": AUTHOR_INDEX,
            "KeyConditionExpression": "author = :a",
            "ExpressionAttributeValues": {":a": {"S": author}},
            "Limit": limit,
        }
        start = _decode_token(params.get("next"), ["id", "author", "title"])
        if start:
            request["ExclusiveStartKey"] = start
        out = dynamodb.query(**request)
    else:
        request = {"TableName": BOOKS_TABLE, "Limit": limit}
        start = _decode_token(params.get("next"), ["id"])
        if start:
            request["ExclusiveStartKey"] = start
        out = dynamodb.scan(**request)
    return _response(
        200,
        {
            "items": [_book(i) for i in out.get("Items", [])],
            "next": _encode_token(out.get("LastEvaluatedKey")),
        },
    )


def get_book(book_id):
    out = dynamodb.get_item(TableName=BOOKS_TABLE, Key={"id": {"S": book_id}})
    if "Item" not in out:
        return _error(404, f"Book not found: {book_id}")
    return _response(200, _book(out["Item"]))


def book_history(book_id, params):
    limit = _limit(params)
    request = {
        "TableName": HISTORY_TABLE,
        "KeyConditionExpression": "bookId = :b",
        "ExpressionAttributeValues": {":b": {"S": book_id}},
        "ScanIndexForward": True,
        "Limit": limit,
    }
    start = _decode_token(params.get("next"), ["bookId", "at"])
    if start:
        request["ExclusiveStartKey"] = start
    out = dynamodb.query(**request)
    return _response(
        200,
        {
            "items": [_item(i) for i in out.get("Items", [])],
            "next": _encode_token(out.get("LastEvaluatedKey")),
        },
    )


def handler(event, context):
    method = event.get("httpMethod")
    resource = event.get("resource")
    params = event.get("queryStringParameters") or {}
    path_params = event.get("pathParameters") or {}
    try:
        if method != "GET":
            return _error(405, f"Method not allowed: {method}")
        if resource == "/v1/catalog/books":
            return list_books(params)
        if resource == "/v1/catalog/books/{id}":
            return get_book(path_params["id"])
        if resource == "/v1/catalog/books/{id}/history":
            return book_history(path_params["id"], params)
        return _error(404, f"No route for {method} {resource}")
    except BadRequest as e:
        return _error(400, e.message, e.field)
