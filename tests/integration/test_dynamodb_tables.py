"""DynamoDB table operations through boto3 and the aws CLI."""

import json

from ddb_helpers import create_table, error_of, raw_call

KEYS = [{"AttributeName": "id", "KeyType": "HASH"}]
ID_S = [{"AttributeName": "id", "AttributeType": "S"}]


def test_create_describe_list_delete(emulator):
    ddb = emulator.client("dynamodb")
    out = ddb.create_table(TableName="books", KeySchema=KEYS, AttributeDefinitions=ID_S,
                           ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3})
    desc = out["TableDescription"]
    assert desc["TableStatus"] == "ACTIVE"
    assert desc["TableArn"] == "arn:aws:dynamodb:us-east-1:000000000000:table/books"
    assert desc["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert desc["ItemCount"] == 0 and desc["TableSizeBytes"] == 0
    ddb.get_waiter("table_exists").wait(TableName="books")
    table = ddb.describe_table(TableName="books")["Table"]
    assert table["KeySchema"] == KEYS and table["AttributeDefinitions"] == ID_S
    assert "BillingModeSummary" not in table
    assert ddb.list_tables()["TableNames"] == ["books"]
    assert ddb.delete_table(TableName="books")["TableDescription"]["TableStatus"] == "DELETING"
    code, message, status = error_of(ddb.describe_table, TableName="books")
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert message == "Requested resource not found: Table: books not found"
    assert error_of(ddb.delete_table, TableName="books")[0] == "ResourceNotFoundException"


def test_tables_are_scoped_by_account_and_region(emulator):
    create_table(emulator.client("dynamodb"), "scoped")
    assert emulator.client("dynamodb", region="eu-west-1").list_tables()["TableNames"] == []
    assert emulator.client("dynamodb", key="111122223333").list_tables()["TableNames"] == []
    create_table(emulator.client("dynamodb", region="eu-west-1"), "scoped")  # no clash


def test_list_tables_paginates(emulator):
    ddb = emulator.client("dynamodb")
    names = sorted(f"t{i:03d}" for i in range(23))
    for name in names:
        create_table(ddb, name)
    page = ddb.list_tables(Limit=10)
    assert page["TableNames"] == names[:10] and page["LastEvaluatedTableName"] == names[9]
    page = ddb.list_tables(Limit=10, ExclusiveStartTableName=names[19])
    assert page["TableNames"] == names[20:] and "LastEvaluatedTableName" not in page
    collected = [n for p in ddb.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 7})
                 for n in p["TableNames"]]
    assert collected == names
    unchecked = emulator.client("dynamodb", parameter_validation=False)
    assert error_of(unchecked.list_tables, Limit=0)[0] == "ValidationException"


