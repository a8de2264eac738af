"""`preflight serve --fixtures FILE...`: user pools (clients, groups, users who can sign in),
tables with typed items, queues with messages, all loaded through the emulator's own API before
the ready line; bad files stop it with a message naming the file and key; loading twice is
harmless."""

import json
import subprocess

import jwt

from conftest import BIN, Emulator
from fixtures_helpers import (EDITOR, EDITOR_PASSWORD, READER, READER_PASSWORD, SEED, client_of,
                             pool_id, run_serve, start_seeded, write)


def sign_in(idp, pool, client, username, password):
    out = idp.admin_initiate_auth(UserPoolId=pool, ClientId=client["ClientId"],
                                  AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": username, "PASSWORD": password})
    return out["AuthenticationResult"]


def test_users_sign_in_with_their_passwords_and_are_in_their_groups(start_emulator, tmp_path):
    emulator = start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED))
    idp = emulator.client("cognito-idp")
    pool = pool_id(idp)
    web = client_of(idp, pool, "web")
    assert "ALLOW_USER_PASSWORD_AUTH" in web["ExplicitAuthFlows"]
    assert client_of(idp, pool, "backend")["ClientSecret"]

    result = sign_in(idp, pool, web, EDITOR, EDITOR_PASSWORD)
    claims = jwt.decode(result["IdToken"], options={"verify_signature": False})
    assert claims["cognito:username"] == EDITOR
    assert claims["email"] == EDITOR and claims["email_verified"] is True
    assert sorted(claims["cognito:groups"]) == ["editors", "readers"]
    user = idp.admin_get_user(UserPoolId=pool, Username=EDITOR)
    assert user["UserStatus"] == "CONFIRMED"

    sign_in(idp, pool, web, READER, READER_PASSWORD)
    groups = idp.admin_list_groups_for_user(UserPoolId=pool, Username=READER)["Groups"]
    assert [g["GroupName"] for g in groups] == ["readers"]
    editors = idp.get_group(UserPoolId=pool, GroupName="editors")["Group"]
    assert (editors["Description"], editors["Precedence"]) == ("Can edit books", 1)
    assert idp.describe_user_pool(UserPoolId=pool)["UserPool"]["Policies"]["PasswordPolicy"][
        "MinimumLength"] == 8


def test_items_are_there_with_their_types(start_emulator, tmp_path):
    emulator = start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED))
    ddb = emulator.client("dynamodb")
    item = ddb.get_item(TableName="books-books", Key={"id": {"S": "b-001"}})["Item"]
    assert item == {
        "id": {"S": "b-001"}, "title": {"S": "Dune"}, "year": {"N": "1965"},
        "price": {"N": "9.5"}, "tags": {"L": [{"S": "a"}, {"S": "b"}]},
        "meta": {"M": {"x": {"N": "1"}}}, "gone": {"NULL": True}, "ok": {"BOOL": True},
        "isbn": {"S": "0441013597"},
    }
    assert ddb.scan(TableName="books-books", Select="COUNT")["Count"] == 2
    table = ddb.describe_table(TableName="books-books")["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"


def test_many_items_from_a_json_file_in_batches(start_emulator, tmp_path):
    items = [{"pk": f"k{i:03}", "n": i} for i in range(60)]
    bulk = {"tables": [{
        "TableName": "bulk",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
        "Items": items,
    }]}
    emulator = start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED),
                            write(tmp_path, "bulk.json", json.dumps(bulk)))
    ddb = emulator.client("dynamodb")
    assert ddb.scan(TableName="bulk", Select="COUNT")["Count"] == 60
    assert ddb.get_item(TableName="bulk", Key={"pk": {"S": "k059"}})["Item"]["n"] == {"N": "59"}
    assert "fixtures: table bulk: 60 items" in emulator.logs()


def test_messages_are_receivable(start_emulator, tmp_path):
    emulator = start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED))
    sqs = emulator.client("sqs")
    url = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])[
        "Attributes"]["VisibilityTimeout"] == "5"
    by_body = {}
    for _ in range(5):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                  MessageAttributeNames=["All"]).get("Messages", [])
        by_body.update({m["Body"]: m for m in got})
        if len(by_body) == 2:
            break
    assert sorted(by_body) == ["plain body", '{"order":7}']
    assert by_body['{"order":7}']["MessageAttributes"]["kind"] == {
        "DataType": "String", "StringValue": "new"}


def test_progress_lines_are_logged_before_the_ready_line(start_emulator, tmp_path):
    emulator = start_seeded(start_emulator, write(tmp_path, "seed.yaml", SEED))
    logs = emulator.logs()
    for line in ["fixtures: user pool books-users: created",
                 "fixtures: user pool books-users: client web: created",
                 "fixtures: user pool books-users: group editors: created",
                 f"fixtures: user pool books-users: user {EDITOR}: created, password set, "
                 "in editors, readers",
                 "fixtures: table books-books: created",
                 "fixtures: table books-books: 2 items",
                 "fixtures: queue jobs: created",
                 "fixtures: queue jobs: 2 messages"]:
        assert line in logs, logs
    assert emulator.ready_line.startswith("preflight ready on http://127.0.0.1:")


