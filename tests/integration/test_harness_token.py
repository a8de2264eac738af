"""`preflight token`: signs a fixtures user in with AdminInitiateAuth and prints only the token;
by pool and client name or id, with SECRET_HASH for clients with a secret; clear errors."""

import os
import subprocess

import jwt
import pytest

from conftest import BIN
from fixtures_helpers import (EDITOR, EDITOR_PASSWORD, READER, SEED, client_of, pool_id,
                             start_seeded, write)


@pytest.fixture(name="seeded")
def seeded_fixture(start_emulator, tmp_path):
    return start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED))


def token(*args, env=None):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("AWS_") and k != "PREFLIGHT_PASSWORD"}
    clean.update(env or {})
    return subprocess.run([BIN, "token", *args], capture_output=True, text=True, timeout=30,
                          env=clean)


def claims(text):
    return jwt.decode(text, options={"verify_signature": False})


def test_prints_only_a_valid_id_token(seeded):
    result = token("--pool", "books-users", "--user", EDITOR, "--password", EDITOR_PASSWORD,
                   "--endpoint", seeded.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and result.stdout.count(".") == 2
    id_token = claims(result.stdout.strip())
    assert id_token["token_use"] == "id"
    assert id_token["cognito:username"] == EDITOR
    assert sorted(id_token["cognito:groups"]) == ["editors", "readers"]
    idp = seeded.client("cognito-idp")
    pool = pool_id(idp)
    assert id_token["iss"].endswith("/" + pool)
    # The pool's first client, when none is named.
    first = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"][0]
    assert id_token["aud"] == first["ClientId"]


def test_access_token_pool_id_and_client_with_a_secret(seeded):
    idp = seeded.client("cognito-idp")
    pool = pool_id(idp)
    backend = client_of(idp, pool, "backend")
    assert backend["ClientSecret"]
    for client in ["backend", backend["ClientId"]]:
        result = token("--pool", pool, "--client", client, "--user", EDITOR, "--password",
                       EDITOR_PASSWORD, "--access-token", "--endpoint", seeded.url)
        assert result.returncode == 0, result.stderr
        access = claims(result.stdout.strip())
        assert access["token_use"] == "access"
        assert access["client_id"] == backend["ClientId"]
        assert access["username"] == EDITOR


def test_password_and_endpoint_from_the_environment(seeded):
    result = token("--pool", "books-users", "--client", "web", "--user", READER,
                   env={"PREFLIGHT_PASSWORD": "Reader-Passw0rd!", "AWS_ENDPOINT_URL": seeded.url})
    assert result.returncode == 0, result.stderr
    assert claims(result.stdout.strip())["cognito:username"] == READER


def test_wrong_password_is_exit_1_with_a_clear_message(seeded):
    result = token("--pool", "books-users", "--user", EDITOR, "--password", "Wr0ng-Passw0rd!",
                   "--endpoint", seeded.url)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == \
        "preflight token: NotAuthorizedException: Incorrect username or password.\n"


def test_missing_things_are_clear_errors(seeded):
    result = token("--pool", "books-users", "--user", EDITOR, "--endpoint", seeded.url)
    assert (result.returncode, result.stderr) == (
        1, "preflight token: no password: pass --password or set PREFLIGHT_PASSWORD\n")
    result = token("--pool", "nope", "--user", EDITOR, "--password", "x", "--endpoint", seeded.url)
    assert (result.returncode, result.stderr) == (
        1, "preflight token: no user pool named (or with id) nope\n")
    result = token("--pool", "books-users", "--client", "mobile", "--user", EDITOR, "--password",
                   "x", "--endpoint", seeded.url)
    assert (result.returncode, result.stderr) == (
        1, "preflight token: user pool books-users has no app client named (or with id) mobile\n")
    result = token("--pool", "books-users", "--user", "nobody", "--password", "x", "--endpoint",
                   seeded.url)
    assert result.returncode == 1
    assert result.stderr.startswith("preflight token: UserNotFoundException: ")


def test_an_unreachable_endpoint_is_a_clear_error():
    result = token("--pool", "p", "--user", "u", "--password", "x", "--endpoint",
                   "http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.startswith("preflight token: ConnectionError: ")
