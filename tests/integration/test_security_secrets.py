"""Refusals never echo a secret: not the password (NotAuthorizedException), not the SECRET_HASH or
the app client's secret, not a client secret sent to /oauth2/token, not the AWS secret access key
(nor the signing key derived from it, nor the signature the server expected) under --strict-auth.
Nor does the emulator's log on stderr, in either format."""

import base64
import datetime
import json
import urllib.parse

import pytest

from cognito_helpers import secret_hash, setup_user
from conftest import Emulator, error_of, sigv4_headers, signing_key, utcnow

ACCESS_KEY = "AKIDSECRETSTEST00001"
SECRET_KEY = "Sup3r-S3cret-Access-Key/Value+0001"
WRONG_SECRET_KEY = "Wr0ng-S3cret-Access-Key/Value+0002"
WRONG_PASSWORD = "Wr0ng-Pa55word-1234!"
DOMAIN = "secrets-test"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module", params=["text", "json"])
def world(request):
    emulator = Emulator("--strict-auth", "--log-format", request.param,
                        "--option", "cognito.password-hash-iterations=1",
                        "--credentials", f"{ACCESS_KEY}:{SECRET_KEY}").start()
    idp = emulator.client("cognito-idp", key=ACCESS_KEY, secret=SECRET_KEY)
    pool_id, client, _ = setup_user(idp, "alice", GenerateSecret=True)
    idp.create_user_pool_domain(Domain=DOMAIN, UserPoolId=pool_id)
    idp.create_resource_server(UserPoolId=pool_id, Identifier="books", Name="books",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}])
    machine = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="machine", GenerateSecret=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["books/read"])["UserPoolClient"]
    # What must never come back: every secret the emulator holds or was sent in these tests.
    secrets = {SECRET_KEY, WRONG_SECRET_KEY, WRONG_PASSWORD, client["ClientSecret"],
               machine["ClientSecret"], secret_hash("alice", client["ClientId"],
                                                    client["ClientSecret"])}
    yield emulator, idp, pool_id, client, machine, secrets
    emulator.close()


def assert_clean(text, secrets):
    for secret in secrets:
        for form in {secret, urllib.parse.quote(secret, safe=""), json.dumps(secret)[1:-1]}:
            assert form not in text, f"secret echoed: {secret!r}"


def test_cognito_refusals_do_not_echo_passwords_or_secrets(world):
    emulator, idp, pool_id, client, _, secrets = world
    good_hash = secret_hash("alice", client["ClientId"], client["ClientSecret"])
    bad_hash = secret_hash("alice", client["ClientId"], "not-the-client-secret")
    secrets = secrets | {bad_hash}
    attempts = [
        (idp.initiate_auth, dict(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": WRONG_PASSWORD,
                                                 "SECRET_HASH": good_hash})),
        (idp.initiate_auth, dict(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!",
                                                 "SECRET_HASH": bad_hash})),
        (idp.admin_initiate_auth, dict(UserPoolId=pool_id, ClientId=client["ClientId"],
                                       AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": "alice",
                                                       "PASSWORD": WRONG_PASSWORD,
                                                       "SECRET_HASH": good_hash})),
        (idp.initiate_auth, dict(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "alice",
                                                 "PASSWORD": WRONG_PASSWORD})),
    ]
    for call, kwargs in attempts:
        code, message, status = error_of(call, **kwargs)
        assert (code, status) == ("NotAuthorizedException", 400), message
        assert_clean(message, secrets)
    # The right password still works.
    ok = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                           AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!",
                                           "SECRET_HASH": good_hash})
    assert ok["AuthenticationResult"]["AccessToken"]
    # ChangePassword with the wrong previous password.
    access = ok["AuthenticationResult"]["AccessToken"]
    code, message, _ = error_of(idp.change_password, PreviousPassword=WRONG_PASSWORD,
                                ProposedPassword="An0ther-Passw0rd!", AccessToken=access)
    assert code == "NotAuthorizedException"
    assert_clean(message, secrets | {"An0ther-Passw0rd!"})


