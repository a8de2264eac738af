"""DynamoDB item operations through boto3: types, numbers, conditions, updates, ReturnValues,
capacity, limits and errors that leave data untouched."""

import json
from decimal import Decimal

import boto3
import pytest

from ddb_helpers import create_table, error_of, raw_call


@pytest.fixture
def ddb(emulator):
    client = emulator.client("dynamodb")
    create_table(client, "items", hash_key=("id", "S"))
    return client


def get(ddb, key, **kw):
    return ddb.get_item(TableName="items", Key={"id": {"S": key}}, **kw).get("Item")


def test_every_attribute_type_round_trips(ddb):
    item = {
        "id": {"S": "all"}, "s": {"S": "héllo"}, "empty": {"S": ""}, "n": {"N": "-12.5"},
        "b": {"B": b"\x00\x01\xff"}, "t": {"BOOL": True}, "nul": {"NULL": True},
        "m": {"M": {"inner": {"L": [{"N": "1"}, {"S": "x"}, {"M": {}}]}}},
        "ss": {"SS": ["b", "a"]}, "ns": {"NS": ["2", "1"]}, "bs": {"BS": [b"x", b"y"]},
    }
    ddb.put_item(TableName="items", Item=item)
    got = get(ddb, "all", ConsistentRead=True)
    for set_type in ("ss", "ns", "bs"):
        key = set_type.upper()
        assert sorted(got.pop(set_type)[key]) == sorted(item[set_type][key])
        item.pop(set_type)
    assert got == item


def test_numbers_are_exact_and_normalised(ddb):
    ddb.put_item(TableName="items", Item={
        "id": {"S": "n"}, "a": {"N": "1.50"}, "b": {"N": "1E+2"}, "c": {"N": "-0.000"},
        "big": {"N": "12345678901234567890123456789012345678"}, "tiny": {"N": "1e-130"}})
    got = get(ddb, "n")
    assert got["a"] == {"N": "1.5"} and got["b"] == {"N": "100"} and got["c"] == {"N": "0"}
    assert got["big"] == {"N": "12345678901234567890123456789012345678"}
    assert got["tiny"]["N"] == "0." + "0" * 129 + "1"
    out = ddb.update_item(TableName="items", Key={"id": {"S": "n"}},
                          UpdateExpression="SET big = big + :one, a = a - :d ADD c :third",
                          ExpressionAttributeValues={":one": {"N": "1"}, ":d": {"N": "0.25"},
                                                     ":third": {"N": "0.333333333333333333333333333333333333"}},
                          ReturnValues="UPDATED_NEW")["Attributes"]
    assert out["big"] == {"N": "12345678901234567890123456789012345679"}
    assert out["a"] == {"N": "1.25"}
    assert out["c"] == {"N": "0.333333333333333333333333333333333333"}
    for bad, fragment in [("1" * 39, "38 significant digits"), ("1e126", "overflow"),
                          ("1e-131", "underflow"), ("abc", "numeric value")]:
        code, message, _ = error_of(ddb.put_item, TableName="items",
                                    Item={"id": {"S": "bad"}, "x": {"N": bad}})
        assert code == "ValidationException" and fragment in message, bad
    assert get(ddb, "bad") is None


def test_condition_expressions_and_return_values(ddb):
    key = {"id": {"S": "c"}}
    assert "Attributes" not in ddb.put_item(TableName="items", Item={**key, "v": {"N": "1"}},
                                            ReturnValues="ALL_OLD")
    old = ddb.put_item(TableName="items", Item={**key, "v": {"N": "2"}}, ReturnValues="ALL_OLD")
    assert old["Attributes"] == {**key, "v": {"N": "1"}}
    code, message, status = error_of(ddb.put_item, TableName="items", Item={**key, "v": {"N": "3"}},
                                     ConditionExpression="attribute_not_exists(id)")
    assert (code, message, status) == ("ConditionalCheckFailedException",
                                       "The conditional request failed", 400)
    assert get(ddb, "c")["v"] == {"N": "2"}
    ddb.put_item(TableName="items", Item={**key, "v": {"N": "3"}},
                 ConditionExpression="v = :two AND attribute_type(v, :n)",
                 ExpressionAttributeValues={":two": {"N": "2.0"}, ":n": {"S": "N"}})
    ddb.delete_item(TableName="items", Key=key, ConditionExpression="v BETWEEN :a AND :b",
                    ExpressionAttributeValues={":a": {"N": "1"}, ":b": {"N": "5"}})
    assert get(ddb, "c") is None


