"""Bad input to Cognito: wrong member types, malformed JSON, bad filters and tokens each get an
AWS-shaped 400 (never an internal error, never stored), and the emulator keeps serving."""

import json

import pytest

from conftest import json_call, parse_json

TARGET = "AWSCognitoIdentityProviderService."
POOL = "{pool}"  # replaced by a real pool id

CASES = [
    ("CreateUserPool", {"PoolName": 5}, "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "Policies": "x"}, "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "Policies": {"PasswordPolicy": {"MinimumLength": "8"}}},
     "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "Schema": [{"Name": 3}]}, "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "Schema": [{"Name": "a", "AttributeDataType": "Colour"}]},
     "InvalidParameterException"),
    ("CreateUserPool", {"PoolName": "x", "Schema": [
        {"Name": "a", "StringAttributeConstraints": {"MaxLength": "lots"}}]},
     "InvalidParameterException"),
    ("CreateUserPool", {"PoolName": "x", "UsernameAttributes": "email"}, "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "UsernameConfiguration": {"CaseSensitive": "no"}},
     "SerializationException"),
    ("CreateUserPool", {"PoolName": "x", "MfaConfiguration": "ON"}, "InvalidParameterException"),
    ("UpdateUserPool", {"UserPoolId": POOL, "Policies": []}, "SerializationException"),
    ("CreateUserPoolClient", {"UserPoolId": POOL, "ClientName": "c", "ExplicitAuthFlows": "x"},
     "SerializationException"),
    ("CreateUserPoolClient", {"UserPoolId": POOL, "ClientName": "c", "TokenValidityUnits": "x"},
     "SerializationException"),
    ("CreateUserPoolClient", {"UserPoolId": POOL, "ClientName": "c",
                              "AllowedOAuthFlowsUserPoolClient": "yes"}, "SerializationException"),
    ("CreateUserPoolClient", {"UserPoolId": POOL, "ClientName": "c", "AllowedOAuthScopes": ["x"]},
     "ScopeDoesNotExistException"),
    ("AdminCreateUser", {"UserPoolId": POOL, "Username": ["u"]}, "SerializationException"),
    ("AdminCreateUser", {"UserPoolId": POOL, "Username": "u", "UserAttributes": "x"},
     "SerializationException"),
    ("AdminCreateUser", {"UserPoolId": POOL, "Username": "u",
                         "UserAttributes": [{"Name": "shoe_size", "Value": "9"}]},
     "InvalidParameterException"),
    ("ListUsers", {"UserPoolId": POOL, "Filter": "email ^= "}, "InvalidParameterException"),
    ("ListUsers", {"UserPoolId": POOL, "Filter": 'password = "x"'}, "InvalidParameterException"),
    ("ListUsers", {"UserPoolId": POOL, "Limit": 61}, "InvalidParameterException"),
    ("CreateGroup", {"UserPoolId": POOL, "GroupName": "g", "Precedence": "1"},
     "SerializationException"),
    ("InitiateAuth", {"ClientId": "nope", "AuthFlow": "USER_PASSWORD_AUTH"},
     "ResourceNotFoundException"),
    ("GetUser", {"AccessToken": 5}, "SerializationException"),
    ("GetUser", {"AccessToken": "a.b.c"}, "NotAuthorizedException"),
    ("GetUser", {"AccessToken": "x" * 100000}, "NotAuthorizedException"),
    ("DescribeUserPool", {"UserPoolId": "us-east-1_missing"}, "ResourceNotFoundException"),
]


def call(emulator, operation, body):
    return json_call(emulator, TARGET + operation, body)


@pytest.fixture(scope="module")
def running():
    from conftest import Emulator
    emulator = Emulator("--option", "cognito.password-hash-iterations=1").start()
    status, _, body = call(emulator, "CreateUserPool", {"PoolName": "bad-input"})
    assert status == 200
    yield emulator, parse_json(body)["UserPool"]["Id"]
    emulator.close()


@pytest.mark.parametrize("operation,body,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_bad_input_gets_an_aws_error(running, operation, body, expected):
    emulator, pool = running
    body = json.loads(json.dumps(body).replace(POOL, pool))
    status, _, answer = call(emulator, operation, body)
    assert status == 400, answer
    assert parse_json(answer)["__type"] == expected
    assert call(emulator, "DescribeUserPool", {"UserPoolId": pool})[0] == 200


def test_malformed_json_and_nothing_stored(running):
    emulator, pool = running
    status, _, answer = call(emulator, "CreateUserPool", b"{not json")
    assert status == 400 and parse_json(answer)["__type"] == "SerializationException"
    status, _, answer = call(emulator, "ListUserPools", {"MaxResults": 60})
    assert [p["Name"] for p in parse_json(answer)["UserPools"]] == ["bad-input"]
    status, _, answer = call(emulator, "ListUsers", {"UserPoolId": pool})
    assert parse_json(answer)["Users"] == []
