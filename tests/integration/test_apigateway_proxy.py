"""API Gateway's data plane with Lambda proxy and HTTP proxy integrations: the three invoke-URL
forms, custom domains, routing rules, the complete payload 1.0 event, the handler's answer
(binary, malformed, errors, timeouts), access logs."""

import base64
import http.server
import json
import threading
import time

import pytest

from apigw_helpers import LAMBDA_URI, gateway_fixture  # noqa: F401
from conftest import wait_until
from lambda_helpers import python_function


def routed_api(gw):
    """/books GET, /books/{id} GET+ANY, /books/{id}/cover GET, /{proxy+} ANY: each integration
    names the route so answers tell which one matched."""
    gw.echo_function("echo")
    api_id, root = gw.api()
    books = gw.resource(api_id, root, "books")
    book = gw.resource(api_id, books, "{id}")
    cover = gw.resource(api_id, book, "cover")
    proxy = gw.resource(api_id, root, "{proxy+}")
    uri = LAMBDA_URI.format("echo")
    for rid, verb in [(books, "GET"), (book, "GET"), (book, "ANY"), (cover, "GET"),
                      (proxy, "ANY")]:
        gw.method(api_id, rid, verb, uri)
    gw.deploy(api_id, "beta", variables={"color": "blue"})
    return api_id


@pytest.mark.parametrize("form", ["host", "aws", "user_request"])
def test_invoke_url_forms(gw, form):
    api_id = routed_api(gw)
    status, body = gw.json(api_id, "beta", "/books/42", form=form)
    assert status == 200
    event = body["event"]
    assert event["resource"] == "/books/{id}" and event["path"] == "/books/42"
    assert event["pathParameters"] == {"id": "42"}
    assert event["requestContext"]["stage"] == "beta"


def test_localstack_host_and_custom_domain(gw):
    api_id = routed_api(gw)
    status, _, body = gw.call("GET", "/beta/books",
                              host=f"{api_id}.execute-api.localhost.localstack.cloud:4566")
    assert status == 200 and json.loads(body)["event"]["resource"] == "/books"

    c = gw.apigw
    c.create_domain_name(domainName="books.example.com")
    c.create_base_path_mapping(domainName="books.example.com", basePath="catalog",
                               restApiId=api_id, stage="beta")
    status, _, body = gw.call("GET", "/catalog/books/7", host="books.example.com")
    assert status == 200
    event = json.loads(body)["event"]
    assert event["resource"] == "/books/{id}" and event["pathParameters"] == {"id": "7"}
    # An unmapped base path on the domain is not an API.
    status, _, _ = gw.call("GET", "/other/books", host="books.example.com")
    assert status == 403


def test_routing_rules(gw):
    api_id = routed_api(gw)

    def route(method, path):
        status, body = gw.json(api_id, "beta", path, method=method)
        return status, body

    assert route("GET", "/books")[1]["event"]["resource"] == "/books"
    # A literal beats a variable, a variable beats a greedy path.
    assert route("GET", "/books/1/cover")[1]["event"]["resource"] == "/books/{id}/cover"
    assert route("GET", "/books/1")[1]["event"]["resource"] == "/books/{id}"
    # The exact method first, then ANY.
    assert route("DELETE", "/books/1")[1]["event"]["resource"] == "/books/{id}"
    assert route("DELETE", "/books/1")[1]["event"]["httpMethod"] == "DELETE"
    greedy = route("PUT", "/a/b/c")[1]["event"]
    assert greedy["resource"] == "/{proxy+}" and greedy["pathParameters"] == {"proxy": "a/b/c"}
    # /books has only GET, and no greedy fallback applies to an existing resource.
    status, headers, body = gw.invoke(api_id, "beta", "/books", method="POST")
    assert status == 403 and json.loads(body) == {"message": "Missing Authentication Token"}
    assert headers["x-amzn-errortype"] == "MissingAuthenticationTokenException"
    # / has no method at all.
    status, _, body = gw.invoke(api_id, "beta", "/")
    assert status == 403 and json.loads(body) == {"message": "Missing Authentication Token"}
    # Unknown stage or API: Forbidden.
    assert gw.invoke(api_id, "nope", "/books")[0] == 403
    assert gw.invoke("abcdefghij", "beta", "/books")[0] == 403
    # Percent-encoded path parameters arrive decoded.
    assert route("GET", "/books/a%20b")[1]["event"]["pathParameters"] == {"id": "a b"}


