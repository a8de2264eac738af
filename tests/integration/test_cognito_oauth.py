"""Cognito's OAuth 2.0 endpoints and hosted UI over raw HTTP, as a browser and a backend use them:
authorization code with PKCE (S256 and plain) through /oauth2/authorize, /login and
/oauth2/token, under the three addressing forms (pool domain Host header, plain path, /_aws/
prefix); refresh, userInfo, revoke, logout; client_credentials with resource-server scopes;
the OpenID discovery document and the JWKS. Redirects are never followed automatically."""

import base64
import hashlib
import html.parser
import http.client
import json
import secrets
import types
import urllib.parse

import jwt
import pytest

FAST_HASH = ("--option", "cognito.password-hash-iterations=1")
PASSWORD = "Correct-Horse-9!"
CALLBACK = "http://localhost:3000/callback"
SIGNED_OUT = "http://localhost:3000/signed-out"
DOMAIN = "preflight-oauth"
FORM = "application/x-www-form-urlencoded"


def qs(params):
    """A query string with spaces as %20 (what JavaScript's encodeURIComponent sends)."""
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class Forms(html.parser.HTMLParser):
    """The forms of a page: [{"method", "action", "inputs": {name: value}}]."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(),
                               "action": a.get("action") or "", "inputs": {}})
        elif tag == "input" and self.forms and a.get("name"):
            self.forms[-1]["inputs"][a["name"]] = a.get("value") or ""


class Site:
    """One way of addressing the OAuth endpoints: a Host header and a path prefix."""

    def __init__(self, emu, host, prefix):
        self.emu, self.host, self.prefix = emu, host, prefix

    def request(self, method, path, body=None, headers=None, prefixed=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.emu.port, timeout=10)
        try:
            h = {"Host": self.host, **(headers or {})}
            if isinstance(body, dict):
                body = urllib.parse.urlencode(body)
                h.setdefault("Content-Type", FORM)
            conn.request(method, (self.prefix if prefixed else "") + path, body=body, headers=h)
            res = conn.getresponse()
            got = {}
            for k, v in res.getheaders():
                got.setdefault(k.lower(), []).append(v)
            return types.SimpleNamespace(status=res.status, body=res.read(), headers=got,
                                         header=lambda k: got.get(k.lower(), [None])[0])
        finally:
            conn.close()

    def json(self, method, path, body=None, headers=None):
        res = self.request(method, path, body, headers)
        return res.status, json.loads(res.body)


@pytest.fixture
def pool(start_emulator):
    emu = start_emulator(*FAST_HASH)
    idp = emu.client("cognito-idp")
    pool_id = idp.create_user_pool(PoolName="oauth", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    idp.create_user_pool_domain(Domain=DOMAIN, UserPoolId=pool_id)
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid", "email", "profile"],
        CallbackURLs=[CALLBACK], LogoutURLs=[SIGNED_OUT], SupportedIdentityProviders=["COGNITO"],
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "alice@example.com"},
                                          {"Name": "email_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password=PASSWORD,
                                Permanent=True)
    sub = {a["Name"]: a["Value"] for a in idp.admin_get_user(
        UserPoolId=pool_id, Username="alice")["UserAttributes"]}["sub"]
    sites = {"host": Site(emu, f"{DOMAIN}.auth.localhost:{emu.port}", ""),
             "path": Site(emu, f"127.0.0.1:{emu.port}", ""),
             "aws": Site(emu, f"127.0.0.1:{emu.port}", "/_aws/cognito-idp")}
    return types.SimpleNamespace(emu=emu, idp=idp, id=pool_id, client=client, sub=sub,
                                 sites=sites)


def verify(pool, token, audience=None, site=None):
    """Claims of a token signed by a key of the pool's JWKS. iss is {endpoint}/{pool}: for the
    pool-domain Host form the endpoint may be that host or localhost on the emulator's port."""
    header = jwt.get_unverified_header(token)
    status, _, body = pool.emu.http("GET", f"/{pool.id}/.well-known/jwks.json")
    assert status == 200
    key = next(k for k in json.loads(body)["keys"] if k["kid"] == header["kid"])
    claims = jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], audience=audience,
                        options={"verify_iss": False}, leeway=5)
    issuers = [f"{pool.emu.url}/{pool.id}"]
    if site and site.host.startswith(f"{DOMAIN}."):
        issuers = [f"http://{site.host}/{pool.id}", f"http://localhost:{pool.emu.port}/{pool.id}"]
    assert claims["iss"] in issuers
    return claims


