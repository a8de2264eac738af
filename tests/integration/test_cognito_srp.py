"""Cognito USER_SRP_AUTH: amazon-cognito-identity-js signs in against us (tests/js/
cognito_srp_sign_in.mjs runs CognitoUser.authenticateUser and refreshSession and prints what it
saw), and the same exchange at the boto3 level, with an independent Python SRP client."""

import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import subprocess
import types

import jwt
import pytest
from botocore.exceptions import ClientError

from conftest import REPO, parse_json

SCRIPT = os.path.join(REPO, "tests", "js", "cognito_srp_sign_in.mjs")
VECTORS = os.path.join(REPO, "tests", "data", "cognito", "srp_vectors.json")
FAST_HASH = ("--option", "cognito.password-hash-iterations=1")
PASSWORD = "Correct-Horse-9!"


@pytest.fixture
def pool(start_emulator):
    emu = start_emulator(*FAST_HASH)
    idp = emu.client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName="srp", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    assert "ClientSecret" not in client
    return types.SimpleNamespace(emu=emu, idp=idp, id=pool_id, client=client["ClientId"])


def confirmed_user(pool, username, email):
    pool.idp.admin_create_user(
        UserPoolId=pool.id, Username=username, MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": email},
                        {"Name": "email_verified", "Value": "true"}])
    pool.idp.admin_set_user_password(UserPoolId=pool.id, Username=username, Password=PASSWORD,
                                     Permanent=True)
    user = pool.idp.admin_get_user(UserPoolId=pool.id, Username=username)
    assert user["UserStatus"] == "CONFIRMED"
    return {a["Name"]: a["Value"] for a in user["UserAttributes"]}


def run_node(pool, username, password=PASSWORD):
    node = shutil.which("node")
    assert node, "node is required (scripts/setup installs it)"
    assert os.path.isdir(os.path.join(REPO, "tests", "js", "node_modules",
                                      "amazon-cognito-identity-js")), "run scripts/setup"
    run = subprocess.run([node, SCRIPT], capture_output=True, text=True, timeout=90, env={
        **os.environ, "PREFLIGHT_ENDPOINT": pool.emu.url, "COGNITO_POOL_ID": pool.id,
        "COGNITO_CLIENT_ID": pool.client, "COGNITO_USERNAME": username,
        "COGNITO_PASSWORD": password})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def jwks(pool):
    status, headers, body = pool.emu.http("GET", f"/{pool.id}/.well-known/jwks.json")
    assert status == 200, body
    return {k["kid"]: k for k in parse_json(body)["keys"]}


def verify(pool, token, audience=None):
    """The claims of a token whose RS256 signature checks out against the pool's JWKS."""
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256"
    key = jwt.PyJWK(jwks(pool)[header["kid"]]).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=audience,
                      issuer=f"{pool.emu.url}/{pool.id}", leeway=5)


def check_tokens(pool, tokens, username, attributes):
    assert tokens["valid"] is True
    id_claims = verify(pool, tokens["idToken"], audience=pool.client)
    access = verify(pool, tokens["accessToken"])
    assert id_claims["token_use"] == "id"
    assert id_claims["cognito:username"] == username
    assert id_claims["sub"] == attributes["sub"]
    assert id_claims["email"] == attributes["email"]
    assert id_claims["email_verified"] is True
    assert id_claims["aud"] == pool.client
    assert id_claims["exp"] - id_claims["iat"] == 3600
    assert access["token_use"] == "access"
    assert access["client_id"] == pool.client
    assert access["username"] == username
    assert access["sub"] == attributes["sub"]
    assert access["scope"] == "aws.cognito.signin.user.admin"
    assert "aud" not in access
    assert access["origin_jti"] == id_claims["origin_jti"]
    assert access["jti"] != id_claims["jti"]
    assert tokens["idPayload"]["cognito:username"] == username  # what the library decoded
    assert isinstance(tokens["refreshToken"], str) and len(tokens["refreshToken"]) >= 20
    return id_claims, access


