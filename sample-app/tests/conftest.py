"""Shared fixtures of the sample app's tests.

Configured only by environment variables (the stack's Outputs in UPPER_SNAKE_CASE, as
`preflight gate` exports them), so the same tests run against the emulator and against AWS:

  API_URL                 stage base URL, e.g. https://abc.execute-api.us-east-1.amazonaws.com/beta
  PREFLIGHT_STAGE         beta | prod (informational)
  AWS_REGION              region of the stack (AWS_DEFAULT_REGION is used when it is unset)
  AWS_ENDPOINT_URL        the emulator's endpoint; absent on AWS
  USER_POOL_ID, USER_POOL_CLIENT_ID, BOOKS_TABLE_NAME, HISTORY_TABLE_NAME,
  COMMAND_QUEUE_URL, DEAD_LETTER_QUEUE_URL
  EDITOR_USERNAME / EDITOR_PASSWORD, READER_USERNAME / READER_PASSWORD
                          default to the users of fixtures/books.yaml
"""

import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

# Books of fixtures/books.yaml that the tests rely on (and never change).
SEEDED = {
    "b-001": {"title": "A Wizard of Earthsea", "author": "Ursula K. Le Guin", "year": 1968},
    "b-002": {"title": "The Left Hand of Darkness", "author": "Ursula K. Le Guin", "year": 1969},
    "b-003": {"title": "The Dispossessed", "author": "Ursula K. Le Guin", "year": 1974},
    "b-004": {"title": "Dune", "author": "Frank Herbert", "year": 1965},
    "b-005": {"title": "Kindred", "author": "Octavia E. Butler", "year": 1979},
    "b-006": {"title": "Parable of the Sower", "author": "Octavia E. Butler", "year": 1993},
}

# One id per test session: every book, title and message a session makes carries it, so runs
# against the same stack (beta, then prod) never see each other's data.
RUN = uuid.uuid4().hex[:12]
POISON_PREFIX = "preflight-poison-"

POLL_INTERVAL = 0.05
POLL_TIMEOUT = float(os.environ.get("POLL_TIMEOUT", "5"))
DLQ_TIMEOUT = float(os.environ.get("DLQ_TIMEOUT", "15"))


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None or value == "":
        pytest.fail(f"environment variable {name} is not set (see sample-app/tests/conftest.py)")
    return value


def eventually(probe, timeout=None, what="the condition"):
    """Calls probe() every 50 ms until it returns something truthy (returned), or fails."""
    deadline = time.monotonic() + (POLL_TIMEOUT if timeout is None else timeout)
    last = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out waiting for {what}; last result: {last!r}")
        time.sleep(POLL_INTERVAL)


# --- HTTP ----------------------------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers
        self.text = text
        try:
            self.json = json.loads(text) if text else None
        except ValueError:
            self.json = None

    def __repr__(self):
        return f"<{self.status} {self.text[:300]!r}>"


class Api:
    """The stage's REST API, through urllib."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def call(self, method, path, body=None, token=None, query=None, raw_body=None):
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        headers = {"Accept": "application/json"}
        data = None
        if raw_body is not None:
            data = raw_body.encode() if isinstance(raw_body, str) else raw_body
        elif body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = token
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return Response(r.status, dict(r.headers), r.read().decode())
        except urllib.error.HTTPError as e:
            return Response(e.code, dict(e.headers), e.read().decode())

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.call("DELETE", path, **kw)


BOOKS = "/v1/catalog/books"


def book_path(book_id):
    return f"{BOOKS}/{urllib.parse.quote(book_id, safe='')}"


# --- AWS clients ---------------------------------------------------------------------------------


def region():
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


def aws_client(service):
    import boto3  # here, not at the top: it takes a while, and the session starts without it

    endpoint = os.environ.get("AWS_ENDPOINT_URL") or None
    kwargs = {"region_name": region(), "endpoint_url": endpoint}
    if endpoint and not os.environ.get("AWS_ACCESS_KEY_ID"):
        # The emulator takes any credentials; on AWS the usual credential chain applies.
        kwargs.update(aws_access_key_id="test", aws_secret_access_key="test")
    return boto3.client(service, **kwargs)


def id_token(username, password):
    """Cognito InitiateAuth (USER_PASSWORD_AUTH, an unsigned call) through urllib."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or f"https://cognito-idp.{region()}.amazonaws.com"
    request = urllib.request.Request(
        endpoint.rstrip("/") + "/",
        method="POST",
        data=json.dumps(
            {
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": env("USER_POOL_CLIENT_ID"),
                "AuthParameters": {"USERNAME": username, "PASSWORD": password},
            }
        ).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read())["AuthenticationResult"]["IdToken"]
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"InitiateAuth for {username}: {e.code} {e.read().decode()}") from None


