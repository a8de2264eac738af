"""BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems through boto3."""

import pytest

from ddb_helpers import create_table, error_of


@pytest.fixture
def ddb(emulator):
    client = emulator.client("dynamodb")
    create_table(client, "accounts", hash_key=("id", "S"))
    create_table(client, "audit", hash_key=("id", "S"))
    return client


def item(id_, **attrs):
    out = {"id": {"S": id_}}
    out.update({k: {"N": str(v)} if isinstance(v, int) else {"S": v} for k, v in attrs.items()})
    return out


def test_batch_write_and_get(ddb):
    ddb.batch_write_item(RequestItems={
        "accounts": [{"PutRequest": {"Item": item(f"a{i}", balance=i)}} for i in range(20)],
        "audit": [{"PutRequest": {"Item": item("log1", text="x")}}]})
    out = ddb.batch_get_item(RequestItems={
        "accounts": {"Keys": [{"id": {"S": f"a{i}"}} for i in range(0, 20, 5)] + [{"id": {"S": "zzz"}}],
                     "ProjectionExpression": "balance"},
        "audit": {"Keys": [{"id": {"S": "log1"}}]}}, ReturnConsumedCapacity="TOTAL")
    assert sorted(int(i["balance"]["N"]) for i in out["Responses"]["accounts"]) == [0, 5, 10, 15]
    assert out["Responses"]["audit"] == [item("log1", text="x")]
    assert out["UnprocessedKeys"] == {}
    assert {c["TableName"] for c in out["ConsumedCapacity"]} == {"accounts", "audit"}
    ddb.batch_write_item(RequestItems={"accounts": [{"DeleteRequest": {"Key": {"id": {"S": "a0"}}}}]})
    assert "Item" not in ddb.get_item(TableName="accounts", Key={"id": {"S": "a0"}})


def test_batch_limits_and_validation_write_nothing(ddb):
    too_many = [{"PutRequest": {"Item": item(f"x{i}")}} for i in range(26)]
    assert error_of(ddb.batch_write_item, RequestItems={"accounts": too_many})[0] == "ValidationException"
    dup = [{"PutRequest": {"Item": item("d")}}, {"DeleteRequest": {"Key": {"id": {"S": "d"}}}}]
    assert error_of(ddb.batch_write_item, RequestItems={"accounts": dup})[1] == \
        "Provided list of item keys contains duplicates"
    bad = [{"PutRequest": {"Item": item("ok")}}, {"PutRequest": {"Item": {"id": {"N": "1"}}}}]
    assert error_of(ddb.batch_write_item, RequestItems={"accounts": bad})[0] == "ValidationException"
    assert ddb.scan(TableName="accounts")["Count"] == 0
    keys = [{"id": {"S": f"k{i}"}} for i in range(101)]
    assert error_of(ddb.batch_get_item, RequestItems={"accounts": {"Keys": keys}})[1] == \
        "Too many items requested for the BatchGetItem call"
    assert error_of(ddb.batch_get_item, RequestItems={"accounts": {
        "Keys": [{"id": {"S": "a"}}, {"id": {"S": "a"}}]}})[1] == \
        "Provided list of item keys contains duplicates"
    assert error_of(ddb.batch_get_item, RequestItems={"nope": {"Keys": [{"id": {"S": "a"}}]}})[0] == \
        "ResourceNotFoundException"


