"""--strict-auth for every service and protocol: unsigned, wrongly signed, tampered, stale (both
ways) and expired presigned requests are refused with the code and status that protocol family
uses on AWS, and the next good request is still served. Also real clients (boto3) see the codes,
and API Gateway methods with AWS_IAM authorization verify signatures too."""

import datetime
import hashlib
import hmac
import json
import urllib.parse
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest

from apigw_helpers import Gateway
from conftest import Emulator, canonical_query_string, sigv4_headers, signing_key, utcnow

KEY, SECRET = "test", "test"
FORM = {"content-type": "application/x-www-form-urlencoded; charset=utf-8"}


def json_headers(version, target):
    return {"content-type": f"application/x-amz-json-{version}", "x-amz-target": target}


# name: (protocol, signing name, method, path, query, body, headers)
REQUESTS = {
    "sts": ("query", "sts", "POST", "/", "", b"Action=GetCallerIdentity&Version=2011-06-15", FORM),
    "dynamodb": ("json", "dynamodb", "POST", "/", "", b"{}",
                 json_headers("1.0", "DynamoDB_20120810.ListTables")),
    "sqs-json": ("json", "sqs", "POST", "/", "", b"{}",
                 json_headers("1.0", "AmazonSQS.ListQueues")),
    "sqs-query": ("query", "sqs", "POST", "/", "", b"Action=ListQueues&Version=2012-11-05", FORM),
    "cognito-idp": ("json", "cognito-idp", "POST", "/", "", b'{"MaxResults": 10}',
                    json_headers("1.1", "AWSCognitoIdentityProviderService.ListUserPools")),
    "logs": ("json", "logs", "POST", "/", "", b"{}",
             json_headers("1.1", "Logs_20140328.DescribeLogGroups")),
    "lambda": ("rest-json", "lambda", "GET", "/2015-03-31/functions/", "MaxItems=5", b"", {}),
    "apigateway": ("rest-json", "apigateway", "GET", "/restapis", "limit=5", b"", {}),
}

# What each protocol family answers: (status, code) per failure.
EXPECTED = {
    "query": {"missing": (403, "MissingAuthenticationToken"),
              "mismatch": (403, "SignatureDoesNotMatch"),
              "unknown": (403, "InvalidClientTokenId"),
              "incomplete": (400, "IncompleteSignature")},
    "json": {"missing": (400, "MissingAuthenticationTokenException"),
             "mismatch": (400, "InvalidSignatureException"),
             "unknown": (400, "UnrecognizedClientException"),
             "incomplete": (400, "IncompleteSignatureException")},
    "rest-json": {"missing": (403, "MissingAuthenticationTokenException"),
                  "mismatch": (403, "InvalidSignatureException"),
                  "unknown": (403, "UnrecognizedClientException"),
                  "incomplete": (403, "IncompleteSignatureException")},
}


@pytest.fixture(scope="module")
def strict():
    emulator = Emulator("--strict-auth").start()
    yield emulator
    emulator.close()


def error_of_response(protocol, status, headers, body):
    """(status, code, message) of an error answer in any protocol."""
    if protocol == "query":
        root = ET.fromstring(body)
        ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
        error = root.find(f"{ns}Error")
        return status, error.find(f"{ns}Code").text, error.find(f"{ns}Message").text
    parsed = json.loads(body)
    if protocol == "json":
        return status, parsed["__type"].split("#")[-1], parsed.get("message", "")
    lowered = {k.lower(): v for k, v in headers.items()}
    return status, lowered["x-amzn-errortype"], parsed.get("message", "")


def presigned_query(method, host, path, query, service, when, expires, secret=SECRET):
    """query + SigV4 query-string authentication (X-Amz-*), payload UNSIGNED-PAYLOAD."""
    amz_date = when.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{amz_date[:8]}/us-east-1/{service}/aws4_request"
    params = urllib.parse.parse_qsl(query, keep_blank_values=True) + [
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", f"{KEY}/{scope}"),
        ("X-Amz-Date", amz_date), ("X-Amz-Expires", str(expires)),
        ("X-Amz-SignedHeaders", "host")]
    canonical_query = canonical_query_string(params)
    creq = "\n".join([method, urllib.parse.quote(path, safe="/-_.~"), canonical_query,
                      f"host:{host}\n", "host", "UNSIGNED-PAYLOAD"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(creq.encode()).hexdigest()])
    key = signing_key(secret, amz_date[:8], "us-east-1", service)
    return canonical_query + "&X-Amz-Signature=" + hmac.new(key, to_sign.encode(),
                                                            hashlib.sha256).hexdigest()


