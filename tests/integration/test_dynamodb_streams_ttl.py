"""DynamoDB Streams records for every view type and TTL expiry through boto3."""

import time

import pytest

from conftest import wait_until
from ddb_helpers import create_table, error_of


def read_stream(streams, arn, iterator_type="TRIM_HORIZON", **kw):
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType=iterator_type,
                                    **kw)["ShardIterator"]
    out = streams.get_records(ShardIterator=it)
    return out["Records"], out["NextShardIterator"]


@pytest.mark.parametrize("view", ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"])
def test_stream_records_for_each_view(emulator, view):
    ddb, streams = emulator.client("dynamodb"), emulator.client("dynamodbstreams")
    create_table(ddb, "stream", StreamSpecification={"StreamEnabled": True, "StreamViewType": view})
    arn = ddb.describe_table(TableName="stream")["Table"]["LatestStreamArn"]
    key = {"pk": {"S": "k"}}
    ddb.put_item(TableName="stream", Item={**key, "v": {"N": "1"}})
    ddb.put_item(TableName="stream", Item={**key, "v": {"N": "1"}})  # no change: no record
    ddb.update_item(TableName="stream", Key=key, UpdateExpression="SET v = :two",
                    ExpressionAttributeValues={":two": {"N": "2"}})
    ddb.delete_item(TableName="stream", Key=key)
    ddb.delete_item(TableName="stream", Key=key)  # nothing to delete: no record
    records, _ = read_stream(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    seqs = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    for r in records:
        assert r["eventSource"] == "aws:dynamodb" and r["awsRegion"] == "us-east-1"
        assert r["dynamodb"]["Keys"] == key and r["dynamodb"]["StreamViewType"] == view
    new = view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES")
    old = view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES")
    assert ("NewImage" in records[1]["dynamodb"]) == new
    assert ("OldImage" in records[1]["dynamodb"]) == old
    if new:
        assert records[1]["dynamodb"]["NewImage"] == {**key, "v": {"N": "2"}}
    if old:
        assert records[2]["dynamodb"]["OldImage"] == {**key, "v": {"N": "2"}}


def test_shard_iterators(emulator):
    ddb, streams = emulator.client("dynamodb"), emulator.client("dynamodbstreams")
    create_table(ddb, "iter", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    arn = ddb.describe_table(TableName="iter")["Table"]["LatestStreamArn"]
    assert streams.list_streams(TableName="iter")["Streams"][0]["StreamArn"] == arn
    for i in range(5):
        ddb.put_item(TableName="iter", Item={"pk": {"S": str(i)}})
    records, next_it = read_stream(streams, arn)
    seqs = [r["dynamodb"]["SequenceNumber"] for r in records]
    assert len(seqs) == 5
    assert [r["dynamodb"]["SequenceNumber"] for r in
            read_stream(streams, arn, "AT_SEQUENCE_NUMBER", SequenceNumber=seqs[2])[0]] == seqs[2:]
    assert [r["dynamodb"]["SequenceNumber"] for r in
            read_stream(streams, arn, "AFTER_SEQUENCE_NUMBER", SequenceNumber=seqs[2])[0]] == seqs[3:]
    assert read_stream(streams, arn, "LATEST")[0] == []
    assert streams.get_records(ShardIterator=next_it)["Records"] == []
    ddb.put_item(TableName="iter", Item={"pk": {"S": "later"}})
    later = streams.get_records(ShardIterator=next_it)["Records"]
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in later] == ["later"]
    assert error_of(streams.get_records, ShardIterator="garbage")[0] == "ValidationException"
    assert error_of(streams.describe_stream, StreamArn=arn + "x")[0] == "ResourceNotFoundException"


def test_ttl_expires_items_with_service_remove_records(start_emulator):
    emulator = start_emulator("--option", "dynamodb.ttl-sweep-seconds=0.2")
    ddb, streams = emulator.client("dynamodb"), emulator.client("dynamodbstreams")
    create_table(ddb, "ttl", StreamSpecification={"StreamEnabled": True, "StreamViewType": "OLD_IMAGE"})
    ddb.update_time_to_live(TableName="ttl", TimeToLiveSpecification={"Enabled": True,
                                                                      "AttributeName": "exp"})
    now = int(time.time())
    ddb.put_item(TableName="ttl", Item={"pk": {"S": "old"}, "exp": {"N": str(now - 10)}})
    ddb.put_item(TableName="ttl", Item={"pk": {"S": "future"}, "exp": {"N": str(now + 3600)}})
    ddb.put_item(TableName="ttl", Item={"pk": {"S": "text"}, "exp": {"S": "not a number"}})
    assert wait_until(lambda: ddb.scan(TableName="ttl")["Count"] == 2, timeout=5)
    assert sorted(i["pk"]["S"] for i in ddb.scan(TableName="ttl")["Items"]) == ["future", "text"]
    arn = ddb.describe_table(TableName="ttl")["Table"]["LatestStreamArn"]
    records, _ = read_stream(streams, arn)
    remove = [r for r in records if r["eventName"] == "REMOVE"]
    assert len(remove) == 1
    assert remove[0]["userIdentity"] == {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"}
    assert remove[0]["dynamodb"]["OldImage"]["pk"] == {"S": "old"}