def _env_credentials():
    """(key, secret, session token) from the environment; test/test for the emulator; else None."""
    key = os.environ.get("AWS_ACCESS_KEY_ID")
    secret = os.environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        return key, secret, os.environ.get("AWS_SESSION_TOKEN")
    if os.environ.get("AWS_ENDPOINT_URL"):
        return "test", "test", None
    return None


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def sqs_send(queue_url, body):
    """SQS SendMessage (JSON protocol, SigV4-signed here) through urllib.

    Used when the session starts, so that the first message is on its way without waiting for
    boto3 to load (about a second). Credentials other than the environment's go through boto3.
    """
    credentials = _env_credentials()
    if credentials is None:
        aws_client("sqs").send_message(QueueUrl=queue_url, MessageBody=body)
        return
    key, secret, token = credentials
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or f"https://sqs.{region()}.amazonaws.com"
    payload = json.dumps({"QueueUrl": queue_url, "MessageBody": body}).encode()
    now = datetime.now(timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    url = urllib.parse.urlsplit(endpoint.rstrip("/") + "/")
    headers = {
        "content-type": "application/x-amz-json-1.0",
        "host": url.netloc,
        "x-amz-date": amz_date,
        "x-amz-target": "AmazonSQS.SendMessage",
    }
    if token:
        headers["x-amz-security-token"] = token
    signed = ";".join(sorted(headers))
    canonical = "\n".join(
        [
            "POST",
            url.path,
            "",
            "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)),
            signed,
            hashlib.sha256(payload).hexdigest(),
        ]
    )
    scope = f"{day}/{region()}/sqs/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    signing_key = f"AWS4{secret}".encode()
    for part in (day, region(), "sqs", "aws4_request"):
        signing_key = _hmac(signing_key, part)
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed}, Signature={signature}"
    )
    del headers["host"]
    request = urllib.request.Request(url.geturl(), data=payload, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            r.read()
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"SendMessage to {queue_url}: {e.code} {e.read().decode()}") from None


def editor_credentials():
    return env("EDITOR_USERNAME", "editor@example.com"), env("EDITOR_PASSWORD", "Editor-Passw0rd!")


def reader_credentials():
    return env("READER_USERNAME", "reader@example.com"), env("READER_PASSWORD", "Reader-Passw0rd!")


# --- Started when pytest starts, in the background ----------------------------------------------
#
# The slow parts of a session are waits that can overlap: the poison messages' trip to the
# dead-letter queue and the first invoke (cold start) of each function.
# So pytest_configure, before the tests are even collected, calls both API functions once, and
# the poison messages go as soon as the tests are collected, all concurrently; the fixtures below
# wait for what they need.

_background = {}


def _send_poison():
    """Two commands the projector can never apply, sent straight to the command queue."""
    markers = {
        "unparseable": f"{POISON_PREFIX}{RUN}-json",
        "unknown-action": f"{POISON_PREFIX}{RUN}-action",
    }
    bodies = [
        f"{{not json {markers['unparseable']}",
        json.dumps(
            {
                "commandId": markers["unknown-action"],
                "action": "shred",
                "bookId": f"poison-{RUN}",
                "book": None,
                "issuedAt": time.time_ns(),
            }
        ),
    ]
    for body in bodies:
        sqs_send(os.environ["COMMAND_QUEUE_URL"], body)
    return markers