def test_gateway_response_customises_missing_route(gw):
    api_id = routed_api(gw)
    gw.apigw.put_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN",
                                  statusCode="404",
                                  responseParameters={
                                      "gatewayresponse.header.X-Why": "'no route'"},
                                  responseTemplates={"application/json":
                                                     '{"error": $context.error.messageString, '
                                                     '"id": "$context.requestId", '
                                                     '"color": "$stageVariables.color"}'})
    # Not yet deployed: the stage still answers with the default.
    assert gw.invoke(api_id, "beta", "/", method="GET")[0] == 403
    gw.deploy(api_id, "beta")
    status, headers, body = gw.invoke(api_id, "beta", "/")
    doc = json.loads(body)
    assert status == 404 and headers["x-why"] == "no route"
    assert doc["error"] == "Missing Authentication Token"
    assert doc["id"] == headers["x-amzn-requestid"] and doc["color"] == "blue"


def test_full_proxy_event(gw):
    api_id = routed_api(gw)
    status, body = gw.json(api_id, "beta", "/books/42?q=a&q=b&single=1", method="POST",
                           body=b'{"title": "Dune"}',
                           headers={"Content-Type": "application/json", "X-Multi": "one",
                                    "User-Agent": "tests/1.0"})
    assert status == 200
    e = body["event"]
    assert e["httpMethod"] == "POST" and e["body"] == '{"title": "Dune"}'
    assert e["isBase64Encoded"] is False
    assert e["headers"]["X-Multi"] == "one" and e["multiValueHeaders"]["X-Multi"] == ["one"]
    assert e["queryStringParameters"] == {"q": "b", "single": "1"}
    assert e["multiValueQueryStringParameters"] == {"q": ["a", "b"], "single": ["1"]}
    assert e["stageVariables"] == {"color": "blue"}
    rc = e["requestContext"]
    assert rc["accountId"] == "000000000000" and rc["apiId"] == api_id
    assert rc["resourcePath"] == "/books/{id}" and rc["httpMethod"] == "POST"
    assert rc["stage"] == "beta" and rc["protocol"] == "HTTP/1.1"
    assert rc["identity"]["sourceIp"] == "127.0.0.1"
    assert rc["identity"]["userAgent"] == "tests/1.0"
    assert rc["path"] == "/beta/books/42" and rc["domainName"].startswith(api_id)
    assert isinstance(rc["requestTimeEpoch"], int) and rc["requestId"] and rc["resourceId"]
    assert rc["requestTime"].endswith("+0000")
    # Nothing: nulls, as API Gateway sends them.
    e = gw.json(api_id, "beta", "/books")[1]["event"]
    assert e["queryStringParameters"] is None and e["pathParameters"] is None
    assert e["body"] is None


ANSWERS = """
import base64, json, time

def handler(event, context):
    kind = event["pathParameters"]["proxy"]
    if kind == "multi":
        return {"statusCode": 201, "headers": {"X-One": "1"},
                "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}, "body": "made"}
    if kind == "binary":
        return {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                "body": base64.b64encode(b"\\x89PNG\\x00\\xff").decode(), "isBase64Encoded": True}
    if kind == "echo-binary":
        return {"statusCode": 200, "body": json.dumps(
            {"body": event["body"], "b64": event["isBase64Encoded"]})}
    if kind == "not-json":
        return "just a string"
    if kind == "bad-status":
        return {"statusCode": "abc", "body": "x"}
    if kind == "extra-member":
        return {"statusCode": 200, "body": "x", "surprise": True}
    if kind == "body-object":
        return {"statusCode": 200, "body": {"not": "a string"}}
    if kind == "raise":
        raise ValueError("boom")
    if kind == "slow":
        time.sleep(3)
        return {"statusCode": 200, "body": "late"}
    return {"statusCode": 200, "body": "default"}
"""


def answers_api(gw, timeout_ms=29000):
    python_function(gw.lam, "answers", ANSWERS, Timeout=10)
    api_id, root = gw.api()
    gw.apigw.update_rest_api(restApiId=api_id, patchOperations=[
        {"op": "add", "path": "/binaryMediaTypes/image~1png"}])
    proxy = gw.resource(api_id, root, "{proxy+}")
    gw.method(api_id, proxy, "ANY", LAMBDA_URI.format("answers"))
    gw.apigw.update_integration(restApiId=api_id, resourceId=proxy, httpMethod="ANY",
                                patchOperations=[{"op": "replace", "path": "/timeoutInMillis",
                                                  "value": str(timeout_ms)}])
    gw.deploy(api_id, "beta")
    return api_id


