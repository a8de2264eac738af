"""API Gateway control plane through boto3 and the aws CLI: rest APIs, resources, methods,
integrations and their responses, authorizers, deployments, stages (patch operations, canary,
method settings), gateway responses, custom domains, API keys, usage plans, tags."""

import json

from apigw_helpers import LAMBDA_URI, error_of, gateway_fixture  # noqa: F401


def test_rest_api_lifecycle(gw):
    c = gw.apigw
    api = c.create_rest_api(name="books", description="the catalog",
                            binaryMediaTypes=["image/png"], tags={"team": "a"})
    assert api["name"] == "books" and api["apiKeySource"] == "HEADER"
    assert api["endpointConfiguration"] == {"types": ["EDGE"]}
    assert len(api["id"]) == 10
    root = gw.api_and_root(api["id"])[1]
    status, _, body = gw.call("GET", f"/restapis/{api['id']}")
    assert json.loads(body)["rootResourceId"] == root  # newer SDKs read it
    got = c.get_rest_api(restApiId=api["id"])
    assert got["description"] == "the catalog" and got["binaryMediaTypes"] == ["image/png"]
    assert got["tags"] == {"team": "a"}
    assert [a["id"] for a in c.get_rest_apis()["items"]] == [api["id"]]

    updated = c.update_rest_api(restApiId=api["id"], patchOperations=[
        {"op": "replace", "path": "/name", "value": "catalog"},
        {"op": "add", "path": "/binaryMediaTypes/image~1jpeg"},
        {"op": "remove", "path": "/binaryMediaTypes/image~1png"},
        {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
        {"op": "replace", "path": "/minimumCompressionSize", "value": "1024"}])
    assert updated["name"] == "catalog" and updated["binaryMediaTypes"] == ["image/jpeg"]
    assert updated["apiKeySource"] == "AUTHORIZER" and updated["minimumCompressionSize"] == 1024
    assert error_of(c.update_rest_api, restApiId=api["id"],
                    patchOperations=[{"op": "replace", "path": "/nope", "value": "x"}])[0] == \
        "BadRequestException"

    c.delete_rest_api(restApiId=api["id"])
    code, message, status = error_of(c.get_rest_api, restApiId=api["id"])
    assert (code, status) == ("NotFoundException", 404)
    assert message == f"Invalid API identifier specified 000000000000:{api['id']}"


def test_resources_tree_and_rules(gw):
    c = gw.apigw
    api_id, root = gw.api()
    books = gw.resource(api_id, root, "books")
    book = gw.resource(api_id, books, "{id}")
    history = gw.resource(api_id, book, "history")
    proxy = gw.resource(api_id, root, "{proxy+}")
    paths = {r["id"]: r["path"] for r in c.get_resources(restApiId=api_id)["items"]}
    assert paths == {root: "/", books: "/books", book: "/books/{id}",
                     history: "/books/{id}/history", proxy: "/{proxy+}"}

    assert error_of(c.create_resource, restApiId=api_id, parentId=root,
                    pathPart="books")[:3:2] == ("ConflictException", 409)
    code, message, _ = error_of(c.create_resource, restApiId=api_id, parentId=books,
                                pathPart="{other}")
    assert code == "BadRequestException" and "variable path part" in message
    assert error_of(c.create_resource, restApiId=api_id, parentId=proxy,
                    pathPart="x")[0] == "BadRequestException"
    assert error_of(c.create_resource, restApiId=api_id, parentId=root,
                    pathPart="a b")[0] == "BadRequestException"
    assert error_of(c.get_resource, restApiId=api_id, resourceId="nope")[0] == \
        "NotFoundException"

    # Renaming a resource moves its subtree.
    c.update_resource(restApiId=api_id, resourceId=books,
                      patchOperations=[{"op": "replace", "path": "/pathPart", "value": "titles"}])
    assert c.get_resource(restApiId=api_id, resourceId=history)["path"] == \
        "/titles/{id}/history"

    c.delete_resource(restApiId=api_id, resourceId=books)
    left = {r["path"] for r in c.get_resources(restApiId=api_id)["items"]}
    assert left == {"/", "/{proxy+}"}

    page = c.get_resources(restApiId=api_id, limit=1)
    assert len(page["items"]) == 1 and page["position"]
    rest = c.get_resources(restApiId=api_id, limit=1, position=page["position"])
    assert len(rest["items"]) == 1 and "position" not in rest


def test_methods_integrations_and_responses(gw):
    c = gw.apigw
    api_id, root = gw.api()
    books = gw.resource(api_id, root, "books")
    m = c.put_method(restApiId=api_id, resourceId=books, httpMethod="GET",
                     authorizationType="NONE", apiKeyRequired=True,
                     requestParameters={"method.request.querystring.author": False})
    assert m["httpMethod"] == "GET" and m["apiKeyRequired"] is True
    assert error_of(c.put_method, restApiId=api_id, resourceId=books, httpMethod="GET",
                    authorizationType="NONE")[0] == "ConflictException"
    assert error_of(c.put_method, restApiId=api_id, resourceId=books, httpMethod="POST",
                    authorizationType="MAGIC")[0] == "BadRequestException"

    integ = c.put_integration(restApiId=api_id, resourceId=books, httpMethod="GET",
                              type="AWS_PROXY", integrationHttpMethod="POST",
                              uri=LAMBDA_URI.format("books"))
    assert integ["type"] == "AWS_PROXY" and integ["httpMethod"] == "POST"
    assert integ["timeoutInMillis"] == 29000 and integ["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert error_of(c.put_integration, restApiId=api_id, resourceId=books, httpMethod="GET",
                    type="AWS_PROXY", integrationHttpMethod="POST",
                    uri="http://example.com")[0] == "BadRequestException"
    assert error_of(c.put_integration, restApiId=api_id, resourceId=books, httpMethod="GET",
                    type="HTTP", integrationHttpMethod="GET", uri="http://x",
                    timeoutInMillis=40000)[0] == "BadRequestException"

    c.put_method_response(restApiId=api_id, resourceId=books, httpMethod="GET",
                          statusCode="200",
                          responseParameters={"method.response.header.X-Total": False})
    c.put_integration_response(restApiId=api_id, resourceId=books, httpMethod="GET",
                               statusCode="200", selectionPattern="",
                               responseTemplates={"application/json": "$input.body"})
    c.update_integration(restApiId=api_id, resourceId=books, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/timeoutInMillis", "value": "5000"},
        {"op": "add", "path": "/requestParameters/integration.request.header.X",
         "value": "'static'"}])
    c.update_method(restApiId=api_id, resourceId=books, httpMethod="GET", patchOperations=[
        {"op": "replace", "path": "/apiKeyRequired", "value": "false"}])

    got = c.get_method(restApiId=api_id, resourceId=books, httpMethod="GET")
    assert got["apiKeyRequired"] is False
    assert got["methodResponses"]["200"]["responseParameters"] == \
        {"method.response.header.X-Total": False}
    mi = got["methodIntegration"]
    assert mi["timeoutInMillis"] == 5000
    assert mi["requestParameters"] == {"integration.request.header.X": "'static'"}
    assert mi["integrationResponses"]["200"]["responseTemplates"] == \
        {"application/json": "$input.body"}

    embedded = c.get_resources(restApiId=api_id, embed=["methods"])["items"]
    by_path = {r["path"]: r for r in embedded}
    assert by_path["/books"]["resourceMethods"]["GET"]["methodIntegration"]["type"] == \
        "AWS_PROXY"
    plain = {r["path"]: r for r in c.get_resources(restApiId=api_id)["items"]}
    assert plain["/books"]["resourceMethods"] == {"GET": {}}

    c.delete_integration_response(restApiId=api_id, resourceId=books, httpMethod="GET",
                                  statusCode="200")
    c.delete_method_response(restApiId=api_id, resourceId=books, httpMethod="GET",
                             statusCode="200")
    c.delete_integration(restApiId=api_id, resourceId=books, httpMethod="GET")
    assert error_of(c.get_integration, restApiId=api_id, resourceId=books,
                    httpMethod="GET")[0] == "NotFoundException"
    c.delete_method(restApiId=api_id, resourceId=books, httpMethod="GET")
    assert error_of(c.get_method, restApiId=api_id, resourceId=books,
                    httpMethod="GET")[0] == "NotFoundException"


