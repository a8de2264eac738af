"""PartiQL through boto3: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction over the
same tables and items the item API sees, with DynamoDB's errors."""

import pytest

from ddb_helpers import create_table, error_of, raw_call

MALFORMED = "Statement wasn't well formed, can't be processed: "
MISSING_KEY = "Where clause does not contain a mandatory equality on all key attributes"


@pytest.fixture
def ddb(emulator):
    client = emulator.client("dynamodb")
    create_table(client, "Music", hash_key=("Artist", "S"), range_key=("SongTitle", "S"))
    return client


def run(ddb, statement, *parameters, **kwargs):
    if parameters:
        kwargs["Parameters"] = list(parameters)
    return ddb.execute_statement(Statement=statement, **kwargs)


def items(ddb, statement, *parameters, **kwargs):
    return run(ddb, statement, *parameters, **kwargs)["Items"]


def get(ddb, artist, title):
    return ddb.get_item(TableName="Music", Key={"Artist": {"S": artist},
                                                "SongTitle": {"S": title}}).get("Item")


def test_insert_select_update_delete(ddb):
    out = run(ddb, "INSERT INTO Music VALUE {'Artist': 'Acme', 'SongTitle': 'PartiQL Rocks', "
                   "'Year': 2020, 'Tags': <<'rock', 'pop'>>, "
                   "'Info': {'Label': 'X', 'Charts': [1, 5]}}")
    assert out["Items"] == []
    run(ddb, 'insert into "Music" value {\'Artist\': ?, \'SongTitle\': ?, \'Year\': ?}',
        {"S": "Acme"}, {"S": "B-side"}, {"N": "1999.0"})
    assert get(ddb, "Acme", "B-side")["Year"] == {"N": "1999"}

    found = items(ddb, "SELECT * FROM Music WHERE Artist = ? AND SongTitle = 'PartiQL Rocks'",
                  {"S": "Acme"})
    assert sorted(found[0].pop("Tags")["SS"]) == ["pop", "rock"]
    assert found == [{"Artist": {"S": "Acme"}, "SongTitle": {"S": "PartiQL Rocks"},
                      "Year": {"N": "2020"},
                      "Info": {"M": {"Label": {"S": "X"},
                                     "Charts": {"L": [{"N": "1"}, {"N": "5"}]}}}}]

    assert run(ddb, "UPDATE Music SET Year = Year + 1 SET Info.Label = 'Y' REMOVE Tags "
                    "WHERE Artist = 'Acme' AND SongTitle = 'PartiQL Rocks'")["Items"] == []
    item = get(ddb, "Acme", "PartiQL Rocks")
    assert item["Year"] == {"N": "2021"} and item["Info"]["M"]["Label"] == {"S": "Y"}
    assert "Tags" not in item

    run(ddb, "DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'PartiQL Rocks'")
    assert get(ddb, "Acme", "PartiQL Rocks") is None
    # Deleting what is not there succeeds, even with a condition.
    run(ddb, "DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'gone' AND Year = 1")


def test_insert_of_an_existing_key_is_a_duplicate(ddb):
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S', 'v': 1}")
    code, message, status = error_of(
        run, ddb, "INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S', 'v': 2}")
    assert (code, message, status) == ("DuplicateItemException",
                                       "Duplicate primary key exists in table", 400)
    assert get(ddb, "A", "S")["v"] == {"N": "1"}
    code, message, _ = error_of(run, ddb, "INSERT INTO Music VALUE {'Artist': 'A'}")
    assert code == "ValidationException" and "Missing the key SongTitle" in message


