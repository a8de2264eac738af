"""Cognito users through boto3: the admin API (create, get, enable/disable, attributes,
passwords, confirmation, reset, listing with filters), the self-service API (sign-up and its
confirmation codes, forgotten and changed passwords, profile, sign-out, token revocation), and
the aws CLI."""

import json
import re

from cognito_helpers import (NEW_PASSWORD, PASSWORD, attr_list, attrs, codes,
                             create_client, create_pool, create_user, error_of, last_code,
                             secret_hash, setup_user, tokens)
from cognito_helpers import cognito_fixture  # noqa: F401 - the `cognito` fixture

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def verified_pool(idp, **kwargs):
    """A pool that e-mails a code to confirm sign-ups, and a public client."""
    pool_id = create_pool(idp, AutoVerifiedAttributes=["email"], **kwargs)
    return pool_id, create_client(idp, pool_id)


def status_of(idp, pool_id, username):
    return idp.admin_get_user(UserPoolId=pool_id, Username=username)["UserStatus"]


def test_admin_create_user(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    user = idp.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS",
                                 TemporaryPassword="Temp-Passw0rd!",
                                 UserAttributes=attr_list(email="alice@example.com",
                                                          email_verified="true"))["User"]
    assert user["Username"] == "alice"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    values = attrs(user["Attributes"])
    assert re.fullmatch(UUID, values["sub"])
    assert (values["email"], values["email_verified"]) == ("alice@example.com", "true")
    code, message, status = error_of(idp.admin_create_user, UserPoolId=pool_id, Username="alice",
                                     MessageAction="SUPPRESS", TemporaryPassword="Temp-Passw0rd!")
    assert (code, message, status) == ("UsernameExistsException", "User account already exists",
                                       400)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["EstimatedNumberOfUsers"] == 1


def test_admin_get_and_delete_user(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    sub = create_user(idp, pool_id, "bob", email="bob@example.com", given_name="Bob")
    user = idp.admin_get_user(UserPoolId=pool_id, Username="bob")
    assert user["Username"] == "bob"
    assert user["UserStatus"] == "CONFIRMED" and user["Enabled"] is True
    assert attrs(user["UserAttributes"]) == {"sub": sub, "email": "bob@example.com",
                                             "email_verified": "true", "given_name": "Bob"}
    assert user["UserLastModifiedDate"] >= user["UserCreateDate"]
    code, message, status = error_of(idp.admin_get_user, UserPoolId=pool_id, Username="nobody")
    assert (code, message, status) == ("UserNotFoundException", "User does not exist.", 400)

    idp.admin_delete_user(UserPoolId=pool_id, Username="bob")
    assert error_of(idp.admin_get_user, UserPoolId=pool_id, Username="bob")[0] == \
        "UserNotFoundException"
    assert error_of(idp.admin_delete_user, UserPoolId=pool_id, Username="bob")[0] == \
        "UserNotFoundException"


def test_admin_disable_and_enable_user(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    create_user(idp, pool_id, "carol")
    idp.admin_disable_user(UserPoolId=pool_id, Username="carol")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="carol")["Enabled"] is False
    listed = idp.list_users(UserPoolId=pool_id)["Users"]
    assert [(u["Username"], u["Enabled"]) for u in listed] == [("carol", False)]
    idp.admin_enable_user(UserPoolId=pool_id, Username="carol")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="carol")["Enabled"] is True


def test_admin_update_and_delete_user_attributes(cognito):
    _, idp = cognito
    pool_id = create_pool(idp, Schema=[{"Name": "tier", "AttributeDataType": "String",
                                        "Mutable": True}])
    create_user(idp, pool_id, "dave", email="dave@example.com")
    idp.admin_update_user_attributes(UserPoolId=pool_id, Username="dave",
                                     UserAttributes=attr_list(given_name="Dave",
                                                              custom__tier="gold"))
    values = attrs(idp.admin_get_user(UserPoolId=pool_id, Username="dave")["UserAttributes"])
    assert (values["given_name"], values["custom:tier"]) == ("Dave", "gold")
    assert values["email"] == "dave@example.com"

    idp.admin_delete_user_attributes(UserPoolId=pool_id, Username="dave",
                                     UserAttributeNames=["given_name", "custom:tier"])
    values = attrs(idp.admin_get_user(UserPoolId=pool_id, Username="dave")["UserAttributes"])
    assert "given_name" not in values and "custom:tier" not in values
    assert values["email"] == "dave@example.com"
    code, _, _ = error_of(idp.admin_update_user_attributes, UserPoolId=pool_id, Username="dave",
                          UserAttributes=attr_list(custom__unknown="x"))
    assert code == "InvalidParameterException"


