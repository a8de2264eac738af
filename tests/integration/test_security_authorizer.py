"""A COGNITO_USER_POOLS authorizer refuses every token it should, with API Gateway's 401
{"message":"Unauthorized"}, and the next good request is still served: alg none, HS256 keyed
with the pool's public key (key confusion), an embedded attacker JWK, another RSA key under the
pool's kid, bad signatures, expired or not-yet-valid tokens, foreign issuers, the wrong
token_use, and revoked sessions.

Tokens with chosen claims but a valid signature are signed with the pool's own private key,
read from the emulator's snapshot: that is how the checks after the signature are reached."""

import base64
import hashlib
import hmac
import json
import os
import sqlite3
import tempfile
import time

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from apigw_helpers import Gateway
from conftest import Emulator
from cognito_helpers import setup_user, tokens

UNAUTHORIZED = (401, "UnauthorizedException", {"message": "Unauthorized"})
SCOPE = "aws.cognito.signin.user.admin"


def b64url(data):
    if isinstance(data, (dict, list)):
        data = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parts(token):
    head, payload, signature = token.split(".")
    return json.loads(b64url_decode(head)), json.loads(b64url_decode(payload)), signature


def rs256(private_key, header, claims):
    signing_input = f"{b64url(header)}.{b64url(claims)}"
    signature = private_key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def hs256(secret, header, claims):
    signing_input = f"{b64url(header)}.{b64url(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(mac)}"


def pool_private_key(emulator, pool_id):
    """(private key, kid) of a pool, from a snapshot of the emulator's database."""
    status, _, snapshot = emulator.http("POST", "/_preflight/snapshot")
    assert status == 200
    with tempfile.NamedTemporaryFile(suffix=".db", delete=False) as f:
        f.write(snapshot)
    try:
        with sqlite3.connect(f.name) as db:
            pem, kid = db.execute("SELECT key_pem, kid FROM cognito_pools WHERE id = ?",
                                  (pool_id,)).fetchone()
    finally:
        os.unlink(f.name)
    return serialization.load_pem_private_key(pem.encode(), password=None), kid


def jwks_public_key(emulator, pool_id):
    status, _, body = emulator.http("GET", f"/{pool_id}/.well-known/jwks.json")
    assert status == 200
    jwk = json.loads(body)["keys"][0]
    numbers = rsa.RSAPublicNumbers(int.from_bytes(b64url_decode(jwk["e"]), "big"),
                                   int.from_bytes(b64url_decode(jwk["n"]), "big"))
    return jwk, numbers.public_key()


@pytest.fixture(scope="module")
def site():
    emulator = Emulator("--option", "cognito.password-hash-iterations=1").start()
    try:
        yield build_site(emulator)
    finally:
        emulator.close()


def build_site(emulator):
    gw = Gateway(emulator)
    idp = emulator.client("cognito-idp")
    pool_id, client, _ = setup_user(idp, "alice")
    other_pool, other_client, _ = setup_user(idp, "mallory")
    api_id, root = gw.api()
    authorizer = gw.apigw.create_authorizer(
        restApiId=api_id, name="users", type="COGNITO_USER_POOLS",
        providerARNs=[f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool_id}"],
        identitySource="method.request.header.Authorization")["id"]
    for part, scopes in [("open", None), ("scoped", [SCOPE])]:
        resource = gw.resource(api_id, root, part)
        extra = {"authorizationScopes": scopes} if scopes else {}
        gw.mock_ok(api_id, resource, "GET", authorization="COGNITO_USER_POOLS",
                   authorizerId=authorizer, **extra)
    gw.deploy(api_id, "beta")
    key, kid = pool_private_key(emulator, pool_id)
    other_key, other_kid = pool_private_key(emulator, other_pool)

    class Site:
        pass

    s = Site()
    s.emulator, s.gw, s.idp, s.api_id = emulator, gw, idp, api_id
    s.pool_id, s.client, s.other_pool, s.other_client = pool_id, client, other_pool, other_client
    s.key, s.kid, s.other_key, s.other_kid = key, kid, other_key, other_kid
    s.good = tokens(idp, client, "alice")
    return s


