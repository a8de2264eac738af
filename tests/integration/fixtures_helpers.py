"""Helpers for the fixtures and token tests: a fixtures file written next to the test, and
`preflight serve --fixtures` started (or run to its failure) with a cheap password hash."""

import os
import subprocess

from conftest import BIN

FAST_HASH = ("--option", "cognito.password-hash-iterations=1")
EDITOR = "editor@example.com"
EDITOR_PASSWORD = "Editor-Passw0rd!"
READER = "reader"
READER_PASSWORD = "Reader-Passw0rd!"

SEED = f"""
userPools:
  - PoolName: books-users
    Policies: {{PasswordPolicy: {{MinimumLength: 8}}}}
    Clients:
      - {{ClientName: web, ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH,
                                               ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]}}
      - {{ClientName: backend, GenerateSecret: true,
          ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]}}
    Groups:
      - {{GroupName: editors, Description: Can edit books, Precedence: 1}}
      - {{GroupName: readers}}
    Users:
      - {{Username: {EDITOR}, Password: "{EDITOR_PASSWORD}",
          Attributes: {{email: {EDITOR}, email_verified: true}}, Groups: [editors, readers]}}
      - {{Username: {READER}, Password: "{READER_PASSWORD}", Groups: [readers]}}
tables:
  - TableName: books-books
    KeySchema: [{{AttributeName: id, KeyType: HASH}}]
    AttributeDefinitions: [{{AttributeName: id, AttributeType: S}}]
    BillingMode: PAY_PER_REQUEST
    Items:
      - {{id: "b-001", title: "Dune", year: 1965, price: 9.5, tags: [a, b], meta: {{x: 1}},
          gone: null, ok: true, isbn: "0441013597"}}
      - {{id: "b-002", title: "Emma"}}
queues:
  - QueueName: jobs
    Attributes: {{VisibilityTimeout: "5"}}
    Messages:
      - plain body
      - {{MessageBody: {{order: 7}}, MessageAttributes: {{kind: new}}}}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def start_seeded(start_emulator, *paths, extra=(), data_dir=None):
    args = [*FAST_HASH, *extra]
    for path in paths:
        args += ["--fixtures", path]
    return start_emulator(*args, data_dir=data_dir)


def run_serve(*args, timeout=30):
    """Runs `preflight serve --port 0 ARGS` expecting it to stop by itself; returns the result."""
    return subprocess.run([BIN, "serve", "--port", "0", *FAST_HASH, *args], capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ))


def pool_id(idp, name="books-users"):
    pools = [p for p in idp.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == name]
    assert len(pools) == 1, pools
    return pools[0]["Id"]


def client_of(idp, pool, name):
    clients = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"]
    found = [c for c in clients if c["ClientName"] == name]
    assert len(found) == 1, clients
    return idp.describe_user_pool_client(UserPoolId=pool, ClientId=found[0]["ClientId"])[
        "UserPoolClient"]
