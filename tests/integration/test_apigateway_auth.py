"""API Gateway authorizers, API keys and usage plans on the data plane: COGNITO_USER_POOLS
(missing, invalid, wrong pool, revoked, scopes, claims), Lambda TOKEN and REQUEST authorizers
(allow, deny, Unauthorized, broken, context, caching), apiKeyRequired, throttle and quota."""

import base64
import json
import time

import pytest

from apigw_helpers import LAMBDA_URI, gateway_fixture  # noqa: F401
from cognito_helpers import setup_user, tokens
from lambda_helpers import python_function


def cognito_api(gw):
    idp = gw.emulator.client("cognito-idp")
    pool_id, client, _ = setup_user(idp, "alice")
    other_pool, other_client, _ = setup_user(idp, "mallory")
    gw.echo_function("echo")
    api_id, root = gw.api()
    auth = gw.apigw.create_authorizer(
        restApiId=api_id, name="users", type="COGNITO_USER_POOLS",
        providerARNs=[f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool_id}"],
        identitySource="method.request.header.Authorization")["id"]
    uri = LAMBDA_URI.format("echo")
    open_res = gw.resource(api_id, root, "open")
    gw.method(api_id, open_res, "GET", uri, authorization="COGNITO_USER_POOLS",
              authorizerId=auth)
    scoped = gw.resource(api_id, root, "scoped")
    gw.method(api_id, scoped, "GET", uri, authorization="COGNITO_USER_POOLS", authorizerId=auth,
              authorizationScopes=["aws.cognito.signin.user.admin"])
    other_scope = gw.resource(api_id, root, "admin")
    gw.method(api_id, other_scope, "GET", uri, authorization="COGNITO_USER_POOLS",
              authorizerId=auth, authorizationScopes=["books/admin"])
    gw.deploy(api_id, "beta")
    return (api_id, idp, tokens(idp, client, "alice"),
            tokens(idp, other_client, "mallory"), pool_id)