def call(site, token, path="/open"):
    headers = {"Authorization": token} if token is not None else {}
    status, hdrs, body = site.gw.invoke(site.api_id, "beta", path, headers=headers)
    return status, hdrs.get("x-amzn-errortype"), json.loads(body)


def assert_refused(site, token, path="/open"):
    assert call(site, token, path) == UNAUTHORIZED
    # ... and the next good request is served.
    assert call(site, site.good["IdToken"])[0] == 200


def good_claims(site):
    """The claims of alice's ID token, fresh (the token is reissued by re-signing)."""
    return parts(site.good["IdToken"])[1]


def test_tokens_re_signed_with_the_pool_key_are_accepted(site):
    # The control for everything below: a token this test signs with the pool's key passes.
    header, claims, _ = parts(site.good["IdToken"])
    assert header == {"kid": site.kid, "alg": "RS256"}
    assert call(site, rs256(site.key, header, claims)) == (200, None, {"ok": 1})
    claims["exp"] = int(time.time()) + 600
    assert call(site, rs256(site.key, header, claims))[0] == 200


def test_alg_none_is_refused(site):
    claims = good_claims(site)
    for alg in ["none", "None", "NONE", "nOnE", ""]:
        header = b64url({"kid": site.kid, "alg": alg})
        for signature in ["", b64url(b"x")]:
            assert_refused(site, f"{header}.{b64url(claims)}.{signature}")
    # The good token's own signature under alg none.
    _, _, signature = site.good["IdToken"].split(".")
    assert_refused(site, f"{b64url({'kid': site.kid, 'alg': 'none'})}.{b64url(claims)}.{signature}")


def test_hs256_keyed_with_the_public_key_is_refused(site):
    jwk, public = jwks_public_key(site.emulator, site.pool_id)
    assert jwk["kid"] == site.kid
    claims = good_claims(site)
    secrets = [
        public.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo),
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1),
        public.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo),
        json.dumps(jwk).encode(),
        jwk["n"].encode(),
    ]
    for secret in secrets:
        for alg in ["HS256", "HS384", "HS512"]:
            assert_refused(site, hs256(secret, {"kid": site.kid, "alg": alg}, claims))
            assert_refused(site, hs256(secret.rstrip(b"\n"), {"kid": site.kid, "alg": alg},
                                       claims))


def test_keys_the_pool_does_not_own_are_refused(site):
    claims = good_claims(site)
    attacker = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = attacker.public_key().public_numbers()
    attacker_jwk = {"kty": "RSA", "kid": site.kid, "alg": "RS256", "use": "sig",
                    "e": b64url(numbers.e.to_bytes(3, "big")),
                    "n": b64url(numbers.n.to_bytes(256, "big"))}
    # Another RSA key under the pool's kid; with the key embedded (jwk) or linked (jku, x5u).
    assert_refused(site, rs256(attacker, {"kid": site.kid, "alg": "RS256"}, claims))
    assert_refused(site, rs256(attacker, {"kid": site.kid, "alg": "RS256", "jwk": attacker_jwk},
                               claims))
    assert_refused(site, rs256(attacker, {"alg": "RS256", "jwk": attacker_jwk}, claims))
    assert_refused(site, rs256(attacker, {"kid": "attacker", "alg": "RS256",
                                          "jku": "http://127.0.0.1:1/jwks.json"}, claims))
    # The other pool's key, under its own kid or under this pool's kid.
    assert_refused(site, rs256(site.other_key, {"kid": site.other_kid, "alg": "RS256"}, claims))
    assert_refused(site, rs256(site.other_key, {"kid": site.kid, "alg": "RS256"}, claims))
    # This pool's signature under the other pool's kid.
    assert_refused(site, rs256(site.key, {"kid": site.other_kid, "alg": "RS256"}, claims))
    # No kid; a crit extension.
    assert_refused(site, rs256(site.key, {"alg": "RS256"}, claims))
    assert_refused(site, rs256(site.key, {"kid": site.kid, "alg": "RS256", "crit": ["exp"]},
                               claims))