def test_create_table_validation(emulator):
    ddb = emulator.client("dynamodb")
    cases = [
        (dict(KeySchema=[{"AttributeName": "id", "KeyType": "RANGE"}], AttributeDefinitions=ID_S),
         "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
        (dict(KeySchema=KEYS, AttributeDefinitions=[{"AttributeName": "x", "AttributeType": "S"}]),
         "One or more parameter values were invalid: Some index key attributes are not defined in "
         "AttributeDefinitions. Keys: [id], AttributeDefinitions: [x]"),
        (dict(KeySchema=KEYS, AttributeDefinitions=ID_S + [{"AttributeName": "x", "AttributeType": "S"}]),
         "One or more parameter values were invalid: Number of attributes in KeySchema does not "
         "exactly match number of attributes defined in AttributeDefinitions"),
        (dict(KeySchema=KEYS + [{"AttributeName": "id", "KeyType": "RANGE"}], AttributeDefinitions=ID_S),
         "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
        (dict(KeySchema=KEYS, AttributeDefinitions=ID_S,
              LocalSecondaryIndexes=[{"IndexName": "lsi", "KeySchema": KEYS + [
                  {"AttributeName": "x", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}]),
         "One or more parameter values were invalid: Some index key attributes are not defined in "
         "AttributeDefinitions. Keys: [x], AttributeDefinitions: [id]"),
    ]
    for params, message in cases:
        code, got, status = error_of(ddb.create_table, TableName="bad", BillingMode="PAY_PER_REQUEST",
                                     **params)
        assert (code, status) == ("ValidationException", 400), params
        assert got == message, params
    code, got, _ = error_of(ddb.create_table, TableName="bad", KeySchema=KEYS,
                            AttributeDefinitions=ID_S)
    assert got == ("One or more parameter values were invalid: ReadCapacityUnits and "
                   "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
    code, got, _ = error_of(ddb.create_table, TableName="bad", KeySchema=KEYS, AttributeDefinitions=ID_S,
                            BillingMode="PAY_PER_REQUEST",
                            ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    assert "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified" in got
    unchecked = emulator.client("dynamodb", parameter_validation=False)
    code, got, _ = error_of(unchecked.create_table, TableName="ab", KeySchema=KEYS,
                            AttributeDefinitions=ID_S, BillingMode="PAY_PER_REQUEST")
    assert got.endswith("Member must have length greater than or equal to 3")
    assert ddb.list_tables()["TableNames"] == []
    create_table(ddb, "dup")
    assert error_of(create_table, ddb, "dup")[:2] == ("ResourceInUseException", "Table already exists: dup")


def test_local_secondary_index_rules(emulator):
    ddb = emulator.client("dynamodb")
    code, message, _ = error_of(
        ddb.create_table, TableName="lsi", BillingMode="PAY_PER_REQUEST", KeySchema=KEYS,
        AttributeDefinitions=ID_S + [{"AttributeName": "x", "AttributeType": "S"}],
        LocalSecondaryIndexes=[{"IndexName": "lsi", "KeySchema": KEYS + [
            {"AttributeName": "x", "KeyType": "RANGE"}], "Projection": {"ProjectionType": "ALL"}}])
    assert message == ("One or more parameter values were invalid: Table KeySchema does not have a "
                       "range key, which is required when specifying a LocalSecondaryIndex")


def test_update_table_billing_streams_and_indexes(emulator):
    ddb = emulator.client("dynamodb")
    create_table(ddb, "upd", extra_attributes=[("author", "S")][:0])
    ddb.update_table(TableName="upd", StreamSpecification={"StreamEnabled": True,
                                                           "StreamViewType": "KEYS_ONLY"})
    table = ddb.describe_table(TableName="upd")["Table"]
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    assert table["LatestStreamArn"].startswith(table["TableArn"] + "/stream/")
    code, message, _ = error_of(ddb.update_table, TableName="upd",
                                StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert message.startswith("Table already has an enabled stream")
    ddb.update_table(TableName="upd", StreamSpecification={"StreamEnabled": False})

    ddb.update_table(TableName="upd",
                     AttributeDefinitions=[{"AttributeName": "author", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {
                         "IndexName": "by-author",
                         "KeySchema": [{"AttributeName": "author", "KeyType": "HASH"}],
                         "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
    gsis = ddb.describe_table(TableName="upd")["Table"]["GlobalSecondaryIndexes"]
    assert [(g["IndexName"], g["IndexStatus"]) for g in gsis] == [("by-author", "ACTIVE")]
    ddb.update_table(TableName="upd", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-author"}}])
    assert "GlobalSecondaryIndexes" not in ddb.describe_table(TableName="upd")["Table"]

    ddb.update_table(TableName="upd", BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 7})
    table = ddb.describe_table(TableName="upd")["Table"]
    assert "BillingModeSummary" not in table and table["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert error_of(ddb.update_table, TableName="upd")[0] == "ValidationException"
    assert error_of(ddb.update_table, TableName="none", BillingMode="PAY_PER_REQUEST")[0] == \
        "ResourceNotFoundException"


def test_deletion_protection(emulator):
    # Raw calls: the Debian boto3 predates DeletionProtectionEnabled.
    status, _ = raw_call(emulator, "CreateTable", {
        "TableName": "kept", "KeySchema": KEYS, "AttributeDefinitions": ID_S,
        "BillingMode": "PAY_PER_REQUEST", "DeletionProtectionEnabled": True})
    assert status == 200
    status, body = raw_call(emulator, "DeleteTable", {"TableName": "kept"})
    assert status == 400 and body["__type"].endswith("#ValidationException")
    assert "protected against deletion" in body["message"]
    raw_call(emulator, "UpdateTable", {"TableName": "kept", "DeletionProtectionEnabled": False})
    assert raw_call(emulator, "DeleteTable", {"TableName": "kept"})[0] == 200


def test_time_to_live_settings(emulator):
    ddb = emulator.client("dynamodb")
    create_table(ddb, "ttl")
    assert ddb.describe_time_to_live(TableName="ttl")["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "DISABLED"}
    spec = {"Enabled": True, "AttributeName": "expires"}
    assert ddb.update_time_to_live(TableName="ttl", TimeToLiveSpecification=spec)[
        "TimeToLiveSpecification"] == spec
    assert ddb.describe_time_to_live(TableName="ttl")["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    assert error_of(ddb.update_time_to_live, TableName="ttl", TimeToLiveSpecification=spec)[1] == \
        "TimeToLive is already enabled"
    ddb.update_time_to_live(TableName="ttl", TimeToLiveSpecification={"Enabled": False,
                                                                      "AttributeName": "expires"})
    assert error_of(ddb.describe_time_to_live, TableName="nope")[0] == "ResourceNotFoundException"


def test_tags(emulator):
    ddb = emulator.client("dynamodb")
    create_table(ddb, "tagged", Tags=[{"Key": "team", "Value": "books"}])
    arn = ddb.describe_table(TableName="tagged")["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "beta"}, {"Key": "team", "Value": "x"}])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "env", "Value": "beta"}, {"Key": "team", "Value": "x"}]
    ddb.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "beta"}]
    assert error_of(ddb.list_tags_of_resource,
                    ResourceArn=arn.replace("tagged", "missing"))[0] == "ResourceNotFoundException"


def test_cli_table_lifecycle(emulator):
    emulator.aws("dynamodb", "create-table", "--table-name", "cli",
                 "--attribute-definitions", "AttributeName=id,AttributeType=S",
                 "--key-schema", "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST")
    emulator.aws("dynamodb", "wait", "table-exists", "--table-name", "cli")
    out = json.loads(emulator.aws("dynamodb", "describe-table", "--table-name", "cli").stdout)
    assert out["Table"]["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert json.loads(emulator.aws("dynamodb", "list-tables").stdout)["TableNames"] == ["cli"]
    failed = emulator.aws("dynamodb", "describe-table", "--table-name", "gone", check=False)
    assert failed.returncode != 0 and "ResourceNotFoundException" in failed.stderr
