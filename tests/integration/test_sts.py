"""STS through the whole stack, with the aws CLI (query protocol), boto3 and awsJson."""

import json

import botocore.exceptions
import pytest

from conftest import parse_json, sigv4_headers, utcnow

ROLE = "arn:aws:iam::123456789012:role/app/deployer"


def test_cli_get_caller_identity_default_account(emulator):
    out = json.loads(emulator.aws("sts", "get-caller-identity").stdout)
    assert out == {
        "UserId": "000000000000",
        "Account": "000000000000",
        "Arn": "arn:aws:iam::000000000000:root",
    }


def test_cli_get_caller_identity_account_from_12_digit_key(emulator):
    out = json.loads(emulator.aws("sts", "get-caller-identity", key="123456789012").stdout)
    assert out["Account"] == "123456789012"
    assert out["Arn"] == "arn:aws:iam::123456789012:root"


def test_boto3_get_caller_identity(emulator):
    sts = emulator.client("sts")
    out = sts.get_caller_identity()
    assert out["Account"] == "000000000000"
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200
    request_id = out["ResponseMetadata"]["RequestId"]
    assert len(request_id) == 36
    assert out["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"] == request_id
    assert emulator.client("sts", key="210987654321").get_caller_identity()["Account"] == "210987654321"


def test_json_protocol_get_caller_identity(emulator):
    body = b"{}"
    headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", "/", "", body, "111122223333",
                            "test", "us-east-1", "sts", utcnow(),
                            {"content-type": "application/x-amz-json-1.0",
                             "x-amz-target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity"})
    status, res_headers, res_body = emulator.http("POST", "/", body, headers)
    assert status == 200
    assert res_headers["Content-Type"] == "application/x-amz-json-1.0"
    assert parse_json(res_body) == {"Account": "111122223333",
                                    "Arn": "arn:aws:iam::111122223333:root",
                                    "UserId": "111122223333"}


def test_assume_role_then_act_as_the_role(emulator):
    sts = emulator.client("sts")
    out = sts.assume_role(RoleArn=ROLE, RoleSessionName="ci-run", DurationSeconds=900)
    creds = out["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20
    assert out["AssumedRoleUser"]["Arn"] == "arn:aws:sts::123456789012:assumed-role/deployer/ci-run"
    assert out["AssumedRoleUser"]["AssumedRoleId"].startswith("AROA")
    assert out["AssumedRoleUser"]["AssumedRoleId"].endswith(":ci-run")
    # botocore parsed the ISO 8601 timestamp; the lifetime is what was asked for.
    assert 880 < (creds["Expiration"] - utcnow()).total_seconds() <= 900

    as_role = emulator.client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                              token=creds["SessionToken"])
    me = as_role.get_caller_identity()
    assert me["Account"] == "123456789012"
    assert me["Arn"] == out["AssumedRoleUser"]["Arn"]
    assert me["UserId"] == out["AssumedRoleUser"]["AssumedRoleId"]
    # Role ids are stable per role.
    again = sts.assume_role(RoleArn=ROLE, RoleSessionName="other")
    assert again["AssumedRoleUser"]["AssumedRoleId"].split(":")[0] == \
        out["AssumedRoleUser"]["AssumedRoleId"].split(":")[0]
    assert again["Credentials"]["AccessKeyId"] != creds["AccessKeyId"]


def test_cli_assume_role_and_use_the_credentials(emulator):
    out = json.loads(emulator.aws("sts", "assume-role", "--role-arn", ROLE,
                                  "--role-session-name", "from-cli").stdout)
    c = out["Credentials"]
    assert c["Expiration"].endswith("Z") or "+00:00" in c["Expiration"]
    me = json.loads(emulator.aws("sts", "get-caller-identity", key=c["AccessKeyId"],
                                 secret=c["SecretAccessKey"], token=c["SessionToken"]).stdout)
    assert me["Arn"] == "arn:aws:sts::123456789012:assumed-role/deployer/from-cli"


def test_get_session_token_is_capped_at_an_hour_for_root(emulator):
    sts = emulator.client("sts")
    out = sts.get_session_token(DurationSeconds=7200)
    expires_in = (out["Credentials"]["Expiration"] - utcnow()).total_seconds()
    assert 3500 < expires_in <= 3600
    c = out["Credentials"]
    session = emulator.client("sts", key=c["AccessKeyId"], secret=c["SecretAccessKey"],
                              token=c["SessionToken"])
    assert session.get_caller_identity()["Arn"] == "arn:aws:iam::000000000000:root"
    with pytest.raises(botocore.exceptions.ClientError) as err:
        session.get_session_token()
    assert err.value.response["Error"]["Code"] == "AccessDenied"


def test_validation_errors(emulator):
    sts = emulator.client("sts", parameter_validation=False)
    cases = [
        (dict(RoleArn=ROLE, RoleSessionName="has space"), "roleSessionName"),
        (dict(RoleArn=ROLE, RoleSessionName="x"), "roleSessionName"),
        (dict(RoleArn=ROLE, RoleSessionName="ok", DurationSeconds=60), "durationSeconds"),
        (dict(RoleArn=ROLE, RoleSessionName="ok", DurationSeconds=50000), "durationSeconds"),
        (dict(RoleArn="arn:aws:iam::123:user/not-a-role", RoleSessionName="ok"), "is invalid"),
        (dict(RoleSessionName="ok"), "roleArn"),
    ]
    for params, fragment in cases:
        with pytest.raises(botocore.exceptions.ClientError) as err:
            sts.assume_role(**params)
        assert err.value.response["Error"]["Code"] == "ValidationError", params
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert fragment in err.value.response["Error"]["Message"], params


def test_get_access_key_info(emulator):
    sts = emulator.client("sts")
    assert sts.get_access_key_info(AccessKeyId="AKIAIOSFODNN7EXAMPLE")["Account"] == "000000000000"
    creds = sts.assume_role(RoleArn=ROLE, RoleSessionName="s1")["Credentials"]
    assert sts.get_access_key_info(AccessKeyId=creds["AccessKeyId"])["Account"] == "123456789012"
