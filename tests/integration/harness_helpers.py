"""Helpers for the harness tests: run `preflight deploy|promote|rollback|gate` against an
emulator started by the test, on a copy of a stack folder the test may edit."""

import json
import os
import shutil
import subprocess
import urllib.request

import pytest

from conftest import BIN, REPO

STACK_DIR = os.path.join(REPO, "tests", "data", "harness", "stack")


def preflight(*args, endpoint=None, check=True, timeout=120):
    """Runs the preflight binary; returns the CompletedProcess (text)."""
    cmd = [BIN, *args]
    if endpoint:
        cmd += ["--endpoint", endpoint]
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
    env.pop("AWS_ENDPOINT_URL", None)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} exited {result.returncode}\nstdout:\n{result.stdout}\n"
                             f"stderr:\n{result.stderr}")
    return result


class Stack:
    """A copy of tests/data/harness/stack deployed as stack `name` into one emulator."""

    def __init__(self, emulator, folder, name="hello"):
        self.emulator = emulator
        self.folder = folder
        self.name = name
        self.template = os.path.join(folder, "template.yaml")

    def deploy(self, *extra):
        result = preflight("deploy", self.template, "--stack", self.name, *extra,
                           endpoint=self.emulator.url)
        self.report = json.loads(result.stdout)
        self.progress = result.stderr
        return self.report

    def promote(self, *extra):
        return preflight("promote", "--stack", self.name, *extra, endpoint=self.emulator.url)

    def rollback(self, *extra):
        return preflight("rollback", "--stack", self.name, *extra, endpoint=self.emulator.url)

    def get(self, stage, path="/hello"):
        with urllib.request.urlopen(self.report["Stages"][stage] + path, timeout=30) as r:
            return json.loads(r.read())

    def version(self, stage):
        return self.get(stage)["version"]

    def set_code_version(self, version):
        path = os.path.join(self.folder, "src", "hello", "app.py")
        with open(path) as f:
            text = f.read()
        start = text.index('VERSION = "') + len('VERSION = "')
        end = text.index('"', start)
        with open(path, "w") as f:
            f.write(text[:start] + version + text[end:])

    def edit_template(self, old, new):
        with open(self.template) as f:
            text = f.read()
        assert old in text
        with open(self.template, "w") as f:
            f.write(text.replace(old, new))


@pytest.fixture
def stack(emulator, tmp_path):
    folder = tmp_path / "stack"
    shutil.copytree(STACK_DIR, folder)
    return Stack(emulator, str(folder))
