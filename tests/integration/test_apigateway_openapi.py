"""ImportRestApi / PutRestApi from OpenAPI 3 and Swagger 2 (JSON and YAML) with the
x-amazon-apigateway extensions, GetExport back out, and serving what was imported."""

import json

import yaml

from apigw_helpers import LAMBDA_URI, error_of, gateway_fixture  # noqa: F401

STAGE_FN = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations")


def oas3(title="books", extra_path=None):
    doc = {
        "openapi": "3.0.1",
        "info": {"title": title, "version": "1.0"},
        "x-amazon-apigateway-binary-media-types": ["image/png"],
        "x-amazon-apigateway-api-key-source": "HEADER",
        "x-amazon-apigateway-gateway-responses": {
            "UNAUTHORIZED": {"statusCode": 401,
                             "responseTemplates": {"application/json": '{"why":"login"}'}}},
        "paths": {
            "/books": {"get": {"x-amazon-apigateway-integration": {
                "type": "aws_proxy", "httpMethod": "POST", "uri": STAGE_FN}}},
            "/books/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "get": {"x-amazon-apigateway-integration": {
                    "type": "aws_proxy", "httpMethod": "POST", "uri": STAGE_FN}},
                "put": {"security": [{"users": []}], "x-amazon-apigateway-integration": {
                    "type": "aws_proxy", "httpMethod": "POST", "uri": STAGE_FN}}},
            "/{proxy+}": {"x-amazon-apigateway-any-method": {
                "security": [{"api_key": []}],
                "x-amazon-apigateway-integration": {
                    "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
                    "responses": {"default": {"statusCode": "200", "responseTemplates": {
                        "application/json": '{"mock": true}'}}}}}},
        },
        "components": {"securitySchemes": {
            "users": {"type": "apiKey", "name": "Authorization", "in": "header",
                      "x-amazon-apigateway-authtype": "cognito_user_pools",
                      "x-amazon-apigateway-authorizer": {
                          "type": "cognito_user_pools",
                          "providerARNs": ["arn:aws:cognito-idp:us-east-1:000000000000:"
                                           "userpool/us-east-1_x"]}},
            "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}}},
    }
    if extra_path:
        doc["paths"][extra_path] = {"get": {"x-amazon-apigateway-integration": {
            "type": "aws_proxy", "httpMethod": "POST", "uri": STAGE_FN}}}
    return doc


def swagger2_yaml():
    return yaml.safe_dump({
        "swagger": "2.0",
        "info": {"title": "legacy", "version": "1"},
        "paths": {"/items/{id}": {"get": {
            "parameters": [{"name": "id", "in": "path", "required": True, "type": "string"},
                           {"name": "q", "in": "query", "required": False, "type": "string"}],
            "security": [{"tok": []}],
            "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                                                "uri": LAMBDA_URI.format("echo")}}}},
        "securityDefinitions": {"tok": {
            "type": "apiKey", "name": "Authorization", "in": "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {"type": "token",
                                               "authorizerUri": LAMBDA_URI.format("authz"),
                                               "authorizerResultTtlInSeconds": 0}}}})


def methods_by_path(c, api_id):
    items = c.get_resources(restApiId=api_id, embed=["methods"], limit=500)["items"]
    return {r["path"]: r.get("resourceMethods", {}) for r in items}


def test_import_oas3_json(gw):
    c = gw.apigw
    api = c.import_rest_api(body=json.dumps(oas3()).encode())
    assert api["name"] == "books" and api["binaryMediaTypes"] == ["image/png"]
    paths = methods_by_path(c, api["id"])
    assert set(paths) == {"/", "/books", "/books/{id}", "/{proxy+}"}
    assert paths["/books"]["GET"]["methodIntegration"]["uri"] == STAGE_FN
    assert paths["/books"]["GET"]["methodIntegration"]["type"] == "AWS_PROXY"
    put = paths["/books/{id}"]["PUT"]
    assert put["authorizationType"] == "COGNITO_USER_POOLS"
    auth = c.get_authorizer(restApiId=api["id"], authorizerId=put["authorizerId"])
    assert auth["name"] == "users" and auth["type"] == "COGNITO_USER_POOLS"
    assert paths["/{proxy+}"]["ANY"]["apiKeyRequired"] is True
    assert c.get_gateway_response(restApiId=api["id"],
                                  responseType="UNAUTHORIZED")["statusCode"] == "401"


def test_import_swagger2_yaml_and_serve(gw):
    c = gw.apigw
    gw.echo_function("echo")
    api = c.import_rest_api(body=swagger2_yaml().encode())
    paths = methods_by_path(c, api["id"])
    get = paths["/items/{id}"]["GET"]
    assert get["authorizationType"] == "CUSTOM"
    assert get["requestParameters"] == {"method.request.path.id": True,
                                        "method.request.querystring.q": False}
    # Served once deployed (with the authorizer swapped out for the check).
    c.update_method(restApiId=api["id"], resourceId=[r["id"] for r in c.get_resources(
        restApiId=api["id"])["items"] if r["path"] == "/items/{id}"][0], httpMethod="GET",
        patchOperations=[{"op": "replace", "path": "/authorizationType", "value": "NONE"}])
    gw.deploy(api["id"], "beta")
    status, body = gw.json(api["id"], "beta", "/items/3?q=x")
    assert status == 200 and body["event"]["pathParameters"] == {"id": "3"}


def test_bad_definitions(gw):
    c = gw.apigw
    for body in [b"{not json", b"openapi: [", json.dumps({"info": {"title": "x"}}).encode(),
                 json.dumps({"openapi": "3.0.1", "info": {"title": "x"}, "paths": 5}).encode()]:
        code, message, status = error_of(c.import_rest_api, body=body)
        assert (code, status) == ("BadRequestException", 400), (body, message)
    # Still serving.
    assert c.get_rest_apis()["items"] == []


def test_put_rest_api_merge_and_overwrite(gw):
    c = gw.apigw
    api = c.import_rest_api(body=json.dumps(oas3()).encode())
    merged = c.put_rest_api(restApiId=api["id"], mode="merge",
                            body=json.dumps(oas3(extra_path="/authors")).encode())
    assert merged["id"] == api["id"]
    assert "/authors" in methods_by_path(c, api["id"])
    assert "/books" in methods_by_path(c, api["id"])
    small = {"openapi": "3.0.1", "info": {"title": "small", "version": "2"},
             "paths": {"/only": {"get": {"x-amazon-apigateway-integration": {
                 "type": "mock", "requestTemplates": {"application/json": '{"statusCode":200}'},
                 "responses": {"default": {"statusCode": "200"}}}}}}}
    c.put_rest_api(restApiId=api["id"], mode="overwrite", body=yaml.safe_dump(small).encode())
    assert set(methods_by_path(c, api["id"])) == {"/", "/only"}
    assert c.get_rest_api(restApiId=api["id"])["name"] == "small"
    assert c.get_authorizers(restApiId=api["id"])["items"] == []


def test_export_round_trip(gw):
    c = gw.apigw
    api = c.import_rest_api(body=json.dumps(oas3()).encode())
    gw.deploy(api["id"], "prod")
    exported = c.get_export(restApiId=api["id"], stageName="prod", exportType="oas30",
                            parameters={"extensions": "apigateway"},
                            accepts="application/json")
    doc = json.loads(exported["body"].read())
    assert doc["openapi"].startswith("3.0") and doc["info"]["title"] == "books"
    assert doc["paths"]["/books"]["get"]["x-amazon-apigateway-integration"]["uri"] == STAGE_FN
    assert "users" in doc["components"]["securitySchemes"]

    again = c.import_rest_api(body=json.dumps(doc).encode())
    first, second = methods_by_path(c, api["id"]), methods_by_path(c, again["id"])
    assert set(first) == set(second)
    for path in first:
        assert set(first[path]) == set(second[path])
        for verb, method in first[path].items():
            assert method.get("methodIntegration", {}).get("uri") == \
                second[path][verb].get("methodIntegration", {}).get("uri")

    swagger = c.get_export(restApiId=api["id"], stageName="prod", exportType="swagger",
                           accepts="application/yaml")
    assert swagger["contentType"] == "application/yaml"
    sdoc = yaml.safe_load(swagger["body"].read())
    assert sdoc["swagger"] == "2.0" and sdoc["basePath"] == "/prod"
    # Without extensions, no integrations leak out.
    plain = json.loads(c.get_export(restApiId=api["id"], stageName="prod",
                                    exportType="oas30")["body"].read())
    assert "x-amazon-apigateway-integration" not in plain["paths"]["/books"]["get"]