class Caller:
    def __init__(self, emulator, name):
        self.emulator = emulator
        (self.protocol, self.service, self.method, self.path, self.query, self.body,
         self.headers) = REQUESTS[name]
        self.host = f"127.0.0.1:{emulator.port}"

    def target(self, query=None):
        query = self.query if query is None else query
        return self.path + ("?" + query if query else "")

    def signed(self, key=KEY, secret=SECRET, when=None, extra=None):
        return sigv4_headers(self.method, self.host, self.path, self.query, self.body, key,
                             secret, "us-east-1", self.service, when or utcnow(),
                             {**self.headers, **(extra or {})})

    def send(self, headers, body=None, query=None):
        status, hdrs, res = self.emulator.http(self.method, self.target(query),
                                               self.body if body is None else body, headers)
        return status, hdrs, res

    def refused(self, headers, body=None, query=None):
        status, hdrs, res = self.send(headers, body, query)
        assert status >= 400, res
        return error_of_response(self.protocol, status, hdrs, res)

    def assert_served(self):
        status, _, res = self.send(self.signed())
        assert status == 200, res


def minutes(n):
    return utcnow() + datetime.timedelta(minutes=n)


@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_service_refuses_bad_signatures(strict, name):
    call = Caller(strict, name)
    expect = EXPECTED[call.protocol]
    call.assert_served()

    # Unsigned.
    assert call.refused(dict(call.headers))[:2] == expect["missing"]
    call.assert_served()

    # Signed with the wrong secret, or by a key nobody configured.
    assert call.refused(call.signed(secret="not-the-secret"))[:2] == expect["mismatch"]
    call.assert_served()
    assert call.refused(call.signed(key="AKIAUNKNOWNKEY000000"))[:2] == expect["unknown"]
    call.assert_served()

    # Tampered after signing: the body (or, for bodiless requests, the query), a signed header.
    headers = call.signed(extra={"x-amz-meta-note": "signed value"})
    if call.body:
        tampered = call.refused(headers, body=call.body + (
            b"&Extra=1" if call.protocol == "query" else b" "))
    else:
        tampered = call.refused(headers, query=call.query + "0")
    assert tampered[:2] == expect["mismatch"]
    call.assert_served()
    headers["x-amz-meta-note"] = "changed value"
    assert call.refused(headers)[:2] == expect["mismatch"]
    call.assert_served()

    # A malformed Authorization header.
    assert call.refused({**call.headers, "authorization": "AWS4-HMAC-SHA256 Signature=00"})[:2] \
        == expect["incomplete"]
    call.assert_served()

    # More than 15 minutes off, either way; just inside is fine.
    status, code, message = call.refused(call.signed(when=minutes(-16)))
    assert (status, code) == expect["mismatch"] and message.startswith("Signature expired:")
    call.assert_served()
    status, code, message = call.refused(call.signed(when=minutes(16)))
    assert (status, code) == expect["mismatch"] and message.startswith("Signature not yet current:")
    call.assert_served()
    for near in (-14, 14):
        assert call.send(call.signed(when=minutes(near)))[0] == 200, near


@pytest.mark.parametrize("name", list(REQUESTS))
def test_every_service_refuses_expired_presigned_urls(strict, name):
    call = Caller(strict, name)
    expect = EXPECTED[call.protocol]
    fresh = presigned_query(call.method, call.host, call.path, call.query, call.service,
                            utcnow(), 300)
    assert call.send(dict(call.headers), query=fresh)[0] == 200
    # Signed 10 minutes ago, valid for 5.
    stale = presigned_query(call.method, call.host, call.path, call.query, call.service,
                            minutes(-10), 300)
    status, code, message = call.refused(dict(call.headers), query=stale)
    assert (status, code) == expect["mismatch"] and "expired" in message
    call.assert_served()
    # Another secret; an expiry beyond AWS's one-week maximum.
    wrong = presigned_query(call.method, call.host, call.path, call.query, call.service,
                            utcnow(), 300, secret="not-the-secret")
    assert call.refused(dict(call.headers), query=wrong)[:2] == expect["mismatch"]
    too_long = presigned_query(call.method, call.host, call.path, call.query, call.service,
                               utcnow(), 604801)
    assert call.refused(dict(call.headers), query=too_long)[:2] == expect["incomplete"]
    call.assert_served()


