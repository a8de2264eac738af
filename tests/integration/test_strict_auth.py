"""--strict-auth with real clients: wrong secrets, unknown keys, stale signatures are rejected with
the error AWS sends; the right credentials (and STS-issued ones) are accepted."""

import datetime
import json

import botocore.exceptions
import pytest

from conftest import parse_json, sigv4_headers, utcnow


def error_code(call):
    with pytest.raises(botocore.exceptions.ClientError) as err:
        call()
    return err.value.response["Error"]["Code"], err.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_boto3_right_and_wrong_secrets(start_emulator):
    emulator = start_emulator("--strict-auth")
    assert emulator.client("sts").get_caller_identity()["Account"] == "000000000000"
    bad = emulator.client("sts", secret="not-the-secret")
    assert error_code(bad.get_caller_identity) == ("SignatureDoesNotMatch", 403)
    unknown = emulator.client("sts", key="AKIAUNKNOWNKEY000000")
    assert error_code(unknown.get_caller_identity) == ("InvalidClientTokenId", 403)
    assert emulator.client("sts").get_caller_identity()["Account"] == "000000000000"


def test_cli_right_and_wrong_secrets(start_emulator):
    emulator = start_emulator("--strict-auth")
    ok = emulator.aws("sts", "get-caller-identity")
    assert json.loads(ok.stdout)["Account"] == "000000000000"
    bad = emulator.aws("sts", "get-caller-identity", secret="wrong", check=False)
    assert bad.returncode != 0 and "SignatureDoesNotMatch" in bad.stderr


def test_configured_credentials(start_emulator):
    emulator = start_emulator("--strict-auth", "--credentials", "123456789012:s3cret",
                              "--credentials", "AKIDOTHER:other")
    assert emulator.client("sts", key="123456789012", secret="s3cret").get_caller_identity()[
        "Account"] == "123456789012"
    assert emulator.client("sts", key="AKIDOTHER", secret="other").get_caller_identity()
    assert error_code(emulator.client("sts").get_caller_identity)[0] == "InvalidClientTokenId"


def test_unsigned_and_stale_requests(start_emulator):
    emulator = start_emulator("--strict-auth")
    form = b"Action=GetCallerIdentity&Version=2011-06-15"
    content = {"content-type": "application/x-www-form-urlencoded"}
    status, _, body = emulator.http("POST", "/", form, content)
    assert status == 403 and b"<Code>MissingAuthenticationToken</Code>" in body

    host = f"127.0.0.1:{emulator.port}"
    for minutes, accepted in [(-16, False), (16, False), (-14, True), (14, True)]:
        when = utcnow() + datetime.timedelta(minutes=minutes)
        headers = sigv4_headers("POST", host, "/", "", form, "test", "test", "us-east-1", "sts",
                                when, content)
        status, _, body = emulator.http("POST", "/", form, headers)
        if accepted:
            assert status == 200, (minutes, body)
        else:
            assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body, minutes
            assert b"Signature expired" in body or b"Signature not yet current" in body

    # JSON protocol errors use that protocol's codes.
    target = {"content-type": "application/x-amz-json-1.0",
              "x-amz-target": "AWSSecurityTokenServiceV20110615.GetCallerIdentity"}
    headers = sigv4_headers("POST", host, "/", "", b"{}", "test", "wrong", "us-east-1", "sts",
                            utcnow(), target)
    status, _, body = emulator.http("POST", "/", b"{}", headers)
    assert status == 400 and parse_json(body)["__type"] == "InvalidSignatureException"


def test_sts_issued_credentials_are_accepted(start_emulator):
    emulator = start_emulator("--strict-auth")
    creds = emulator.client("sts").assume_role(
        RoleArn="arn:aws:iam::123456789012:role/strict", RoleSessionName="strict-session")["Credentials"]
    as_role = emulator.client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                              token=creds["SessionToken"])
    assert as_role.get_caller_identity()["Account"] == "123456789012"
    wrong_token = emulator.client("sts", key=creds["AccessKeyId"],
                                  secret=creds["SecretAccessKey"], token="forged")
    assert error_code(wrong_token.get_caller_identity)[0] == "InvalidClientTokenId"
    wrong_secret = emulator.client("sts", key=creds["AccessKeyId"], secret="nope",
                                   token=creds["SessionToken"])
    assert error_code(wrong_secret.get_caller_identity)[0] == "SignatureDoesNotMatch"
