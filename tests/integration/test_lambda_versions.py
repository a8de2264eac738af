"""Versions and aliases: the promotion flow (update code, the alias still runs the old version,
publish, move the alias), weighted aliases split traffic, PublishVersion's checks."""

from lambda_helpers import (ACCOUNT, ECHO, error_of, invoke, lambda_fixture, make_zip,  # noqa: F401
                            python_function)

ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function"


def code(marker):
    return ECHO.replace('os.environ.get("MARKER", "")', repr(marker))


def test_alias_and_version_promotion_flow(lam):
    _, client = lam
    python_function(client, "books", code("v1"))
    v1 = client.publish_version(FunctionName="books", Description="first")
    assert v1["Version"] == "1" and v1["FunctionArn"] == f"{ARN}:books:1"
    assert v1["Description"] == "first"
    alias = client.create_alias(FunctionName="books", Name="live", FunctionVersion="1")
    assert alias["AliasArn"] == f"{ARN}:books:live"

    client.update_function_code(FunctionName="books", ZipFile=make_zip({"app.py": code("v2")}))
    assert invoke(client, "books")[1]["marker"] == "v2"  # beta: $LATEST
    res, body = invoke(client, "books", Qualifier="live")
    assert body["marker"] == "v1" and res["ExecutedVersion"] == "1"  # prod: still the alias
    assert invoke(client, "books:live")[1]["marker"] == "v1"
    assert invoke(client, f"{ARN}:books:live")[1]["marker"] == "v1"

    v2 = client.publish_version(FunctionName="books")
    assert v2["Version"] == "2"
    # Nothing changed since: publishing again returns the same version.
    assert client.publish_version(FunctionName="books")["Version"] == "2"
    moved = client.update_alias(FunctionName="books", Name="live", FunctionVersion="2")
    assert moved["FunctionVersion"] == "2" and moved["RevisionId"] != alias["RevisionId"]
    res, body = invoke(client, "books", Qualifier="live")
    assert body["marker"] == "v2" and res["ExecutedVersion"] == "2"
    assert invoke(client, "books", Qualifier="1")[1]["marker"] == "v1"

    # Rollback: the alias back to 1 restores the old behaviour exactly.
    client.update_alias(FunctionName="books", Name="live", FunctionVersion="1")
    assert invoke(client, "books:live")[1]["marker"] == "v1"

    versions = client.list_versions_by_function(FunctionName="books")["Versions"]
    assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]
    assert versions[0]["FunctionArn"] == f"{ARN}:books:$LATEST"
    assert client.get_alias(FunctionName="books", Name="live")["FunctionVersion"] == "1"
    assert [a["Name"] for a in client.list_aliases(FunctionName="books")["Aliases"]] == ["live"]
    assert client.list_aliases(FunctionName="books", FunctionVersion="2")["Aliases"] == []
    config = client.get_function_configuration(FunctionName="books", Qualifier="live")
    assert config["Version"] == "1"


def test_publish_version_checks(lam):
    _, client = lam
    latest = python_function(client, "checked", ECHO)
    code_, message, _ = error_of(client.publish_version, FunctionName="checked",
                                 CodeSha256="wrong")
    assert code_ == "InvalidParameterValueException" and "CodeSHA256 (wrong)" in message
    code_, _, status = error_of(client.publish_version, FunctionName="checked",
                                RevisionId="stale")
    assert (code_, status) == ("PreconditionFailedException", 412)
    ok = client.publish_version(FunctionName="checked", CodeSha256=latest["CodeSha256"],
                                RevisionId=client.get_function(FunctionName="checked")[
                                    "Configuration"]["RevisionId"])
    assert ok["Version"] == "1"


def test_alias_errors(lam):
    _, client = lam
    python_function(client, "al", ECHO, Publish=True)
    code_, _, status = error_of(client.create_alias, FunctionName="al", Name="x",
                                FunctionVersion="9")
    assert (code_, status) == ("ResourceNotFoundException", 404)
    client.create_alias(FunctionName="al", Name="x", FunctionVersion="1")
    code_, _, status = error_of(client.create_alias, FunctionName="al", Name="x",
                                FunctionVersion="1")
    assert (code_, status) == ("ResourceConflictException", 409)
    code_, message, _ = error_of(client.get_alias, FunctionName="al", Name="nope")
    assert (code_, message) == ("ResourceNotFoundException",
                                f"Alias not found: {ARN}:al:nope")
    code_, _, _ = error_of(client.invoke, FunctionName="al", Qualifier="nope")
    assert code_ == "ResourceNotFoundException"
    code_, _, status = error_of(client.update_alias, FunctionName="al", Name="x",
                                RevisionId="stale")
    assert (code_, status) == ("PreconditionFailedException", 412)
    code_, _, _ = error_of(client.update_alias, FunctionName="al", Name="x",
                           RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
    assert code_ == "InvalidParameterValueException"


def test_weighted_alias_splits_traffic(lam):
    _, client = lam
    python_function(client, "canary", code("old"))
    client.publish_version(FunctionName="canary")
    client.update_function_code(FunctionName="canary", ZipFile=make_zip({"app.py": code("new")}))
    client.publish_version(FunctionName="canary")
    client.create_alias(FunctionName="canary", Name="live", FunctionVersion="1",
                        RoutingConfig={"AdditionalVersionWeights": {"2": 0.3}})
    got = client.get_alias(FunctionName="canary", Name="live")
    assert got["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.3}}
    n = 300
    executed = [invoke(client, "canary", Qualifier="live")[0]["ExecutedVersion"]
                for _ in range(n)]
    share = executed.count("2") / n
    # 30% expected; with n=300 the standard deviation is 2.6%: 5 sigma either side.
    assert 0.17 < share < 0.43, share
    assert set(executed) == {"1", "2"}
    # Clearing the weights sends everything to the primary version.
    client.update_alias(FunctionName="canary", Name="live",
                        RoutingConfig={"AdditionalVersionWeights": {}})
    assert {invoke(client, "canary:live")[0]["ExecutedVersion"] for _ in range(20)} == {"1"}


def test_version_without_description_keeps_the_functions(lam):
    _, client = lam
    python_function(client, "described", code("v1"))
    client.update_function_configuration(FunctionName="described", Description="the catalog")
    v1 = client.publish_version(FunctionName="described")
    assert v1["Description"] == "the catalog"
    got = client.get_function_configuration(FunctionName="described", Qualifier="1")
    assert got["Description"] == "the catalog"