def test_authorizers(gw):
    c = gw.apigw
    api_id, root = gw.api()
    pool = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc"
    cog = c.create_authorizer(restApiId=api_id, name="users", type="COGNITO_USER_POOLS",
                              providerARNs=[pool], identitySource="method.request.header.Authorization")
    tok = c.create_authorizer(restApiId=api_id, name="tok", type="TOKEN",
                              authorizerUri=LAMBDA_URI.format("auth"),
                              authorizerResultTtlInSeconds=0)
    assert tok["identitySource"] == "method.request.header.Authorization"
    assert error_of(c.create_authorizer, restApiId=api_id, name="bad",
                    type="COGNITO_USER_POOLS")[0] == "BadRequestException"
    assert error_of(c.create_authorizer, restApiId=api_id, name="bad", type="TOKEN")[0] == \
        "BadRequestException"
    assert {a["name"] for a in c.get_authorizers(restApiId=api_id)["items"]} == {"users", "tok"}
    updated = c.update_authorizer(restApiId=api_id, authorizerId=tok["id"], patchOperations=[
        {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "60"}])
    assert updated["authorizerResultTtlInSeconds"] == 60

    # A method must name an authorizer of the matching kind.
    assert error_of(c.put_method, restApiId=api_id, resourceId=root, httpMethod="GET",
                    authorizationType="COGNITO_USER_POOLS")[0] == "BadRequestException"
    c.put_method(restApiId=api_id, resourceId=root, httpMethod="GET",
                 authorizationType="COGNITO_USER_POOLS", authorizerId=cog["id"],
                 authorizationScopes=["books/read"])
    code, message, _ = error_of(c.delete_authorizer, restApiId=api_id, authorizerId=cog["id"])
    assert code == "ConflictException"
    c.delete_authorizer(restApiId=api_id, authorizerId=tok["id"])
    assert error_of(c.get_authorizer, restApiId=api_id, authorizerId=tok["id"])[0] == \
        "NotFoundException"


