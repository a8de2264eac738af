"""The core over real sockets: health, AWS-shaped errors for unknown services/operations,
malformed input that never takes the server down, body limits, and many concurrent clients."""

import asyncio
import socket
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest

from conftest import FORM_TYPE, STS_FORM, parse_json


def query_error(body):
    root = ET.fromstring(body)
    ns = {"a": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
    find = (lambda p: root.find("a:" + p.replace("/", "/a:"), ns)) if ns else root.find
    return find("Error/Code").text, find("Error/Type").text, find("RequestId").text


def assert_still_serving(emulator):
    status, _, body = emulator.http("POST", "/", STS_FORM, FORM_TYPE)
    assert status == 200 and b"<Account>000000000000</Account>" in body


def test_health(emulator):
    status, headers, body = emulator.http("GET", "/_preflight/health")
    assert status == 200
    health = parse_json(body)
    assert health["status"] == "running"
    assert health["version"]
    assert health["uptime_seconds"] >= 0
    assert health["services"]["sts"]["state"] == "running"
    assert emulator.ready_line == f"preflight ready on {emulator.url}\n"


def test_unknown_query_action_is_invalid_action(emulator):
    status, headers, body = emulator.http(
        "POST", "/", b"Action=LaunchRockets&Version=2011-06-15", FORM_TYPE)
    assert status == 400
    code, fault, request_id = query_error(body)
    assert (code, fault) == ("InvalidAction", "Sender")
    assert headers["x-amzn-RequestId"] == request_id


def test_unknown_json_operation(emulator):
    status, _, body = emulator.http("POST", "/", b"{}", {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "AWSSecurityTokenServiceV20110615.LaunchRockets"})
    assert status == 400
    assert parse_json(body)["__type"] == "UnknownOperationException"


def test_services_we_do_not_emulate_get_a_clear_aws_error(emulator):
    # awsJson (Kinesis) and query (SNS) clients both get a parseable NotImplemented error.
    for client, call in [(emulator.client("kinesis"), lambda c: c.list_streams()),
                         (emulator.client("sns"), lambda c: c.list_topics())]:
        with pytest.raises(botocore.exceptions.ClientError) as err:
            call(client)
        assert err.value.response["Error"]["Code"] == "NotImplemented"
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert_still_serving(emulator)


def test_malformed_json_is_400_and_server_keeps_serving(emulator):
    headers = {"Content-Type": "application/x-amz-json-1.0",
               "X-Amz-Target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity"}
    for body in [b"{", b"[1,2]", b'"str"', b"\xff\xfe\x00garbage", b"[" * 100000]:
        status, _, res = emulator.http("POST", "/", body, headers)
        assert status == 400, body[:20]
        assert parse_json(res)["__type"] == "SerializationException"
    assert_still_serving(emulator)


def test_malformed_form_is_400_and_server_keeps_serving(emulator):
    for body in [b"Action=GetCallerIdentity&Version=2011-06-15&X=%zz", b"%", b"Action=%E"]:
        status, _, res = emulator.http("POST", "/", body, FORM_TYPE)
        assert status == 400, body
        assert query_error(res)[0] == "MalformedQueryString"
    status, _, res = emulator.http("POST", "/", b"Version=2011-06-15", FORM_TYPE)
    assert status == 400 and query_error(res)[0] == "MissingAction"
    assert_still_serving(emulator)


def raw_exchange(port, payload):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(payload)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


def test_garbage_bytes_get_400_and_server_keeps_serving(emulator):
    for payload in [b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(256)) + b"\r\n\r\n",
                    b"GET / HTTP/9.9\r\n\r\n",
                    b"POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
                    b"NOT-HTTP\r\n\r\n"]:
        answer = raw_exchange(emulator.port, payload)
        assert answer.startswith(b"HTTP/1.1 400"), answer[:60]
    assert_still_serving(emulator)


def test_oversized_body_is_413_without_reading_it(emulator):
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as s:
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                  b"X-Amz-Target: AWSSecurityTokenServiceV20110615.GetCallerIdentity\r\n"
                  b"Content-Length: 200000000\r\n\r\n")
        answer = s.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"RequestEntityTooLarge" in answer
    assert_still_serving(emulator)


def test_unknown_internal_endpoint_is_404(emulator):
    status, _, body = emulator.http("GET", "/_preflight/nope")
    assert status == 404 and "error" in parse_json(body)


async def keep_alive_client(port, index, rounds):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answers = []
    try:
        for _ in range(rounds):
            body = STS_FORM
            writer.write(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                         b"application/x-www-form-urlencoded\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int([line.split(b":")[1] for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length")][0])
            answers.append((head, await reader.readexactly(length)))
    finally:
        writer.close()
    return answers


def test_256_concurrent_keep_alive_connections(emulator):
    async def main():
        return await asyncio.wait_for(asyncio.gather(
            *(keep_alive_client(emulator.port, i, 3) for i in range(256))), timeout=60)

    results = asyncio.run(main())
    assert len(results) == 256
    for answers in results:
        assert len(answers) == 3
        for head, body in answers:
            assert head.startswith(b"HTTP/1.1 200 OK")
            assert b"<Account>000000000000</Account>" in body