def test_admin_set_user_password_and_confirm_sign_up(cognito):
    _, idp = cognito
    pool_id, client = verified_pool(idp)
    create_user(idp, pool_id, "erin")
    assert status_of(idp, pool_id, "erin") == "CONFIRMED"
    idp.admin_set_user_password(UserPoolId=pool_id, Username="erin", Password="Temp-2-Passw0rd!",
                                Permanent=False)
    assert status_of(idp, pool_id, "erin") == "FORCE_CHANGE_PASSWORD"
    idp.admin_set_user_password(UserPoolId=pool_id, Username="erin", Password=NEW_PASSWORD,
                                Permanent=True)
    assert status_of(idp, pool_id, "erin") == "CONFIRMED"
    assert "AccessToken" in tokens(idp, client, "erin", NEW_PASSWORD)
    code, _, _ = error_of(idp.admin_set_user_password, UserPoolId=pool_id, Username="erin",
                          Password="weakpassword", Permanent=True)
    assert code == "InvalidPasswordException"

    idp.sign_up(ClientId=client["ClientId"], Username="frank", Password=PASSWORD,
                UserAttributes=attr_list(email="frank@example.com"))
    assert status_of(idp, pool_id, "frank") == "UNCONFIRMED"
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="frank")
    assert status_of(idp, pool_id, "frank") == "CONFIRMED"
    assert tokens(idp, client, "frank")["TokenType"] == "Bearer"


def test_admin_reset_user_password(cognito):
    emulator, idp = cognito
    pool_id, client = verified_pool(idp)
    create_user(idp, pool_id, "gina", email="gina@example.com")
    idp.admin_reset_user_password(UserPoolId=pool_id, Username="gina")
    assert status_of(idp, pool_id, "gina") == "RESET_REQUIRED"
    code, message, _ = error_of(tokens, idp, client, "gina")
    assert (code, message) == ("PasswordResetRequiredException",
                               "Password reset required for the user")
    code_sent = last_code(emulator, pool_id, "gina")
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="gina",
                                ConfirmationCode=code_sent, Password=NEW_PASSWORD)
    assert status_of(idp, pool_id, "gina") == "CONFIRMED"
    assert "IdToken" in tokens(idp, client, "gina", NEW_PASSWORD)


def test_list_users_filters_and_pages(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    for name, email in (("alice", "alice@example.com"), ("albert", "albert@example.org"),
                        ("bob", "bob@example.com")):
        create_user(idp, pool_id, name, email=email)

    def names(**kwargs):
        return sorted(u["Username"] for u in idp.list_users(UserPoolId=pool_id, **kwargs)["Users"])

    assert names() == ["albert", "alice", "bob"]
    assert names(Filter='email = "bob@example.com"') == ["bob"]
    assert names(Filter='email ^= "al"') == ["albert", "alice"]
    assert names(Filter='username ^= "al"') == ["albert", "alice"]
    assert names(Filter='username = "alice"') == ["alice"]
    assert names(Filter='email = "nobody@example.com"') == []
    assert error_of(idp.list_users, UserPoolId=pool_id,
                    Filter='shoe_size = "9"')[0] == "InvalidParameterException"

    first = idp.list_users(UserPoolId=pool_id, Limit=2)
    assert len(first["Users"]) == 2
    rest = idp.list_users(UserPoolId=pool_id, Limit=2, PaginationToken=first["PaginationToken"])
    assert len(rest["Users"]) == 1 and "PaginationToken" not in rest
    assert sorted(u["Username"] for u in first["Users"] + rest["Users"]) == \
        ["albert", "alice", "bob"]

    only_email = idp.list_users(UserPoolId=pool_id, AttributesToGet=["email"],
                                Filter='username = "bob"')["Users"]
    assert only_email[0]["Attributes"] == [{"Name": "email", "Value": "bob@example.com"}]
    assert only_email[0]["UserStatus"] == "CONFIRMED"


def test_sign_up_and_confirm_with_the_emailed_code(cognito):
    emulator, idp = cognito
    pool_id, client = verified_pool(idp)
    out = idp.sign_up(ClientId=client["ClientId"], Username="hank", Password=PASSWORD,
                      UserAttributes=attr_list(email="hank@example.com"))
    assert out["UserConfirmed"] is False
    assert re.fullmatch(UUID, out["UserSub"])
    delivery = out["CodeDeliveryDetails"]
    assert (delivery["DeliveryMedium"], delivery["AttributeName"]) == ("EMAIL", "email")
    assert delivery["Destination"].startswith("h") and "***" in delivery["Destination"]
    user = idp.admin_get_user(UserPoolId=pool_id, Username="hank")
    assert user["UserStatus"] == "UNCONFIRMED"
    assert attrs(user["UserAttributes"])["sub"] == out["UserSub"]

    sent = codes(emulator, pool_id, "hank")
    assert [(c["userPoolId"], c["username"], c["purpose"]) for c in sent] == \
        [(pool_id, "hank", "SignUp")]
    assert re.fullmatch(r"\d{6}", sent[0]["code"])
    wrong = "000000" if sent[0]["code"] != "000000" else "111111"
    code, message, _ = error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="hank",
                                ConfirmationCode=wrong)
    assert (code, message) == ("CodeMismatchException",
                               "Invalid verification code provided, please try again.")
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="hank",
                        ConfirmationCode=sent[0]["code"])
    user = idp.admin_get_user(UserPoolId=pool_id, Username="hank")
    assert user["UserStatus"] == "CONFIRMED"
    assert attrs(user["UserAttributes"])["email_verified"] == "true"

    code, message, _ = error_of(idp.sign_up, ClientId=client["ClientId"], Username="hank",
                                Password=PASSWORD)
    assert (code, message) == ("UsernameExistsException", "User already exists")