def test_handler_answers(gw):
    api_id = answers_api(gw, timeout_ms=1000)
    status, headers, body = gw.invoke(api_id, "beta", "/multi")
    assert status == 201 and body == b"made" and headers["x-one"] == "1"
    # Binary: decoded when the client accepts the binary type.
    status, headers, body = gw.invoke(api_id, "beta", "/binary", headers={"Accept": "image/png"})
    assert status == 200 and body == b"\x89PNG\x00\xff" and headers["content-type"] == "image/png"
    status, _, body = gw.invoke(api_id, "beta", "/binary", headers={"Accept": "text/plain"})
    assert base64.b64decode(body) == b"\x89PNG\x00\xff"
    # A binary request body reaches the handler base64-encoded.
    status, _, body = gw.invoke(api_id, "beta", "/echo-binary", method="POST",
                                body=b"\x00\x01\xfe", headers={"Content-Type": "image/png"})
    doc = json.loads(body)
    assert doc == {"body": base64.b64encode(b"\x00\x01\xfe").decode(), "b64": True}

    for kind in ["not-json", "bad-status", "extra-member", "body-object", "raise"]:
        status, headers, body = gw.invoke(api_id, "beta", f"/{kind}")
        assert (kind, status, json.loads(body)) == (kind, 502, {"message": "Internal server error"})
    status, _, body = gw.invoke(api_id, "beta", "/slow")
    assert status == 504 and json.loads(body) == {"message": "Endpoint request timed out"}
    # The gateway keeps serving (once the slow handler is done, so that no cold start races the
    # 1 s timeout on a loaded machine).
    time.sleep(2.5)
    assert gw.invoke(api_id, "beta", "/other")[2] == b"default"


def test_missing_function_is_a_server_error(gw):
    api_id, root = gw.api()
    gw.method(api_id, root, "GET", LAMBDA_URI.format("nothing-here"))
    gw.deploy(api_id, "beta")
    status, _, body = gw.invoke(api_id, "beta", "/")
    assert status == 500 and json.loads(body) == {"message": "Internal server error"}


class Upstream(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        doc = json.dumps({"method": self.command, "path": self.path,
                          "body": body.decode(), "x": self.headers.get("X-Test")}).encode()
        self.send_response(207)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Upstream", "yes")
        self.send_header("Content-Length", str(len(doc)))
        self.end_headers()
        self.wfile.write(doc)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(name="upstream")
def upstream_fixture():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_http_proxy(gw, upstream):
    api_id, root = gw.api()
    proxy = gw.resource(api_id, root, "{proxy+}")
    gw.method(api_id, proxy, "ANY", "http://127.0.0.1:${stageVariables.port}/svc/{proxy}",
              integration_type="HTTP_PROXY",
              requestParameters={"method.request.path.proxy": True})
    gw.deploy(api_id, "beta", variables={"port": str(upstream)})
    status, headers, body = gw.invoke(api_id, "beta", "/items/9?x=1", method="POST",
                                      body=b"payload", headers={"X-Test": "t"})
    doc = json.loads(body)
    assert status == 207 and headers["x-upstream"] == "yes"
    assert doc == {"method": "POST", "path": "/svc/items/9?x=1", "body": "payload", "x": "t"}
    # Nothing listening: the gateway answers, and keeps serving.
    gw.apigw.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "replace", "path": "/variables/port", "value": "1"}])
    status, _, _ = gw.invoke(api_id, "beta", "/items/9")
    assert status in (500, 504)


def test_access_logs(gw):
    api_id = routed_api(gw)
    logs = gw.emulator.client("logs")
    logs.create_log_group(logGroupName="api-access")
    gw.apigw.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": "arn:aws:logs:us-east-1:000000000000:log-group:api-access"},
        {"op": "replace", "path": "/accessLogSettings/format",
         "value": '{"id":"$context.requestId","status":"$context.status",'
                  '"path":"$context.resourcePath","method":"$context.httpMethod",'
                  '"ip":"$context.identity.sourceIp"}'}])
    _, headers, _ = gw.invoke(api_id, "beta", "/books/5")
    gw.invoke(api_id, "beta", "/books", method="POST")

    def lines():
        return [json.loads(e["message"]) for e in
                logs.filter_log_events(logGroupName="api-access")["events"]]
    assert wait_until(lambda: len(lines()) == 2)
    first, second = lines()
    assert first == {"id": headers["x-amzn-requestid"], "status": "200",
                     "path": "/books/{id}", "method": "GET", "ip": "127.0.0.1"}
    assert second["status"] == "403"
