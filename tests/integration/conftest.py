"""Shared helpers: start build/preflight as a child process on a free port, talk to it with
boto3, the aws CLI and raw HTTP, and always stop what we started (by PID)."""

import datetime
import hashlib
import hmac
import http.client
import json
import os
import select
import signal
import subprocess
import tempfile
import time
import urllib.parse

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("PREFLIGHT_BIN", os.path.join(REPO, "build", "preflight"))
READY_PREFIX = "preflight ready on http://"


class Emulator:
    def __init__(self, *args, data_dir=None):
        self.args = list(args)
        self.data_dir = data_dir
        self.proc = None
        self.url = None
        self.port = None
        self.log = tempfile.NamedTemporaryFile(prefix="preflight-log-", suffix=".txt", delete=False)

    def start(self, timeout=10):
        cmd = [BIN, "serve", "--port", "0", *self.args]
        if self.data_dir:
            cmd += ["--data-dir", self.data_dir]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line.startswith(READY_PREFIX):
            self.kill()
            raise RuntimeError(f"emulator did not start: {line!r}\n{self.logs()}")
        self.ready_line = line
        self.url = line.strip().split(" on ", 1)[1]
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode if self.proc else None

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def logs(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def close(self):
        self.kill()
        self.log.close()
        os.unlink(self.log.name)

    # ---- clients ----
    def client(self, service, key="test", secret="test", token=None, region="us-east-1", **config):
        return boto3.client(
            service,
            endpoint_url=self.url,
            region_name=region,
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            aws_session_token=token,
            config=Config(retries={"max_attempts": 1}, **config),
        )

    def aws(self, *args, key="test", secret="test", token=None, check=True):
        env = dict(os.environ)
        env.update(
            AWS_ACCESS_KEY_ID=key,
            AWS_SECRET_ACCESS_KEY=secret,
            AWS_DEFAULT_REGION="us-east-1",
            AWS_PAGER="",
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        )
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)
        if token:
            env["AWS_SESSION_TOKEN"] = token
        result = subprocess.run(
            ["aws", "--endpoint-url", self.url, "--output", "json", *args],
            env=env, capture_output=True, text=True, timeout=60,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"aws {' '.join(args)} failed: {result.stderr}")
        return result

    def http(self, method, path, body=b"", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            res = conn.getresponse()
            return res.status, dict(res.getheaders()), res.read()
        finally:
            conn.close()


@pytest.fixture
def start_emulator():
    """Factory: start_emulator(*serve_args, data_dir=None) -> a running Emulator."""
    started = []

    def start(*args, data_dir=None):
        e = Emulator(*args, data_dir=data_dir).start()
        started.append(e)
        return e

    yield start
    for e in started:
        e.close()


@pytest.fixture
def emulator(start_emulator):
    return start_emulator()


def signing_key(secret, datestamp, region, service):
    """SigV4's derived key: HMAC chain over date, region, service and "aws4_request"."""
    def h(k, m):
        return hmac.new(k, m.encode(), hashlib.sha256).digest()

    return h(h(h(h(("AWS4" + secret).encode(), datestamp), region), service), "aws4_request")


def canonical_query_string(params):
    """SigV4's canonical query: pairs sorted, each part percent-encoded (RFC 3986)."""
    def enc(text):
        return urllib.parse.quote(text, safe="-_.~")

    return "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(params))


def sigv4_headers(method, host, path, query, body, key, secret, region, service, when,
                  extra_headers=None, token=None):
    """A minimal independent SigV4 signer, so tests can sign with any timestamp."""
    amz_date = when.strftime("%Y%m%dT%H%M%SZ")
    datestamp = amz_date[:8]
    headers = {"host": host, "x-amz-date": amz_date}
    if token:
        headers["x-amz-security-token"] = token
    for k, v in (extra_headers or {}).items():
        headers[k.lower()] = v
    signed = ";".join(sorted(headers))
    canonical_headers = "".join(f"{k}:{headers[k].strip()}\n" for k in sorted(headers))
    canonical_query = canonical_query_string(urllib.parse.parse_qsl(query, keep_blank_values=True))
    creq = "\n".join([method, urllib.parse.quote(path, safe="/-_.~"), canonical_query,
                      canonical_headers, signed, hashlib.sha256(body).hexdigest()])
    scope = f"{datestamp}/{region}/{service}/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()])
    signature = hmac.new(signing_key(secret, datestamp, region, service), sts.encode(),
                         hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={key}/{scope}, "
                                f"SignedHeaders={signed}, Signature={signature}")
    return headers


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


STS_FORM = b"Action=GetCallerIdentity&Version=2011-06-15"
FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def wait_until(predicate, timeout=5.0, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def error_of(call, *args, **kwargs):
    """Runs a call that must fail; returns (code, message, status)."""
    with pytest.raises(botocore.exceptions.ClientError) as err:
        call(*args, **kwargs)
    e = err.value.response
    return (e["Error"]["Code"], e["Error"].get("Message", ""),
            e["ResponseMetadata"]["HTTPStatusCode"])


def json_call(emulator, target, body, version="1.1"):
    """A raw unsigned JSON-protocol call: body is a dict or raw bytes; returns (status, headers,
    body bytes)."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return emulator.http("POST", "/", raw, {"X-Amz-Target": target,
                                            "Content-Type": f"application/x-amz-json-{version}"})


def parse_json(body):
    return json.loads(body.decode("utf-8"))