def test_tampered_tokens_are_refused(site):
    token = site.good["IdToken"]
    head, payload, signature = token.split(".")
    raw = bytearray(b64url_decode(signature))
    raw[len(raw) // 2] ^= 0x01
    assert_refused(site, f"{head}.{payload}.{b64url(bytes(raw))}")
    assert_refused(site, f"{head}.{payload}.")
    assert_refused(site, f"{head}.{payload}")
    assert_refused(site, f"{head}.{payload}.{signature}.{signature}")
    claims = parts(token)[1]
    for change in [{"cognito:username": "admin"}, {"exp": claims["exp"] + 3600},
                   {"cognito:groups": ["admins"]}]:
        assert_refused(site, f"{head}.{b64url({**claims, **change})}.{signature}")
    header = parts(token)[0]
    assert_refused(site, f"{b64url({**header, 'typ': 'JWT'})}.{payload}.{signature}")


def test_expired_and_not_yet_valid_tokens_are_refused(site):
    header = {"kid": site.kid, "alg": "RS256"}
    now = int(time.time())
    base = good_claims(site)
    for change in [{"exp": now - 60}, {"exp": now - 1}, {"exp": str(now + 600)},
                   {"exp": None}, {"nbf": now + 600}, {"nbf": "soon"}]:
        claims = {k: v for k, v in {**base, **change}.items() if v is not None}
        assert_refused(site, rs256(site.key, header, claims))


def test_foreign_issuers_and_wrong_token_use_are_refused(site):
    header = {"kid": site.kid, "alg": "RS256"}
    base = good_claims(site)
    other_iss = base["iss"].rsplit("/", 1)[0] + "/" + site.other_pool
    for change in [{"iss": other_iss}, {"iss": "https://evil.example/us-east-1_Evil"},
                   {"iss": ""}, {"iss": None}, {"token_use": "access"},
                   {"token_use": "refresh"}, {"token_use": None}]:
        claims = {k: v for k, v in {**base, **change}.items() if v is not None}
        assert_refused(site, rs256(site.key, header, claims))
    # The other pool's own, genuine tokens.
    stranger = tokens(site.idp, site.other_client, "mallory")
    assert_refused(site, stranger["IdToken"])
    assert_refused(site, stranger["AccessToken"], "/scoped")
    # Without scopes on the method an access token is refused, with them an ID token is.
    assert_refused(site, site.good["AccessToken"])
    assert_refused(site, site.good["IdToken"], "/scoped")
    assert call(site, site.good["AccessToken"], "/scoped")[0] == 200
    # An access token whose scope claim lacks the method's scope.
    access_header, access, _ = parts(site.good["AccessToken"])
    assert_refused(site, rs256(site.key, access_header, {**access, "scope": "openid"}),
                   "/scoped")


def test_revoked_sessions_are_refused(site):
    # A session of its own, so the other tests keep theirs.
    revoked = tokens(site.idp, site.client, "alice")
    assert call(site, revoked["IdToken"])[0] == 200
    site.idp.revoke_token(Token=revoked["RefreshToken"], ClientId=site.client["ClientId"])
    assert_refused(site, revoked["IdToken"])
    assert_refused(site, revoked["AccessToken"], "/scoped")

    signed_out = tokens(site.idp, site.client, "alice")
    assert call(site, signed_out["AccessToken"], "/scoped")[0] == 200
    site.idp.global_sign_out(AccessToken=signed_out["AccessToken"])
    # Signing out ends every session of the user, the module's good one too: sign in again.
    assert call(site, site.good["IdToken"]) == UNAUTHORIZED
    site.good = tokens(site.idp, site.client, "alice")
    assert_refused(site, signed_out["IdToken"])
    assert_refused(site, signed_out["AccessToken"], "/scoped")
