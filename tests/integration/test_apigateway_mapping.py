"""Non-proxy integrations with mapping templates (Velocity): MOCK with status selection and a
CORS preflight as API Gateway users define it, AWS to a Lambda function (errors selected by
selectionPattern), AWS to DynamoDB through action URIs, HTTP with request and response templates,
passthrough behaviour."""

import http.server
import json
import threading

import pytest

from apigw_helpers import gateway_fixture  # noqa: F401
from lambda_helpers import python_function

FN_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:000000000000:function:{}/invocations")


def put(c, api_id, rid, verb, integration, responses, method_responses=("200",), **method):
    c.put_method(restApiId=api_id, resourceId=rid, httpMethod=verb,
                 authorizationType="NONE", **method)
    c.put_integration(restApiId=api_id, resourceId=rid, httpMethod=verb, **integration)
    for code in method_responses:
        c.put_method_response(restApiId=api_id, resourceId=rid, httpMethod=verb,
                              statusCode=code)
    for r in responses:
        c.put_integration_response(restApiId=api_id, resourceId=rid, httpMethod=verb, **r)


def test_mock_with_status_selection_and_cors(gw):
    c = gw.apigw
    api_id, root = gw.api()
    items = gw.resource(api_id, root, "items")
    put(c, api_id, items, "GET", {
        "type": "MOCK",
        "requestTemplates": {"application/json":
                             '#if($input.params("fail") == "yes"){"statusCode": 404}'
                             '#else{"statusCode": 200}#end'}},
        [{"statusCode": "200", "responseTemplates": {"application/json":
          '{"items": [#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end], '
          '"stage": "$context.stage", "env": "$stageVariables.env"}'}},
         {"statusCode": "404", "selectionPattern": "404",
          "responseTemplates": {"application/json": '{"error": "nope"}'}}],
        method_responses=("200", "404"))
    # CORS: the API's own OPTIONS method answers the preflight; nothing is invented.
    put(c, api_id, items, "OPTIONS", {
        "type": "MOCK", "requestTemplates": {"application/json": '{"statusCode": 200}'}},
        [{"statusCode": "200", "responseParameters": {
            "method.response.header.Access-Control-Allow-Origin": "'*'",
            "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
            "method.response.header.Access-Control-Allow-Headers":
                "method.request.header.Access-Control-Request-Headers"}}])
    gw.deploy(api_id, "beta", variables={"env": "test"})

    status, headers, body = gw.invoke(api_id, "beta", "/items")
    assert status == 200
    assert json.loads(body) == {"items": [1, 2, 3], "stage": "beta", "env": "test"}
    status, _, body = gw.invoke(api_id, "beta", "/items?fail=yes")
    assert status == 404 and json.loads(body) == {"error": "nope"}
    status, headers, body = gw.invoke(api_id, "beta", "/items", method="OPTIONS",
                                      headers={"Origin": "http://app",
                                               "Access-Control-Request-Method": "GET",
                                               "Access-Control-Request-Headers": "X-Custom"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert headers["access-control-allow-methods"] == "GET,OPTIONS"
    assert headers["access-control-allow-headers"] == "X-Custom"
    # No OPTIONS method: no CORS answer either.
    other = gw.resource(api_id, root, "other")
    put(c, api_id, other, "GET", {"type": "MOCK", "requestTemplates": {
        "application/json": '{"statusCode": 200}'}}, [{"statusCode": "200"}])
    gw.deploy(api_id, "beta")
    assert gw.invoke(api_id, "beta", "/other", method="OPTIONS")[0] == 403


ADDER = """
def handler(event, context):
    if event.get("a") is None:
        raise ValueError("BadInput: a is required")
    return {"sum": event["a"] + event.get("b", 0), "who": event.get("who")}
"""


def test_aws_lambda_integration(gw):
    c = gw.apigw
    python_function(gw.lam, "adder", ADDER)
    api_id, root = gw.api()
    add = gw.resource(api_id, root, "add")
    put(c, api_id, add, "POST", {
        "type": "AWS", "integrationHttpMethod": "POST", "uri": FN_URI.format("adder"),
        "requestTemplates": {"application/json":
                             '#set($body = $input.path("$"))'
                             '{"a": $input.json("$.x"), "b": $body.y, '
                             '"who": "$util.escapeJavaScript($input.params("who"))"}'}},
        [{"statusCode": "200", "responseTemplates": {"application/json":
                                                     '{"result": $input.json("$.sum"), '
                                                     '"who": $input.json("$.who")}'}},
         {"statusCode": "400", "selectionPattern": "BadInput.*",
          "responseTemplates": {"application/json":
                                '{"error": "$input.path(\'$.errorMessage\')"}'}}],
        method_responses=("200", "400"))
    gw.deploy(api_id, "beta")
    # escapeJavaScript makes a double quote safe inside the JSON string (a single quote would
    # become \', which is not JSON: the same trap as on AWS).
    status, _, body = gw.invoke(api_id, "beta", "/add?who=say%20%22hi%22", method="POST",
                                body=b'{"x": 2, "y": 3}',
                                headers={"Content-Type": "application/json"})
    assert status == 200, body
    assert json.loads(body) == {"result": 5, "who": 'say "hi"'}
    status, _, body = gw.invoke(api_id, "beta", "/add", method="POST", body=b'{"x": null, "y": 1}',
                                headers={"Content-Type": "application/json"})
    assert status == 400 and json.loads(body) == {"error": "BadInput: a is required"}


def test_aws_service_integration_dynamodb(gw):
    c = gw.apigw
    ddb = gw.emulator.client("dynamodb")
    ddb.create_table(TableName="books", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    ddb.put_item(TableName="books", Item={"id": {"S": "1"}, "title": {"S": "Dune"}})
    api_id, root = gw.api()
    book = gw.resource(api_id, gw.resource(api_id, root, "books"), "{id}")
    put(c, api_id, book, "GET", {
        "type": "AWS", "integrationHttpMethod": "POST",
        "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem",
        "requestTemplates": {"application/json":
                             '{"TableName": "books", "Key": {"id": {"S": '
                             '"$input.params(\'id\')"}}}'}},
        [{"statusCode": "200", "responseTemplates": {"application/json":
          '#set($item = $input.path("$.Item"))'
          '#if($item == "" || !$item){"found": false}'
          '#else{"id": "$item.id.S", "title": "$item.title.S"}#end'}}])
    gw.deploy(api_id, "beta")
    assert json.loads(gw.invoke(api_id, "beta", "/books/1")[2]) == {"id": "1", "title": "Dune"}
    assert json.loads(gw.invoke(api_id, "beta", "/books/2")[2]) == {"found": False}


class Upstream(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        doc = json.dumps({"got": json.loads(body), "h": self.headers.get("X-Mapped")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(doc)))
        self.end_headers()
        self.wfile.write(doc)

    def log_message(self, *args):
        pass


@pytest.fixture(name="upstream")
def upstream_fixture():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_http_integration_and_passthrough(gw, upstream):
    c = gw.apigw
    api_id, root = gw.api()
    r = gw.resource(api_id, root, "r")
    put(c, api_id, r, "POST", {
        "type": "HTTP", "integrationHttpMethod": "POST",
        "uri": f"http://127.0.0.1:{upstream}/x", "passthroughBehavior": "NEVER",
        "requestParameters": {"integration.request.header.X-Mapped": "method.request.header.X-In"},
        "requestTemplates": {"application/json": '{"wrapped": $input.json("$")}'}},
        [{"statusCode": "200", "responseTemplates": {"application/json":
                                                     '{"echo": $input.json("$.got.wrapped")}'}}],
        requestParameters={"method.request.header.X-In": False})
    gw.deploy(api_id, "beta")
    status, _, body = gw.invoke(api_id, "beta", "/r", method="POST", body=b'{"k": 1}',
                                headers={"Content-Type": "application/json", "X-In": "v"})
    assert status == 200 and json.loads(body) == {"echo": {"k": 1}}
    # NEVER passes through nothing without a template for the content type.
    status, _, body = gw.invoke(api_id, "beta", "/r", method="POST", body=b"text",
                                headers={"Content-Type": "text/plain"})
    assert status == 415 and json.loads(body) == {"message": "Unsupported Media Type"}