def pkce(method="S256"):
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    if method == "plain":
        return verifier, verifier
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_query(pool, challenge=None, method="S256", **extra):
    q = {"response_type": "code", "client_id": pool.client, "redirect_uri": CALLBACK,
         "state": "st-" + secrets.token_hex(4)}  # no scope: all the client's allowed scopes
    if challenge:
        q.update(code_challenge=challenge, code_challenge_method=method)
    q.update(extra)
    return q


def login_page(site, query):
    """GET /oauth2/authorize, follow its redirect to /login by hand: the page's form."""
    res = site.request("GET", "/oauth2/authorize?" + qs(query))
    assert res.status == 302, res.body
    location = urllib.parse.urlsplit(res.header("location"))
    assert location.path == site.prefix + "/login"
    assert dict(urllib.parse.parse_qsl(location.query)) == query
    page = site.request("GET", f"{location.path}?{location.query}", prefixed=False)
    assert page.status == 200, page.body
    assert page.header("content-type").startswith("text/html")
    parser = Forms()
    parser.feed(page.body.decode("utf-8"))
    form = next(f for f in parser.forms if "password" in f["inputs"])
    assert form["method"] == "post"
    assert {"username", "password"} <= set(form["inputs"])
    for k in ("client_id", "redirect_uri", "response_type", "state"):
        assert form["inputs"].get(k) == query[k], k
    action = urllib.parse.urlsplit(urllib.parse.urljoin(
        f"http://{site.host}{location.path}?{location.query}", form["action"]))
    cookies = "; ".join(c.split(";", 1)[0] for c in page.headers.get("set-cookie", []))
    return form, f"{action.path}?{action.query}" if action.query else action.path, cookies


def sign_in(site, query, password=PASSWORD):
    """The login form posted as a browser posts it; the response."""
    form, action, cookies = login_page(site, query)
    fields = {**form["inputs"], "username": "alice", "password": password}
    headers = {"Content-Type": FORM, **({"Cookie": cookies} if cookies else {})}
    return site.request("POST", action, urllib.parse.urlencode(fields), headers, prefixed=False)


def authorization_code(site, query):
    res = sign_in(site, query)
    assert res.status == 302, res.body
    location = urllib.parse.urlsplit(res.header("location"))
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    params = dict(urllib.parse.parse_qsl(location.query))
    assert params["state"] == query["state"]
    assert params["code"]
    return params["code"]


def exchange(site, pool, code, verifier=None, **extra):
    form = {"grant_type": "authorization_code", "client_id": pool.client, "code": code,
            "redirect_uri": CALLBACK, **({"code_verifier": verifier} if verifier else {}), **extra}
    return site.json("POST", "/oauth2/token", form)


