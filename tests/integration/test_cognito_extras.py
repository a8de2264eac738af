"""The operations beyond the core flows: UpdateGroup, Update/DeleteResourceServer, and verifying
a changed email with GetUserAttributeVerificationCode / VerifyUserAttribute."""

from cognito_helpers import (attrs, attr_list, cognito_fixture, error_of, last_code,  # noqa: F401
                             setup_user, tokens)


def test_update_group(cognito):
    _, idp = cognito
    pool_id, _, _ = setup_user(idp)
    idp.create_group(UserPoolId=pool_id, GroupName="editors", Description="old", Precedence=5)
    group = idp.update_group(UserPoolId=pool_id, GroupName="editors", Description="new",
                             Precedence=1, RoleArn="arn:aws:iam::000000000000:role/editor")["Group"]
    assert (group["Description"], group["Precedence"], group["RoleArn"]) == \
        ("new", 1, "arn:aws:iam::000000000000:role/editor")
    assert idp.get_group(UserPoolId=pool_id, GroupName="editors")["Group"]["Description"] == "new"
    assert error_of(idp.update_group, UserPoolId=pool_id, GroupName="nope",
                    Description="x")[0] == "ResourceNotFoundException"


def test_update_and_delete_resource_server(cognito):
    _, idp = cognito
    pool_id, _, _ = setup_user(idp)
    idp.create_resource_server(UserPoolId=pool_id, Identifier="books", Name="Books",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}])
    updated = idp.update_resource_server(
        UserPoolId=pool_id, Identifier="books", Name="Library",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"},
                {"ScopeName": "write", "ScopeDescription": "Write"}])["ResourceServer"]
    assert updated["Name"] == "Library"
    assert [s["ScopeName"] for s in updated["Scopes"]] == ["read", "write"]
    described = idp.describe_resource_server(UserPoolId=pool_id, Identifier="books")
    assert len(described["ResourceServer"]["Scopes"]) == 2
    idp.delete_resource_server(UserPoolId=pool_id, Identifier="books")
    assert idp.list_resource_servers(UserPoolId=pool_id, MaxResults=10)["ResourceServers"] == []
    for call in (idp.describe_resource_server, idp.delete_resource_server):
        assert error_of(call, UserPoolId=pool_id, Identifier="books")[0] == \
            "ResourceNotFoundException"


def test_verify_a_changed_email(cognito):
    emulator, idp = cognito
    pool_id, client, _ = setup_user(idp, "dana", "dana@example.com")
    access = tokens(idp, client, "dana")["AccessToken"]
    out = idp.update_user_attributes(AccessToken=access,
                                     UserAttributes=attr_list(email="dana@new.example.com"))
    assert out["CodeDeliveryDetailsList"][0]["AttributeName"] == "email"
    user = attrs(idp.get_user(AccessToken=access)["UserAttributes"])
    assert (user["email"], user["email_verified"]) == ("dana@new.example.com", "false")

    sent = idp.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert sent["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    code = last_code(emulator, pool_id, "dana", "VerifyAttribute")
    wrong = "000000" if code != "000000" else "111111"
    assert error_of(idp.verify_user_attribute, AccessToken=access, AttributeName="email",
                    Code=wrong)[0] == "CodeMismatchException"
    idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=code)
    user = attrs(idp.get_user(AccessToken=access)["UserAttributes"])
    assert user["email_verified"] == "true"
