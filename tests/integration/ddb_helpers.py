"""Helpers shared by the DynamoDB integration tests."""

import json

import botocore.exceptions
import pytest

from conftest import sigv4_headers, utcnow


def error_of(call, *args, **kwargs):
    """Runs a call that must fail; returns (code, message, status)."""
    with pytest.raises(botocore.exceptions.ClientError) as err:
        call(*args, **kwargs)
    e = err.value.response
    return e["Error"]["Code"], e["Error"]["Message"], e["ResponseMetadata"]["HTTPStatusCode"]


def create_table(ddb, name, hash_key=("pk", "S"), range_key=None, **extra):
    keys = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
    defs = [{"AttributeName": hash_key[0], "AttributeType": hash_key[1]}]
    if range_key:
        keys.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
        defs.append({"AttributeName": range_key[0], "AttributeType": range_key[1]})
    for extra_def in extra.pop("extra_attributes", []):
        defs.append({"AttributeName": extra_def[0], "AttributeType": extra_def[1]})
    ddb.create_table(TableName=name, KeySchema=keys, AttributeDefinitions=defs,
                     BillingMode="PAY_PER_REQUEST", **extra)
    return name


def raw_call(emulator, operation, payload, key="test", secret="test", region="us-east-1"):
    """A signed DynamoDB call made by hand: for members older SDKs do not model yet.
    Returns (status, body as JSON)."""
    body = json.dumps(payload).encode()
    headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", "/", "", body, key, secret,
                            region, "dynamodb", utcnow(),
                            {"content-type": "application/x-amz-json-1.0",
                             "x-amz-target": f"DynamoDB_20120810.{operation}"})
    status, _, res = emulator.http("POST", "/", body, headers)
    return status, json.loads(res)