@pytest.mark.parametrize("form", ["host", "path", "aws"])
def test_authorization_code_with_pkce_s256(pool, form):
    site = pool.sites[form]
    verifier, challenge = pkce()
    code = authorization_code(site, authorize_query(pool, challenge))
    status, tokens = exchange(site, pool, code, verifier)
    assert status == 200, tokens
    assert (tokens["token_type"], tokens["expires_in"]) == ("Bearer", 3600)
    claims = verify(pool, tokens["id_token"], audience=pool.client, site=site)
    assert (claims["aud"], claims["token_use"], claims["cognito:username"], claims["email"],
            claims["sub"]) == (pool.client, "id", "alice", "alice@example.com", pool.sub)
    access = verify(pool, tokens["access_token"], site=site)
    assert (access["token_use"], access["client_id"], access["username"], access["sub"]) == \
        ("access", pool.client, "alice", pool.sub)
    assert set(access["scope"].split()) == {"openid", "email", "profile"}
    assert tokens["refresh_token"]

    # A code is good once.
    status, again = exchange(site, pool, code, verifier)
    assert (status, again["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize("scope, spaces", [("openid email profile", "%20"),
                                           ("openid email profile", "+"),
                                           ("email openid", "%20")])
def test_authorize_with_a_scope_list(pool, scope, spaces):
    """An explicit scope list, its spaces sent as %20 (encodeURIComponent) or + (forms, Python):
    the access token carries exactly the scopes asked for."""
    site = pool.sites["path"]
    query = authorize_query(pool, scope=scope)
    res = site.request("GET", "/oauth2/authorize?" + qs(query).replace("%20", spaces))
    assert res.status == 302, res.body
    location = urllib.parse.urlsplit(res.header("location"))
    assert location.path == "/login", res.header("location")
    assert dict(urllib.parse.parse_qsl(location.query))["scope"] == scope
    status, tokens = exchange(site, pool, authorization_code(site, query))
    assert status == 200, tokens
    assert set(verify(pool, tokens["access_token"])["scope"].split()) == set(scope.split())


def test_pkce_plain_and_wrong_verifier(pool):
    site = pool.sites["path"]
    verifier, challenge = pkce("plain")
    code = authorization_code(site, authorize_query(pool, challenge, "plain"))
    status, tokens = exchange(site, pool, code, verifier)
    assert status == 200, tokens
    assert verify(pool, tokens["id_token"], audience=pool.client)["cognito:username"] == "alice"

    verifier, challenge = pkce()
    code = authorization_code(site, authorize_query(pool, challenge))
    status, err = exchange(site, pool, code, pkce()[0])
    assert (status, err["error"]) == (400, "invalid_grant")
    status, err = exchange(site, pool, authorization_code(site, authorize_query(pool)),
                           redirect_uri="http://localhost:3000/other")
    assert status == 400 and err["error"] in ("invalid_grant", "invalid_request")


def test_authorize_refusals(pool):
    site = pool.sites["path"]
    # Untrusted redirect_uri or unknown client: an error page, never a redirect.
    for query in (authorize_query(pool, redirect_uri="http://evil.example/cb"),
                  authorize_query(pool, client_id="nosuchclient000000000000000")):
        res = site.request("GET", "/oauth2/authorize?" + qs(query))
        assert res.status == 400, (query, res.status)
        assert res.header("location") is None
        res = site.request("GET", "/login?" + qs(query))
        assert res.status == 400 and res.header("location") is None

    # Once the redirect_uri is trusted, errors go back to it with the state.
    # (RFC 6749 4.1.2.1; AWS's authorize endpoint docs: a "token" request from a client without
    # the implicit flow is unauthorized_client.)
    for query, error in ((authorize_query(pool, scope="openid phone"), "invalid_scope"),
                         (authorize_query(pool, response_type="bogus"), "unsupported_response_type"),
                         (authorize_query(pool, response_type="token"), "unauthorized_client")):
        res = site.request("GET", "/oauth2/authorize?" + qs(query))
        assert res.status == 302, res.body
        location = urllib.parse.urlsplit(res.header("location"))
        assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
        params = dict(urllib.parse.parse_qsl(location.query))
        assert params["error"] == error and params["state"] == query["state"]
        assert "code" not in params


def test_wrong_password_shows_the_form_again(pool):
    res = sign_in(pool.sites["host"], authorize_query(pool), password="Not-The-Password-1")
    assert res.status == 200
    assert res.header("location") is None
    page = res.body.decode("utf-8")
    assert "Incorrect username or password." in page
    parser = Forms()
    parser.feed(page)
    assert any("password" in f["inputs"] for f in parser.forms)
    assert "code=" not in page


