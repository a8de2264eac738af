"""preflight deploy / promote / rollback through the public APIs: beta serves $LATEST, prod the
alias `live`; a code change reaches beta only; promote moves prod; a canary splits prod; rollback
restores exactly what prod served; a redeploy without changes changes nothing."""

import json

from harness_helpers import preflight, stack  # noqa: F401


def lines_of(progress):
    return [line for line in progress.splitlines() if line.startswith("  ")]


def add_post_route(stack):
    stack.edit_template("          /hello:\n", "          /hello:\n            post:\n"
                        "              x-amazon-apigateway-integration: {type: mock, "
                        "requestTemplates: {application/json: '{\"statusCode\": 200}'}}\n")


def test_first_deploy_creates_everything_and_prints_outputs(stack):
    report = stack.deploy()
    assert report["Stack"] == "hello"
    outputs = report["Outputs"]
    assert outputs["FunctionName"] == "hello-Hello"
    assert outputs["AliasArn"].endswith(":function:hello-Hello:live")
    assert outputs["QueueArn"].startswith("arn:aws:sqs:us-east-1:")
    assert outputs["Joined"] == "a-us-east-1"
    assert set(report["Stages"]) == {"beta", "prod"}
    assert "created" in stack.progress
    assert stack.version("beta") == "v1"
    assert stack.version("prod") == "v1"
    assert stack.get("beta")["greeting"] == "hello"
    lam = stack.emulator.client("lambda")
    config = lam.get_function_configuration(FunctionName="hello-Hello")
    assert config["Environment"]["Variables"]["QUEUE_URL"].endswith("/hello-Jobs")
    assert config["Timeout"] == 10


def test_redeploy_without_change_is_a_no_op(stack):
    stack.deploy()
    apigw = stack.emulator.client("apigateway")
    api = stack.report["Stages"]["beta"].split("/")[-2]
    deployments = apigw.get_deployments(restApiId=api)["items"]
    lam = stack.emulator.client("lambda")
    versions = lam.list_versions_by_function(FunctionName="hello-Hello")["Versions"]
    stack.deploy()
    for line in lines_of(stack.progress):
        assert line.endswith("unchanged") or "not deployed" in line or "unchanged (" in line, line
    assert apigw.get_deployments(restApiId=api)["items"] == deployments
    assert lam.list_versions_by_function(FunctionName="hello-Hello")["Versions"] == versions


def test_code_change_reaches_beta_only_until_promoted(stack):
    stack.deploy()
    stack.set_code_version("v2")
    stack.deploy()
    assert "code updated on $LATEST" in stack.progress
    assert stack.version("beta") == "v2"
    assert stack.version("prod") == "v1"
    out = stack.promote().stdout
    assert "published version 2" in out
    assert stack.version("prod") == "v2"
    assert "nothing to promote" in stack.promote().stdout


def test_setting_change_reaches_beta_only(stack):
    stack.deploy()
    stack.deploy("--param", "Greeting=hi")
    assert "settings updated on $LATEST" in stack.progress
    assert stack.get("beta")["greeting"] == "hi"
    assert stack.get("prod")["greeting"] == "hello"
    stack.promote()
    assert stack.get("prod")["greeting"] == "hi"


def test_api_change_makes_a_new_deployment_on_beta_only(stack):
    stack.deploy()
    add_post_route(stack)
    stack.deploy()
    assert "definition changed: new deployment" in stack.progress
    apigw = stack.emulator.client("apigateway")
    api = stack.report["Stages"]["beta"].split("/")[-2]
    beta = apigw.get_stage(restApiId=api, stageName="beta")["deploymentId"]
    prod = apigw.get_stage(restApiId=api, stageName="prod")["deploymentId"]
    assert beta != prod
    stack.promote()
    assert apigw.get_stage(restApiId=api, stageName="prod")["deploymentId"] == beta


def test_canary_splits_prod_and_rollback_restores_it(stack):
    stack.deploy()
    stack.set_code_version("v2")
    stack.deploy()
    stack.promote()
    stack.set_code_version("v3")
    stack.deploy()
    out = stack.promote("--canary", "50").stdout
    assert "50% to version 3" in out
    seen = {stack.version("prod") for _ in range(40)}
    assert seen == {"v2", "v3"}
    lam = stack.emulator.client("lambda")
    alias = lam.get_alias(FunctionName="hello-Hello", Name="live")
    assert alias["FunctionVersion"] == "2"
    assert alias["RoutingConfig"]["AdditionalVersionWeights"] == {"3": 0.5}
    stack.rollback("--stage", "prod")
    alias = lam.get_alias(FunctionName="hello-Hello", Name="live")
    assert alias["FunctionVersion"] == "2"
    assert not alias.get("RoutingConfig", {}).get("AdditionalVersionWeights")
    assert {stack.version("prod") for _ in range(10)} == {"v2"}


def test_promote_after_canary_completes_it(stack):
    stack.deploy()
    stack.set_code_version("v2")
    stack.deploy()
    stack.promote("--canary", "10")
    stack.promote()
    lam = stack.emulator.client("lambda")
    alias = lam.get_alias(FunctionName="hello-Hello", Name="live")
    assert alias["FunctionVersion"] == "2"
    assert not alias.get("RoutingConfig", {}).get("AdditionalVersionWeights")
    assert stack.version("prod") == "v2"