def test_library_sign_in_refresh_and_wrong_password(pool):
    attributes = confirmed_user(pool, "alice", "alice@example.com")
    out = run_node(pool, "alice")

    assert "error" not in out["signIn"], out["signIn"]
    assert out["signInUsername"] == "alice"  # USER_ID_FOR_SRP, which the library adopts
    id_claims, access = check_tokens(pool, out["signIn"], "alice", attributes)

    # GetUser with the library's access token.
    assert out["attributes"]["email"] == "alice@example.com"
    assert out["attributes"]["sub"] == attributes["sub"]
    assert out["attributes"]["email_verified"] == "true"

    # REFRESH_TOKEN_AUTH: new tokens of the same authentication, the refresh token kept.
    refreshed = out["refreshed"]
    assert "error" not in refreshed, refreshed
    new_id, new_access = check_tokens(pool, refreshed, "alice", attributes)
    assert new_id["jti"] != id_claims["jti"]
    assert new_access["jti"] != access["jti"]
    assert new_id["origin_jti"] == id_claims["origin_jti"]
    assert new_id["auth_time"] == id_claims["auth_time"]
    assert refreshed["refreshToken"] == out["signIn"]["refreshToken"]

    assert out["wrongPassword"]["code"] == "NotAuthorizedException"
    assert out["wrongPassword"]["message"] == "Incorrect username or password."
    assert out["unknownUser"]["code"] == "UserNotFoundException"
    assert out["unknownUser"]["message"] == "User does not exist."