def test_resend_confirmation_code(cognito):
    emulator, idp = cognito
    pool_id, client = verified_pool(idp)
    idp.sign_up(ClientId=client["ClientId"], Username="ivy", Password=PASSWORD,
                UserAttributes=attr_list(email="ivy@example.com"))
    out = idp.resend_confirmation_code(ClientId=client["ClientId"], Username="ivy")
    assert out["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    sent = codes(emulator, pool_id, "ivy")
    assert len(sent) == 2 and all(c["purpose"] == "SignUp" for c in sent)
    # Only the newest code confirms.
    if sent[0]["code"] != sent[1]["code"]:
        assert error_of(idp.confirm_sign_up, ClientId=client["ClientId"], Username="ivy",
                        ConfirmationCode=sent[0]["code"])[0] == "CodeMismatchException"
    idp.confirm_sign_up(ClientId=client["ClientId"], Username="ivy",
                        ConfirmationCode=sent[-1]["code"])
    assert status_of(idp, pool_id, "ivy") == "CONFIRMED"


def test_sign_up_password_policy(cognito):
    _, idp = cognito
    pool_id, client = verified_pool(idp)
    prefix = "Password did not conform with policy: "
    cases = {"Sh0rt!x": "Password not long enough",
             "passw0rd!": "Password must have uppercase characters",
             "PASSW0RD!": "Password must have lowercase characters",
             "Password!": "Password must have numeric characters",
             "Passw0rdd": "Password must have symbol characters"}
    for password, reason in cases.items():
        code, message, status = error_of(idp.sign_up, ClientId=client["ClientId"],
                                         Username="jack", Password=password)
        assert (code, message, status) == ("InvalidPasswordException", prefix + reason, 400)
    assert idp.list_users(UserPoolId=pool_id)["Users"] == []


def test_sign_up_with_a_secret_client_needs_the_secret_hash(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    client = create_client(idp, pool_id, GenerateSecret=True)
    cid, secret = client["ClientId"], client["ClientSecret"]
    code, message, _ = error_of(idp.sign_up, ClientId=cid, Username="kim", Password=PASSWORD)
    assert code == "NotAuthorizedException" and cid in message
    code, message, _ = error_of(idp.sign_up, ClientId=cid, Username="kim", Password=PASSWORD,
                                SecretHash=secret_hash("kim", cid, "wrong-secret"))
    assert (code, message) == ("NotAuthorizedException",
                               f"Unable to verify secret hash for client {cid}")
    out = idp.sign_up(ClientId=cid, Username="kim", Password=PASSWORD,
                      SecretHash=secret_hash("kim", cid, secret))
    assert out["UserConfirmed"] is False
    assert status_of(idp, pool_id, "kim") == "UNCONFIRMED"


def test_forgot_password(cognito):
    emulator, idp = cognito
    pool_id, client = verified_pool(idp)
    create_user(idp, pool_id, "lena", email="lena@example.com")
    out = idp.forgot_password(ClientId=client["ClientId"], Username="lena")
    delivery = out["CodeDeliveryDetails"]
    assert (delivery["DeliveryMedium"], delivery["AttributeName"]) == ("EMAIL", "email")
    assert delivery["Destination"].startswith("l") and "***" in delivery["Destination"]
    code_sent = last_code(emulator, pool_id, "lena", "ForgotPassword")
    assert re.fullmatch(r"\d{6}", code_sent)
    wrong = "000000" if code_sent != "000000" else "111111"
    code, _, _ = error_of(idp.confirm_forgot_password, ClientId=client["ClientId"],
                          Username="lena", ConfirmationCode=wrong, Password=NEW_PASSWORD)
    assert code == "CodeMismatchException"
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="lena",
                                ConfirmationCode=code_sent, Password=NEW_PASSWORD)
    assert "AccessToken" in tokens(idp, client, "lena", NEW_PASSWORD)
    assert error_of(tokens, idp, client, "lena", PASSWORD)[0] == "NotAuthorizedException"


def test_change_password(cognito):
    _, idp = cognito
    _, client, _ = setup_user(idp, "mia", "mia@example.com")
    access = tokens(idp, client, "mia")["AccessToken"]
    code, message, _ = error_of(idp.change_password, AccessToken=access,
                                PreviousPassword="Wr0ng-Passw0rd!", ProposedPassword=NEW_PASSWORD)
    assert (code, message) == ("NotAuthorizedException", "Incorrect username or password.")
    code, _, _ = error_of(idp.change_password, AccessToken=access, PreviousPassword=PASSWORD,
                          ProposedPassword="weakpassword")
    assert code == "InvalidPasswordException"
    idp.change_password(AccessToken=access, PreviousPassword=PASSWORD,
                        ProposedPassword=NEW_PASSWORD)
    assert "IdToken" in tokens(idp, client, "mia", NEW_PASSWORD)
    assert error_of(tokens, idp, client, "mia", PASSWORD)[0] == "NotAuthorizedException"


def test_get_user_update_attributes_and_delete_user(cognito):
    _, idp = cognito
    pool_id, client, sub = setup_user(idp, "nina", "nina@example.com")
    access = tokens(idp, client, "nina")["AccessToken"]
    me = idp.get_user(AccessToken=access)
    assert me["Username"] == "nina"
    assert attrs(me["UserAttributes"]) == {"sub": sub, "email": "nina@example.com",
                                           "email_verified": "true"}
    idp.update_user_attributes(AccessToken=access,
                               UserAttributes=attr_list(given_name="Nina", family_name="N"))
    values = attrs(idp.get_user(AccessToken=access)["UserAttributes"])
    assert (values["given_name"], values["family_name"]) == ("Nina", "N")
    admin_view = attrs(idp.admin_get_user(UserPoolId=pool_id, Username="nina")["UserAttributes"])
    assert admin_view["given_name"] == "Nina"

    idp.delete_user(AccessToken=access)
    assert error_of(idp.admin_get_user, UserPoolId=pool_id, Username="nina")[0] == \
        "UserNotFoundException"


def test_global_sign_out_revokes_access_and_refresh_tokens(cognito):
    _, idp = cognito
    pool_id, client, _ = setup_user(idp, "omar", "omar@example.com")
    first = tokens(idp, client, "omar")
    idp.global_sign_out(AccessToken=first["AccessToken"])
    code, message, _ = error_of(idp.get_user, AccessToken=first["AccessToken"])
    assert (code, message) == ("NotAuthorizedException", "Access Token has been revoked")
    code, _, _ = error_of(idp.initiate_auth, ClientId=client["ClientId"],
                          AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})
    assert code == "NotAuthorizedException"

    # Signing in again works; the admin variant signs that session out too.
    second = tokens(idp, client, "omar")
    assert idp.get_user(AccessToken=second["AccessToken"])["Username"] == "omar"
    idp.admin_user_global_sign_out(UserPoolId=pool_id, Username="omar")
    code, message, _ = error_of(idp.get_user, AccessToken=second["AccessToken"])
    assert (code, message) == ("NotAuthorizedException", "Access Token has been revoked")