def boto3_calls(emulator, key, secret):
    def client(service):
        return emulator.client(service, key=key, secret=secret)

    return {
        "sts": lambda: client("sts").get_caller_identity(),
        "dynamodb": lambda: client("dynamodb").list_tables(),
        "sqs": lambda: client("sqs").list_queues(),
        "cognito-idp": lambda: client("cognito-idp").list_user_pools(MaxResults=10),
        "logs": lambda: client("logs").describe_log_groups(),
        "lambda": lambda: client("lambda").list_functions(),
        "apigateway": lambda: client("apigateway").get_rest_apis(),
    }


def test_real_clients_see_the_codes(strict):
    good = boto3_calls(strict, KEY, SECRET)
    wrong = boto3_calls(strict, KEY, "not-the-secret")
    unknown = boto3_calls(strict, "AKIAUNKNOWNKEY000000", SECRET)
    for service in good:
        for calls, codes in [(wrong, ("SignatureDoesNotMatch", "InvalidSignatureException")),
                             (unknown, ("InvalidClientTokenId", "UnrecognizedClientException"))]:
            with pytest.raises(botocore.exceptions.ClientError) as err:
                calls[service]()
            error = err.value.response
            assert error["Error"]["Code"] in codes, (service, error)
            assert error["ResponseMetadata"]["HTTPStatusCode"] in (400, 403), service
        good[service]()


def test_temporary_keys_need_their_own_session_token(strict):
    sts = strict.client("sts")
    creds = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/r", RoleSessionName="strict",
                            DurationSeconds=900)["Credentials"]
    # Signed with the temporary key but a made-up token, or without the token.
    for token in ["forged", None]:
        client = strict.client("dynamodb", key=creds["AccessKeyId"],
                               secret=creds["SecretAccessKey"], token=token)
        with pytest.raises(botocore.exceptions.ClientError) as err:
            client.list_tables()
        assert err.value.response["Error"]["Code"] == "UnrecognizedClientException"
    ok = strict.client("dynamodb", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                       token=creds["SessionToken"])
    assert "TableNames" in ok.list_tables()


def iam_api(emulator):
    gw = Gateway(emulator)
    api_id, root = gw.api()
    for part, authorization in [("iam", "AWS_IAM"), ("open", "NONE")]:
        resource = gw.resource(api_id, root, part)
        gw.mock_ok(api_id, resource, "GET", authorization=authorization)
    gw.deploy(api_id, "beta")
    return gw, api_id


def test_aws_iam_methods_verify_signatures_under_strict_auth(strict):
    gw, api_id = iam_api(strict)
    host = f"{api_id}.execute-api.localhost:{strict.port}"

    def call(headers, path="/beta/iam"):
        status, hdrs, body = gw.call("GET", path, b"", {"Host": host, **headers})
        return status, hdrs.get("x-amzn-errortype"), json.loads(body)

    def signed(secret=SECRET, key=KEY, when=None):
        headers = sigv4_headers("GET", host, "/beta/iam", "", b"", key, secret, "us-east-1",
                                "execute-api", when or utcnow())
        headers.pop("host")
        return headers

    ok = (200, None, {"ok": 1})
    assert call(signed()) == ok
    # Public methods stay public: --strict-auth is about the emulator's own APIs.
    assert call({}, "/beta/open") == ok
    assert call({}) == (403, "MissingAuthenticationTokenException",
                        {"message": "Missing Authentication Token"})
    status, code, body = call(signed(secret="not-the-secret"))
    assert (status, code) == (403, "InvalidSignatureException")
    assert body["message"].startswith("The request signature we calculated does not match")
    assert call(signed())[0] == 200
    status, code, body = call(signed(when=minutes(-16)))
    assert (status, code) == (403, "InvalidSignatureException")
    assert body["message"].startswith("Signature expired:")
    status, code, body = call(signed(key="AKIAUNKNOWNKEY000000"))
    assert (status, code) == (403, "UnrecognizedClientException")
    status, code, _ = call({"Authorization": "AWS4-HMAC-SHA256 Credential=test/20240101/"
                                             "us-east-1/execute-api/aws4_request, "
                                             "SignedHeaders=host, Signature=00"})
    assert status == 403 and code in ("IncompleteSignatureException", "InvalidSignatureException")
    status, code, _ = call({"Authorization": "Bearer something"})
    assert (status, code) == (403, "IncompleteSignatureException")
    assert call(signed()) == ok