def test_library_sign_in_after_sign_up_and_confirm(pool):
    idp = pool.idp
    signed_up = idp.sign_up(ClientId=pool.client, Username="bob", Password=PASSWORD,
                            UserAttributes=[{"Name": "email", "Value": "bob@example.com"}])
    assert signed_up["UserConfirmed"] is False
    assert signed_up["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert signed_up["CodeDeliveryDetails"]["AttributeName"] == "email"
    assert re.fullmatch(r"[0-9a-f-]{36}", signed_up["UserSub"])
    assert idp.admin_get_user(UserPoolId=pool.id, Username="bob")["UserStatus"] == "UNCONFIRMED"

    status, _, body = pool.emu.http(
        "GET", f"/_preflight/cognito/codes?userPoolId={pool.id}&username=bob")
    assert status == 200, body
    codes = parse_json(body)["codes"]
    assert codes, body
    latest = codes[-1]
    assert latest["userPoolId"] == pool.id
    assert latest["username"] == "bob"
    assert latest["purpose"] == "SignUp"
    assert re.fullmatch(r"\d{6}", latest["code"])

    wrong = "000000" if latest["code"] != "000000" else "111111"
    with pytest.raises(ClientError) as e:
        idp.confirm_sign_up(ClientId=pool.client, Username="bob", ConfirmationCode=wrong)
    assert e.value.response["Error"]["Code"] == "CodeMismatchException"
    assert e.value.response["Error"]["Message"] == \
        "Invalid verification code provided, please try again."

    idp.confirm_sign_up(ClientId=pool.client, Username="bob", ConfirmationCode=latest["code"])
    user = idp.admin_get_user(UserPoolId=pool.id, Username="bob")
    assert user["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["sub"] == signed_up["UserSub"]
    assert attributes["email_verified"] == "true"

    out = run_node(pool, "bob")
    assert "error" not in out["signIn"], out["signIn"]
    id_claims, _ = check_tokens(pool, out["signIn"], "bob", attributes)
    assert id_claims["email"] == "bob@example.com"
    assert out["wrongPassword"]["code"] == "NotAuthorizedException"
    assert out["wrongPassword"]["message"] == "Incorrect username or password."


# ---- an independent SRP client (the formulas of services/cognito/srp.h) ----

with open(VECTORS, encoding="utf-8") as f:
    N = int(json.load(f)["group"]["n"], 16)
G = 2


def pad(n):
    h = format(n, "x")
    h = "0" + h if len(h) % 2 else h
    return bytes.fromhex("00" + h if h[0] in "89abcdef" else h)


def sha(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


K = int.from_bytes(sha(pad(N), pad(G)), "big")


def timestamp(now):
    return now.strftime("%a %b ") + str(now.day) + now.strftime(" %H:%M:%S UTC %Y")


def password_claim(pool_id, user_id, password, a, srp_a, params, now):
    pool_name = pool_id.split("_")[1]
    b_value = int(params["SRP_B"], 16)
    u = int.from_bytes(sha(pad(srp_a), pad(b_value)), "big")
    x = int.from_bytes(sha(pad(int(params["SALT"], 16)),
                           sha(f"{pool_name}{user_id}:{password}".encode())), "big")
    s = pow((b_value - K * pow(G, x, N)) % N, a + u * x, N)
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    message = (pool_name.encode() + user_id.encode() + base64.b64decode(params["SECRET_BLOCK"])
               + timestamp(now).encode())
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def initiate_srp(pool, username):
    a = secrets.randbits(1024)
    srp_a = pow(G, a, N)
    res = pool.idp.initiate_auth(ClientId=pool.client, AuthFlow="USER_SRP_AUTH",
                                 AuthParameters={"USERNAME": username, "SRP_A": format(srp_a, "x")})
    return a, srp_a, res


def respond(pool, res, signature, now):
    params = res["ChallengeParameters"]
    return pool.idp.respond_to_auth_challenge(
        ClientId=pool.client, ChallengeName="PASSWORD_VERIFIER", Session=res["Session"],
        ChallengeResponses={"USERNAME": params["USER_ID_FOR_SRP"],
                            "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
                            "TIMESTAMP": timestamp(now), "PASSWORD_CLAIM_SIGNATURE": signature})


def test_initiate_auth_srp_challenge_and_bad_signature(pool):
    confirmed_user(pool, "carol", "carol@example.com")
    _, _, res = initiate_srp(pool, "carol")
    assert res["ChallengeName"] == "PASSWORD_VERIFIER"
    params = res["ChallengeParameters"]
    assert set(params) == {"SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME"}
    assert params["USERNAME"] == "carol"
    assert params["USER_ID_FOR_SRP"] == "carol"
    assert re.fullmatch(r"[0-9a-fA-F]+", params["SALT"])
    assert re.fullmatch(r"[0-9a-fA-F]+", params["SRP_B"])
    assert 0 < int(params["SRP_B"], 16) < N
    assert len(base64.b64decode(params["SECRET_BLOCK"], validate=True)) > 0
    assert res["Session"]
    assert "AuthenticationResult" not in res

    # Two attempts get different server values.
    _, _, again = initiate_srp(pool, "carol")
    assert again["ChallengeParameters"]["SRP_B"] != params["SRP_B"]
    assert again["ChallengeParameters"]["SECRET_BLOCK"] != params["SECRET_BLOCK"]
    assert again["ChallengeParameters"]["SALT"] == params["SALT"]  # the stored verifier's salt

    garbage = base64.b64encode(secrets.token_bytes(32)).decode()
    with pytest.raises(ClientError) as e:
        respond(pool, res, garbage, datetime.datetime.now(datetime.timezone.utc))
    assert e.value.response["Error"]["Code"] == "NotAuthorizedException"
    assert e.value.response["Error"]["Message"] == "Incorrect username or password."
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_python_srp_client_signs_in(pool):
    attributes = confirmed_user(pool, "dave", "dave@example.com")
    now = datetime.datetime.now(datetime.timezone.utc)
    a, srp_a, res = initiate_srp(pool, "dave")
    params = res["ChallengeParameters"]
    signature = password_claim(pool.id, params["USER_ID_FOR_SRP"], PASSWORD, a, srp_a, params, now)
    result = respond(pool, res, signature, now)["AuthenticationResult"]
    assert result["TokenType"] == "Bearer"
    assert result["ExpiresIn"] == 3600
    claims = verify(pool, result["IdToken"], audience=pool.client)
    assert claims["cognito:username"] == "dave"
    assert claims["sub"] == attributes["sub"]
    access = verify(pool, result["AccessToken"])
    assert access["username"] == "dave"
    me = pool.idp.get_user(AccessToken=result["AccessToken"])
    assert me["Username"] == "dave"

    # The right claim for the wrong password is refused the same way.
    a, srp_a, res = initiate_srp(pool, "dave")
    params = res["ChallengeParameters"]
    signature = password_claim(pool.id, "dave", PASSWORD + "x", a, srp_a, params, now)
    with pytest.raises(ClientError) as e:
        respond(pool, res, signature, now)
    assert e.value.response["Error"]["Code"] == "NotAuthorizedException"
    assert e.value.response["Error"]["Message"] == "Incorrect username or password."


def test_flows_the_client_does_not_allow(pool):
    confirmed_user(pool, "erin", "erin@example.com")
    with pytest.raises(ClientError) as e:
        pool.idp.initiate_auth(ClientId=pool.client, AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "erin", "PASSWORD": PASSWORD})
    assert e.value.response["Error"]["Code"] == "InvalidParameterException"
    assert e.value.response["Error"]["Message"] == \
        "USER_PASSWORD_AUTH flow not enabled for this client"
