"""Lambda's control plane through boto3 and the aws CLI: create/get/list/update/delete,
validation errors, tags, concurrency, permissions, event invoke configs, states and waiters."""

import hashlib
import base64
import json
import urllib.request

from lambda_helpers import (ACCOUNT, ECHO, ROLE, error_of, invoke, lambda_fixture, make_zip,  # noqa: F401
                            python_function)

ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function"


def test_create_get_and_list_functions(lam):
    emulator, client = lam
    zip_bytes = make_zip({"app.py": ECHO})
    out = client.create_function(FunctionName="books", Runtime="python3.12", Role=ROLE,
                                 Handler="app.handler", Code={"ZipFile": zip_bytes},
                                 Description="the books", Timeout=10, MemorySize=256,
                                 Environment={"Variables": {"TABLE": "books"}},
                                 Tags={"team": "catalog"})
    assert out["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert out["FunctionArn"] == f"{ARN}:books"
    assert out["State"] == "Pending" and out["StateReasonCode"] == "Creating"
    assert out["CodeSha256"] == base64.b64encode(hashlib.sha256(zip_bytes).digest()).decode()
    assert out["CodeSize"] == len(zip_bytes)
    assert out["Version"] == "$LATEST" and out["PackageType"] == "Zip"
    assert out["Environment"] == {"Variables": {"TABLE": "books"}}
    assert out["LastModified"].endswith("+0000")

    client.get_waiter("function_active_v2").wait(FunctionName="books")
    got = client.get_function(FunctionName="books")
    config = got["Configuration"]
    assert config["State"] == "Active" and config["LastUpdateStatus"] == "Successful"
    assert (config["Timeout"], config["MemorySize"], config["Description"]) == (10, 256,
                                                                                "the books")
    assert got["Tags"] == {"team": "catalog"}
    # Code.Location serves the zip itself.
    with urllib.request.urlopen(got["Code"]["Location"], timeout=10) as res:
        assert res.read() == zip_bytes
    by_arn = client.get_function_configuration(FunctionName=f"{ARN}:books")
    assert by_arn["RevisionId"] == config["RevisionId"]
    qualified = client.get_function_configuration(FunctionName="books", Qualifier="$LATEST")
    assert qualified["FunctionArn"] == f"{ARN}:books:$LATEST"

    for i in range(3):
        python_function(client, f"fn-{i}", ECHO)
    names = [f["FunctionName"] for f in client.list_functions()["Functions"]]
    assert names == ["books", "fn-0", "fn-1", "fn-2"]
    page = client.list_functions(MaxItems=2)
    assert [f["FunctionName"] for f in page["Functions"]] == ["books", "fn-0"]
    rest = client.list_functions(Marker=page["NextMarker"])
    assert [f["FunctionName"] for f in rest["Functions"]] == ["fn-1", "fn-2"]
    assert "NextMarker" not in rest
    paginated = [f["FunctionName"] for p in client.get_paginator("list_functions").paginate(
        PaginationConfig={"PageSize": 1}) for f in p["Functions"]]
    assert paginated == names


def test_create_errors(lam):
    _, client = lam
    python_function(client, "dup", ECHO)
    code, message, status = error_of(python_function, client, "dup", ECHO)
    assert (code, status) == ("ResourceConflictException", 409)
    assert message == "Function already exist: dup"

    code, _, status = error_of(python_function, client, "bad name!", ECHO)
    assert (code, status) == ("ValidationException", 400)
    code, message, _ = error_of(client.create_function, FunctionName="s3", Runtime="python3.12",
                                Role=ROLE, Handler="app.handler",
                                Code={"S3Bucket": "bucket", "S3Key": "k.zip"})
    assert code == "InvalidParameterValueException" and "not supported" in message
    code, message, _ = error_of(python_function, client, "layers", ECHO,
                                Layers=["arn:aws:lambda:us-east-1:000000000000:layer:x:1"])
    assert code == "InvalidParameterValueException" and "Layers" in message
    code, message, _ = error_of(python_function, client, "reserved", ECHO,
                                Environment={"Variables": {"AWS_REGION": "eu-west-1"}})
    assert code == "InvalidParameterValueException" and "AWS_REGION" in message
    code, _, _ = error_of(python_function, client, "timeout", ECHO, Timeout=901)
    assert code == "ValidationException"
    code, _, _ = error_of(python_function, client, "runtime", ECHO, runtime="cobol85")
    assert code == "ValidationException"
    code, message, _ = error_of(client.create_function, FunctionName="notzip",
                                Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                Code={"ZipFile": b"this is not a zip"})
    assert code == "InvalidParameterValueException"
    assert message == "Could not unzip uploaded file. Please check your file, then try to upload again."

    code, message, status = error_of(client.get_function, FunctionName="missing")
    assert (code, status) == ("ResourceNotFoundException", 404)
    assert message == f"Function not found: {ARN}:missing"
    code, message, _ = error_of(client.get_function, FunctionName="dup", Qualifier="7")
    assert (code, message) == ("ResourceNotFoundException", f"Function not found: {ARN}:dup:7")
    code, _, _ = error_of(client.get_function, FunctionName="dup:1", Qualifier="2")
    assert code == "InvalidParameterValueException"


def test_update_code_and_configuration(lam):
    _, client = lam
    first = python_function(client, "upd", ECHO)
    new_zip = make_zip({"app.py": ECHO.replace('"echo"', '"echo2"')})
    out = client.update_function_code(FunctionName="upd", ZipFile=new_zip)
    assert out["LastUpdateStatus"] == "InProgress"
    assert out["CodeSha256"] != first["CodeSha256"]
    assert out["RevisionId"] != first["RevisionId"]
    client.get_waiter("function_updated_v2").wait(FunctionName="upd")
    assert client.get_function(FunctionName="upd")["Configuration"]["LastUpdateStatus"] == \
        "Successful"

    out = client.update_function_configuration(FunctionName="upd", Timeout=30,
                                               Environment={"Variables": {"MARKER": "x"}})
    assert out["Timeout"] == 30 and out["Environment"]["Variables"] == {"MARKER": "x"}
    _, body = invoke(client, "upd", {"a": 1})
    assert body["marker"] == "x"
    code, _, status = error_of(client.update_function_configuration, FunctionName="upd",
                               Timeout=5, RevisionId="not-the-current-one")
    assert (code, status) == ("PreconditionFailedException", 412)
    code, _, _ = error_of(client.update_function_code, FunctionName="missing", ZipFile=new_zip)
    assert code == "ResourceNotFoundException"


def test_delete_function_and_versions(lam):
    _, client = lam
    python_function(client, "del", ECHO, Publish=True)
    assert [v["Version"] for v in client.list_versions_by_function(FunctionName="del")[
        "Versions"]] == ["$LATEST", "1"]
    client.create_alias(FunctionName="del", Name="live", FunctionVersion="1")
    code, _, status = error_of(client.delete_function, FunctionName="del", Qualifier="1")
    assert (code, status) == ("ResourceConflictException", 409)
    client.delete_alias(FunctionName="del", Name="live")
    assert client.delete_function(FunctionName="del", Qualifier="1")[
        "ResponseMetadata"]["HTTPStatusCode"] == 204
    assert [v["Version"] for v in client.list_versions_by_function(FunctionName="del")[
        "Versions"]] == ["$LATEST"]
    client.delete_function(FunctionName="del")
    code, _, _ = error_of(client.get_function, FunctionName="del")
    assert code == "ResourceNotFoundException"
    code, _, _ = error_of(client.delete_function, FunctionName="del")
    assert code == "ResourceNotFoundException"


def test_tags_concurrency_permissions_and_account_settings(lam):
    _, client = lam
    arn = python_function(client, "misc", ECHO)["FunctionArn"]
    client.tag_resource(Resource=arn, Tags={"a": "1", "b": "2"})
    client.untag_resource(Resource=arn, TagKeys=["a"])
    assert client.list_tags(Resource=arn)["Tags"] == {"b": "2"}

    assert client.put_function_concurrency(FunctionName="misc", ReservedConcurrentExecutions=2)[
        "ReservedConcurrentExecutions"] == 2
    assert client.get_function_concurrency(FunctionName="misc")[
        "ReservedConcurrentExecutions"] == 2
    assert client.get_function(FunctionName="misc")["Concurrency"] == {
        "ReservedConcurrentExecutions": 2}
    client.delete_function_concurrency(FunctionName="misc")
    assert "ReservedConcurrentExecutions" not in client.get_function_concurrency(
        FunctionName="misc")

    code, _, status = error_of(client.get_policy, FunctionName="misc")
    assert (code, status) == ("ResourceNotFoundException", 404)
    statement = json.loads(client.add_permission(
        FunctionName="misc", StatementId="apigw", Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
        SourceArn="arn:aws:execute-api:us-east-1:000000000000:abc/*")["Statement"])
    assert statement["Principal"] == {"Service": "apigateway.amazonaws.com"}
    assert statement["Condition"]["ArnLike"]["AWS:SourceArn"].endswith("abc/*")
    code, _, _ = error_of(client.add_permission, FunctionName="misc", StatementId="apigw",
                          Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
    assert code == "ResourceConflictException"
    policy = json.loads(client.get_policy(FunctionName="misc")["Policy"])
    assert [s["Sid"] for s in policy["Statement"]] == ["apigw"]
    client.remove_permission(FunctionName="misc", StatementId="apigw")
    code, _, _ = error_of(client.remove_permission, FunctionName="misc", StatementId="apigw")
    assert code == "ResourceNotFoundException"

    settings = client.get_account_settings()
    assert settings["AccountUsage"]["FunctionCount"] == 1


def test_event_invoke_config(lam):
    _, client = lam
    python_function(client, "eic", ECHO)
    out = client.put_function_event_invoke_config(
        FunctionName="eic", MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:000000000000:q"}})
    assert out["MaximumRetryAttempts"] == 1
    assert out["FunctionArn"] == f"{ARN}:eic:$LATEST"
    got = client.get_function_event_invoke_config(FunctionName="eic")
    assert got["DestinationConfig"]["OnFailure"]["Destination"].endswith(":q")
    client.update_function_event_invoke_config(FunctionName="eic", MaximumEventAgeInSeconds=120)
    got = client.get_function_event_invoke_config(FunctionName="eic")
    assert (got["MaximumRetryAttempts"], got["MaximumEventAgeInSeconds"]) == (1, 120)
    code, _, _ = error_of(client.put_function_event_invoke_config, FunctionName="eic",
                          MaximumRetryAttempts=3)
    assert code in ("ValidationException", "ParamValidationError")
    client.delete_function_event_invoke_config(FunctionName="eic")
    code, _, _ = error_of(client.get_function_event_invoke_config, FunctionName="eic")
    assert code == "ResourceNotFoundException"


def test_the_aws_cli(lam, tmp_path):
    emulator, _ = lam
    zip_path = tmp_path / "fn.zip"
    zip_path.write_bytes(make_zip({"app.py": ECHO}))
    created = json.loads(emulator.aws(
        "lambda", "create-function", "--function-name", "cli-fn", "--runtime", "python3.12",
        "--role", ROLE, "--handler", "app.handler", "--zip-file", f"fileb://{zip_path}").stdout)
    assert created["FunctionName"] == "cli-fn"
    emulator.aws("lambda", "wait", "function-active-v2", "--function-name", "cli-fn")
    out_file = tmp_path / "out.json"
    payload = tmp_path / "payload.json"
    payload.write_text('{"from": "cli"}')  # fileb:// means raw bytes in CLI v1 and v2 alike
    result = json.loads(emulator.aws(
        "lambda", "invoke", "--function-name", "cli-fn", "--payload", f"fileb://{payload}",
        str(out_file)).stdout)
    assert result["StatusCode"] == 200 and result["ExecutedVersion"] == "$LATEST"
    assert json.loads(out_file.read_text())["event"] == {"from": "cli"}
    listed = json.loads(emulator.aws("lambda", "list-functions").stdout)
    assert [f["FunctionName"] for f in listed["Functions"]] == ["cli-fn"]
    emulator.aws("lambda", "delete-function", "--function-name", "cli-fn")