def test_return_values_on_condition_check_failure(emulator, ddb):
    ddb.put_item(TableName="items", Item={"id": {"S": "r"}, "v": {"N": "1"}})
    # A raw call: Debian's botocore predates ReturnValuesOnConditionCheckFailure.
    status, body = raw_call(emulator, "PutItem", {
        "TableName": "items", "Item": {"id": {"S": "r"}},
        "ConditionExpression": "attribute_not_exists(id)",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    assert status == 400
    assert body["__type"] == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"
    assert body["Item"] == {"id": {"S": "r"}, "v": {"N": "1"}}
    status, body = raw_call(emulator, "PutItem", {
        "TableName": "items", "Item": {"id": {"S": "r"}},
        "ConditionExpression": "attribute_not_exists(id)"})
    assert status == 400 and "Item" not in body


def test_update_expression_semantics(ddb):
    key = {"id": {"S": "u"}}
    ddb.put_item(TableName="items", Item={**key, "seq": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
                                         "tags": {"SS": ["a", "b"]}, "m": {"M": {"x": {"N": "1"}}}})
    out = ddb.update_item(
        TableName="items", Key=key,
        UpdateExpression="SET seq = list_append(seq, :more), m.y = if_not_exists(m.y, :zero), "
                         "#new = :s ADD tags :c",
        ExpressionAttributeNames={"#new": "created"},
        ExpressionAttributeValues={":more": {"L": [{"N": "4"}]}, ":zero": {"N": "0"},
                                   ":s": {"S": "yes"}, ":c": {"SS": ["c"]}},
        ReturnValues="ALL_NEW")["Attributes"]
    assert sorted(out["tags"]["SS"]) == ["a", "b", "c"]
    out = ddb.update_item(TableName="items", Key=key, UpdateExpression="REMOVE seq[0] DELETE tags :a",
                          ExpressionAttributeValues={":a": {"SS": ["a"]}},
                          ReturnValues="ALL_NEW")["Attributes"]
    assert out["seq"] == {"L": [{"N": "2"}, {"N": "3"}, {"N": "4"}]}
    assert out["m"] == {"M": {"x": {"N": "1"}, "y": {"N": "0"}}}
    assert sorted(out["tags"]["SS"]) == ["b", "c"] and out["created"] == {"S": "yes"}
    # UpdateItem creates a missing item from its key.
    created = ddb.update_item(TableName="items", Key={"id": {"S": "fresh"}},
                              UpdateExpression="ADD hits :one",
                              ExpressionAttributeValues={":one": {"N": "1"}},
                              ReturnValues="ALL_NEW")["Attributes"]
    assert created == {"id": {"S": "fresh"}, "hits": {"N": "1"}}
    old = ddb.update_item(TableName="items", Key={"id": {"S": "fresh"}},
                          UpdateExpression="ADD hits :one",
                          ExpressionAttributeValues={":one": {"N": "1"}},
                          ReturnValues="UPDATED_OLD")["Attributes"]
    assert old == {"hits": {"N": "1"}}


def test_update_errors_leave_the_item_untouched(ddb):
    key = {"id": {"S": "e"}}
    ddb.put_item(TableName="items", Item={**key, "s": {"S": "text"}})
    cases = [
        (dict(UpdateExpression="SET s = s + :one", ExpressionAttributeValues={":one": {"N": "1"}}),
         "incorrect data type"),
        (dict(UpdateExpression="SET id = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
         "Cannot update attribute id. This attribute is part of the key"),
        (dict(UpdateExpression="SET a = :v, a.b = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
         "Two document paths overlap"),
        (dict(UpdateExpression="SET a = :v", ExpressionAttributeValues={":v": {"S": "x"},
                                                                         ":w": {"S": "y"}}),
         "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"),
        (dict(UpdateExpression="SET a = :missing"), "attribute value used in expression is not defined"),
        (dict(UpdateExpression="SET status = :v", ExpressionAttributeValues={":v": {"S": "x"}}),
         "reserved keyword: status"),
        (dict(UpdateExpression="SET a = :v", ConditionExpression="s = :v",
              Expected={"s": {"Exists": False}}, ExpressionAttributeValues={":v": {"S": "x"}}),
         "Can not use both expression and non-expression parameters"),
    ]
    for params, fragment in cases:
        code, message, _ = error_of(ddb.update_item, TableName="items", Key=key, **params)
        assert code == "ValidationException", params
        assert fragment in message, (params, message)
    assert get(ddb, "e") == {**key, "s": {"S": "text"}}


def test_projection_expressions(ddb):
    ddb.put_item(TableName="items", Item={"id": {"S": "p"}, "a": {"M": {"b": {"L": [
        {"N": "0"}, {"N": "1"}, {"M": {"c": {"S": "deep"}, "d": {"S": "other"}}}]}}}, "z": {"S": "z"}})
    got = get(ddb, "p", ProjectionExpression="a.b[2].c, #z", ExpressionAttributeNames={"#z": "z"})
    assert got == {"a": {"M": {"b": {"L": [{"M": {"c": {"S": "deep"}}}]}}}, "z": {"S": "z"}}
    assert get(ddb, "p", AttributesToGet=["z"]) == {"z": {"S": "z"}}


def test_key_and_item_validation(ddb):
    cases = [
        (ddb.get_item, dict(Key={"id": {"N": "1"}}), "The provided key element does not match the schema"),
        (ddb.get_item, dict(Key={"id": {"S": "1"}, "x": {"S": "2"}}),
         "The provided key element does not match the schema"),
        (ddb.put_item, dict(Item={"x": {"S": "1"}}),
         "One or more parameter values were invalid: Missing the key id in the item"),
        (ddb.put_item, dict(Item={"id": {"N": "1"}}),
         "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N"),
        (ddb.put_item, dict(Item={"id": {"S": ""}}),
         "One or more parameter values are not valid. The AttributeValue for a key attribute "
         "cannot contain an empty string value. Key: id"),
        (ddb.put_item, dict(Item={"id": {"S": "x"}, "s": {"SS": []}}), "may not be empty"),
        (ddb.put_item, dict(Item={"id": {"S": "x"}, "s": {"SS": ["a", "a"]}}), "duplicates"),
        (ddb.put_item, dict(Item={"id": {"S": "x"}, "big": {"S": "x" * 410000}}),
         "Item size has exceeded the maximum allowed size"),
    ]
    for call, params, fragment in cases:
        code, message, _ = error_of(call, TableName="items", **params)
        assert code == "ValidationException", params
        assert fragment in message, (params, message)
    assert ddb.scan(TableName="items")["Count"] == 0
    assert error_of(ddb.get_item, TableName="missing", Key={"id": {"S": "1"}})[:2] == \
        ("ResourceNotFoundException", "Requested resource not found")


def test_item_at_the_size_limit_is_accepted(ddb):
    # 400 KB exactly: name "id" (2) + "x" (1) + values.
    filler = 400 * 1024 - len("id") - len("big") - len("x")
    ddb.put_item(TableName="items", Item={"id": {"S": "x"}, "big": {"S": "y" * filler}})
    code, _, _ = error_of(ddb.put_item, TableName="items",
                          Item={"id": {"S": "x"}, "big": {"S": "y" * (filler + 1)}})
    assert code == "ValidationException"


def test_consumed_capacity(ddb):
    out = ddb.put_item(TableName="items", Item={"id": {"S": "cap"}, "v": {"S": "x" * 3000}},
                       ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"] == {"TableName": "items", "CapacityUnits": 3.0,
                                       "WriteCapacityUnits": 3.0}
    read = ddb.get_item(TableName="items", Key={"id": {"S": "cap"}}, ReturnConsumedCapacity="TOTAL")
    assert read["ConsumedCapacity"]["CapacityUnits"] == 0.5
    read = ddb.get_item(TableName="items", Key={"id": {"S": "cap"}}, ConsistentRead=True,
                        ReturnConsumedCapacity="INDEXES")
    assert read["ConsumedCapacity"]["Table"] == {"CapacityUnits": 1.0, "ReadCapacityUnits": 1.0}


def test_cli_put_get_update(emulator, ddb):
    emulator.aws("dynamodb", "put-item", "--table-name", "items", "--item",
                 json.dumps({"id": {"S": "cli"}, "n": {"N": "1.50"}}))
    emulator.aws("dynamodb", "update-item", "--table-name", "items", "--key", '{"id":{"S":"cli"}}',
                 "--update-expression", "SET n = n + :d", "--expression-attribute-values",
                 '{":d":{"N":"2"}}')
    out = json.loads(emulator.aws("dynamodb", "get-item", "--table-name", "items",
                                  "--key", '{"id":{"S":"cli"}}').stdout)
    assert out["Item"] == {"id": {"S": "cli"}, "n": {"N": "3.5"}}
    failed = emulator.aws("dynamodb", "put-item", "--table-name", "items", "--item",
                          '{"id":{"S":"cli"}}', "--condition-expression", "attribute_not_exists(id)",
                          check=False)
    assert failed.returncode != 0 and "ConditionalCheckFailedException" in failed.stderr


def test_resource_api_with_decimals(emulator, ddb):
    table = boto3.resource("dynamodb", endpoint_url=emulator.url, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test").Table("items")
    table.put_item(Item={"id": "res", "price": Decimal("19.99"), "tags": {"x"}})
    assert table.get_item(Key={"id": "res"})["Item"] == {"id": "res", "price": Decimal("19.99"),
                                                         "tags": {"x"}}