def test_rollback_restores_previous_version_and_deployment(stack):
    stack.deploy()
    apigw = stack.emulator.client("apigateway")
    api = stack.report["Stages"]["beta"].split("/")[-2]
    old_deployment = apigw.get_stage(restApiId=api, stageName="prod")["deploymentId"]
    stack.set_code_version("v2")
    add_post_route(stack)
    stack.deploy()
    stack.promote()
    assert stack.version("prod") == "v2"
    out = stack.rollback("--stage", "prod").stdout
    assert "-> version 1" in out
    assert stack.version("prod") == "v1"
    assert apigw.get_stage(restApiId=api, stageName="prod")["deploymentId"] == old_deployment
    assert stack.version("beta") == "v2"
    again = preflight("rollback", "--stack", "hello", "--stage", "prod",
                      endpoint=stack.emulator.url, check=False)
    assert again.returncode == 1 and "nothing to roll back" in again.stderr


def test_rollback_without_promote_fails_clearly(stack):
    stack.deploy()
    result = preflight("rollback", "--stack", "hello", "--stage", "prod",
                       endpoint=stack.emulator.url, check=False)
    assert result.returncode == 1
    assert "nothing to roll back" in result.stderr


def test_sample_app_redeploy_is_a_no_op(emulator):
    from conftest import REPO
    import os
    template = os.path.join(REPO, "sample-app", "template.yaml")
    first = preflight("deploy", template, "--stack", "books", endpoint=emulator.url)
    assert "UserPool (AWS::Cognito::UserPool): accepted" not in first.stderr
    again = preflight("deploy", template, "--stack", "books", endpoint=emulator.url)
    for line in lines_of(again.stderr):
        assert ("unchanged" in line or "accepted, not emulated" in line), line
    assert json.loads(again.stdout) == json.loads(first.stdout)


TABLE_STACK = """Resources:
  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}{extra_attrs}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
{extra}
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: {visibility}
"""

GROWN = """      StreamSpecification: {StreamViewType: NEW_IMAGE}
      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
      GlobalSecondaryIndexes:
        - IndexName: by-kind
          KeySchema: [{AttributeName: kind, KeyType: HASH}]
          Projection: {ProjectionType: ALL}"""


def test_table_and_queue_updates_in_place(emulator, tmp_path):
    template = tmp_path / "template.yaml"

    def deploy(extra_attrs="", extra="", visibility=30):
        template.write_text(TABLE_STACK.replace("{extra_attrs}", extra_attrs)
                            .replace("{extra}", extra).replace("{visibility}", str(visibility)))
        return preflight("deploy", str(template), "--stack", "t", endpoint=emulator.url,
                         check=False)

    assert deploy().returncode == 0
    grown = deploy(", {AttributeName: kind, AttributeType: S}", GROWN, visibility=45)
    assert grown.returncode == 0, grown.stderr
    assert "stream NEW_IMAGE, index by-kind added, ttl expires" in grown.stderr
    assert "updated VisibilityTimeout" in grown.stderr
    ddb = emulator.client("dynamodb")
    table = ddb.describe_table(TableName="t-Items")["Table"]
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["by-kind"]
    assert ddb.describe_time_to_live(TableName="t-Items")["TimeToLiveDescription"][
        "AttributeName"] == "expires"
    sqs = emulator.client("sqs")
    url = sqs.get_queue_url(QueueName="t-Jobs")["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])[
        "Attributes"]["VisibilityTimeout"] == "45"
    again = deploy(", {AttributeName: kind, AttributeType: S}", GROWN, visibility=45)
    assert again.returncode == 0
    assert "table t-Items: unchanged" in again.stderr and "queue t-Jobs: unchanged" in again.stderr
    template.write_text(template.read_text().replace(
        "KeySchema: [{AttributeName: id, KeyType: HASH}]",
        "KeySchema: [{AttributeName: kind, KeyType: HASH}]"))
    rekeyed = preflight("deploy", str(template), "--stack", "t", endpoint=emulator.url,
                        check=False)
    assert rekeyed.returncode == 1
    assert "changing KeySchema needs a new table" in rekeyed.stderr


POOL_STACK = """Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      Policies: {PasswordPolicy: {MinimumLength: LENGTH}}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [FLOWS]
  Editors:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref Pool
      GroupName: editors
      Description: DESCRIPTION
Outputs:
  PoolId: {Value: !Ref Pool}
  ClientId: {Value: !Ref Client}
"""


def test_user_pool_client_and_group_updates(emulator, tmp_path):
    template = tmp_path / "template.yaml"

    def deploy(length, flows, description):
        template.write_text(POOL_STACK.replace("LENGTH", str(length)).replace("FLOWS", flows)
                            .replace("DESCRIPTION", description))
        return preflight("deploy", str(template), "--stack", "p", endpoint=emulator.url)

    first = json.loads(deploy(8, "ALLOW_USER_PASSWORD_AUTH", "one").stdout)["Outputs"]
    second = deploy(12, "ALLOW_ADMIN_USER_PASSWORD_AUTH", "two")
    assert json.loads(second.stdout)["Outputs"] == first
    assert "user pool p-Pool" in second.stderr and "updated" in second.stderr
    idp = emulator.client("cognito-idp")
    pool = idp.describe_user_pool(UserPoolId=first["PoolId"])["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    client = idp.describe_user_pool_client(UserPoolId=first["PoolId"],
                                           ClientId=first["ClientId"])["UserPoolClient"]
    assert client["ExplicitAuthFlows"] == ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
    group = idp.get_group(UserPoolId=first["PoolId"], GroupName="editors")["Group"]
    assert group["Description"] == "two"
    third = deploy(12, "ALLOW_ADMIN_USER_PASSWORD_AUTH", "two")
    assert third.stderr.count("unchanged") == 3, third.stderr
