"""Helpers shared by the Cognito user pool integration tests: an emulator started with a cheap
password hash, SECRET_HASH, the local confirmation-code endpoint, raw JSON calls, and one-line
setup of a pool, an app client and a confirmed user."""

import base64
import hashlib
import hmac
import json
import urllib.parse

import pytest

from conftest import error_of, sigv4_headers, utcnow  # noqa: F401 - error_of for the tests

ACCOUNT = "000000000000"
REGION = "us-east-1"
PASSWORD = "Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd!"
TARGET = "AWSCognitoIdentityProviderService"
# Every flow the API tests use; SRP stays on so clients look like the console's defaults.
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
         "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]


@pytest.fixture(name="cognito")
def cognito_fixture(start_emulator):
    """(emulator, cognito-idp client) with a 1-iteration password hash, so tests stay fast."""
    emulator = start_emulator("--option", "cognito.password-hash-iterations=1")
    return emulator, emulator.client("cognito-idp")


def secret_hash(username, client_id, client_secret):
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def raw_call(emulator, operation, payload):
    """A signed JSON 1.1 call made by hand (for requests boto3 refuses to send).
    Returns (status, body as JSON)."""
    body = json.dumps(payload).encode()
    headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", "/", "", body, "test", "test",
                            REGION, "cognito-idp", utcnow(),
                            {"content-type": "application/x-amz-json-1.1",
                             "x-amz-target": f"{TARGET}.{operation}"})
    status, _, res = emulator.http("POST", "/", body, headers)
    return status, json.loads(res)


def codes(emulator, pool_id, username):
    """The codes the emulator would have e-mailed to a user, oldest first."""
    query = urllib.parse.urlencode({"userPoolId": pool_id, "username": username})
    status, _, body = emulator.http("GET", f"/_preflight/cognito/codes?{query}")
    assert status == 200, body
    return json.loads(body)["codes"]


def last_code(emulator, pool_id, username, purpose=None):
    found = [c for c in codes(emulator, pool_id, username)
             if purpose is None or c["purpose"] == purpose]
    assert found, f"no {purpose or ''} code for {username}"
    return found[-1]["code"]


def attrs(attribute_list):
    """[{"Name":..,"Value":..}] -> {name: value}."""
    return {a["Name"]: a["Value"] for a in attribute_list}


def attr_list(**values):
    """attr_list(email="a@b.c", custom__tier="gold") -> Cognito's attribute list."""
    return [{"Name": k.replace("__", ":"), "Value": v} for k, v in values.items()]


def create_pool(idp, name="pool", **kwargs):
    return idp.create_user_pool(PoolName=name, **kwargs)["UserPool"]["Id"]


def create_client(idp, pool_id, name="app", flows=FLOWS, **kwargs):
    """Creates an app client; returns its UserPoolClient description."""
    if flows is not None:
        kwargs["ExplicitAuthFlows"] = flows
    return idp.create_user_pool_client(UserPoolId=pool_id, ClientName=name,
                                       **kwargs)["UserPoolClient"]


def create_user(idp, pool_id, username, password=PASSWORD, email=None, **attributes):
    """An admin-created user whose password is permanent (status CONFIRMED).
    Returns the user's sub."""
    values = dict(attributes)
    if email:
        values.update(email=email, email_verified="true")
    user = idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                                 TemporaryPassword="Temp-Passw0rd!",
                                 UserAttributes=attr_list(**values))["User"]
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password,
                                Permanent=True)
    return attrs(user["Attributes"])["sub"]


def setup_user(idp, username="alice", email="alice@example.com", pool_kwargs=None, **client_kwargs):
    """A pool, an app client and a confirmed user; returns (pool_id, client, sub)."""
    pool_id = create_pool(idp, **(pool_kwargs or {}))
    client = create_client(idp, pool_id, **client_kwargs)
    sub = create_user(idp, pool_id, username, email=email)
    return pool_id, client, sub


def password_auth(idp, client, username, password=PASSWORD):
    """InitiateAuth USER_PASSWORD_AUTH (with SECRET_HASH for secret clients); the raw response."""
    params = {"USERNAME": username, "PASSWORD": password}
    if client.get("ClientSecret"):
        params["SECRET_HASH"] = secret_hash(username, client["ClientId"], client["ClientSecret"])
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters=params)


def tokens(idp, client, username, password=PASSWORD):
    return password_auth(idp, client, username, password)["AuthenticationResult"]
