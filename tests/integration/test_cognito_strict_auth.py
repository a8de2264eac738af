"""--strict-auth and Cognito: what end users call without AWS credentials (SignUp, InitiateAuth,
GetUser, ...) goes through unsigned, as on AWS; administration still needs a valid signature,
and a bad signature on a public operation is still refused."""

import json

import botocore

from conftest import parse_json, sigv4_headers, utcnow

TARGET = "AWSCognitoIdentityProviderService."


def unsigned(emulator, operation, body):
    return emulator.http("POST", "/", json.dumps(body).encode(), {
        "X-Amz-Target": TARGET + operation,
        "Content-Type": "application/x-amz-json-1.1",
    })


def test_public_operations_need_no_signature(start_emulator):
    emulator = start_emulator("--strict-auth", "--option", "cognito.password-hash-iterations=1")
    admin = emulator.client("cognito-idp")
    pool = admin.create_user_pool(PoolName="strict")["UserPool"]["Id"]
    client = admin.create_user_pool_client(
        UserPoolId=pool, ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]

    # Administration without a signature: refused.
    status, _, body = unsigned(emulator, "ListUserPools", {"MaxResults": 10})
    assert status == 400  # the JSON protocols' status for it
    assert parse_json(body)["__type"].endswith("MissingAuthenticationTokenException")

    # boto3 itself sends these unsigned when told to.
    public = emulator.client("cognito-idp", signature_version=botocore.UNSIGNED)
    public.sign_up(ClientId=client, Username="bob", Password="Passw0rd!")
    admin.admin_confirm_sign_up(UserPoolId=pool, Username="bob")
    auth = public.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "bob", "PASSWORD": "Passw0rd!"})
    access = auth["AuthenticationResult"]["AccessToken"]
    assert public.get_user(AccessToken=access)["Username"] == "bob"

    # A public operation signed with the wrong secret is still a bad signature.
    body = json.dumps({"AccessToken": access}).encode()
    content = {"x-amz-target": TARGET + "GetUser",
               "content-type": "application/x-amz-json-1.1"}
    for secret, expected in [("not-the-secret", 400), ("test", 200)]:
        headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", "/", "", body, "test",
                                secret, "us-east-1", "cognito-idp", utcnow(), content)
        status, _, answer = emulator.http("POST", "/", body, headers)
        assert status == expected, answer
        if expected == 400:
            assert parse_json(answer)["__type"].endswith("InvalidSignatureException")
