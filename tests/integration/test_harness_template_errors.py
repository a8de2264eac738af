"""Template errors are clear messages and a non-zero exit, found before anything is deployed."""

import os

import pytest

from harness_helpers import preflight

GOOD_FUNCTION = """
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.11
"""


def deploy_text(emulator, tmp_path, resources, extra=""):
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "app.py").write_text("def handler(e, c):\n    return 1\n")
    template = tmp_path / "template.yaml"
    template.write_text("Transform: AWS::Serverless-2016-10-31\n" + extra + "Resources:\n" + resources)
    return preflight("deploy", str(template), "--stack", "bad", endpoint=emulator.url,
                     check=False)


def api_including(location):
    """An API whose definition is the file at `location` (AWS::Include)."""
    return ("  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: beta\n"
            "      DefinitionBody:\n        Fn::Transform:\n          Name: AWS::Include\n"
            f"          Parameters: {{Location: {location}}}\n")


def assert_nothing_deployed(emulator):
    assert emulator.client("lambda").list_functions()["Functions"] == []


@pytest.mark.parametrize("resources, message", [
    (GOOD_FUNCTION + "  Topic:\n    Type: AWS::SNS::Topic\n",
     "Resources.Topic: resource type AWS::SNS::Topic is not supported"),
    (GOOD_FUNCTION + "      Environment:\n        Variables:\n          X: !Ref Nowhere\n",
     "refers to 'Nowhere', which is no parameter or resource"),
    (GOOD_FUNCTION + "      Environment:\n        Variables:\n          X: !GetAtt Fn.Colour\n",
     "Fn::GetAtt Fn.Colour: AWS::Serverless::Function has no attribute Colour"),
    (GOOD_FUNCTION + "      Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]\n",
     "Resources.Fn.Properties.Layers: AWS::Serverless::Function property not supported"),
    (GOOD_FUNCTION + "      Events:\n        Tick:\n          Type: Schedule\n"
     "          Properties: {Schedule: rate(1 minute)}\n",
     "event type 'Schedule' is not supported"),
    (GOOD_FUNCTION.replace("CodeUri: src/", "CodeUri: missing/"),
     "CodeUri"),
    (GOOD_FUNCTION + "      Environment:\n        Variables:\n          X: !ImportValue other\n",
     "Fn::ImportValue is not supported"),
])
def test_bad_template_is_a_clear_error(emulator, tmp_path, resources, message):
    result = deploy_text(emulator, tmp_path, resources)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.startswith("preflight deploy: ") or "preflight deploy: " in result.stderr
    assert result.stdout == ""


def test_checks_happen_before_anything_is_deployed(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path,
                         GOOD_FUNCTION + "  Topic:\n    Type: AWS::SNS::Topic\n")
    assert result.returncode == 1
    assert_nothing_deployed(emulator)


def test_missing_template_file(emulator, tmp_path):
    result = preflight("deploy", str(tmp_path / "nope.yaml"), endpoint=emulator.url, check=False)
    assert result.returncode == 1
    assert "cannot read" in result.stderr and "nope.yaml" in result.stderr


def test_yaml_syntax_error_names_the_file(emulator, tmp_path):
    template = tmp_path / "template.yaml"
    template.write_text("Resources:\n  A: [unclosed\n")
    result = preflight("deploy", str(template), endpoint=emulator.url, check=False)
    assert result.returncode == 1
    assert "template.yaml" in result.stderr


def test_parameter_without_default_or_value(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path, GOOD_FUNCTION,
                         extra="Parameters:\n  Stage:\n    Type: String\n")
    assert result.returncode == 1
    assert "Parameters.Stage has no Default" in result.stderr


def test_parameter_outside_allowed_values(emulator, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("x = 1\n")
    template = tmp_path / "template.yaml"
    template.write_text("Parameters:\n  Size:\n    Type: String\n    Default: s\n"
                        "    AllowedValues: [s, m]\nResources:\n" + GOOD_FUNCTION)
    result = preflight("deploy", str(template), "--param", "Size=xl", endpoint=emulator.url,
                       check=False)
    assert result.returncode == 1
    assert "'xl' is not one of" in result.stderr


def test_missing_include_file(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path, api_including("missing-openapi.yaml"))
    assert result.returncode == 1
    assert "missing-openapi.yaml" in result.stderr
    assert os.path.exists(tmp_path / "template.yaml")


def test_wrong_property_types_are_clear_errors(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path, GOOD_FUNCTION + "      Timeout: soon\n")
    assert result.returncode == 1
    assert "Timeout: expected a whole number" in result.stderr
    quoted = deploy_text(emulator, tmp_path, GOOD_FUNCTION + "      Timeout: \"7\"\n")
    assert quoted.returncode == 0, quoted.stderr
    config = emulator.client("lambda").get_function_configuration(FunctionName="bad-Fn")
    assert config["Timeout"] == 7
    typed = deploy_text(emulator, tmp_path, GOOD_FUNCTION + "      Description: [a, b]\n")
    assert typed.returncode == 1
    assert "Resources.Fn (AWS::Serverless::Function): a property has the wrong type" in \
        typed.stderr
    listed = deploy_text(emulator, tmp_path, GOOD_FUNCTION + "      MemorySize: [1]\n")
    assert "Resources.Fn (AWS::Serverless::Function): MemorySize: expected a whole number" in \
        listed.stderr


def test_aws_errors_name_the_resource(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path,
                         GOOD_FUNCTION.replace("python3.11", "cobol85"))
    assert result.returncode == 1
    assert "Resources.Fn (AWS::Serverless::Function): ValidationException: " in result.stderr
    assert "cobol85" in result.stderr


def test_default_stack_name_is_a_valid_name(emulator, tmp_path):
    folder = tmp_path / "1.my_app"
    folder.mkdir()
    (folder / "src").mkdir()
    (folder / "src" / "app.py").write_text("def handler(e, c):\n    return 1\n")
    (folder / "template.yaml").write_text("Resources:\n" + GOOD_FUNCTION)
    result = preflight("deploy", str(folder / "template.yaml"), endpoint=emulator.url)
    assert '"Stack": "stack-1-my-app"' in result.stdout


def test_include_of_something_not_a_file_is_refused(emulator, tmp_path):
    result = deploy_text(emulator, tmp_path, api_including("/dev/zero"))
    assert result.returncode == 1
    assert "/dev/zero: not a file" in result.stderr
