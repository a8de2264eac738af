"""Cognito user pools through boto3: pools (policies, schema, sign-in attributes), listing and
paging, updates and deletion; app clients, domains, resource servers and groups."""

import re

from cognito_helpers import (ACCOUNT, FLOWS, create_client, create_pool, create_user,
                             error_of, raw_call)
from cognito_helpers import cognito_fixture  # noqa: F401 - the `cognito` fixture

UNKNOWN_POOL = "us-east-1_AAAAAAAAA"


def test_create_user_pool_with_policies_schema_and_sign_in_attributes(cognito):
    _, idp = cognito
    pool = idp.create_user_pool(
        PoolName="app-users",
        Policies={"PasswordPolicy": {"MinimumLength": 10, "RequireUppercase": True,
                                     "RequireLowercase": True, "RequireNumbers": False,
                                     "RequireSymbols": False,
                                     "TemporaryPasswordValidityDays": 3}},
        Schema=[{"Name": "tier", "AttributeDataType": "String", "Mutable": True,
                 "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "20"}},
                {"Name": "score", "AttributeDataType": "Number", "Mutable": True}],
        UsernameAttributes=["email"], AutoVerifiedAttributes=["email"], MfaConfiguration="OFF",
        UserPoolTags={"env": "beta"})["UserPool"]
    pool_id = pool["Id"]
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", pool_id)
    assert pool["Arn"] == f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/{pool_id}"
    assert pool["Name"] == "app-users"

    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["Id"] == pool_id and described["Name"] == "app-users"
    assert described["Arn"] == pool["Arn"]
    policy = described["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 10
    assert (policy["RequireUppercase"], policy["RequireLowercase"]) == (True, True)
    assert (policy["RequireNumbers"], policy["RequireSymbols"]) == (False, False)
    assert policy["TemporaryPasswordValidityDays"] == 3
    schema = {a["Name"]: a for a in described["SchemaAttributes"]}
    assert schema["custom:tier"]["AttributeDataType"] == "String"
    assert schema["custom:tier"]["Mutable"] is True
    assert schema["custom:tier"]["StringAttributeConstraints"] == {"MinLength": "1",
                                                                   "MaxLength": "20"}
    assert schema["custom:score"]["AttributeDataType"] == "Number"
    assert "tier" not in schema and "score" not in schema
    # The standard attributes are always there.
    assert {"sub", "email", "email_verified", "name", "phone_number"} <= set(schema)
    assert (schema["sub"]["Mutable"], schema["sub"]["Required"]) == (False, True)
    assert described["UsernameAttributes"] == ["email"]
    assert described["AutoVerifiedAttributes"] == ["email"]
    assert described["MfaConfiguration"] == "OFF"
    assert described["UserPoolTags"] == {"env": "beta"}
    assert described["EstimatedNumberOfUsers"] == 0


def test_user_pool_defaults_and_alias_attributes(cognito):
    _, idp = cognito
    pool_id = create_pool(idp, "plain", AliasAttributes=["email", "preferred_username"])
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert sorted(described["AliasAttributes"]) == ["email", "preferred_username"]
    assert "UsernameAttributes" not in described
    assert described["MfaConfiguration"] == "OFF"
    policy = described["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 8
    assert all(policy[k] is True for k in ("RequireUppercase", "RequireLowercase",
                                           "RequireNumbers", "RequireSymbols"))
    assert policy["TemporaryPasswordValidityDays"] == 7
    # A pool signs users in by username attributes or by aliases, never both.
    code, _, status = error_of(idp.create_user_pool, PoolName="both", AliasAttributes=["email"],
                               UsernameAttributes=["email"])
    assert (code, status) == ("InvalidParameterException", 400)


def test_describe_unknown_user_pool(cognito):
    _, idp = cognito
    code, message, status = error_of(idp.describe_user_pool, UserPoolId=UNKNOWN_POOL)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert message == f"User pool {UNKNOWN_POOL} does not exist."


def test_list_user_pools_paginates_and_requires_max_results(cognito):
    emulator, idp = cognito
    ids = {create_pool(idp, f"pool-{i}"): f"pool-{i}" for i in range(5)}
    everything = idp.list_user_pools(MaxResults=60)
    assert {p["Id"]: p["Name"] for p in everything["UserPools"]} == ids
    assert "NextToken" not in everything

    collected, token, pages = [], None, 0
    while True:
        kwargs = {"MaxResults": 2, **({"NextToken": token} if token else {})}
        page = idp.list_user_pools(**kwargs)
        pages += 1
        assert 1 <= len(page["UserPools"]) <= 2
        collected += [p["Id"] for p in page["UserPools"]]
        token = page.get("NextToken")
        if not token:
            break
        assert pages < 10
    assert pages == 3
    assert sorted(collected) == sorted(ids)
    # The SDK refuses to send it without MaxResults; the service refuses too.
    status, body = raw_call(emulator, "ListUserPools", {})
    assert status == 400 and body["__type"] == "InvalidParameterException"


def test_update_user_pool(cognito):
    _, idp = cognito
    pool_id = create_pool(idp, "updatable")
    idp.update_user_pool(
        UserPoolId=pool_id,
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": False,
                                     "RequireLowercase": True, "RequireNumbers": True,
                                     "RequireSymbols": False}},
        AutoVerifiedAttributes=["email"], UserPoolTags={"team": "id"})
    described = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["Name"] == "updatable"
    policy = described["Policies"]["PasswordPolicy"]
    assert (policy["MinimumLength"], policy["RequireUppercase"], policy["RequireNumbers"]) == \
        (12, False, True)
    assert described["AutoVerifiedAttributes"] == ["email"]
    assert described["UserPoolTags"] == {"team": "id"}
    assert described["LastModifiedDate"] >= described["CreationDate"]
    code, _, _ = error_of(idp.update_user_pool, UserPoolId=UNKNOWN_POOL)
    assert code == "ResourceNotFoundException"


def test_delete_user_pool(cognito):
    _, idp = cognito
    doomed = create_pool(idp, "doomed")
    kept = create_pool(idp, "kept")
    idp.delete_user_pool(UserPoolId=doomed)
    assert error_of(idp.describe_user_pool, UserPoolId=doomed)[0] == "ResourceNotFoundException"
    assert [p["Id"] for p in idp.list_user_pools(MaxResults=10)["UserPools"]] == [kept]
    assert error_of(idp.delete_user_pool, UserPoolId=doomed)[0] == "ResourceNotFoundException"


def test_create_user_pool_client_with_and_without_secret(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    public = create_client(idp, pool_id, "public")
    assert re.fullmatch(r"[a-z0-9]{26}", public["ClientId"])
    assert "ClientSecret" not in public
    assert public["UserPoolId"] == pool_id and public["ClientName"] == "public"
    assert sorted(public["ExplicitAuthFlows"]) == sorted(FLOWS)

    confidential = create_client(idp, pool_id, "confidential", GenerateSecret=True)
    assert len(confidential["ClientSecret"]) == 51
    assert confidential["ClientId"] != public["ClientId"]
    described = idp.describe_user_pool_client(UserPoolId=pool_id,
                                              ClientId=confidential["ClientId"])["UserPoolClient"]
    assert described["ClientSecret"] == confidential["ClientSecret"]
    assert "ClientSecret" not in idp.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=public["ClientId"])["UserPoolClient"]


def test_user_pool_client_settings_are_echoed(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    created = create_client(
        idp, pool_id, "web",
        RefreshTokenValidity=10, AccessTokenValidity=2, IdTokenValidity=30,
        TokenValidityUnits={"AccessToken": "hours", "IdToken": "minutes", "RefreshToken": "days"},
        AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email"],
        AllowedOAuthFlowsUserPoolClient=True,
        CallbackURLs=["https://app.example.com/callback"],
        LogoutURLs=["https://app.example.com/bye"], SupportedIdentityProviders=["COGNITO"],
        PreventUserExistenceErrors="LEGACY")
    described = idp.describe_user_pool_client(UserPoolId=pool_id,
                                              ClientId=created["ClientId"])["UserPoolClient"]
    for client in (created, described):
        assert (client["RefreshTokenValidity"], client["AccessTokenValidity"],
                client["IdTokenValidity"]) == (10, 2, 30)
        assert client["TokenValidityUnits"] == {"AccessToken": "hours", "IdToken": "minutes",
                                                "RefreshToken": "days"}
        assert client["AllowedOAuthFlows"] == ["code"]
        assert sorted(client["AllowedOAuthScopes"]) == ["email", "openid"]
        assert client["AllowedOAuthFlowsUserPoolClient"] is True
        assert client["CallbackURLs"] == ["https://app.example.com/callback"]
        assert client["LogoutURLs"] == ["https://app.example.com/bye"]
        assert client["SupportedIdentityProviders"] == ["COGNITO"]
        assert client["PreventUserExistenceErrors"] == "LEGACY"
    # A client made through the API reveals unknown users unless told otherwise (the console's
    # default is ENABLED; the API's is LEGACY).
    default = create_client(idp, pool_id, "default")
    assert default["PreventUserExistenceErrors"] == "LEGACY"


def test_list_update_and_delete_user_pool_clients(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    ids = {create_client(idp, pool_id, f"client-{i}")["ClientId"]: f"client-{i}"
           for i in range(3)}
    listed = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    assert {c["ClientId"]: c["ClientName"] for c in listed} == ids
    assert all(c["UserPoolId"] == pool_id for c in listed)
    first = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=2)
    assert len(first["UserPoolClients"]) == 2
    rest = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=2,
                                      NextToken=first["NextToken"])
    assert len(rest["UserPoolClients"]) == 1 and "NextToken" not in rest
    assert {c["ClientId"] for c in first["UserPoolClients"] + rest["UserPoolClients"]} == set(ids)

    client_id = next(iter(ids))
    updated = idp.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id,
                                          ClientName="renamed",
                                          ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
                                          AccessTokenValidity=30,
                                          TokenValidityUnits={"AccessToken": "minutes"}
                                          )["UserPoolClient"]
    assert updated["ClientName"] == "renamed"
    described = idp.describe_user_pool_client(UserPoolId=pool_id,
                                              ClientId=client_id)["UserPoolClient"]
    assert described["ClientName"] == "renamed"
    assert described["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]
    assert described["AccessTokenValidity"] == 30
    assert described["TokenValidityUnits"]["AccessToken"] == "minutes"

    idp.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    code, _, _ = error_of(idp.describe_user_pool_client, UserPoolId=pool_id, ClientId=client_id)
    assert code == "ResourceNotFoundException"
    remaining = idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    assert len(remaining) == 2
    code, _, _ = error_of(idp.describe_user_pool_client, UserPoolId=pool_id,
                          ClientId="a" * 26)
    assert code == "ResourceNotFoundException"


def test_user_pool_domain(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    idp.create_user_pool_domain(Domain="my-app-beta", UserPoolId=pool_id)
    domain = idp.describe_user_pool_domain(Domain="my-app-beta")["DomainDescription"]
    assert domain["UserPoolId"] == pool_id
    assert domain["Domain"] == "my-app-beta"
    assert domain["Status"] == "ACTIVE"
    assert domain["AWSAccountId"] == ACCOUNT
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"] == "my-app-beta"
    # A domain belongs to one pool.
    other = create_pool(idp, "other")
    code, _, _ = error_of(idp.create_user_pool_domain, Domain="my-app-beta", UserPoolId=other)
    assert code == "InvalidParameterException"
    # An unknown domain is described as nothing at all.
    assert idp.describe_user_pool_domain(Domain="nobody-here")["DomainDescription"] == {}

    idp.delete_user_pool_domain(Domain="my-app-beta", UserPoolId=pool_id)
    assert idp.describe_user_pool_domain(Domain="my-app-beta")["DomainDescription"] == {}
    assert "Domain" not in idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def test_resource_servers(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    scopes = [{"ScopeName": "read", "ScopeDescription": "Read orders"},
              {"ScopeName": "write", "ScopeDescription": "Write orders"}]
    created = idp.create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com",
                                         Name="orders-api", Scopes=scopes)["ResourceServer"]
    expected = {"UserPoolId": pool_id, "Identifier": "https://api.example.com",
                "Name": "orders-api", "Scopes": scopes}
    assert created == expected
    described = idp.describe_resource_server(UserPoolId=pool_id,
                                             Identifier="https://api.example.com")
    assert described["ResourceServer"] == expected
    idp.create_resource_server(UserPoolId=pool_id, Identifier="billing", Name="billing")
    listed = idp.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]
    assert sorted(s["Identifier"] for s in listed) == ["billing", "https://api.example.com"]
    code, _, _ = error_of(idp.describe_resource_server, UserPoolId=pool_id, Identifier="nope")
    assert code == "ResourceNotFoundException"


def test_groups(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    role = f"arn:aws:iam::{ACCOUNT}:role/admins"
    group = idp.create_group(GroupName="admins", UserPoolId=pool_id, Description="Admins",
                             Precedence=1, RoleArn=role)["Group"]
    assert (group["GroupName"], group["UserPoolId"], group["Description"]) == \
        ("admins", pool_id, "Admins")
    assert (group["Precedence"], group["RoleArn"]) == (1, role)
    code, message, _ = error_of(idp.create_group, GroupName="admins", UserPoolId=pool_id)
    assert code == "GroupExistsException"
    assert message == "A group with the name admins already exists."

    fetched = idp.get_group(GroupName="admins", UserPoolId=pool_id)["Group"]
    assert fetched["Description"] == "Admins" and fetched["Precedence"] == 1
    code, message, _ = error_of(idp.get_group, GroupName="nope", UserPoolId=pool_id)
    assert (code, message) == ("ResourceNotFoundException", "Group not found.")
    idp.create_group(GroupName="readers", UserPoolId=pool_id)
    listed = idp.list_groups(UserPoolId=pool_id)["Groups"]
    assert sorted(g["GroupName"] for g in listed) == ["admins", "readers"]

    idp.delete_group(GroupName="readers", UserPoolId=pool_id)
    assert [g["GroupName"] for g in idp.list_groups(UserPoolId=pool_id)["Groups"]] == ["admins"]
    code, _, _ = error_of(idp.delete_group, GroupName="readers", UserPoolId=pool_id)
    assert code == "ResourceNotFoundException"


def test_group_membership(cognito):
    _, idp = cognito
    pool_id = create_pool(idp)
    for name in ("admins", "editors"):
        idp.create_group(GroupName=name, UserPoolId=pool_id)
    create_user(idp, pool_id, "alice", email="alice@example.com")
    create_user(idp, pool_id, "bob", email="bob@example.com")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="admins")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="alice", GroupName="editors")
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="bob", GroupName="editors")
    # Adding twice is harmless.
    idp.admin_add_user_to_group(UserPoolId=pool_id, Username="bob", GroupName="editors")

    alice_groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"]
    assert sorted(g["GroupName"] for g in alice_groups) == ["admins", "editors"]
    editors = idp.list_users_in_group(UserPoolId=pool_id, GroupName="editors")["Users"]
    assert sorted(u["Username"] for u in editors) == ["alice", "bob"]
    assert all(u["UserStatus"] == "CONFIRMED" for u in editors)

    idp.admin_remove_user_from_group(UserPoolId=pool_id, Username="alice", GroupName="editors")
    alice_groups = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"]
    assert [g["GroupName"] for g in alice_groups] == ["admins"]
    editors = idp.list_users_in_group(UserPoolId=pool_id, GroupName="editors")["Users"]
    assert [u["Username"] for u in editors] == ["bob"]

    code, _, _ = error_of(idp.admin_add_user_to_group, UserPoolId=pool_id, Username="nobody",
                          GroupName="admins")
    assert code == "UserNotFoundException"
    code, _, _ = error_of(idp.admin_add_user_to_group, UserPoolId=pool_id, Username="bob",
                          GroupName="nope")
    assert code == "ResourceNotFoundException"
    # Deleting a group drops its memberships.
    idp.delete_group(GroupName="admins", UserPoolId=pool_id)
    assert idp.admin_list_groups_for_user(UserPoolId=pool_id, Username="alice")["Groups"] == []