def test_revoke_token(cognito):
    _, idp = cognito
    _, client, _ = setup_user(idp, "pia", "pia@example.com")
    kept = tokens(idp, client, "pia")
    revoked = tokens(idp, client, "pia")
    out = idp.revoke_token(Token=revoked["RefreshToken"], ClientId=client["ClientId"])
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 200
    code, _, _ = error_of(idp.initiate_auth, ClientId=client["ClientId"],
                          AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": revoked["RefreshToken"]})
    assert code == "NotAuthorizedException"
    # Access tokens issued with the revoked refresh token go with it; other sessions stay.
    assert error_of(idp.get_user, AccessToken=revoked["AccessToken"])[0] == \
        "NotAuthorizedException"
    assert idp.get_user(AccessToken=kept["AccessToken"])["Username"] == "pia"
    refreshed = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": kept["RefreshToken"]})
    assert "AccessToken" in refreshed["AuthenticationResult"]


def test_aws_cli_lists_user_pools(cognito):
    emulator, idp = cognito
    pool_id = create_pool(idp, "cli-pool")
    out = json.loads(emulator.aws("cognito-idp", "list-user-pools", "--max-results", "10").stdout)
    assert [(p["Id"], p["Name"]) for p in out["UserPools"]] == [(pool_id, "cli-pool")]
