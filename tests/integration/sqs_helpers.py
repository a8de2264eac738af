"""Helpers shared by the SQS integration tests: a boto3 client that speaks SQS's JSON protocol
whatever botocore is installed, raw signed JSON and query calls, error capture, and the MD5
digests SQS returns for message attributes."""

import atexit
import base64
import copy
import hashlib
import json
import os
import shutil
import struct
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions
import botocore.session
import pytest
from botocore.config import Config

from conftest import sigv4_headers, utcnow

ACCOUNT = "000000000000"
QUERY_NS = "http://queue.amazonaws.com/doc/2012-11-05/"
NS = {"q": QUERY_NS}
MIB = 1024 * 1024

# ---- a JSON-protocol boto3 client ----
#
# botocore switched SQS from the query protocol to JSON (awsQueryCompatible) in 1.31; Debian's
# python3-botocore (1.29) still speaks query. Its query model becomes the JSON model by the same
# rules AWS used: JSON member names instead of locationName/flattened, no result wrappers.

_model_dir = []


def installed_protocol():
    loader = botocore.session.get_session().get_component("data_loader")
    return loader.load_service_model("sqs", "service-2")["metadata"]["protocol"]


def to_json_protocol(model):
    model = copy.deepcopy(model)
    model["metadata"].update(protocol="json", protocols=["json"], jsonVersion="1.0",
                             targetPrefix="AmazonSQS", awsQueryCompatible={})
    model["metadata"].pop("xmlNamespace", None)
    for op in model["operations"].values():
        op.get("output", {}).pop("resultWrapper", None)
    for shape in model["shapes"].values():
        shape.pop("flattened", None)
        shape.pop("locationName", None)
        for ref in list(shape.get("members", {}).values()) + [
                shape[k] for k in ("member", "key", "value") if k in shape]:
            ref.pop("locationName", None)
            ref.pop("flattened", None)
    return model


def _json_model_dir():
    if not _model_dir:
        loader = botocore.session.get_session().get_component("data_loader")
        model = loader.load_service_model("sqs", "service-2")
        if model["metadata"]["protocol"] == "json":
            _model_dir.append(None)
        else:
            root = tempfile.mkdtemp(prefix="preflight-sqs-model-")
            atexit.register(shutil.rmtree, root, True)
            version_dir = os.path.join(root, "sqs", model["metadata"]["apiVersion"])
            os.makedirs(version_dir)
            with open(os.path.join(version_dir, "service-2.json"), "w") as f:
                json.dump(to_json_protocol(model), f)
            _model_dir.append(root)
    return _model_dir[0]


def sqs_client(emulator, key="test", secret="test", token=None, region="us-east-1", **config):
    """A boto3 SQS client speaking the JSON protocol (AmazonSQS.* targets)."""
    model_dir = _json_model_dir()
    session = botocore.session.Session()
    if model_dir:
        session.get_component("data_loader").search_paths.insert(0, model_dir)
    client = boto3.Session(botocore_session=session).client(
        "sqs", endpoint_url=emulator.url, region_name=region, aws_access_key_id=key,
        aws_secret_access_key=secret, aws_session_token=token,
        config=Config(retries={"max_attempts": 1}, **config))
    assert client.meta.service_model.protocol == "json"
    return client


def error_of(call, *args, **kwargs):
    """Runs a call that must fail; returns (code, message, status)."""
    with pytest.raises(botocore.exceptions.ClientError) as err:
        call(*args, **kwargs)
    e = err.value.response
    return e["Error"]["Code"], e["Error"].get("Message", ""), e["ResponseMetadata"]["HTTPStatusCode"]


def queue_url(emulator, name, account=ACCOUNT):
    return f"{emulator.url}/{account}/{name}"


def queue_arn(name, account=ACCOUNT, region="us-east-1"):
    return f"arn:aws:sqs:{region}:{account}:{name}"


def create_queue(sqs, name, **attributes):
    """Creates a queue with string-valued attributes; returns its URL."""
    return sqs.create_queue(QueueName=name,
                            Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]


def attributes_of(sqs, url, *names):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(names) or ["All"])["Attributes"]


def receive(sqs, url, wait=1, **kwargs):
    """ReceiveMessage with a short long-poll; returns the list of messages (maybe empty)."""
    return sqs.receive_message(QueueUrl=url, WaitTimeSeconds=wait, **kwargs).get("Messages", [])


# ---- raw signed calls ----

def lower_headers(headers):
    return {k.lower(): v for k, v in headers.items()}


def json_call(emulator, operation, payload, key="test", secret="test", region="us-east-1",
              raw_body=None):
    """A signed AmazonSQS.<operation> JSON call made by hand. Returns (status, headers with
    lower-case names, body parsed as JSON or None when it is not JSON)."""
    body = raw_body if raw_body is not None else json.dumps(payload).encode()
    headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", "/", "", body, key, secret,
                            region, "sqs", utcnow(),
                            {"content-type": "application/x-amz-json-1.0",
                             "x-amz-target": f"AmazonSQS.{operation}"})
    status, res_headers, res = emulator.http("POST", "/", body, headers)
    try:
        parsed = json.loads(res) if res else {}
    except ValueError:
        parsed = None
    return status, lower_headers(res_headers), parsed


def query_call(emulator, params, path="/", key="test", secret="test", region="us-east-1"):
    """A signed query-protocol (form POST) SQS call. params: dict or list of pairs; Version is
    added. Returns (status, headers with lower-case names, parsed XML root element)."""
    pairs = list(params.items()) if isinstance(params, dict) else list(params)
    if not any(k == "Version" for k, _ in pairs):
        pairs.append(("Version", "2012-11-05"))
    body = urllib.parse.urlencode(pairs).encode()
    content_type = "application/x-www-form-urlencoded; charset=utf-8"
    headers = sigv4_headers("POST", f"127.0.0.1:{emulator.port}", path, "", body, key, secret,
                            region, "sqs", utcnow(), {"content-type": content_type})
    status, res_headers, res = emulator.http("POST", path, body, headers)
    return status, lower_headers(res_headers), ET.fromstring(res)


def q(element, path):
    """Finds a namespaced child path like 'CreateQueueResult/QueueUrl'."""
    return element.find("/".join(f"q:{p}" for p in path.split("/")), NS)


def qall(element, path):
    return element.findall("/".join(f"q:{p}" for p in path.split("/")), NS)


def qtext(element, path):
    found = q(element, path)
    return None if found is None else (found.text or "")


# ---- digests ----

def md5_hex(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.md5(data).hexdigest()


def _length_prefixed(data):
    return struct.pack(">I", len(data)) + data


def md5_of_attributes(attributes):
    """The MD5 SQS computes over message (or message system) attributes: for each attribute in
    name order, the length-prefixed name and data type, a transport byte (1 string, 2 binary)
    and the length-prefixed value."""
    buf = b""
    for name in sorted(attributes):
        value = attributes[name]
        buf += _length_prefixed(name.encode("utf-8"))
        buf += _length_prefixed(value["DataType"].encode("utf-8"))
        if "BinaryValue" in value:
            data = value["BinaryValue"]
            if isinstance(data, str):  # raw JSON carries base64
                data = base64.b64decode(data)
            buf += b"\x02" + _length_prefixed(data)
        else:
            buf += b"\x01" + _length_prefixed(value["StringValue"].encode("utf-8"))
    return hashlib.md5(buf).hexdigest()


def elapsed(start):
    return time.monotonic() - start
