"""Cognito tokens checked the way an API checks them: PyJWT verifies id and access tokens against
the pool's JWKS fetched over HTTP (issuer, audience, RS256), every claim Cognito puts in them,
their lifetimes, the OpenID discovery document, per-pool keys, and GetUser's refusal of
tampered, unsigned and foreign-signed tokens."""

import base64
import json
import re
import time
import types

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cognito_helpers import create_client, create_pool, create_user, error_of, tokens
from cognito_helpers import cognito_fixture  # noqa: F401 - the `cognito` fixture

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
TIER_SCHEMA = [{"Name": "tier", "AttributeDataType": "String", "Mutable": True}]


@pytest.fixture
def signed_in(cognito):
    """alice (with a custom attribute, in group admins) signed in to a pool's public client."""
    emulator, idp = cognito
    pool_id = create_pool(idp, Schema=TIER_SCHEMA)
    client = create_client(idp, pool_id)
    sub = create_user(idp, pool_id, "alice", email="alice@example.com", given_name="Alice",
                      custom__tier="gold")
    idp.create_group(GroupName="admins", UserPoolId=pool_id)
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="admins")
    return types.SimpleNamespace(emulator=emulator, idp=idp, pool_id=pool_id, client=client,
                                 client_id=client["ClientId"], sub=sub,
                                 issuer=f"{emulator.url}/{pool_id}",
                                 result=tokens(idp, client, "alice"))


def jwks_client(emulator, pool_id):
    return jwt.PyJWKClient(f"{emulator.url}/{pool_id}/.well-known/jwks.json")


def verify(emulator, pool_id, token, audience=None):
    key = jwks_client(emulator, pool_id).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=["RS256"], audience=audience,
                      issuer=f"{emulator.url}/{pool_id}")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def get_json(emulator, path):
    status, headers, body = emulator.http("GET", path)
    return status, headers, json.loads(body)


def test_jwks_document(signed_in):
    s = signed_in
    status, headers, jwks = get_json(s.emulator, f"/{s.pool_id}/.well-known/jwks.json")
    assert status == 200
    content_type = {k.lower(): v for k, v in headers.items()}["content-type"]
    assert content_type.startswith("application/json")
    assert len(jwks["keys"]) == 1
    key = jwks["keys"][0]
    assert set(key) == {"alg", "e", "kid", "kty", "n", "use"}
    assert (key["alg"], key["kty"], key["use"], key["e"]) == ("RS256", "RSA", "sig", "AQAB")
    assert int.from_bytes(unb64url(key["n"]), "big").bit_length() == 2048
    for token in (s.result["IdToken"], s.result["AccessToken"]):
        assert jwt.get_unverified_header(token) == {"kid": key["kid"], "alg": "RS256"}
    status, _, _ = s.emulator.http("GET", "/us-east-1_AAAAAAAAA/.well-known/jwks.json")
    assert status == 404


def test_id_token_claims(signed_in):
    s = signed_in
    c = verify(s.emulator, s.pool_id, s.result["IdToken"], audience=s.client_id)
    assert (c["token_use"], c["aud"], c["iss"]) == ("id", s.client_id, s.issuer)
    assert (c["sub"], c["cognito:username"]) == (s.sub, "alice")
    assert (c["email"], c["email_verified"]) == ("alice@example.com", True)
    assert (c["given_name"], c["custom:tier"]) == ("Alice", "gold")
    assert c["cognito:groups"] == ["admins"]
    assert c["exp"] - c["iat"] == 3600
    assert abs(c["iat"] - time.time()) < 60 and abs(c["auth_time"] - c["iat"]) <= 1
    for claim in ("jti", "origin_jti", "event_id"):
        assert re.fullmatch(UUID, c[claim]), claim
    assert "username" not in c and "client_id" not in c and "scope" not in c


def test_access_token_claims(signed_in):
    s = signed_in
    c = verify(s.emulator, s.pool_id, s.result["AccessToken"])  # no audience: none expected
    assert "aud" not in c
    assert (c["token_use"], c["client_id"], c["iss"]) == ("access", s.client_id, s.issuer)
    assert (c["sub"], c["username"]) == (s.sub, "alice")
    assert c["scope"] == "aws.cognito.signin.user.admin"
    assert c["cognito:groups"] == ["admins"]
    assert c["exp"] - c["iat"] == 3600
    assert "email" not in c and "custom:tier" not in c
    id_claims = jwt.decode(s.result["IdToken"], options={"verify_signature": False})
    # One sign-in: the same origin and event, distinct token ids.
    assert (c["origin_jti"], c["event_id"], c["auth_time"]) == \
        (id_claims["origin_jti"], id_claims["event_id"], id_claims["auth_time"])
    assert c["jti"] != id_claims["jti"]


def test_the_wrong_audience_or_issuer_fails_verification(signed_in):
    s = signed_in
    with pytest.raises(jwt.InvalidAudienceError):
        verify(s.emulator, s.pool_id, s.result["IdToken"], audience="someone-else")
    key = jwks_client(s.emulator, s.pool_id).get_signing_key_from_jwt(s.result["IdToken"])
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(s.result["IdToken"], key.key, algorithms=["RS256"], audience=s.client_id,
                   issuer="https://cognito-idp.us-east-1.amazonaws.com/" + s.pool_id)


def test_no_groups_claim_without_groups(cognito):
    emulator, idp = cognito
    pool_id = create_pool(idp)
    client = create_client(idp, pool_id)
    create_user(idp, pool_id, "bob", email="bob@example.com")
    result = tokens(idp, client, "bob")
    id_claims = verify(emulator, pool_id, result["IdToken"], audience=client["ClientId"])
    access = verify(emulator, pool_id, result["AccessToken"])
    assert "cognito:groups" not in id_claims and "cognito:groups" not in access
    assert id_claims["cognito:username"] == access["username"] == "bob"


