"""Query, Scan and secondary indexes through boto3: key order, pagination, Limit and filters,
the 1 MB page, GSIs and LSIs with every projection, sparse indexes and their maintenance."""

import pytest

from ddb_helpers import create_table, error_of


def put_all(ddb, table, items):
    for start in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": i}}
                                                   for i in items[start:start + 25]]})


def query_all(ddb, start=None, **params):
    items, pages = [], 0
    while True:
        page = ddb.query(**params, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        pages += 1
        start = page.get("LastEvaluatedKey")
        if not start:
            return items, pages


@pytest.fixture
def ddb(emulator):
    return emulator.client("dynamodb")


def test_sort_key_order_for_each_type(ddb):
    cases = {
        "S": ["", "A", "Z", "a", "aa", "b", "é", "\u4e2d", "\U0001F600"],
        "N": ["-1e10", "-2", "-1.5", "-0.001", "0", "1e-5", "0.5", "1", "1.0001", "2", "10", "1e10"],
        "B": [b"", b"\x00", b"\x00\x00", b"\x01", b"\x7f", b"\x80", b"\xff", b"\xff\x00"],
    }
    for type_, values in cases.items():
        name = f"order{type_}"
        create_table(ddb, name, hash_key=("pk", "S"), range_key=("sk", type_))
        present = [v for v in values if v not in ("", b"")]  # keys may not be empty
        put_all(ddb, name, [{"pk": {"S": "p"}, "sk": {type_: v}} for v in reversed(present)])
        got = [i["sk"][type_] for i in ddb.query(
            TableName=name, KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "p"}})["Items"]]
        expected = sorted(present, key=lambda v: float(v)) if type_ == "N" else \
            sorted(present, key=lambda v: v.encode() if isinstance(v, str) else v)
        if type_ == "N":
            assert [float(v) for v in got] == [float(v) for v in expected]
        else:
            assert got == expected, type_
        backwards = ddb.query(TableName=name, KeyConditionExpression="pk = :p",
                              ExpressionAttributeValues={":p": {"S": "p"}}, ScanIndexForward=False)
        assert [i["sk"][type_] for i in backwards["Items"]] == list(reversed(got))


def test_sort_key_conditions(ddb):
    create_table(ddb, "cond", hash_key=("pk", "S"), range_key=("sk", "S"))
    keys = ["a", "ab", "abc", "abd", "b", "ba", "c"]
    put_all(ddb, "cond", [{"pk": {"S": "p"}, "sk": {"S": k}} for k in keys])

    def sks(expression, **values):
        vals = {":p": {"S": "p"}, **{f":{k}": {"S": v} for k, v in values.items()}}
        return [i["sk"]["S"] for i in ddb.query(
            TableName="cond", KeyConditionExpression="pk = :p AND " + expression,
            ExpressionAttributeValues=vals)["Items"]]

    assert sks("sk = :v", v="ab") == ["ab"]
    assert sks("sk < :v", v="ab") == ["a"]
    assert sks("sk <= :v", v="ab") == ["a", "ab"]
    assert sks("sk > :v", v="b") == ["ba", "c"]
    assert sks("sk >= :v", v="b") == ["b", "ba", "c"]
    assert sks("sk BETWEEN :a AND :b", a="ab", b="b") == ["ab", "abc", "abd", "b"]
    assert sks("begins_with(sk, :v)", v="ab") == ["ab", "abc", "abd"]
    code, message, _ = error_of(ddb.query, TableName="cond", KeyConditionExpression="sk = :v",
                                ExpressionAttributeValues={":v": {"S": "a"}})
    assert code == "ValidationException" and "missed key schema element: pk" in message


def test_pagination_over_thousands_matches_a_full_read(ddb):
    create_table(ddb, "many", hash_key=("pk", "S"), range_key=("sk", "N"))
    items = [{"pk": {"S": f"p{i % 3}"}, "sk": {"N": str(i)}, "v": {"N": str(i % 7)}}
             for i in range(3000)]
    put_all(ddb, "many", items)
    for pk in ("p0", "p1", "p2"):
        full = [i for i in items if i["pk"]["S"] == pk]
        paged, pages = query_all(ddb, TableName="many", KeyConditionExpression="pk = :p",
                                 ExpressionAttributeValues={":p": {"S": pk}}, Limit=97)
        assert [i["sk"] for i in paged] == [i["sk"] for i in full]
        assert pages == len(full) // 97 + 1
    # Limit counts items evaluated before the filter.
    page = ddb.query(TableName="many", KeyConditionExpression="pk = :p",
                     FilterExpression="v = :zero", Limit=50,
                     ExpressionAttributeValues={":p": {"S": "p0"}, ":zero": {"N": "0"}})
    first_50 = [i for i in items if i["pk"]["S"] == "p0"][:50]
    assert page["ScannedCount"] == 50
    assert page["Count"] == len([i for i in first_50 if i["v"]["N"] == "0"])
    scanned, start = [], None
    while True:
        page = ddb.scan(TableName="many", Limit=500, **({"ExclusiveStartKey": start} if start else {}))
        scanned += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert sorted((i["pk"]["S"], int(i["sk"]["N"])) for i in scanned) == \
        sorted((i["pk"]["S"], int(i["sk"]["N"])) for i in items)
    counts = [ddb.scan(TableName="many", Segment=s, TotalSegments=4, Select="COUNT")["Count"]
              for s in range(4)]
    assert sum(counts) == 3000  # a partition lives in exactly one segment