@pytest.mark.parametrize("form", ["host", "path", "aws"])
def test_refresh_userinfo_revoke(pool, form):
    site = pool.sites[form]
    verifier, challenge = pkce()
    _, tokens = exchange(site, pool, authorization_code(site, authorize_query(pool, challenge)),
                         verifier)
    first = verify(pool, tokens["id_token"], audience=pool.client, site=site)

    status, refreshed = site.json("POST", "/oauth2/token", {
        "grant_type": "refresh_token", "client_id": pool.client,
        "refresh_token": tokens["refresh_token"]})
    assert status == 200, refreshed
    assert "refresh_token" not in refreshed
    assert refreshed["token_type"] == "Bearer" and refreshed["expires_in"] == 3600
    again = verify(pool, refreshed["id_token"], audience=pool.client, site=site)
    assert again["cognito:username"] == "alice"
    assert again["jti"] != first["jti"]

    for method in ("GET", "POST"):
        status, info = site.json(method, "/oauth2/userInfo",
                                 headers={"Authorization": f"Bearer {refreshed['access_token']}"})
        assert status == 200, info
        assert (info["sub"], info["email"], info["email_verified"], info["username"]) == \
            (pool.sub, "alice@example.com", "true", "alice")
    res = site.request("GET", "/oauth2/userInfo", headers={"Authorization": "Bearer not.a.token"})
    assert res.status == 401
    assert json.loads(res.body)["error"] == "invalid_token"
    assert site.request("GET", "/oauth2/userInfo").status == 401

    res = site.request("POST", "/oauth2/revoke", {"token": tokens["refresh_token"],
                                                  "client_id": pool.client})
    assert res.status == 200, res.body
    status, err = site.json("POST", "/oauth2/token", {
        "grant_type": "refresh_token", "client_id": pool.client,
        "refresh_token": tokens["refresh_token"]})
    assert (status, err["error"]) == (400, "invalid_grant")


def test_logout(pool):
    for site in pool.sites.values():
        query = urllib.parse.urlencode({"client_id": pool.client, "logout_uri": SIGNED_OUT})
        res = site.request("GET", "/logout?" + query)
        assert res.status == 302, res.body
        assert res.header("location") == SIGNED_OUT
        query = urllib.parse.urlencode({"client_id": pool.client,
                                        "logout_uri": "http://evil.example/bye"})
        res = site.request("GET", "/logout?" + query)
        assert res.status == 400 and res.header("location") is None


@pytest.fixture
def machine(pool):
    pool.idp.create_resource_server(
        UserPoolId=pool.id, Identifier="books", Name="Books",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read books"},
                {"ScopeName": "write", "ScopeDescription": "write books"}])
    client = pool.idp.create_user_pool_client(
        UserPoolId=pool.id, ClientName="backend", GenerateSecret=True,
        AllowedOAuthFlows=["client_credentials"], AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthScopes=["books/read", "books/write"])["UserPoolClient"]
    assert len(client["ClientSecret"]) == 51
    pool.machine, pool.secret = client["ClientId"], client["ClientSecret"]
    return pool


