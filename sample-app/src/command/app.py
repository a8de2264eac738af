"""Write side of the books API (API Gateway AWS_PROXY, payload 1.0, Cognito user pool authorizer).

POST   /v1/catalog/books        create a book (the id is generated here)
PUT    /v1/catalog/books/{id}   replace a book
DELETE /v1/catalog/books/{id}   delete a book

Only members of the `editors` group may write (403 otherwise). A valid request becomes a command
on the command queue and is answered 202 {commandId, bookId, action}; the projector applies it.
"""

import base64
import json
import logging
import os
import re
import time
import uuid

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

# AWS_ENDPOINT_URL is set by local emulators (and unset on AWS, where None means the default).
_endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
sqs = boto3.client("sqs", endpoint_url=_endpoint)
dynamodb = boto3.client("dynamodb", endpoint_url=_endpoint)

BOOKS_TABLE = os.environ["BOOKS_TABLE"]
COMMAND_QUEUE_URL = os.environ["COMMAND_QUEUE_URL"]
EDITORS = "editors"
FIELDS = {"title", "author", "year", "isbn"}
MAX_TITLE = 200
MAX_YEAR = 2100
ISBN = re.compile(r"^(\d{9}[\dX]|\d{13})$")


class BadRequest(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


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


def groups(event):
    """The caller's groups from the authorizer's `cognito:groups` claim.

    A REST API hands claims over as strings: "editors", "editors,admins", or, from some
    integrations, "[editors, admins]" / "[editors admins]". A list is accepted too.
    """
    claims = ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
    raw = claims.get("cognito:groups")
    if raw is None:
        return set()
    if isinstance(raw, list):
        return {str(g) for g in raw}
    return {g for g in re.split(r"[\s,]+", str(raw).strip().strip("[]")) if g}


def _body(event):
    raw = event.get("body")
    if raw is None or raw == "":
        raise BadRequest("The request body must be a JSON object")
    if event.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8", errors="replace")
    try:
        body = json.loads(raw)
    except ValueError:
        raise BadRequest("The request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object")
    return body


def validate_book(body):
    """The book in a POST/PUT body, or BadRequest naming the first bad field."""
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise BadRequest(f"Unknown field: {unknown[0]}", unknown[0])
    title = body.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
        raise BadRequest(
            f"title is required and must be a non-empty string of at most {MAX_TITLE} characters",
            "title",
        )
    author = body.get("author")
    if not isinstance(author, str) or not author.strip():
        raise BadRequest("author is required and must be a non-empty string", "author")
    year = body.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 0 <= year <= MAX_YEAR:
        raise BadRequest(f"year is required and must be an integer from 0 to {MAX_YEAR}", "year")
    book = {"title": title.strip(), "author": author.strip(), "year": year}
    if "isbn" in body and body["isbn"] is not None:
        isbn = body["isbn"]
        if not isinstance(isbn, str) or not ISBN.match(re.sub(r"[\s-]", "", isbn)):
            raise BadRequest("isbn must be an ISBN-10 or ISBN-13 string", "isbn")
        book["isbn"] = isbn.strip()
    return book


def _exists(book_id):
    out = dynamodb.get_item(
        TableName=BOOKS_TABLE,
        Key={"id": {"S": book_id}},
        ProjectionExpression="id",
        ConsistentRead=True,
    )
    return "Item" in out


def _send(action, book_id, book, event):
    command = {
        "commandId": str(uuid.uuid4()),
        "action": action,
        "bookId": book_id,
        "book": book,
        # The order of commands: a command older than the one a book last saw is not applied.
        "issuedAt": time.time_ns(),
        "issuedBy": (
            ((event.get("requestContext") or {}).get("authorizer") or {}).get("claims") or {}
        ).get("cognito:username"),
    }
    sqs.send_message(QueueUrl=COMMAND_QUEUE_URL, MessageBody=json.dumps(command))
    logger.info("queued %s %s as %s", action, book_id, command["commandId"])
    return _response(202, {"commandId": command["commandId"], "bookId": book_id, "action": action})


def handler(event, context):
    method = event.get("httpMethod")
    resource = event.get("resource")
    book_id = (event.get("pathParameters") or {}).get("id")
    if EDITORS not in groups(event):
        return _error(403, "Only editors may change the catalog")
    try:
        if resource == "/v1/catalog/books" and method == "POST":
            return _send("create", str(uuid.uuid4()), validate_book(_body(event)), event)
        if resource == "/v1/catalog/books/{id}" and method == "PUT":
            book = validate_book(_body(event))
            if not _exists(book_id):
                return _error(404, f"Book not found: {book_id}")
            return _send("update", book_id, book, event)
        if resource == "/v1/catalog/books/{id}" and method == "DELETE":
            if not _exists(book_id):
                return _error(404, f"Book not found: {book_id}")
            return _send("delete", book_id, None, event)
        return _error(405, f"Method not allowed: {method} {resource}")
    except BadRequest as e:
        return _error(400, e.message, e.field)
