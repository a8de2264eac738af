"""Cognito sign-in through boto3: InitiateAuth and AdminInitiateAuth with passwords and refresh
tokens, the errors Cognito answers for wrong, unknown, disabled and unconfirmed users and for
flows a client does not allow, the NEW_PASSWORD_REQUIRED challenge, sign-in by e-mail, and
SECRET_HASH."""

import json
import re

import jwt

from cognito_helpers import (NEW_PASSWORD, PASSWORD, attr_list, attrs, create_client,
                             create_pool, create_user, error_of, password_auth, secret_hash,
                             setup_user, tokens)
from cognito_helpers import cognito_fixture  # noqa: F401 - the `cognito` fixture

TEMPORARY = "Temp-Passw0rd!"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


def admin_auth(idp, pool_id, client, username, password=PASSWORD, flow="ADMIN_USER_PASSWORD_AUTH"):
    return idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"], AuthFlow=flow,
                                   AuthParameters={"USERNAME": username, "PASSWORD": password})


def refresh(idp, client, refresh_token, flow="REFRESH_TOKEN_AUTH"):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow=flow,
                             AuthParameters={"REFRESH_TOKEN": refresh_token})


def test_user_password_auth_returns_tokens(cognito):
    _, idp = cognito
    _, client, sub = setup_user(idp, "alice", "alice@example.com")
    out = password_auth(idp, client, "alice")
    assert "ChallengeName" not in out
    result = out["AuthenticationResult"]
    assert (result["ExpiresIn"], result["TokenType"]) == (3600, "Bearer")
    assert result["IdToken"].count(".") == 2 and result["AccessToken"].count(".") == 2
    assert len(result["RefreshToken"]) > 20
    assert claims(result["IdToken"])["sub"] == sub
    assert claims(result["AccessToken"])["username"] == "alice"


def test_wrong_password_and_unknown_user(cognito):
    _, idp = cognito
    pool_id, client, _ = setup_user(idp, "bob", "bob@example.com")
    incorrect = ("NotAuthorizedException", "Incorrect username or password.", 400)
    assert error_of(password_auth, idp, client, "bob", "Wr0ng-Passw0rd!") == incorrect
    # API-made clients default to LEGACY: an unknown user is UserNotFoundException ...
    assert error_of(password_auth, idp, client, "nobody") == \
        ("UserNotFoundException", "User does not exist.", 400)
    # ... while ENABLED makes it look like a bad password.
    hiding = create_client(idp, pool_id, "hiding", PreventUserExistenceErrors="ENABLED")
    assert error_of(password_auth, idp, hiding, "nobody") == incorrect
    assert error_of(password_auth, idp, hiding, "bob", "Wr0ng-Passw0rd!") == incorrect
    assert error_of(admin_auth, idp, pool_id, client, "bob", "Wr0ng-Passw0rd!") == incorrect