def test_cognito_authorizer(gw):
    api_id, idp, good, stranger, pool_id = cognito_api(gw)

    def call(path, token=None):
        headers = {"Authorization": token} if token is not None else {}
        status, _, body = gw.invoke(api_id, "beta", path, headers=headers)
        return status, json.loads(body)

    unauthorized = (401, {"message": "Unauthorized"})
    assert call("/open") == unauthorized
    assert call("/open", "") == unauthorized
    assert call("/open", "not.a.jwt") == unauthorized
    assert call("/open", stranger["IdToken"]) == unauthorized  # another pool
    head, payload, sig = good["IdToken"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    assert call("/open", f"{head}.{forged}.{sig}") == unauthorized

    # Without scopes on the method: an ID token, not an access token.
    status, body = call("/open", good["IdToken"])
    assert status == 200
    passed = body["event"]["requestContext"]["authorizer"]["claims"]
    assert passed["cognito:username"] == "alice" and passed["token_use"] == "id"
    assert passed["iss"].endswith("/" + pool_id)
    assert all(isinstance(v, str) for v in passed.values())
    assert call("/open", good["AccessToken"]) == unauthorized

    # With scopes: an access token carrying one of them.
    assert call("/scoped", good["AccessToken"])[0] == 200
    assert call("/scoped", good["IdToken"]) == unauthorized
    assert call("/admin", good["AccessToken"]) == unauthorized

    # Signed out: the tokens are revoked.
    idp.admin_user_global_sign_out(UserPoolId=pool_id, Username="alice")
    assert call("/scoped", good["AccessToken"]) == unauthorized


AUTHORIZER = """
import json

calls = 0

def handler(event, context):
    global calls
    calls += 1
    token = event.get("authorizationToken") or event["headers"].get("X-Token", "")
    if token == "broken":
        return {"no": "policy"}
    if token == "crash":
        raise RuntimeError("authorizer bug")
    if token not in ("allow", "deny", "wild"):
        raise Exception("Unauthorized")
    effect = "Deny" if token == "deny" else "Allow"
    resource = event["methodArn"] if token != "wild" else \\
        event["methodArn"].split("/")[0] + "/*/GET/*"
    return {"principalId": "user-" + token,
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]},
            "context": {"calls": calls, "tier": "gold", "ok": True},
            "usageIdentifierKey": "ignored-unless-authorizer-source"}
"""


def lambda_auth_api(gw, kind="TOKEN", ttl=0):
    python_function(gw.lam, "authz", AUTHORIZER)
    gw.echo_function("echo")
    api_id, root = gw.api()
    source = ("method.request.header.Authorization" if kind == "TOKEN"
              else "method.request.header.X-Token")
    auth = gw.apigw.create_authorizer(restApiId=api_id, name="lam", type=kind,
                                      authorizerUri=LAMBDA_URI.format("authz"),
                                      identitySource=source,
                                      authorizerResultTtlInSeconds=ttl)["id"]
    items = gw.resource(api_id, root, "items")
    gw.method(api_id, items, "GET", LAMBDA_URI.format("echo"), authorization="CUSTOM",
              authorizerId=auth)
    gw.method(api_id, items, "POST", LAMBDA_URI.format("echo"), authorization="CUSTOM",
              authorizerId=auth)
    gw.deploy(api_id, "beta")
    return api_id


@pytest.mark.parametrize("kind", ["TOKEN", "REQUEST"])
def test_lambda_authorizer_outcomes(gw, kind):
    api_id = lambda_auth_api(gw, kind)
    header = "Authorization" if kind == "TOKEN" else "X-Token"

    def call(token=None, method="GET"):
        headers = {header: token} if token is not None else {}
        status, _, body = gw.invoke(api_id, "beta", "/items", method=method, headers=headers)
        return status, json.loads(body)

    status, body = call("allow")
    assert status == 200
    auth = body["event"]["requestContext"]["authorizer"]
    assert auth["principalId"] == "user-allow" and auth["tier"] == "gold"
    assert auth["ok"] == "true"  # context values reach the handler stringified
    assert call("deny") == (403, {"message": "User is not authorized to access this resource "
                                             "with an explicit deny"})
    assert call("nobody") == (401, {"message": "Unauthorized"})
    assert call() == (401, {"message": "Unauthorized"})
    assert call("broken")[0] == 500
    assert call("crash")[0] == 500
    # A wildcard policy for GET allows GET and not POST.
    assert call("wild")[0] == 200
    assert call("wild", method="POST") == (403, {"message": "User is not authorized to access "
                                                            "this resource"})


def test_lambda_authorizer_cache(gw):
    api_id = lambda_auth_api(gw, "TOKEN", ttl=300)

    def calls(token):
        status, _, body = gw.invoke(api_id, "beta", "/items", headers={"Authorization": token})
        assert status == 200
        return json.loads(body)["event"]["requestContext"]["authorizer"]["calls"]

    first = calls("allow")
    assert calls("allow") == first  # cached: the authorizer did not run again
    assert calls("wild") != first
    gw.apigw.flush_stage_authorizers_cache(restApiId=api_id, stageName="beta")
    assert calls("allow") != first


def keyed_api(gw, throttle=None, quota=None):
    gw.echo_function("echo")
    api_id, root = gw.api()
    gw.method(api_id, root, "GET", LAMBDA_URI.format("echo"), apiKeyRequired=True)
    gw.deploy(api_id, "prod")
    key = gw.apigw.create_api_key(name="k", enabled=True)
    plan = {"name": "plan", "apiStages": [{"apiId": api_id, "stage": "prod"}]}
    if throttle:
        plan["throttle"] = throttle
    if quota:
        plan["quota"] = quota
    plan_id = gw.apigw.create_usage_plan(**plan)["id"]
    return api_id, key, plan_id


def test_api_keys(gw):
    api_id, key, plan_id = keyed_api(gw)

    def call(value=None):
        headers = {"x-api-key": value} if value else {}
        status, headers, body = gw.invoke(api_id, "prod", "/", headers=headers)
        return status, json.loads(body)

    forbidden = (403, {"message": "Forbidden"})
    assert call() == forbidden
    assert call("x" * 40) == forbidden
    assert call(key["value"]) == forbidden  # not in a usage plan yet
    gw.apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key["id"], keyType="API_KEY")
    status, body = call(key["value"])
    assert status == 200
    identity = body["event"]["requestContext"]["identity"]
    assert identity["apiKey"] == key["value"] and identity["apiKeyId"] == key["id"]
    gw.apigw.update_api_key(apiKey=key["id"], patchOperations=[
        {"op": "replace", "path": "/enabled", "value": "false"}])
    assert call(key["value"]) == forbidden


def test_throttle_and_quota(gw):
    api_id, key, plan_id = keyed_api(gw, throttle={"burstLimit": 3, "rateLimit": 1.0})
    gw.apigw.create_usage_plan_key(usagePlanId=plan_id, keyId=key["id"], keyType="API_KEY")
    headers = {"x-api-key": key["value"]}
    statuses = [gw.invoke(api_id, "prod", "/", headers=headers)[0] for _ in range(6)]
    assert statuses[:3] == [200, 200, 200] and 429 in statuses[3:]
    status, _, body = gw.invoke(api_id, "prod", "/", headers=headers)
    assert status == 429 and json.loads(body) == {"message": "Too Many Requests"}
    time.sleep(1.2)  # one token back at 1 request/s
    assert gw.invoke(api_id, "prod", "/", headers=headers)[0] == 200

    gw.apigw.update_usage_plan(usagePlanId=plan_id, patchOperations=[
        {"op": "remove", "path": "/throttle"},
        {"op": "replace", "path": "/quota/limit", "value": "2"},
        {"op": "replace", "path": "/quota/period", "value": "DAY"}])
    assert [gw.invoke(api_id, "prod", "/", headers=headers)[0] for _ in range(2)] == [200, 200]
    status, _, body = gw.invoke(api_id, "prod", "/", headers=headers)
    assert status == 429 and json.loads(body) == {"message": "Limit Exceeded"}