def basic(client_id, secret):
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def test_client_credentials(machine):
    pool, site = machine, machine.sites["path"]
    status, tokens = site.json("POST", "/oauth2/token",
                               {"grant_type": "client_credentials", "scope": "books/read"},
                               basic(pool.machine, pool.secret))
    assert status == 200, tokens
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600
    assert "id_token" not in tokens and "refresh_token" not in tokens
    claims = verify(pool, tokens["access_token"])
    assert (claims["token_use"], claims["client_id"], claims["sub"], claims["scope"]) == \
        ("access", pool.machine, pool.machine, "books/read")
    assert "username" not in claims

    status, tokens = pool.sites["aws"].json("POST", "/oauth2/token", {
        "grant_type": "client_credentials", "client_id": pool.machine,
        "client_secret": pool.secret})
    assert status == 200, tokens
    assert set(verify(pool, tokens["access_token"])["scope"].split()) == \
        {"books/read", "books/write"}

    host = pool.sites["host"]
    status, tokens = host.json("POST", "/oauth2/token", {
        "grant_type": "client_credentials", "scope": "books/read books/write"},
        basic(pool.machine, pool.secret))
    assert status == 200, tokens
    claims = verify(pool, tokens["access_token"], site=host)
    assert set(claims["scope"].split()) == {"books/read", "books/write"}


def test_client_credentials_refusals(machine):
    pool, site = machine, machine.sites["path"]
    status, err = site.json("POST", "/oauth2/token",
                            {"grant_type": "client_credentials", "scope": "books/delete"},
                            basic(pool.machine, pool.secret))
    assert (status, err["error"]) == (400, "invalid_scope")

    for form, headers in (({}, basic(pool.machine, "x" * 51)),
                          ({"client_id": pool.machine, "client_secret": "wrong"}, {})):
        status, err = site.json("POST", "/oauth2/token",
                                {"grant_type": "client_credentials", **form}, headers)
        assert status in (400, 401) and err["error"] == "invalid_client"

    # The public code-flow client may not use client_credentials.
    status, err = site.json("POST", "/oauth2/token", {
        "grant_type": "client_credentials", "client_id": pool.client})
    assert status in (400, 401) and err["error"] in ("invalid_client", "unauthorized_client")
    status, err = site.json("POST", "/oauth2/token", {
        "grant_type": "password", "client_id": pool.client})
    assert (status, err["error"]) == (400, "unsupported_grant_type")


def test_openid_configuration_and_jwks(pool):
    status, _, body = pool.emu.http("GET", f"/{pool.id}/.well-known/openid-configuration")
    assert status == 200
    config = json.loads(body)
    issuer = f"{pool.emu.url}/{pool.id}"
    assert config["issuer"] == issuer
    assert config["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    for field, path in (("authorization_endpoint", "authorize"), ("token_endpoint", "token"),
                        ("userinfo_endpoint", "userInfo"), ("revocation_endpoint", "revoke")):
        assert config[field] == f"{pool.emu.url}/oauth2/{path}"
    assert config["response_types_supported"] == ["code"]
    assert config["subject_types_supported"] == ["public"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert {"openid", "email", "profile"} <= set(config["scopes_supported"])
    assert {"client_secret_basic", "client_secret_post"} <= \
        set(config["token_endpoint_auth_methods_supported"])

    status, headers, body = pool.emu.http("GET", f"/{pool.id}/.well-known/jwks.json")
    assert status == 200
    assert {k.lower(): v for k, v in headers.items()}["content-type"].startswith("application/json")
    keys = json.loads(body)["keys"]
    assert len(keys) == 1
    key = keys[0]
    assert set(key) == {"alg", "e", "kid", "kty", "n", "use"}
    assert (key["kty"], key["alg"], key["use"], key["e"]) == ("RSA", "RS256", "sig", "AQAB")
    assert key["kid"] and isinstance(key["kid"], str)
    n = base64.urlsafe_b64decode(key["n"] + "=" * (-len(key["n"]) % 4))
    assert len(n) == 256 and n[0] & 0x80  # a 2048-bit modulus, unpadded

    # Another pool has another key; an unknown pool has none.
    other = pool.idp.create_user_pool(PoolName="other")["UserPool"]["Id"]
    status, _, body = pool.emu.http("GET", f"/{other}/.well-known/jwks.json")
    assert status == 200 and json.loads(body)["keys"][0]["kid"] != key["kid"]
    status, _, _ = pool.emu.http("GET", "/us-east-1_Nope12345/.well-known/jwks.json")
    assert status in (400, 404)
