"""Helpers shared by the Lambda integration tests: zips made in memory from handler sources,
one-line function creation, invokes that decode the payload, and error capture."""

import base64
import io
import json
import stat
import zipfile

import pytest

from conftest import error_of  # noqa: F401  (the tests import it from here)

ACCOUNT = "000000000000"
REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/lambda-role"


@pytest.fixture(name="lam")
def lambda_fixture(start_emulator):
    """(emulator, lambda client) with fast retries of async invokes and stream batches."""
    emulator = start_emulator("--option", "lambda.async-retry-seconds=0.2",
                              "--option", "lambda.stream-retry-seconds=0.2")
    return emulator, emulator.client("lambda", read_timeout=70)


def make_zip(files):
    """files: {path: text or (text, mode)} -> zip bytes. A mode keeps its execute bits."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, content in files.items():
            mode = 0o644
            if isinstance(content, tuple):
                content, mode = content
            info = zipfile.ZipInfo(path)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buffer.getvalue()


def create_function(client, name, files, runtime="python3.12", handler="app.handler", **extra):
    return client.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                                  Code={"ZipFile": make_zip(files)}, **extra)


def python_function(client, name, source, **extra):
    return create_function(client, name, {"app.py": source}, **extra)


def node_function(client, name, source, filename="index.mjs", **extra):
    return create_function(client, name, {filename: source}, runtime="nodejs20.x",
                           handler="index.handler", **extra)


def invoke(client, name, payload=None, **extra):
    """Invokes and returns (response, decoded payload)."""
    kwargs = dict(FunctionName=name, **extra)
    if payload is not None:
        kwargs["Payload"] = json.dumps(payload).encode()
    res = client.invoke(**kwargs)
    body = res["Payload"].read()
    try:
        decoded = json.loads(body) if body else None
    except ValueError:
        decoded = body
    return res, decoded


def log_tail(res):
    return base64.b64decode(res["LogResult"]).decode()


ECHO = """
import os

counter = 0

def handler(event, context):
    global counter
    counter += 1
    print("echo", event)
    return {"event": event, "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
            "counter": counter, "marker": os.environ.get("MARKER", "")}
"""