def mock_api(gw):
    api_id, root = gw.api()
    gw.method(api_id, root, "GET", integration_type="MOCK")
    return api_id, root


def test_deployments_and_stages(gw):
    c = gw.apigw
    api_id, root = gw.api()
    assert error_of(c.create_deployment, restApiId=api_id)[1] == \
        "The REST API doesn't contain any methods"
    c.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    assert error_of(c.create_deployment, restApiId=api_id)[1] == \
        "No integration defined for method"
    gw.apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")

    d1 = c.create_deployment(restApiId=api_id, stageName="beta", description="first",
                             variables={"fn": "books"})
    assert d1["description"] == "first"
    assert d1["apiSummary"] == {"/": {"GET": {"authorizationType": "NONE",
                                              "apiKeyRequired": False}}}
    beta = c.get_stage(restApiId=api_id, stageName="beta")
    assert beta["deploymentId"] == d1["id"] and beta["variables"] == {"fn": "books"}

    d2 = c.create_deployment(restApiId=api_id)
    c.create_stage(restApiId=api_id, stageName="prod", deploymentId=d1["id"],
                   variables={"fn": "books:live"}, tags={"env": "prod"})
    assert error_of(c.create_stage, restApiId=api_id, stageName="prod",
                    deploymentId=d1["id"])[0] == "ConflictException"
    assert error_of(c.create_stage, restApiId=api_id, stageName="bad name",
                    deploymentId=d1["id"])[0] == "BadRequestException"
    assert error_of(c.create_stage, restApiId=api_id, stageName="x",
                    deploymentId="nope")[0] == "NotFoundException"

    prod = c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/deploymentId", "value": d2["id"]},
        {"op": "replace", "path": "/variables/fn", "value": "books:v2"},
        {"op": "add", "path": "/variables/extra", "value": "1"},
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "10"},
        {"op": "replace", "path": "/canarySettings/deploymentId", "value": d1["id"]},
        {"op": "replace", "path": "/canarySettings/stageVariableOverrides/fn",
         "value": "books:v3"},
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": "arn:aws:logs:us-east-1:000000000000:log-group:access"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"},
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"},
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"},
        {"op": "replace", "path": "/tracingEnabled", "value": "true"}])
    assert prod["deploymentId"] == d2["id"]
    assert prod["variables"] == {"fn": "books:v2", "extra": "1"}
    assert prod["canarySettings"] == {"percentTraffic": 10.0, "deploymentId": d1["id"],
                                      "stageVariableOverrides": {"fn": "books:v3"}}
    assert prod["accessLogSettings"]["format"] == "$context.requestId"
    assert prod["methodSettings"]["*/*"]["throttlingRateLimit"] == 100.0
    assert prod["methodSettings"]["*/*"]["loggingLevel"] == "INFO"
    assert prod["tracingEnabled"] is True
    assert error_of(c.update_stage, restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "150"}])[0] == \
        "BadRequestException"
    prod = c.update_stage(restApiId=api_id, stageName="prod", patchOperations=[
        {"op": "remove", "path": "/canarySettings"},
        {"op": "remove", "path": "/variables/extra"}])
    assert "canarySettings" not in prod and prod["variables"] == {"fn": "books:v2"}

    # CreateDeployment with canary settings puts the new deployment on the stage's canary.
    d3 = c.create_deployment(restApiId=api_id, stageName="prod",
                             canarySettings={"percentTraffic": 5.0})
    prod = c.get_stage(restApiId=api_id, stageName="prod")
    assert prod["deploymentId"] == d2["id"]
    assert prod["canarySettings"]["deploymentId"] == d3["id"]
    assert prod["canarySettings"]["percentTraffic"] == 5.0

    stages = c.get_stages(restApiId=api_id)["item"]
    assert {s["stageName"] for s in stages} == {"beta", "prod"}
    assert [s["stageName"] for s in c.get_stages(restApiId=api_id,
                                                 deploymentId=d1["id"])["item"]] == ["beta"]
    assert error_of(c.delete_deployment, restApiId=api_id, deploymentId=d1["id"])[0] == \
        "BadRequestException"
    assert len(c.get_deployments(restApiId=api_id)["items"]) == 3
    c.delete_stage(restApiId=api_id, stageName="beta")
    c.delete_deployment(restApiId=api_id, deploymentId=d1["id"])
    assert error_of(c.get_deployment, restApiId=api_id, deploymentId=d1["id"])[0] == \
        "NotFoundException"
    assert error_of(c.get_stage, restApiId=api_id, stageName="beta")[0] == "NotFoundException"