def test_token_lifetimes_follow_the_client(cognito):
    emulator, idp = cognito
    pool_id = create_pool(idp)
    create_user(idp, pool_id, "carol", email="carol@example.com")
    minutes = create_client(idp, pool_id, "minutes", IdTokenValidity=5, AccessTokenValidity=10,
                            TokenValidityUnits={"IdToken": "minutes", "AccessToken": "minutes"})
    result = tokens(idp, minutes, "carol")
    assert result["ExpiresIn"] == 600
    id_claims = verify(emulator, pool_id, result["IdToken"], audience=minutes["ClientId"])
    access = verify(emulator, pool_id, result["AccessToken"])
    assert id_claims["exp"] - id_claims["iat"] == 300
    assert access["exp"] - access["iat"] == 600

    hours = create_client(idp, pool_id, "hours", IdTokenValidity=2, AccessTokenValidity=3,
                          TokenValidityUnits={"IdToken": "hours", "AccessToken": "hours"})
    result = tokens(idp, hours, "carol")
    assert result["ExpiresIn"] == 3 * 3600
    id_claims = verify(emulator, pool_id, result["IdToken"], audience=hours["ClientId"])
    assert id_claims["exp"] - id_claims["iat"] == 2 * 3600


def test_refreshed_tokens_verify_and_keep_the_origin(signed_in):
    s = signed_in
    refreshed = s.idp.initiate_auth(ClientId=s.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                    AuthParameters={"REFRESH_TOKEN": s.result["RefreshToken"]}
                                    )["AuthenticationResult"]
    original = verify(s.emulator, s.pool_id, s.result["AccessToken"])
    access = verify(s.emulator, s.pool_id, refreshed["AccessToken"])
    id_claims = verify(s.emulator, s.pool_id, refreshed["IdToken"], audience=s.client_id)
    assert (access["sub"], id_claims["sub"]) == (s.sub, s.sub)
    assert access["origin_jti"] == original["origin_jti"]
    assert access["auth_time"] == original["auth_time"]
    assert access["jti"] != original["jti"]
    assert id_claims["custom:tier"] == "gold"


def test_openid_configuration(signed_in):
    s = signed_in
    status, _, doc = get_json(s.emulator, f"/{s.pool_id}/.well-known/openid-configuration")
    assert status == 200
    endpoint = s.emulator.url
    assert doc["issuer"] == s.issuer
    assert doc["jwks_uri"] == f"{s.issuer}/.well-known/jwks.json"
    assert doc["authorization_endpoint"] == f"{endpoint}/oauth2/authorize"
    assert doc["token_endpoint"] == f"{endpoint}/oauth2/token"
    assert doc["userinfo_endpoint"] == f"{endpoint}/oauth2/userInfo"
    assert doc["revocation_endpoint"] == f"{endpoint}/oauth2/revoke"
    assert doc["response_types_supported"] == ["code"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert "openid" in doc["scopes_supported"]
    assert sorted(doc["token_endpoint_auth_methods_supported"]) == \
        ["client_secret_basic", "client_secret_post"]
    # The document points at keys that verify the pool's tokens.
    key = jwt.PyJWKClient(doc["jwks_uri"]).get_signing_key_from_jwt(s.result["IdToken"])
    claims = jwt.decode(s.result["IdToken"], key.key, algorithms=["RS256"],
                        audience=s.client_id, issuer=doc["issuer"])
    assert claims["sub"] == s.sub


def test_each_pool_has_its_own_key(signed_in):
    s = signed_in
    other_pool = create_pool(s.idp, "other")
    _, _, mine = get_json(s.emulator, f"/{s.pool_id}/.well-known/jwks.json")
    _, _, theirs = get_json(s.emulator, f"/{other_pool}/.well-known/jwks.json")
    assert mine["keys"][0]["kid"] != theirs["keys"][0]["kid"]
    assert mine["keys"][0]["n"] != theirs["keys"][0]["n"]
    # A token from this pool is not signed by the other pool's key.
    with pytest.raises(jwt.PyJWKClientError):
        jwks_client(s.emulator, other_pool).get_signing_key_from_jwt(s.result["AccessToken"])
    foreign = jwt.PyJWK(theirs["keys"][0]).key
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(s.result["AccessToken"], foreign, algorithms=["RS256"])


def test_get_user_rejects_forged_access_tokens(signed_in):
    s = signed_in
    access = s.result["AccessToken"]
    assert s.idp.get_user(AccessToken=access)["Username"] == "alice"
    header, payload, signature = access.split(".")
    claims = json.loads(unb64url(payload))

    # One character of the payload flipped.
    i = len(payload) // 2
    flipped = payload[:i] + ("A" if payload[i] != "A" else "B") + payload[i + 1:]
    # A readable payload naming someone else, under the original signature.
    renamed = b64url(json.dumps({**claims, "username": "mallory"}).encode())
    # No signature at all.
    unsigned = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode()) + "." + payload + "."
    # Signed with a key the pool never had, under the pool's kid.
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    foreign = jwt.encode(claims, stranger, algorithm="RS256",
                         headers={"kid": jwt.get_unverified_header(access)["kid"]})
    forged = [f"{header}.{flipped}.{signature}", f"{header}.{renamed}.{signature}", unsigned,
              foreign, s.result["IdToken"], "not-a-jwt"]
    for token in forged:
        code, _, status = error_of(s.idp.get_user, AccessToken=token)
        assert (code, status) == ("NotAuthorizedException", 400), token
    # None of that changed the user.
    assert s.idp.get_user(AccessToken=access)["Username"] == "alice"