def test_one_megabyte_page_limit(ddb):
    create_table(ddb, "big", hash_key=("pk", "S"), range_key=("sk", "N"))
    blob = "x" * 100_000
    put_all(ddb, "big", [{"pk": {"S": "p"}, "sk": {"N": str(i)}, "blob": {"S": blob}}
                         for i in range(25)])
    page = ddb.query(TableName="big", KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": {"S": "p"}})
    assert "LastEvaluatedKey" in page and 9 <= page["Count"] <= 11
    rest, _ = query_all(ddb, TableName="big", KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": "p"}},
                        start=page["LastEvaluatedKey"])
    assert page["Count"] + len(rest) == 25


def test_select_count_and_projection(ddb):
    create_table(ddb, "sel", hash_key=("pk", "S"), range_key=("sk", "N"))
    put_all(ddb, "sel", [{"pk": {"S": "p"}, "sk": {"N": str(i)}, "a": {"S": "x"}, "b": {"S": "y"}}
                         for i in range(5)])
    out = ddb.query(TableName="sel", KeyConditionExpression="pk = :p", Select="COUNT",
                    ExpressionAttributeValues={":p": {"S": "p"}})
    assert out["Count"] == 5 and "Items" not in out
    out = ddb.query(TableName="sel", KeyConditionExpression="pk = :p", ProjectionExpression="b",
                    ExpressionAttributeValues={":p": {"S": "p"}})
    assert out["Items"][0] == {"b": {"S": "y"}}
    code, message, _ = error_of(ddb.query, TableName="sel", KeyConditionExpression="pk = :p",
                                Select="ALL_ATTRIBUTES", ProjectionExpression="b",
                                ExpressionAttributeValues={":p": {"S": "p"}})
    assert code == "ValidationException"


def index_table(ddb):
    ddb.create_table(
        TableName="idx", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in
                              [("pk", "S"), ("sk", "S"), ("author", "S"), ("year", "N"), ("rank", "N")]],
        GlobalSecondaryIndexes=[
            {"IndexName": "all", "KeySchema": [{"AttributeName": "author", "KeyType": "HASH"},
                                               {"AttributeName": "year", "KeyType": "RANGE"}],
             "Projection": {"ProjectionType": "ALL"}},
            {"IndexName": "keys", "KeySchema": [{"AttributeName": "author", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {"IndexName": "include", "KeySchema": [{"AttributeName": "author", "KeyType": "HASH"}],
             "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["title"]}}],
        LocalSecondaryIndexes=[
            {"IndexName": "by-rank", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                   {"AttributeName": "rank", "KeyType": "RANGE"}],
             "Projection": {"ProjectionType": "KEYS_ONLY"}}])


def test_global_and_local_secondary_indexes(ddb):
    index_table(ddb)
    books = [("b1", "ann", 1999, 3), ("b2", "ann", 2005, 1), ("b3", "bob", 2001, 2), ("b4", "ann", 1990, 2)]
    put_all(ddb, "idx", [{"pk": {"S": "shelf"}, "sk": {"S": b}, "author": {"S": a}, "year": {"N": str(y)},
                          "rank": {"N": str(r)}, "title": {"S": b.upper()}, "extra": {"S": "e"}}
                         for b, a, y, r in books])
    ann = ddb.query(TableName="idx", IndexName="all", KeyConditionExpression="author = :a",
                    ExpressionAttributeValues={":a": {"S": "ann"}})["Items"]
    assert [i["sk"]["S"] for i in ann] == ["b4", "b1", "b2"] and "extra" in ann[0]
    keys_only = ddb.query(TableName="idx", IndexName="keys", KeyConditionExpression="author = :a",
                          ExpressionAttributeValues={":a": {"S": "ann"}})["Items"]
    assert all(set(i) == {"pk", "sk", "author"} for i in keys_only)
    include = ddb.query(TableName="idx", IndexName="include", KeyConditionExpression="author = :a",
                        ExpressionAttributeValues={":a": {"S": "bob"}})["Items"]
    assert include == [{"pk": {"S": "shelf"}, "sk": {"S": "b3"}, "author": {"S": "bob"},
                        "title": {"S": "B3"}}]
    by_rank = ddb.query(TableName="idx", IndexName="by-rank", KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": "shelf"}})["Items"]
    assert [i["rank"]["N"] for i in by_rank] == ["1", "2", "2", "3"]
    assert set(by_rank[0]) == {"pk", "sk", "rank"}
    # A local index fetches unprojected attributes from the table.
    full = ddb.query(TableName="idx", IndexName="by-rank", KeyConditionExpression="pk = :p",
                     Select="ALL_ATTRIBUTES", ExpressionAttributeValues={":p": {"S": "shelf"}})["Items"]
    assert full[0]["title"] == {"S": "B2"}
    # Paging through an index: the key carries the index and table keys.
    page = ddb.query(TableName="idx", IndexName="all", KeyConditionExpression="author = :a", Limit=1,
                     ExpressionAttributeValues={":a": {"S": "ann"}})
    assert set(page["LastEvaluatedKey"]) == {"pk", "sk", "author", "year"}
    assert ddb.scan(TableName="idx", IndexName="keys", Select="COUNT")["Count"] == 4
    code, message, _ = error_of(ddb.query, TableName="idx", IndexName="nope",
                                KeyConditionExpression="author = :a",
                                ExpressionAttributeValues={":a": {"S": "x"}})
    assert message == "The table does not have the specified index: nope"
    assert error_of(ddb.query, TableName="idx", IndexName="all", ConsistentRead=True,
                    KeyConditionExpression="author = :a",
                    ExpressionAttributeValues={":a": {"S": "x"}})[1] == \
        "Consistent reads are not supported on global secondary indexes"


def test_sparse_index_and_maintenance(ddb):
    index_table(ddb)
    key = {"pk": {"S": "s"}, "sk": {"S": "1"}}
    ddb.put_item(TableName="idx", Item={**key, "title": {"S": "no author"}})
    assert ddb.scan(TableName="idx", IndexName="all")["Count"] == 0
    ddb.update_item(TableName="idx", Key=key, UpdateExpression="SET author = :a, #y = :y",
                    ExpressionAttributeNames={"#y": "year"},
                    ExpressionAttributeValues={":a": {"S": "cy"}, ":y": {"N": "2020"}})
    assert ddb.query(TableName="idx", IndexName="all", KeyConditionExpression="author = :a",
                     ExpressionAttributeValues={":a": {"S": "cy"}})["Count"] == 1
    ddb.update_item(TableName="idx", Key=key, UpdateExpression="SET author = :a",
                    ExpressionAttributeValues={":a": {"S": "dee"}})
    assert ddb.query(TableName="idx", IndexName="all", KeyConditionExpression="author = :a",
                     ExpressionAttributeValues={":a": {"S": "cy"}})["Count"] == 0
    ddb.delete_item(TableName="idx", Key=key)
    assert ddb.scan(TableName="idx", IndexName="all")["Count"] == 0
    code, message, _ = error_of(ddb.put_item, TableName="idx",
                                Item={**key, "author": {"N": "1"}})
    assert message.startswith("One or more parameter values were invalid: Type mismatch for Index Key author")


def test_new_global_index_is_backfilled(ddb):
    create_table(ddb, "later", hash_key=("pk", "S"))
    put_all(ddb, "later", [{"pk": {"S": str(i)}, "color": {"S": "red" if i % 2 else "blue"}}
                           for i in range(10)])
    ddb.update_table(TableName="later",
                     AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {
                         "IndexName": "by-color", "Projection": {"ProjectionType": "ALL"},
                         "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}]}}])
    out = ddb.query(TableName="later", IndexName="by-color", KeyConditionExpression="color = :c",
                    ExpressionAttributeValues={":c": {"S": "red"}})
    assert out["Count"] == 5


def test_legacy_parameters(ddb):
    create_table(ddb, "legacy", hash_key=("pk", "S"), range_key=("sk", "N"))
    put_all(ddb, "legacy", [{"pk": {"S": "p"}, "sk": {"N": str(i)}, "v": {"S": "even" if i % 2 == 0 else "odd"}}
                            for i in range(10)])
    out = ddb.query(TableName="legacy", KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
        "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "2"}, {"N": "6"}]}},
        QueryFilter={"v": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "even"}]}},
        AttributesToGet=["sk"])
    assert [i["sk"]["N"] for i in out["Items"]] == ["2", "4", "6"] and out["ScannedCount"] == 5
    out = ddb.scan(TableName="legacy", ScanFilter={
        "sk": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "8"}]}})
    assert out["Count"] == 2
    ddb.put_item(TableName="legacy", Item={"pk": {"S": "p"}, "sk": {"N": "0"}},
                 Expected={"v": {"Value": {"S": "even"}}})
    code, _, _ = error_of(ddb.put_item, TableName="legacy", Item={"pk": {"S": "p"}, "sk": {"N": "0"}},
                          Expected={"v": {"Exists": True, "Value": {"S": "even"}}})
    assert code == "ConditionalCheckFailedException"
    ddb.update_item(TableName="legacy", Key={"pk": {"S": "p"}, "sk": {"N": "1"}},
                    AttributeUpdates={"count": {"Action": "ADD", "Value": {"N": "5"}},
                                      "v": {"Action": "DELETE"}})
    got = ddb.get_item(TableName="legacy", Key={"pk": {"S": "p"}, "sk": {"N": "1"}})["Item"]
    assert got == {"pk": {"S": "p"}, "sk": {"N": "1"}, "count": {"N": "5"}}