def test_disabled_and_unconfirmed_users(cognito):
    _, idp = cognito
    pool_id, client, _ = setup_user(idp, "carol", "carol@example.com")
    idp.admin_disable_user(UserPoolId=pool_id, Username="carol")
    assert error_of(password_auth, idp, client, "carol")[:2] == \
        ("NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool_id, Username="carol")
    assert tokens(idp, client, "carol")["TokenType"] == "Bearer"

    idp.sign_up(ClientId=client["ClientId"], Username="dave", Password=PASSWORD,
                UserAttributes=attr_list(email="dave@example.com"))
    assert error_of(password_auth, idp, client, "dave")[:2] == \
        ("UserNotConfirmedException", "User is not confirmed.")


def test_flows_the_client_does_not_allow(cognito):
    _, idp = cognito
    pool_id, _, _ = setup_user(idp, "erin", "erin@example.com")
    srp_only = create_client(idp, pool_id, "srp-only",
                             flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert error_of(password_auth, idp, srp_only, "erin")[:2] == \
        ("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")
    assert error_of(admin_auth, idp, pool_id, srp_only, "erin")[0] == "InvalidParameterException"
    # The flow is checked before the user is looked up.
    assert error_of(password_auth, idp, srp_only, "nobody")[0] == "InvalidParameterException"


def test_admin_initiate_auth(cognito):
    _, idp = cognito
    pool_id, client, sub = setup_user(idp, "fay", "fay@example.com")
    for flow in ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        result = admin_auth(idp, pool_id, client, "fay", flow=flow)["AuthenticationResult"]
        assert (result["ExpiresIn"], result["TokenType"]) == (3600, "Bearer")
        assert claims(result["IdToken"])["sub"] == sub
        assert claims(result["AccessToken"])["client_id"] == client["ClientId"]
        assert "RefreshToken" in result
    # The admin flows are for AdminInitiateAuth only.
    code, _, _ = error_of(idp.initiate_auth, ClientId=client["ClientId"],
                          AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": "fay", "PASSWORD": PASSWORD})
    assert code == "InvalidParameterException"


def test_refresh_token_flows(cognito):
    _, idp = cognito
    pool_id, client, sub = setup_user(idp, "gus", "gus@example.com")
    first = tokens(idp, client, "gus")
    for flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        result = refresh(idp, client, first["RefreshToken"], flow)["AuthenticationResult"]
        assert "RefreshToken" not in result
        assert (result["ExpiresIn"], result["TokenType"]) == (3600, "Bearer")
        assert claims(result["IdToken"])["sub"] == sub
        assert claims(result["AccessToken"])["jti"] != claims(first["AccessToken"])["jti"]
        assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "gus"
    admin = idp.admin_initiate_auth(UserPoolId=pool_id, ClientId=client["ClientId"],
                                    AuthFlow="REFRESH_TOKEN_AUTH",
                                    AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})
    assert claims(admin["AuthenticationResult"]["AccessToken"])["username"] == "gus"
    assert error_of(refresh, idp, client, "not-a-refresh-token")[0] == "NotAuthorizedException"
    # A refresh token belongs to the client it was issued to.
    other = create_client(idp, pool_id, "other")
    assert error_of(refresh, idp, other, first["RefreshToken"])[0] == "NotAuthorizedException"


def test_new_password_required_challenge(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    client = create_client(idp, pool_id)
    idp.admin_create_user(UserPoolId=pool_id, Username="hana", TemporaryPassword=TEMPORARY,
                          MessageAction="SUPPRESS",
                          UserAttributes=attr_list(email="hana@example.com",
                                                   email_verified="true"))
    out = password_auth(idp, client, "hana", TEMPORARY)
    assert out["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert "AuthenticationResult" not in out
    assert len(out["Session"]) >= 20
    params = out["ChallengeParameters"]
    assert params["USER_ID_FOR_SRP"] == "hana"
    assert json.loads(params["requiredAttributes"]) == []
    assert json.loads(params["userAttributes"])["email"] == "hana@example.com"

    code, message, _ = error_of(idp.respond_to_auth_challenge, ClientId=client["ClientId"],
                                ChallengeName="NEW_PASSWORD_REQUIRED", Session="x" * 40,
                                ChallengeResponses={"USERNAME": "hana",
                                                    "NEW_PASSWORD": NEW_PASSWORD})
    assert code == "NotAuthorizedException"
    assert message.startswith("Invalid session for the user")
    code, _, _ = error_of(idp.respond_to_auth_challenge, ClientId=client["ClientId"],
                          ChallengeName="NEW_PASSWORD_REQUIRED", Session=out["Session"],
                          ChallengeResponses={"USERNAME": "hana",
                                              "NEW_PASSWORD": "weakpassword"})
    assert code == "InvalidPasswordException"

    answer = idp.respond_to_auth_challenge(ClientId=client["ClientId"],
                                           ChallengeName="NEW_PASSWORD_REQUIRED",
                                           Session=out["Session"],
                                           ChallengeResponses={"USERNAME": "hana",
                                                               "NEW_PASSWORD": NEW_PASSWORD})
    result = answer["AuthenticationResult"]
    assert (result["ExpiresIn"], result["TokenType"]) == (3600, "Bearer")
    assert claims(result["AccessToken"])["username"] == "hana"
    assert "RefreshToken" in result
    assert idp.admin_get_user(UserPoolId=pool_id, Username="hana")["UserStatus"] == "CONFIRMED"
    assert "IdToken" in tokens(idp, client, "hana", NEW_PASSWORD)
    assert error_of(password_auth, idp, client, "hana", TEMPORARY)[0] == "NotAuthorizedException"


def test_admin_new_password_required_challenge(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    client = create_client(idp, pool_id)
    idp.admin_create_user(UserPoolId=pool_id, Username="ian", TemporaryPassword=TEMPORARY,
                          MessageAction="SUPPRESS")
    out = admin_auth(idp, pool_id, client, "ian", TEMPORARY)
    assert out["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    answer = idp.admin_respond_to_auth_challenge(
        UserPoolId=pool_id, ClientId=client["ClientId"], ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=out["Session"], ChallengeResponses={"USERNAME": "ian",
                                                    "NEW_PASSWORD": NEW_PASSWORD})
    assert answer["AuthenticationResult"]["TokenType"] == "Bearer"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="ian")["UserStatus"] == "CONFIRMED"


def test_sign_in_with_email_as_username(cognito):
    _, idp = cognito
    pool_id = create_pool(idp, UsernameAttributes=["email"])
    client = create_client(idp, pool_id)
    sub = create_user(idp, pool_id, "jane@example.com", email="jane@example.com")
    user = idp.admin_get_user(UserPoolId=pool_id, Username="jane@example.com")
    # The username is generated; the e-mail address is only how the user signs in.
    assert re.fullmatch(UUID, user["Username"])
    assert attrs(user["UserAttributes"])["email"] == "jane@example.com"
    result = tokens(idp, client, "jane@example.com")
    assert claims(result["IdToken"])["sub"] == sub
    assert claims(result["IdToken"])["cognito:username"] == user["Username"]
    assert claims(result["AccessToken"])["username"] == user["Username"]
    assert error_of(password_auth, idp, client, "jane@example.com", "Wr0ng-Passw0rd!")[0] == \
        "NotAuthorizedException"

    out = idp.sign_up(ClientId=client["ClientId"], Username="kate@example.com", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="kate@example.com")
    kate = claims(tokens(idp, client, "kate@example.com")["IdToken"])
    assert (kate["sub"], kate["email"]) == (out["UserSub"], "kate@example.com")
    code, _, _ = error_of(idp.sign_up, ClientId=client["ClientId"], Username="not-an-email",
                          Password=PASSWORD)
    assert code == "InvalidParameterException"


def test_sign_in_with_a_verified_email_alias(cognito):
    _, idp = cognito
    pool_id = create_pool(idp, AliasAttributes=["email"])
    client = create_client(idp, pool_id)
    create_user(idp, pool_id, "liam", email="liam@example.com")
    by_alias = claims(tokens(idp, client, "liam@example.com")["AccessToken"])
    assert by_alias["username"] == "liam"
    assert claims(tokens(idp, client, "liam")["AccessToken"])["username"] == "liam"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="liam@example.com")["Username"] == "liam"


def test_secret_clients_need_the_secret_hash(cognito):
    _, idp = cognito
    pool_id, client, _ = setup_user(idp, "mona", "mona@example.com", GenerateSecret=True)
    cid, secret = client["ClientId"], client["ClientSecret"]

    def auth(**extra):
        return idp.initiate_auth(ClientId=cid, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": "mona", "PASSWORD": PASSWORD, **extra})

    code, message, _ = error_of(auth)
    assert code == "NotAuthorizedException" and cid in message
    assert error_of(auth, SECRET_HASH=secret_hash("mona", cid, "nope"))[:2] == \
        ("NotAuthorizedException", f"Unable to verify secret hash for client {cid}")
    assert error_of(auth, SECRET_HASH=secret_hash("someone-else", cid, secret))[0] == \
        "NotAuthorizedException"
    result = auth(SECRET_HASH=secret_hash("mona", cid, secret))["AuthenticationResult"]
    assert claims(result["AccessToken"])["client_id"] == cid

    admin = idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=cid, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "mona", "PASSWORD": PASSWORD,
                        "SECRET_HASH": secret_hash("mona", cid, secret)})
    assert admin["AuthenticationResult"]["TokenType"] == "Bearer"
    assert error_of(admin_auth, idp, pool_id, client, "mona")[0] == "NotAuthorizedException"