def test_oauth_token_endpoint_does_not_echo_client_secrets(world):
    emulator, _, _, _, machine, secrets = world
    wrong_secret = "Wr0ng-Client-Secret-0003"
    secrets = secrets | {wrong_secret}
    basic = base64.b64encode(f"{machine['ClientId']}:{wrong_secret}".encode()).decode()
    for form, headers in [
        ({"grant_type": "client_credentials", "client_id": machine["ClientId"],
          "client_secret": wrong_secret}, {}),
        ({"grant_type": "client_credentials"}, {"Authorization": "Basic " + basic}),
    ]:
        status, res_headers, body = emulator.http("POST", "/oauth2/token",
                                                  urllib.parse.urlencode(form).encode(),
                                                  {**FORM, **headers})
        assert status in (400, 401) and json.loads(body)["error"] == "invalid_client"
        assert_clean(body.decode() + json.dumps(res_headers), secrets | {basic})
    good = base64.b64encode(f"{machine['ClientId']}:{machine['ClientSecret']}".encode()).decode()
    status, _, body = emulator.http("POST", "/oauth2/token", b"grant_type=client_credentials",
                                    {**FORM, "Authorization": "Basic " + good})
    assert status == 200, body
    assert_clean(body.decode(), secrets)


def test_signature_errors_do_not_echo_keys_or_the_expected_signature(world):
    emulator, _, _, _, _, secrets = world
    host = f"127.0.0.1:{emulator.port}"
    now = utcnow()
    requests = [
        ("sts", b"Action=GetCallerIdentity&Version=2011-06-15",
         {"content-type": "application/x-www-form-urlencoded"}),
        ("dynamodb", b"{}", {"content-type": "application/x-amz-json-1.0",
                             "x-amz-target": "DynamoDB_20120810.ListTables"}),
    ]
    for service, body, headers in requests:
        for when in (now, now - datetime.timedelta(minutes=20)):
            sent = sigv4_headers("POST", host, "/", "", body, ACCESS_KEY, WRONG_SECRET_KEY,
                                 "us-east-1", service, when, headers)
            # The signature the server computes with the real secret: an oracle if echoed.
            expected = sigv4_headers("POST", host, "/", "", body, ACCESS_KEY, SECRET_KEY,
                                     "us-east-1", service, when, headers)
            expected_signature = expected["authorization"].rsplit("Signature=", 1)[1]
            key = signing_key(SECRET_KEY, when.strftime("%Y%m%d"), "us-east-1", service)
            status, res_headers, answer = emulator.http("POST", "/", body, sent)
            assert status in (400, 403)
            text = answer.decode() + json.dumps(res_headers)
            assert "SignatureDoesNotMatch" in text or "InvalidSignatureException" in text
            assert_clean(text, secrets | {expected_signature, key.hex(),
                                          base64.b64encode(key).decode()})
        # Still served with the right key.
        ok = sigv4_headers("POST", host, "/", "", body, ACCESS_KEY, SECRET_KEY, "us-east-1",
                           service, utcnow(), headers)
        assert emulator.http("POST", "/", body, ok)[0] == 200


def test_the_log_holds_no_secrets(world):
    emulator, idp, _, client, _, secrets = world
    # Make sure the log has seen refusals of every kind before it is read.
    error_of(idp.initiate_auth, ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
             AuthParameters={"USERNAME": "alice", "PASSWORD": WRONG_PASSWORD,
                             "SECRET_HASH": secret_hash("alice", client["ClientId"],
                                                        client["ClientSecret"])})
    wrong = emulator.client("sts", key=ACCESS_KEY, secret=WRONG_SECRET_KEY)
    assert error_of(wrong.get_caller_identity)[0] == "SignatureDoesNotMatch"
    logs = emulator.logs()
    assert "NotAuthorizedException" in logs and "SignatureDoesNotMatch" in logs
    assert_clean(logs, secrets)
