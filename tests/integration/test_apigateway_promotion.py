"""The beta -> prod promotion flow, end to end: one API whose integration names
${stageVariables.fn}; beta serves $LATEST, prod the alias `live`. Code changes reach beta only;
publishing and moving the alias reaches prod; API changes reach a stage only when the stage is
pointed at the new deployment; a canary splits traffic; rollback restores the old behaviour."""

import json

from apigw_helpers import ECHO, gateway_fixture  # noqa: F401
from lambda_helpers import make_zip

STAGE_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
             "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations")


def tag_of(gw, api_id, stage, path="/books"):
    status, headers, body = gw.invoke(api_id, stage, path)
    if status != 200:
        return status
    return json.loads(body)["tag"]


def new_code(gw, tag):
    gw.lam.update_function_code(FunctionName="books",
                                ZipFile=make_zip({"app.py": ECHO.format(tag=tag)}))


def test_promotion_flow(gw):
    c, lam = gw.apigw, gw.lam
    gw.echo_function("books", tag="v1")
    v1 = lam.publish_version(FunctionName="books")["Version"]
    lam.create_alias(FunctionName="books", Name="live", FunctionVersion=v1)

    api_id, root = gw.api("catalog")
    books = gw.resource(api_id, root, "books")
    gw.method(api_id, books, "GET", STAGE_URI)
    d1 = gw.deploy(api_id, "beta", variables={"fn": "books"})
    c.create_stage(restApiId=api_id, stageName="prod", deploymentId=d1,
                   variables={"fn": "books:live"})
    assert tag_of(gw, api_id, "beta") == "v1" and tag_of(gw, api_id, "prod") == "v1"
    before = gw.invoke(api_id, "prod", "/books")
    assert json.loads(before[2])["version"] == v1

    # New code: beta ($LATEST) changes, prod (the alias) does not.
    new_code(gw, "v2")
    assert tag_of(gw, api_id, "beta") == "v2" and tag_of(gw, api_id, "prod") == "v1"

    # Publish + move the alias: prod changes.
    v2 = lam.publish_version(FunctionName="books")["Version"]
    lam.update_alias(FunctionName="books", Name="live", FunctionVersion=v2)
    assert tag_of(gw, api_id, "prod") == "v2"
    assert json.loads(gw.invoke(api_id, "prod", "/books")[2])["version"] == v2

    # An API change reaches a stage only when the stage is pointed at the new deployment.
    c.put_rest_api(restApiId=api_id, mode="merge", body=json.dumps({
        "openapi": "3.0.1", "info": {"title": "catalog", "version": "2"},
        "paths": {"/authors": {"get": {"x-amazon-apigateway-integration": {
            "type": "aws_proxy", "httpMethod": "POST", "uri": STAGE_URI}}}}}).encode())
    d2 = c.create_deployment(restApiId=api_id, description="adds /authors")["id"]
    assert tag_of(gw, api_id, "beta", "/authors") == 403
    c.update_stage(restApiId=api_id, stageName="beta", patchOperations=[
        {"op": "replace", "path": "/deploymentId", "value": d2}])
    assert tag_of(gw, api_id, "beta", "/authors") == "v2"
    assert tag_of(gw, api_id, "prod", "/authors") == 403
    c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/deploymentId", "value": d2}])
    assert tag_of(gw, api_id, "prod", "/authors") == "v2"

    # Rollback: the alias and the deployment back; prod behaves exactly as before.
    lam.update_alias(FunctionName="books", Name="live", FunctionVersion=v1)
    c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/deploymentId", "value": d1}])
    assert tag_of(gw, api_id, "prod", "/authors") == 403
    after = gw.invoke(api_id, "prod", "/books")
    assert after[0] == before[0]
    old, new = json.loads(before[2]), json.loads(after[2])
    assert (new["tag"], new["version"]) == (old["tag"], old["version"])
    assert new["event"]["resource"] == old["event"]["resource"]
    assert new["event"]["stageVariables"] == old["event"]["stageVariables"]


def test_canary_splits_traffic(gw):
    c = gw.apigw
    gw.echo_function("books", tag="stable")
    gw.echo_function("books-next", tag="canary")
    api_id, root = gw.api()
    books = gw.resource(api_id, root, "books")
    gw.method(api_id, books, "GET", STAGE_URI)
    stable = gw.deploy(api_id, "prod", variables={"fn": "books"})

    # The canary deployment sends /books to another function through a variable override.
    canary = c.create_deployment(restApiId=api_id, stageName="prod",
                                 canarySettings={"percentTraffic": 10.0,
                                                 "stageVariableOverrides": {"fn": "books-next"}})
    stage = c.get_stage(restApiId=api_id, stageName="prod")
    assert stage["deploymentId"] == stable
    assert stage["canarySettings"]["deploymentId"] == canary["id"]

    tags = [tag_of(gw, api_id, "prod") for _ in range(400)]
    canaried = tags.count("canary")
    assert tags.count("stable") + canaried == 400
    assert 15 <= canaried <= 70, canaried  # 10% of 400 is 40; the bounds are > 4 sigma

    # Promote the canary: all traffic to it; then remove the canary settings.
    c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0"}])
    assert {tag_of(gw, api_id, "prod") for _ in range(20)} == {"stable"}
    c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "100"}])
    assert {tag_of(gw, api_id, "prod") for _ in range(20)} == {"canary"}
    c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "remove", "path": "/canarySettings"}])
    assert {tag_of(gw, api_id, "prod") for _ in range(20)} == {"stable"}