def test_update_and_delete_conditions(ddb, emulator):
    code, _, _ = error_of(run, ddb, "UPDATE Music SET v = 1 WHERE Artist = 'A' AND SongTitle = 'S'")
    assert code == "ConditionalCheckFailedException"
    assert get(ddb, "A", "S") is None  # UPDATE never creates

    run(ddb, "INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S', 'name': 'alpha', 'n': 5}")
    for statement in [
        "UPDATE Music SET n = 9 WHERE Artist = 'A' AND SongTitle = 'S' AND \"name\" = 'beta'",
        "DELETE FROM Music WHERE Artist = 'A' AND SongTitle = 'S' "
        "AND NOT begins_with(\"name\", 'al')",
    ]:
        assert error_of(run, ddb, statement)[0] == "ConditionalCheckFailedException", statement
    assert get(ddb, "A", "S")["n"] == {"N": "5"}

    status, body = raw_call(emulator, "ExecuteStatement", {
        "Statement": "UPDATE Music SET n = 9 WHERE Artist = 'A' AND SongTitle = 'S' AND n > 5",
        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"})
    assert status == 400 and body["Item"]["n"] == {"N": "5"}

    run(ddb, "UPDATE Music SET n = 9 WHERE Artist = 'A' AND SongTitle = 'S' AND \"name\" = 'alpha'")
    assert get(ddb, "A", "S")["n"] == {"N": "9"}
    run(ddb, "DELETE FROM Music WHERE Artist = 'A' AND SongTitle = 'S' AND n = 9")
    assert get(ddb, "A", "S") is None


def test_writes_need_the_whole_key(ddb):
    cases = {
        "UPDATE Music SET v = 1 WHERE Artist = 'A'": MISSING_KEY,
        "DELETE FROM Music WHERE \"name\" = 'alpha'": MISSING_KEY,
        "DELETE FROM Music WHERE Artist = 'A' OR SongTitle = 'S'": MISSING_KEY,
        "UPDATE Music SET v = 1": MISSING_KEY,
        "UPDATE Music SET v = 1 WHERE Artist = 'A' AND SongTitle = 'S' AND Artist = 'B'":
            "Multiple conditions on same key Artist. Only single item Update/Insert/Delete are "
            "supported",
        "DELETE FROM Music WHERE Artist = 1 AND SongTitle = 'S'":
            "Key attribute's data type should match its data type in table's schema: Key Artist",
        "UPDATE Music SET SongTitle = 'x' WHERE Artist = 'A' AND SongTitle = 'S'":
            "One or more parameter values were invalid: Cannot update attribute SongTitle. This "
            "attribute is part of the key",
    }
    for statement, message in cases.items():
        assert error_of(run, ddb, statement)[:2] == ("ValidationException", message), statement


def test_returning(ddb):
    def put(**attrs):
        item = {"Artist": {"S": "R"}, "SongTitle": {"S": "S"}}
        item.update(attrs)
        ddb.put_item(TableName="Music", Item=item)

    key = "WHERE Artist = 'R' AND SongTitle = 'S'"
    put(data={"S": "old"}, keep={"S": "same"}, tags={"L": [{"S": "a"}, {"S": "b"}, {"S": "c"}]})
    old = items(ddb, f"UPDATE Music SET data = 'new' {key} RETURNING ALL OLD *")
    assert old[0]["data"] == {"S": "old"} and old[0]["keep"] == {"S": "same"}
    assert items(ddb, f"UPDATE Music SET data = 'newer' {key} RETURNING MODIFIED NEW *") == [
        {"data": {"S": "newer"}}]
    assert items(ddb, f"UPDATE Music SET tags[2] = 'y', tags[0] = 'x' {key} "
                      "RETURNING MODIFIED OLD *") == [{"tags": {"L": [{"S": "a"}, {"S": "c"}]}}]
    assert items(ddb, f"UPDATE Music REMOVE data {key} RETURNING MODIFIED NEW *") == []
    assert items(ddb, f"UPDATE Music SET fresh = 1 {key} RETURNING MODIFIED OLD *") == []
    assert items(ddb, f"UPDATE Music SET n = 1 {key} RETURNING ALL NEW *")[0]["n"] == {"N": "1"}

    code, message, _ = error_of(run, ddb, f"DELETE FROM Music {key} RETURNING MODIFIED OLD *")
    assert message == ("Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL "
                       "OLD * is allowed in DELETE statements.")
    deleted = items(ddb, f"DELETE FROM Music {key} RETURNING ALL OLD *")
    assert deleted[0]["keep"] == {"S": "same"}
    assert items(ddb, f"DELETE FROM Music {key} RETURNING ALL OLD *") == []
    assert error_of(run, ddb, "INSERT INTO Music VALUE {'Artist': 'R', 'SongTitle': 'S'} "
                              "RETURNING ALL OLD *")[1] == "RETURNING is not supported in INSERT"


def seed_songs(ddb):
    songs = [("A", "a1", 1, "rock"), ("A", "a2", 2, "pop"), ("A", "b1", 3, "rock"),
             ("B", "a1", 4, "jazz"), ("B", "c1", 5, None)]
    for artist, title, n, genre in songs:
        item = {"Artist": {"S": artist}, "SongTitle": {"S": title}, "n": {"N": str(n)},
                "m": {"M": {"k": {"L": [{"S": "x"}, {"S": f"y{n}"}]}}}}
        if genre:
            item["genre"] = {"S": genre}
        ddb.put_item(TableName="Music", Item=item)


def titles(found):
    return sorted((i["Artist"]["S"], i["SongTitle"]["S"]) for i in found)


def test_select_conditions(ddb):
    seed_songs(ddb)
    cases = {
        "Artist = 'A'": [("A", "a1"), ("A", "a2"), ("A", "b1")],
        "Artist = 'A' AND begins_with(SongTitle, 'a')": [("A", "a1"), ("A", "a2")],
        "Artist = 'A' AND SongTitle BETWEEN 'a2' AND 'z'": [("A", "a2"), ("A", "b1")],
        "Artist = 'A' AND SongTitle > 'a1' AND n < 3": [("A", "a2")],
        "Artist = 'A' OR Artist = 'B'": [("A", "a1"), ("A", "a2"), ("A", "b1"), ("B", "a1"),
                                         ("B", "c1")],
        "Artist IN ['B', 'C']": [("B", "a1"), ("B", "c1")],
        "SongTitle = 'a1'": [("A", "a1"), ("B", "a1")],
        "n >= 2 AND n <> 4": [("A", "a2"), ("A", "b1"), ("B", "c1")],
        "genre IS MISSING": [("B", "c1")],
        "genre IS NOT MISSING AND NOT genre = 'rock'": [("A", "a2"), ("B", "a1")],
        "contains(genre, 'oc')": [("A", "a1"), ("A", "b1")],
        "attribute_type(n, 'N') AND size(genre) = 3": [("A", "a2")],
        "m.k[1] = 'y3'": [("A", "b1")],
        "n NOT BETWEEN 2 AND 4": [("A", "a1"), ("B", "c1")],
        "n NOT IN (1, 2, 3)": [("B", "a1"), ("B", "c1")],
        "genre IS STRING": [("A", "a1"), ("A", "a2"), ("A", "b1"), ("B", "a1")],
    }
    for where, expected in cases.items():
        assert titles(items(ddb, f"SELECT * FROM Music WHERE {where}")) == expected, where
    assert len(items(ddb, "SELECT * FROM Music")) == 5


def test_select_projection_returns_paths_under_their_last_name(ddb):
    seed_songs(ddb)
    found = items(ddb, "SELECT SongTitle, m.k[1], genre, absent FROM Music "
                       "WHERE Artist = 'A' AND SongTitle = 'a1'")
    assert found == [{"SongTitle": {"S": "a1"}, "k[1]": {"S": "y1"}, "genre": {"S": "rock"}}]
    assert items(ddb, "SELECT absent FROM Music WHERE Artist = 'A' AND SongTitle = 'a1'") == [{}]
    assert error_of(run, ddb, "SELECT m.k, k FROM Music")[1] == \
        "Duplicate identifiers in select clause: k"


def test_order_by(ddb):
    seed_songs(ddb)
    down = items(ddb, "SELECT SongTitle FROM Music WHERE Artist = 'A' ORDER BY SongTitle DESC")
    assert [i["SongTitle"]["S"] for i in down] == ["b1", "a2", "a1"]
    both = items(ddb, "SELECT * FROM Music WHERE Artist IN ['A', 'B'] ORDER BY Artist DESC")
    assert [i["Artist"]["S"] for i in both] == ["B", "B", "A", "A", "A"]
    assert error_of(run, ddb, "SELECT * FROM Music ORDER BY Artist")[1] == \
        "Must have WHERE clause in the statement when using ORDER BY clause."
    assert error_of(run, ddb, "SELECT * FROM Music WHERE n = 1 ORDER BY Artist")[1] == (
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER "
        "BY clause.")
    assert error_of(run, ddb, "SELECT * FROM Music WHERE Artist = 'A' ORDER BY n")[1] == \
        "Variable reference n in ORDER BY clause must be part of the primary key"


def test_select_from_an_index(emulator):
    ddb = emulator.client("dynamodb")
    create_table(ddb, "Songs", hash_key=("id", "S"), extra_attributes=[("genre", "S")],
                 GlobalSecondaryIndexes=[{
                     "IndexName": "by-genre", "KeySchema": [{"AttributeName": "genre",
                                                             "KeyType": "HASH"}],
                     "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    for i, genre in enumerate(["rock", "pop", "rock"]):
        run(ddb, "INSERT INTO Songs VALUE {'id': ?, 'genre': ?, 'n': ?}",
            {"S": f"s{i}"}, {"S": genre}, {"N": str(i)})
    found = items(ddb, 'SELECT * FROM "Songs"."by-genre" WHERE genre = \'rock\'')
    assert sorted(i["id"]["S"] for i in found) == ["s0", "s2"]
    assert all(set(i) == {"id", "genre"} for i in found)  # KEYS_ONLY
    assert error_of(run, ddb, 'SELECT * FROM "Songs"."nope"')[1] == \
        "The table does not have the specified index: nope"
    code, message, _ = error_of(run, ddb, 'UPDATE "Songs"."by-genre" SET n = 1 WHERE id = \'s0\'')
    assert message == "This operation is not supported on an index"


def test_limit_and_next_token(ddb, emulator):
    for i in range(10):
        run(ddb, "INSERT INTO Music VALUE {'Artist': 'P', 'SongTitle': ?}", {"S": f"t{i:02}"})
    seen, token, pages = [], None, 0
    while True:
        page = run(ddb, "SELECT SongTitle FROM Music WHERE Artist = 'P'", Limit=3,
                   **({"NextToken": token} if token else {}))
        seen += [i["SongTitle"]["S"] for i in page["Items"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
        assert page["LastEvaluatedKey"]["SongTitle"] == {"S": seen[-1]}
    assert seen == [f"t{i:02}" for i in range(10)] and pages == 4
    # Limit counts the items read, not the ones that match.
    page = run(ddb, "SELECT * FROM Music WHERE SongTitle = 't09'", Limit=2)
    assert page["Items"] == [] and "NextToken" in page
    assert error_of(run, ddb, "SELECT * FROM Music", NextToken="garbage!")[1] == "Invalid NextToken"
    status, body = raw_call(emulator, "ExecuteStatement",
                            {"Statement": "SELECT * FROM Music", "Limit": 0})
    assert status == 400 and body["message"] == (
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1")


def test_literals_and_update_functions(ddb):
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'L', 'SongTitle': 'S', 'b': true, 'z': NULL, "
             "'n': -1.50e1, 'ns': <<3, 1>>, 'ss': <<'x'>>, 'l': [1], 'm': {}, 's': 'it''s'}")
    item = get(ddb, "L", "S")
    assert item["b"] == {"BOOL": True} and item["z"] == {"NULL": True}
    assert item["n"] == {"N": "-15"} and item["s"] == {"S": "it's"}
    assert sorted(item["ns"]["NS"]) == ["1", "3"] and item["m"] == {"M": {}}
    key = "WHERE Artist = 'L' AND SongTitle = 'S'"
    run(ddb, f"UPDATE Music SET ns = set_add(ns, <<5>>) SET ss = SET_DELETE(ss, <<'x'>>) "
             f"SET l = list_append(l, [2, 'three']) SET n = n - 5 "
             f"SET c = if_not_exists(c, 7) {key}")
    item = get(ddb, "L", "S")
    assert sorted(item["ns"]["NS"]) == ["1", "3", "5"] and "ss" not in item
    assert item["l"] == {"L": [{"N": "1"}, {"N": "2"}, {"S": "three"}]}
    assert item["n"] == {"N": "-20"} and item["c"] == {"N": "7"}
    assert error_of(run, ddb, f"UPDATE Music SET ns = set_add(l, <<5>>) {key}")[1] == \
        "The first argument to SET_ADD must equal the assignment value"


def test_syntax_and_validation_errors(ddb):
    cases = {
        "SLECT * FROM Music": MALFORMED + "Expected data manipulation",
        "SELECT * FROM Music WHERE": MALFORMED + "Unexpected term",
        "SELECT * FROM Music WHERE Artist = 'A' AND": MALFORMED +
        "Missing right-hand side expression of infix operator",
        "SELECT * FROM Music WHERE ORDER BY Artist": MALFORMED + "Unexpected keyword",
        "SELECT * FROM Music WHERE IS NULL": MALFORMED + "Unexpected operator",
        "SELECT * FROM Music WHERE Artist = 'A' foo":
            MALFORMED + "Unexpected token after expression",
        "DELETE FROM": MALFORMED + "Expected identifier for simple path",
        "SELECT * FROM Music WHERE pad = 'x'": MALFORMED + "Unexpected keyword",
        "SELECT * FROM Music m": "Aliasing is not supported",
        "SELECT * FROM Music LIMIT 5": "Unsupported clause: LIMIT",
        "SELECT * FROM Music WHERE Artist = 1e126":
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range under root",
        "SELECT * FROM Music WHERE x = MISSING": "MISSING must be compared using IS operator",
        "EXISTS(SELECT * FROM Music WHERE Artist = 'A' AND SongTitle = 'S')":
            "EXISTS can only be used in ExecuteTransaction write requests.",
        "INSERT INTO Music VALUE {'Artist': 'A', 'SongTitle': 'S', 's': <<>>}":
            "Empty bags are not supported",
    }
    for statement, message in cases.items():
        assert error_of(run, ddb, statement)[:2] == ("ValidationException", message), statement
    assert error_of(run, ddb, "SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?",
                    {"S": "A"})[1] == "Number of parameters in request and statement don't match."
    code, message, _ = error_of(run, ddb, "SELECT * FROM NoSuchTable")
    assert (code, message) == ("ResourceNotFoundException", "Requested resource not found")
    code, message, _ = error_of(run, ddb, "SELECT * FROM Music WHERE Artist = 'A' AND s < true")
    assert code == "ValidationException"


def test_batch_execute_statement(ddb):
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': 'dup', 'val': 'here'}")
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': 'cond', 'val': 'here'}")
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": "SLECT * FROM Music"},
        {"Statement": "INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': 'dup'}"},
        {"Statement": "UPDATE Music SET t = 1 WHERE Artist = 'B' AND SongTitle = 'cond' "
                      "AND val = 'no'"},
        {"Statement": "INSERT INTO Music VALUE {'Artist': 'B', 'SongTitle': ?}",
         "Parameters": [{"S": "new"}]},
        {"Statement": "UPDATE Music SET t = 2 WHERE Artist = 'B' AND SongTitle = 'x' "
                      "RETURNING ALL NEW *"},
        {"Statement": "DELETE FROM NoSuchTable WHERE Artist = 'B' AND SongTitle = 'x'"},
    ])["Responses"]
    assert out[0] == {"Error": {"Code": "ValidationError",
                                "Message": MALFORMED + "Expected data manipulation"}}
    assert out[1]["Error"] == {"Code": "DuplicateItem",
                               "Message": "Duplicate primary key exists in table"}
    assert out[2]["Error"]["Code"] == "ConditionalCheckFailed"
    assert out[3] == {"TableName": "Music"}
    assert out[4]["Error"]["Code"] == "ConditionalCheckFailed"
    assert out[5]["Error"]["Code"] == "ResourceNotFound"
    assert get(ddb, "B", "new") is not None

    reads = ddb.batch_execute_statement(Statements=[
        {"Statement": "SELECT val FROM Music WHERE Artist = 'B' AND SongTitle = 'dup'"},
        {"Statement": "SELECT * FROM Music WHERE Artist = 'B' AND SongTitle = 'none'"},
        {"Statement": "SELECT * FROM Music WHERE Artist = 'B'"},
    ])["Responses"]
    assert reads[0] == {"TableName": "Music", "Item": {"val": {"S": "here"}}}
    assert reads[1] == {"TableName": "Music"}
    assert reads[2]["Error"] == {"Code": "ValidationError",
                                 "Message": "Only single item select is supported"}

    mixed = [{"Statement": "SELECT * FROM Music WHERE Artist = 'B' AND SongTitle = 'dup'"},
             {"Statement": "DELETE FROM Music WHERE Artist = 'B' AND SongTitle = 'dup'"}]
    assert error_of(ddb.batch_execute_statement, Statements=mixed)[1] == \
        "Read and write requests together in the same batch is not supported."
    twice = [{"Statement": "DELETE FROM Music WHERE Artist = 'B' AND SongTitle = 'dup'"}] * 2
    assert error_of(ddb.batch_execute_statement, Statements=twice)[1] == \
        "Provided list of item keys contains duplicates"
    assert get(ddb, "B", "dup") is not None
    many = [{"Statement": f"DELETE FROM Music WHERE Artist = 'B' AND SongTitle = '{i}'"}
            for i in range(26)]
    code, message, _ = error_of(ddb.batch_execute_statement, Statements=many)
    assert code == "ValidationException" and "less than or equal to 25" in message


def test_execute_transaction(ddb):
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'base', 'n': 0}")
    # EXISTS checks an item the transaction does not write.
    run(ddb, "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'flag', 'on': true}")
    ddb.execute_transaction(TransactStatements=[
        {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'one'}"},
        {"Statement": "UPDATE Music SET n = n + 1 WHERE Artist = 'T' AND SongTitle = 'base'"},
        {"Statement": "EXISTS(SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = 'flag' "
                      "AND \"on\" = true)"},
    ])
    assert get(ddb, "T", "one") is not None and get(ddb, "T", "base")["n"] == {"N": "1"}

    code, message, _ = error_of(ddb.execute_transaction, TransactStatements=[
        {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'two'}"},
        {"Statement": "INSERT INTO Music VALUE {'Artist': 'T', 'SongTitle': 'one'}"},
        {"Statement": "UPDATE Music SET n = 5 WHERE Artist = 'T' AND SongTitle = 'missing'"},
    ])
    assert code == "TransactionCanceledException"
    assert message.endswith("[None, DuplicateItem, ConditionalCheckFailed]")
    assert get(ddb, "T", "two") is None  # all or nothing

    found = ddb.execute_transaction(TransactStatements=[
        {"Statement": "SELECT n FROM Music WHERE Artist = 'T' AND SongTitle = 'base'"},
        {"Statement": "SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = 'none'"},
    ])["Responses"]
    assert found == [{"Item": {"n": {"N": "1"}}}, {}]

    cases = [
        (["SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = 'base'",
          "DELETE FROM Music WHERE Artist = 'T' AND SongTitle = 'one'"],
         "ExecuteTransaction API does not support both read and write operations in the same "
         "request."),
        (["SELECT * FROM Music WHERE Artist = 'T'"],
         "Validation failed in TransactStatements[0]: Select statements within "
         "ExecuteTransaction must specify the primary key in the where clause."),
        (["DELETE FROM Music WHERE Artist = 'T' AND SongTitle = 'one'", "SELECT * FROM"],
         "Validation failed in TransactStatements[1]: " + MALFORMED + "Unexpected term"),
        (["UPDATE Music SET n = 1 WHERE Artist = 'T' AND SongTitle = 'one' RETURNING ALL NEW *"],
         "Validation failed in TransactStatements[0]: RETURNING clause is not supported in "
         "ExecuteTransaction."),
    ]
    for statements, expected in cases:
        code, message, _ = error_of(ddb.execute_transaction,
                                    TransactStatements=[{"Statement": s} for s in statements])
        assert (code, message) == ("ValidationException", expected)

    # A retried token does not apply the transaction twice.
    body = [{"Statement": "UPDATE Music SET n = n + 1 WHERE Artist = 'T' AND SongTitle = 'base'"}]
    ddb.execute_transaction(TransactStatements=body, ClientRequestToken="tok")
    ddb.execute_transaction(TransactStatements=body, ClientRequestToken="tok")
    assert get(ddb, "T", "base")["n"] == {"N": "2"}


def test_consumed_capacity(ddb):
    out = run(ddb, "INSERT INTO Music VALUE {'Artist': 'C', 'SongTitle': 'S'}",
              ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"]["TableName"] == "Music"
    assert out["ConsumedCapacity"]["CapacityUnits"] == 1.0
    out = run(ddb, "SELECT * FROM Music WHERE Artist = 'C'", ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"]["CapacityUnits"] > 0
    assert "ConsumedCapacity" not in run(ddb, "SELECT * FROM Music")
