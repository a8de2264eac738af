"""Hostile sizes and shapes: bodies over the limit (declared or chunked), huge or numerous headers,
a huge request line, deeply nested JSON for every JSON-speaking service, DynamoDB's own nesting
limit, and form keys nested too deep. Each gets a 4xx in the protocol's shape (where there is a
request to shape it by) and the emulator keeps serving."""

import json
import socket
import xml.etree.ElementTree as ET

import pytest

from conftest import FORM_TYPE, STS_FORM, Emulator, json_call

DEEP = b"[" * 100000
NESTING = ("Nesting Levels have exceeded supported limits: Attributes in the item have nested "
           "levels beyond supported limit")


@pytest.fixture(scope="module")
def emu():
    emulator = Emulator().start()
    emulator.client("dynamodb").create_table(
        TableName="deep", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST")
    yield emulator
    emulator.close()


def assert_still_serving(emulator):
    status, _, body = emulator.http("POST", "/", STS_FORM, FORM_TYPE)
    assert status == 200 and b"<Account>000000000000</Account>" in body
    status, _, body = json_call(emulator, "DynamoDB_20120810.ListTables", {}, "1.0")
    assert status == 200 and json.loads(body)["TableNames"] == ["deep"]


def exchange(port, head, body_chunks=()):
    """Sends a raw request (head, then body chunks while the server reads them); returns the
    first answer's bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early and closed: what we want
        answer = b""
        while b"\r\n\r\n" not in answer:
            data = s.recv(65536)
            if not data:
                break
            answer += data
        head_end = answer.find(b"\r\n\r\n") + 4
        length = next((int(line.split(b":")[1]) for line in answer[:head_end].split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(answer) < head_end + length:
            data = s.recv(65536)
            if not data:
                break
            answer += data
        return answer


def split_answer(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower().decode(): v.strip().decode()
               for k, _, v in (line.partition(b":") for line in lines[1:])}
    return status, headers, body


TOO_LARGE = {
    "json": (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
             b"X-Amz-Target: DynamoDB_20120810.ListTables\r\n"),
    "query": (b"POST / HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n"),
    "rest-json": (b"POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/json\r\n"),
}


def assert_too_large(protocol, answer):
    status, headers, body = split_answer(answer)
    assert status == 413, answer[:200]
    if protocol == "query":
        assert b"<Code>RequestEntityTooLarge</Code>" in body
    elif protocol == "json":
        assert json.loads(body)["__type"].endswith("RequestEntityTooLarge")
    else:
        assert headers["x-amzn-errortype"] == "RequestEntityTooLarge"
        assert "exceeds" in json.loads(body)["message"]


@pytest.mark.parametrize("protocol", list(TOO_LARGE))
def test_declared_oversized_bodies_are_413_unread(emu, protocol):
    answer = exchange(emu.port, TOO_LARGE[protocol] + b"Content-Length: 999999999999\r\n\r\n")
    assert_too_large(protocol, answer)
    assert_still_serving(emu)


@pytest.mark.parametrize("protocol", ["json", "query"])
def test_chunked_bodies_that_grow_too_large_are_413(emu, protocol):
    # No Content-Length: the limit (16 MiB here) is found while reading.
    chunk = b"a" * (1 << 20)
    chunks = (b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(40))
    answer = exchange(emu.port, TOO_LARGE[protocol] + b"Transfer-Encoding: chunked\r\n\r\n",
                      chunks)
    assert_too_large(protocol, answer)
    assert_still_serving(emu)


def test_huge_headers_and_request_lines_are_refused(emu):
    for head in [
        b"GET /_preflight/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
        b"GET /_preflight/health HTTP/1.1\r\nHost: x\r\n" +
        b"".join(b"X-H%d: v\r\n" % i for i in range(10_000)) + b"\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" +
        b"k/" * 50_000 + b"\r\nContent-Length: 0\r\n\r\n",
    ]:
        status, _, _ = split_answer(exchange(emu.port, head))
        assert status in (400, 413, 414, 431), head[:60]
        assert_still_serving(emu)


def test_a_thousand_small_headers_are_fine(emu):
    head = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            b"".join(b"X-H%d: v\r\n" % i for i in range(1000)) +
            b"Content-Length: %d\r\n\r\n" % len(STS_FORM) + STS_FORM)
    status, _, body = split_answer(exchange(emu.port, head))
    assert status == 200 and b"<Account>000000000000</Account>" in body
    assert_still_serving(emu)


JSON_SERVICES = [
    ("DynamoDB_20120810.PutItem", "1.0"),
    ("AmazonSQS.SendMessage", "1.0"),
    ("AWSCognitoIdentityProviderService.AdminGetUser", "1.1"),
    ("Logs_20140328.PutLogEvents", "1.1"),
    ("AWSSecurityTokenServiceV20110615.GetCallerIdentity", "1.0"),
]


@pytest.mark.parametrize("target,version", JSON_SERVICES)
def test_deep_json_is_a_serialization_error(emu, target, version):
    for body in [b'{"a":' + DEEP, b'{"a":' + DEEP + b"]" * 100000 + b"}",
                 b'{"a":' + b'{"a":' * 100000 + b"1" + b"}" * 100001]:
        status, _, res = json_call(emu, target, body, version)
        assert status == 400, res[:200]
        assert json.loads(res)["__type"].split("#")[-1] == "SerializationException"
    assert_still_serving(emu)


@pytest.mark.parametrize("path", ["/2015-03-31/functions", "/restapis"])
def test_deep_rest_json_is_a_serialization_error(emu, path):
    status, headers, res = emu.http("POST", path, b'{"a":' + DEEP,
                                    {"Content-Type": "application/json"})
    assert status == 400, res[:200]
    assert headers["x-amzn-ErrorType"] == "SerializationException"
    assert "message" in json.loads(res)
    assert_still_serving(emu)


def nested(levels, kind):
    value = {"S": "leaf"}
    for _ in range(levels):
        value = {"M": {"a": value}} if kind == "M" else {"L": [value]}
    return value


def put_requests(value, key="k"):
    """The same item through PutItem, BatchWriteItem and TransactWriteItems (the last two put it
    deepest in the request)."""
    item = {"pk": {"S": key}, "x": value}
    return [("PutItem", {"TableName": "deep", "Item": item}),
            ("BatchWriteItem", {"RequestItems": {"deep": [{"PutRequest": {"Item": item}}]}}),
            ("TransactWriteItems", {"TransactItems": [{"Put": {"TableName": "deep",
                                                               "Item": item}}]})]


@pytest.mark.parametrize("kind", ["M", "L"])
def test_dynamodb_nesting_limit_is_dynamodbs(emu, kind):
    ddb = emu.client("dynamodb")
    # 31 nested maps or lists: as deep as DynamoDB goes, through every write operation.
    for operation, body in put_requests(nested(31, kind), key=f"ok-{kind}"):
        status, _, res = json_call(emu, "DynamoDB_20120810." + operation, body, "1.0")
        assert status == 200, (operation, res[:300])
    stored = ddb.get_item(TableName="deep", Key={"pk": {"S": f"ok-{kind}"}})["Item"]["x"]
    assert json.dumps(stored).count('"leaf"') == 1
    # One more level, or many more: DynamoDB's ValidationException, not a parse error.
    for levels in (32, 33, 100):
        for operation, body in put_requests(nested(levels, kind)):
            status, _, res = json_call(emu, "DynamoDB_20120810." + operation, body, "1.0")
            error = json.loads(res)
            assert status == 400, (levels, operation)
            assert error["__type"].endswith("#ValidationException"), (levels, operation, error)
            assert error["message"] == NESTING
    # Far beyond any item: refused before parsing.
    opening, closing = (b'{"M":{"a":', b"}}") if kind == "M" else (b'{"L":[', b"]}")
    body = (b'{"TableName":"deep","Item":{"x":' + opening * 1000 + b'{"S":"leaf"}' +
            closing * 1000 + b"}}")  # built as text: Python's json would recurse as deep
    status, _, res = json_call(emu, "DynamoDB_20120810.PutItem", body, "1.0")
    assert status == 400
    assert json.loads(res)["__type"].endswith("#SerializationException")
    assert_still_serving(emu)


def test_query_form_keys_nested_too_deep(emu):
    form = b"Action=SendMessage&Version=2012-11-05&QueueUrl=q&" + b"MessageAttribute." * 5000 + \
        b"Name=x"
    status, _, body = emu.http("POST", "/", form, FORM_TYPE)
    assert status == 400
    root = ET.fromstring(body)
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    assert root.find(f"{ns}Error/{ns}Code").text == "MalformedQueryString"
    assert_still_serving(emu)