def test_transaction_commits_everything(ddb):
    ddb.put_item(TableName="accounts", Item=item("alice", balance=100))
    ddb.put_item(TableName="accounts", Item=item("bob", balance=0))
    out = ddb.transact_write_items(TransactItems=[
        {"Update": {"TableName": "accounts", "Key": {"id": {"S": "alice"}},
                    "UpdateExpression": "SET balance = balance - :x",
                    "ConditionExpression": "balance >= :x",
                    "ExpressionAttributeValues": {":x": {"N": "30"}}}},
        {"Update": {"TableName": "accounts", "Key": {"id": {"S": "bob"}},
                    "UpdateExpression": "SET balance = balance + :x",
                    "ExpressionAttributeValues": {":x": {"N": "30"}}}},
        {"Put": {"TableName": "audit", "Item": item("t1", text="alice->bob 30")}},
    ], ReturnConsumedCapacity="TOTAL")
    assert {c["TableName"] for c in out["ConsumedCapacity"]} == {"accounts", "audit"}
    got = ddb.transact_get_items(TransactItems=[
        {"Get": {"TableName": "accounts", "Key": {"id": {"S": "alice"}}}},
        {"Get": {"TableName": "accounts", "Key": {"id": {"S": "nobody"}}}},
        {"Get": {"TableName": "accounts", "Key": {"id": {"S": "bob"}}, "ProjectionExpression": "balance"}},
    ])["Responses"]
    assert got[0]["Item"]["balance"] == {"N": "70"} and got[1] == {} and got[2] == {"Item": {"balance": {"N": "30"}}}


def test_transaction_cancellation_is_all_or_nothing(ddb):
    ddb.put_item(TableName="accounts", Item=item("alice", balance=10))
    with pytest.raises(ddb.exceptions.TransactionCanceledException) as err:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "audit", "Item": item("t2")}},
            {"Update": {"TableName": "accounts", "Key": {"id": {"S": "alice"}},
                        "UpdateExpression": "SET balance = balance - :x",
                        "ConditionExpression": "balance >= :x",
                        "ExpressionAttributeValues": {":x": {"N": "30"}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"ConditionCheck": {"TableName": "accounts", "Key": {"id": {"S": "ghost"}},
                                "ConditionExpression": "attribute_not_exists(id)"}},
        ])
    response = err.value.response
    reasons = response["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "ConditionalCheckFailed", "None"]
    assert reasons[1]["Item"] == item("alice", balance=10)
    assert response["Error"]["Message"] == ("Transaction cancelled, please refer cancellation "
                                            "reasons for specific reasons [None, ConditionalCheckFailed, None]")
    assert "Item" not in ddb.get_item(TableName="audit", Key={"id": {"S": "t2"}})
    assert ddb.get_item(TableName="accounts", Key={"id": {"S": "alice"}})["Item"]["balance"] == {"N": "10"}


def test_transaction_validation(ddb):
    same = {"TableName": "accounts", "Key": {"id": {"S": "x"}}, "ConditionExpression": "attribute_exists(id)"}
    assert error_of(ddb.transact_write_items, TransactItems=[{"ConditionCheck": same},
                                                             {"Delete": same}])[1] == \
        "Transaction request cannot include multiple operations on one item"
    too_many = [{"Put": {"TableName": "audit", "Item": item(f"i{i}")}} for i in range(101)]
    assert error_of(ddb.transact_write_items, TransactItems=too_many)[0] == "ValidationException"
    assert error_of(ddb.transact_write_items, TransactItems=[
        {"Put": {"TableName": "missing", "Item": item("a")}}])[0] == "ResourceNotFoundException"
    assert ddb.scan(TableName="audit")["Count"] == 0


def test_client_request_token_is_idempotent(ddb):
    ddb.put_item(TableName="accounts", Item=item("c", balance=0))
    request = [{"Update": {"TableName": "accounts", "Key": {"id": {"S": "c"}},
                           "UpdateExpression": "ADD balance :one",
                           "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    for _ in range(3):
        ddb.transact_write_items(TransactItems=request, ClientRequestToken="token-1")
    assert ddb.get_item(TableName="accounts", Key={"id": {"S": "c"}})["Item"]["balance"] == {"N": "1"}
    request[0]["Update"]["ExpressionAttributeValues"][":one"] = {"N": "2"}
    assert error_of(ddb.transact_write_items, TransactItems=request,
                    ClientRequestToken="token-1")[0] == "IdempotentParameterMismatchException"
    ddb.transact_write_items(TransactItems=request, ClientRequestToken="token-2")
    assert ddb.get_item(TableName="accounts", Key={"id": {"S": "c"}})["Item"]["balance"] == {"N": "3"}