def test_gateway_responses(gw):
    c = gw.apigw
    api_id, _ = gw.api()
    defaults = c.get_gateway_responses(restApiId=api_id, limit=100)["items"]
    assert len(defaults) == 21 and all(r["defaultResponse"] for r in defaults)
    missing = c.get_gateway_response(restApiId=api_id, responseType="MISSING_AUTHENTICATION_TOKEN")
    assert missing["statusCode"] == "403"
    put = c.put_gateway_response(restApiId=api_id, responseType="UNAUTHORIZED", statusCode="401",
                                 responseParameters={
                                     "gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
                                 responseTemplates={"application/json": '{"error":"nope"}'})
    assert put["defaultResponse"] is False
    assert c.get_gateway_response(restApiId=api_id,
                                  responseType="UNAUTHORIZED")["responseTemplates"] == \
        {"application/json": '{"error":"nope"}'}
    assert error_of(c.put_gateway_response, restApiId=api_id,
                    responseType="NOT_A_TYPE")[0] == "BadRequestException"
    c.delete_gateway_response(restApiId=api_id, responseType="UNAUTHORIZED")
    assert c.get_gateway_response(restApiId=api_id,
                                  responseType="UNAUTHORIZED")["defaultResponse"] is True


def test_domains_and_base_path_mappings(gw):
    c = gw.apigw
    api_id, _ = mock_api(gw)
    gw.deploy(api_id, "prod")
    d = c.create_domain_name(domainName="api.example.com", certificateArn="arn:aws:acm:x")
    assert d["domainNameStatus"] == "AVAILABLE" and d["distributionDomainName"]
    assert error_of(c.create_domain_name, domainName="api.example.com")[0] == "ConflictException"
    m = c.create_base_path_mapping(domainName="api.example.com", basePath="v1",
                                   restApiId=api_id, stage="prod")
    assert m == {"basePath": "v1", "restApiId": api_id, "stage": "prod",
                 "ResponseMetadata": m["ResponseMetadata"]}
    root = c.create_base_path_mapping(domainName="api.example.com", restApiId=api_id)
    assert root["basePath"] == "(none)"
    assert error_of(c.create_base_path_mapping, domainName="api.example.com", basePath="v1",
                    restApiId=api_id)[0] == "ConflictException"
    assert error_of(c.create_base_path_mapping, domainName="api.example.com", basePath="v9",
                    restApiId=api_id, stage="nope")[0] == "NotFoundException"
    assert {x["basePath"] for x in
            c.get_base_path_mappings(domainName="api.example.com")["items"]} == {"v1", "(none)"}
    c.update_base_path_mapping(domainName="api.example.com", basePath="v1", patchOperations=[
        {"op": "replace", "path": "/basePath", "value": "v2"}])
    assert c.get_base_path_mapping(domainName="api.example.com", basePath="v2")["stage"] == "prod"
    c.delete_base_path_mapping(domainName="api.example.com", basePath="v2")
    assert error_of(c.get_base_path_mapping, domainName="api.example.com",
                    basePath="v2")[0] == "NotFoundException"
    assert [x["domainName"] for x in c.get_domain_names()["items"]] == ["api.example.com"]
    c.delete_domain_name(domainName="api.example.com")
    assert error_of(c.get_domain_name, domainName="api.example.com")[0] == "NotFoundException"


def test_api_keys_and_usage_plans(gw):
    c = gw.apigw
    api_id, _ = mock_api(gw)
    gw.deploy(api_id, "prod")
    key = c.create_api_key(name="partner", enabled=True)
    assert len(key["value"]) == 40 and key["enabled"] is True
    assert "value" not in c.get_api_key(apiKey=key["id"])
    assert c.get_api_key(apiKey=key["id"], includeValue=True)["value"] == key["value"]
    assert error_of(c.create_api_key, name="short", value="abc")[0] == "BadRequestException"
    plan = c.create_usage_plan(name="basic", apiStages=[{"apiId": api_id, "stage": "prod"}],
                               throttle={"burstLimit": 2, "rateLimit": 1.0},
                               quota={"limit": 100, "period": "DAY"})
    assert plan["apiStages"] == [{"apiId": api_id, "stage": "prod"}]
    pk = c.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    assert pk["id"] == key["id"] and pk["value"] == key["value"] and pk["type"] == "API_KEY"
    assert error_of(c.create_usage_plan_key, usagePlanId=plan["id"], keyId=key["id"],
                    keyType="API_KEY")[0] == "ConflictException"
    assert [p["id"] for p in c.get_usage_plans(keyId=key["id"])["items"]] == [plan["id"]]
    updated = c.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "replace", "path": "/throttle/rateLimit", "value": "5"},
        {"op": "replace", "path": "/quota/limit", "value": "500"},
        {"op": "remove", "path": "/apiStages", "value": f"{api_id}:prod"}])
    assert updated["throttle"]["rateLimit"] == 5.0 and updated["quota"]["limit"] == 500
    assert updated["apiStages"] == []
    assert error_of(c.create_usage_plan, name="x",
                    apiStages=[{"apiId": api_id, "stage": "nope"}])[0] == "NotFoundException"
    c.update_api_key(apiKey=key["id"], patchOperations=[
        {"op": "replace", "path": "/enabled", "value": "false"}])
    assert c.get_api_key(apiKey=key["id"])["enabled"] is False
    assert len(c.get_usage_plan_keys(usagePlanId=plan["id"])["items"]) == 1
    c.delete_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"])
    c.delete_usage_plan(usagePlanId=plan["id"])
    c.delete_api_key(apiKey=key["id"])
    assert error_of(c.get_api_key, apiKey=key["id"])[0] == "NotFoundException"


def test_tags(gw):
    c = gw.apigw
    api_id, _ = mock_api(gw)
    gw.deploy(api_id, "prod")
    arn = f"arn:aws:apigateway:us-east-1::/restapis/{api_id}"
    c.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    c.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert c.get_tags(resourceArn=arn)["tags"] == {"b": "2"}
    stage_arn = f"{arn}/stages/prod"
    c.tag_resource(resourceArn=stage_arn, tags={"env": "prod"})
    assert c.get_stage(restApiId=api_id, stageName="prod")["tags"] == {"env": "prod"}
    assert error_of(c.get_tags, resourceArn="arn:aws:apigateway:us-east-1::/restapis/nope")[0] \
        == "NotFoundException"


def test_aws_cli(gw):
    e = gw.emulator
    api = json.loads(e.aws("apigateway", "create-rest-api", "--name", "cli").stdout)
    resources = json.loads(e.aws("apigateway", "get-resources", "--rest-api-id",
                                 api["id"]).stdout)
    assert resources["items"][0]["path"] == "/"
    result = e.aws("apigateway", "get-rest-api", "--rest-api-id", "nope", check=False)
    assert result.returncode != 0 and "NotFoundException" in result.stderr
