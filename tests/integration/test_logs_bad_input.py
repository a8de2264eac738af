"""Bad input to CloudWatch Logs: malformed JSON and wrong member types get an AWS-shaped 400
(SerializationException, never an internal error, nothing stored), and the emulator keeps
serving."""

import pytest

from conftest import json_call, parse_json

TARGET = "Logs_20140328."

CASES = [
    ("CreateLogGroup", {"logGroupName": 5}, "SerializationException"),
    ("CreateLogGroup", {"logGroupName": ["g"]}, "SerializationException"),
    ("CreateLogGroup", {"logGroupName": "x", "tags": ["a"]}, "SerializationException"),
    ("CreateLogGroup", {"logGroupName": "x", "tags": {"a": 1}}, "SerializationException"),
    ("CreateLogGroup", {"logGroupName": "x", "tags": {}}, "InvalidParameterException"),
    ("DescribeLogGroups", {"limit": "5"}, "SerializationException"),
    ("DescribeLogGroups", {"limit": 1.5}, "SerializationException"),
    ("PutRetentionPolicy", {"logGroupName": "g", "retentionInDays": "7"},
     "SerializationException"),
    ("PutRetentionPolicy", {"logGroupName": "g"}, "InvalidParameterException"),
    ("DescribeLogStreams", {"logGroupName": "g", "descending": "yes"}, "SerializationException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s", "logEvents": "x"},
     "SerializationException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s", "logEvents": ["x"]},
     "SerializationException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s",
                      "logEvents": [{"timestamp": "1", "message": "m"}]}, "SerializationException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s",
                      "logEvents": [{"timestamp": 1, "message": 2}]}, "SerializationException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s",
                      "logEvents": [{"timestamp": -1, "message": "m"}]},
     "InvalidParameterException"),
    ("PutLogEvents", {"logGroupName": "g", "logStreamName": "s"}, "InvalidParameterException"),
    ("GetLogEvents", {"logGroupName": "g", "logStreamName": "s", "startFromHead": 1},
     "SerializationException"),
    ("GetLogEvents", {"logGroupName": "g", "logStreamName": "s", "startTime": "0"},
     "SerializationException"),
    ("GetLogEvents", {"logGroupName": "g"}, "InvalidParameterException"),
    ("FilterLogEvents", {"logGroupName": "g", "logStreamNames": "s"}, "SerializationException"),
    ("FilterLogEvents", {"logGroupName": "g", "logStreamNames": [1]}, "SerializationException"),
    ("FilterLogEvents", {"logGroupName": "g", "filterPattern": {"a": 1}},
     "SerializationException"),
    ("FilterLogEvents", {"logGroupName": "g", "filterPattern": "{ $.a = (" + "(" * 600},
     "InvalidParameterException"),
    ("FilterLogEvents", {}, "InvalidParameterException"),
    ("TagLogGroup", {"logGroupName": "g", "tags": "a=b"}, "SerializationException"),
    ("UntagLogGroup", {"logGroupName": "g", "tags": [3]}, "SerializationException"),
    ("TagResource", {"resourceArn": 1, "tags": {"a": "b"}}, "SerializationException"),
    ("UntagResource", {"resourceArn": "arn:aws:logs:us-east-1:000000000000:log-group:g",
                       "tagKeys": "a"}, "SerializationException"),
    ("ListTagsForResource", {}, "InvalidParameterException"),
]


def call(emulator, operation, body):
    return json_call(emulator, TARGET + operation, body)


@pytest.fixture(scope="module")
def running():
    from conftest import Emulator
    emulator = Emulator().start()
    assert call(emulator, "CreateLogGroup", {"logGroupName": "g"})[0] == 200
    assert call(emulator, "CreateLogStream", {"logGroupName": "g", "logStreamName": "s"})[0] == 200
    yield emulator
    emulator.close()


@pytest.mark.parametrize("operation,body,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_bad_input_gets_an_aws_error(running, operation, body, expected):
    status, headers, answer = call(running, operation, body)
    assert status == 400, answer
    assert parse_json(answer)["__type"] == expected
    assert "message" in parse_json(answer)
    assert call(running, "DescribeLogGroups", {})[0] == 200


def test_malformed_json_and_nothing_stored(running):
    for body in [b"{not json", b"[1, 2]", b"\xff\xfe", b'{"logGroupName": "x"']:
        status, _, answer = call(running, "CreateLogGroup", body)
        assert status == 400 and parse_json(answer)["__type"] == "SerializationException", body
    status, _, answer = call(running, "DescribeLogGroups", {})
    assert [g["logGroupName"] for g in parse_json(answer)["logGroups"]] == ["g"]
    status, _, answer = call(running, "GetLogEvents", {"logGroupName": "g", "logStreamName": "s"})
    assert status == 200 and parse_json(answer)["events"] == []
