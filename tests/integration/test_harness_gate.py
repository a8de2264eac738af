"""preflight gate: the CI integration gate. The sample app's own tests pass on beta and on prod
through it; a failing step fails the gate with a JUnit report; prod changing during the beta
tests fails it."""

import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

from conftest import REPO
from harness_helpers import STACK_DIR, preflight

PYTEST = f"{sys.executable} -m pytest -q -p no:cacheprovider"


def junit_cases(path):
    suite = ET.parse(path).getroot().find("testsuite")
    return {case.get("name"): case for case in suite.findall("testcase")}, suite


def test_sample_app_passes_the_gate_on_beta_and_prod(tmp_path):
    report = tmp_path / "gate.xml"
    result = preflight("gate", os.path.join(REPO, "sample-app", "template.yaml"),
                       "--stack", "books",
                       "--fixtures", os.path.join(REPO, "fixtures", "books.yaml"),
                       "--test-command", f"{PYTEST} {os.path.join(REPO, 'sample-app', 'tests')}",
                       "--junit", str(report), check=False, timeout=280)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr
    assert "GATE PASSED" in result.stdout
    # The functions' IAM policies are accepted, and said to be not enforced.
    assert "accepted, not emulated: Policies: IAM is not enforced" in result.stdout
    # pytest's summary line, once per stage, with no failure
    summaries = re.findall(r"^=*\s*(\d+ passed.*) in [\d.]+s", result.stdout, re.M)
    assert len(summaries) == 2 and not any("failed" in s for s in summaries), result.stdout
    cases, suite = junit_cases(report)
    assert list(cases) == ["start emulator", "deploy", "load fixtures", "tests on beta",
                           "prod unchanged by beta", "promote beta -> prod", "tests on prod"]
    assert suite.get("failures") == "0" and suite.get("skipped") == "0"


def gate_small_stack(tmp_path, test_command, *extra):
    folder = tmp_path / "stack"
    shutil.copytree(STACK_DIR, folder)
    report = tmp_path / "gate.xml"
    result = preflight("gate", str(folder / "template.yaml"), "--stack", "hello",
                       "--test-command", test_command, "--junit", str(report), *extra,
                       check=False, timeout=200)
    return result, report


def test_failing_tests_fail_the_gate_with_a_junit_failure(tmp_path):
    result, report = gate_small_stack(tmp_path, 'test "$PREFLIGHT_STAGE" != prod')
    assert result.returncode == 1
    assert "GATE FAILED" in result.stdout
    cases, suite = junit_cases(report)
    assert cases["tests on beta"].find("failure") is None
    failure = cases["tests on prod"].find("failure")
    assert failure is not None and "exited with 1" in failure.get("message")
    assert suite.get("failures") == "1"


def test_the_test_command_gets_each_stages_environment(tmp_path):
    dump = tmp_path / "env.txt"
    command = (f'echo "$PREFLIGHT_STAGE $API_URL $FUNCTION_NAME $ALIAS_ARN $AWS_ENDPOINT_URL" '
               f'>> {dump}')
    result, _ = gate_small_stack(tmp_path, command)
    assert result.returncode == 0, result.stdout + result.stderr
    beta, prod = dump.read_text().splitlines()
    assert beta.split()[0] == "beta" and beta.split()[1].endswith("/beta")
    assert prod.split()[0] == "prod" and prod.split()[1].endswith("/prod")
    assert beta.split()[2] == "hello-Hello"
    assert beta.split()[3].endswith(":function:hello-Hello:live")
    assert beta.split()[4].startswith("http://127.0.0.1:")


def test_prod_changing_during_beta_tests_fails_the_gate(tmp_path):
    # On beta, move prod to a new deployment behind the gate's back.
    script = tmp_path / "meddle.py"
    script.write_text(
        "import os, boto3\n"
        "if os.environ['PREFLIGHT_STAGE'] == 'beta':\n"
        "    api = os.environ['API_URL'].rstrip('/').split('/')[-2]\n"
        "    gw = boto3.client('apigateway', endpoint_url=os.environ['AWS_ENDPOINT_URL'])\n"
        "    d = gw.create_deployment(restApiId=api)['id']\n"
        "    gw.update_stage(restApiId=api, stageName='prod', patchOperations=[\n"
        "        {'op': 'replace', 'path': '/deploymentId', 'value': d}])\n")
    result, report = gate_small_stack(tmp_path, f"{sys.executable} {script}")
    assert result.returncode == 1
    cases, _ = junit_cases(report)
    failure = cases["prod unchanged by beta"].find("failure")
    assert failure is not None and "prod changed while only beta should have" in \
        failure.get("message")
    assert cases["promote beta -> prod"].find("skipped") is not None


def test_gate_against_a_running_emulator(emulator, tmp_path):
    result, report = gate_small_stack(tmp_path, "true", "--endpoint", emulator.url)
    assert result.returncode == 0, result.stdout + result.stderr
    cases, _ = junit_cases(report)
    assert "start emulator" not in cases
    assert emulator.client("lambda").get_function(FunctionName="hello-Hello")


def test_a_failing_deploy_fails_the_gate_and_skips_the_rest(tmp_path):
    folder = tmp_path / "stack"
    shutil.copytree(STACK_DIR, folder)
    (folder / "template.yaml").write_text("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    report = tmp_path / "gate.xml"
    result = preflight("gate", str(folder / "template.yaml"), "--test-command", "true",
                       "--junit", str(report), check=False, timeout=120)
    assert result.returncode == 1
    assert "GATE FAILED" in result.stdout
    cases, suite = junit_cases(report)
    failure = cases["deploy"].find("failure")
    assert failure is not None and "AWS::SNS::Topic is not supported" in failure.get("message")
    for step in ["tests on beta", "prod unchanged by beta", "promote beta -> prod",
                 "tests on prod"]:
        assert cases[step].find("skipped") is not None
    assert suite.get("failures") == "1"