def test_loading_the_same_file_twice_is_harmless(start_emulator, tmp_path):
    seed = write(tmp_path, "seed.yaml", SEED)
    emulator = start_seeded(start_emulator, seed, seed)
    idp = emulator.client("cognito-idp")
    pool = pool_id(idp)  # one pool, not two
    clients = idp.list_user_pool_clients(UserPoolId=pool, MaxResults=60)["UserPoolClients"]
    assert sorted(c["ClientName"] for c in clients) == ["backend", "web"]
    assert len(idp.list_users(UserPoolId=pool)["Users"]) == 2
    sign_in(idp, pool, client_of(idp, pool, "web"), EDITOR, EDITOR_PASSWORD)
    assert emulator.client("dynamodb").scan(TableName="books-books", Select="COUNT")["Count"] == 2
    sqs = emulator.client("sqs")
    url = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])[
        "Attributes"]["ApproximateNumberOfMessages"] == "2"
    logs = emulator.logs()
    assert "fixtures: user pool books-users: exists" in logs
    assert "fixtures: user pool books-users: group editors: exists" in logs
    assert f"fixtures: user pool books-users: user {EDITOR}: exists, password set" in logs
    assert "fixtures: queue jobs: 2 messages not sent again" in logs


def test_restarting_on_the_same_data_dir_reloads_harmlessly(tmp_path):
    seed = write(tmp_path, "seed.yaml", SEED)
    data = str(tmp_path / "data")
    counts = []
    for _ in range(2):
        emulator = Emulator("--option", "cognito.password-hash-iterations=1", "--fixtures", seed,
                            data_dir=data).start()
        try:
            idp = emulator.client("cognito-idp")
            pool = pool_id(idp)
            sign_in(idp, pool, client_of(idp, pool, "web"), EDITOR, EDITOR_PASSWORD)
            sqs = emulator.client("sqs")
            url = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
            counts.append(sqs.get_queue_attributes(
                QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"][
                "ApproximateNumberOfMessages"])
            assert emulator.stop() == 0
        finally:
            emulator.close()
    assert counts == ["2", "2"]


def test_fixtures_load_under_strict_auth(start_emulator, tmp_path):
    seed = write(tmp_path, "seed.yaml", SEED)
    emulator = start_seeded(start_emulator, seed, extra=(
        "--strict-auth", "--credentials", "111111111111:s3cret", "--credentials", "test:test"))
    # Loaded as the first pair given, so into that account.
    idp = emulator.client("cognito-idp", key="111111111111", secret="s3cret")
    pool_id(idp)
    assert idp.list_user_pools(MaxResults=60)["UserPools"][0]["Id"]
    other = emulator.client("cognito-idp")
    assert other.list_user_pools(MaxResults=60)["UserPools"] == []


def failure(tmp_path, text, name="bad.yaml"):
    path = write(tmp_path, name, text)
    result = run_serve("--fixtures", path)
    assert result.returncode != 0, result
    assert "preflight ready" not in result.stdout
    return path, result.stderr


def test_an_unknown_key_stops_serve_with_a_clear_message(tmp_path):
    path, stderr = failure(tmp_path, "tables:\n  - TableName: books\n    Itemz: []\n")
    assert (f"{path}: tables[0]: unknown key 'Itemz' (expected TableName, Items or a "
            "CreateTable member)") in stderr


def test_an_unknown_top_level_key_and_a_missing_key(tmp_path):
    path, stderr = failure(tmp_path, "table: []\n")
    assert f"{path}: unknown key 'table' (expected userPools, tables or queues)" in stderr
    path, stderr = failure(tmp_path, "userPools:\n  - PoolName: p\n    Users: [{Username: u}]\n")
    assert f"{path}: userPools[0] (p).Users[0] (u): missing required key 'Password'" in stderr


def test_aws_errors_name_the_file_resource_and_operation(tmp_path):
    path, stderr = failure(tmp_path, "tables: [{TableName: nokeys, Items: [{id: a}]}]\n")
    assert f"{path}: table nokeys: the table does not exist and the fixture has no KeySchema" \
        in stderr
    bad_password = SEED.replace(f'"{READER_PASSWORD}"', '"short"')
    path, stderr = failure(tmp_path, bad_password, name="weak.yaml")
    assert (f"{path}: user pool books-users: user {READER}: AdminSetUserPassword: "
            "InvalidPasswordException:") in stderr


def test_unreadable_files_are_clear_errors(tmp_path):
    result = run_serve("--fixtures", str(tmp_path / "missing.yaml"))
    assert result.returncode != 0
    assert f"{tmp_path / 'missing.yaml'}: cannot read: No such file or directory" in result.stderr
    path, stderr = failure(tmp_path, "tables: [unclosed\n", name="broken.yaml")
    assert f"{path}: YAML line" in stderr


def test_errors_are_shown_even_with_logging_off(tmp_path):
    path = write(tmp_path, "bad.yaml", "queues: [{Messages: []}]\n")
    result = subprocess.run([BIN, "serve", "--port", "0", "--log-format", "off", "--fixtures",
                             path], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert f"{path}: queues[0]: missing required key 'QueueName'" in result.stderr


def test_fixtures_command_loads_into_a_running_emulator(emulator, tmp_path):
    seed = write(tmp_path, "seed.yaml", SEED)
    result = subprocess.run([BIN, "fixtures", seed, "--endpoint", emulator.url],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "books-books" in result.stderr
    ddb = emulator.client("dynamodb")
    assert ddb.scan(TableName="books-books", Select="COUNT")["Count"] == 2
    bad = subprocess.run([BIN, "fixtures", str(tmp_path / "none.yaml"), "--endpoint",
                          emulator.url], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("preflight fixtures: ")