def _warm_query():
    Api(os.environ["API_URL"]).get(book_path("b-001"))


def _tokens_and_warm_command():
    tokens = {"editor": id_token(*editor_credentials()), "reader": id_token(*reader_credentials())}
    # A reader's write reaches the command function (and is refused there): nothing is queued.
    Api(os.environ["API_URL"]).post(BOOKS, {}, token=tokens["reader"])
    return tokens


_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="preflight-tests")


def pytest_configure(config):
    config.addinivalue_line("markers", "last: run after every other test")
    if getattr(config.option, "collectonly", False):
        return
    if os.environ.get("API_URL"):
        _background["query"] = _pool.submit(_warm_query)
        if os.environ.get("USER_POOL_CLIENT_ID"):
            _background["tokens"] = _pool.submit(_tokens_and_warm_command)
    _background["boto3"] = _pool.submit(lambda: aws_client("dynamodb"))  # loads boto3 meanwhile


def pytest_collection_finish(session):
    # Only when the dead-letter test is to run: nobody else would clear the poison away.
    if (
        not getattr(session.config.option, "collectonly", False)
        and any(item.get_closest_marker("last") for item in session.items)
        and os.environ.get("COMMAND_QUEUE_URL")
        and os.environ.get("DEAD_LETTER_QUEUE_URL")
    ):
        _background["poison"] = _pool.submit(_send_poison)
    _pool.shutdown(wait=False)


def _result(name):
    future = _background.get(name)
    return future.result() if future is not None else None


@pytest.fixture(scope="session", autouse=True)
def warmed_up():
    """Tests start once both API functions have answered once (one cold start each, in parallel,
    rather than one per concurrent first request)."""
    for name in ("query", "tokens"):
        try:
            _result(name)
        except (Exception, pytest.fail.Exception):  # noqa: BLE001 - fixtures needing it report it
            pass


@pytest.fixture(scope="session")
def api():
    return Api(env("API_URL"))


@pytest.fixture(scope="session")
def stage():
    return os.environ.get("PREFLIGHT_STAGE", "")


@pytest.fixture(scope="session")
def sqs():
    return aws_client("sqs")


@pytest.fixture(scope="session")
def dynamodb():
    return aws_client("dynamodb")


@pytest.fixture(scope="session")
def editor_token():
    tokens = _result("tokens")
    return tokens["editor"] if tokens else id_token(*editor_credentials())


@pytest.fixture(scope="session")
def reader_token():
    tokens = _result("tokens")
    return tokens["reader"] if tokens else id_token(*reader_credentials())


@pytest.fixture(scope="session")
def poison_messages():
    """The markers of the poison messages sent when the session started ({} if it could not).

    Sent first so that their trip to the dead-letter queue (a receive, a failure, a second
    receive) overlaps the other tests; test_dead_letters checks them last.
    """
    return _result("poison") or {}


# --- Books ---------------------------------------------------------------------------------------


def new_book(label, **overrides):
    book = {"title": f"{label} {RUN}", "author": f"Preflight Tester {RUN}", "year": 2024}
    book.update(overrides)
    return book


def wait_for_book(api, book_id, predicate=lambda b: True, what=None):
    def probe():
        r = api.get(book_path(book_id))
        return r.json if r.status == 200 and predicate(r.json) else None

    return eventually(probe, what=what or f"book {book_id}")


def wait_until_gone(api, book_id):
    return eventually(
        lambda: api.get(book_path(book_id)).status == 404, what=f"book {book_id} to be deleted"
    )


@pytest.fixture
def created_book(api, editor_token):
    """A book created through the API (and projected); deleted afterwards if it still exists."""
    book = new_book("Created")
    r = api.post(BOOKS, book, token=editor_token)
    assert r.status == 202, r
    book_id = r.json["bookId"]
    stored = wait_for_book(api, book_id)
    yield stored
    if api.get(book_path(book_id)).status == 200:
        api.delete(book_path(book_id), token=editor_token)  # not waited for


def pytest_collection_modifyitems(session, config, items):
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)  # stable sort
