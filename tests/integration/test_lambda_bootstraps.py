"""The python and nodejs runtime bootstraps against a fake Lambda Runtime API in this process.

No emulator binary is needed: each test starts a tiny Runtime API server on a free port, writes
handler files to a temporary directory and runs the bootstrap as a child process, as the emulator
will. Every child is killed by PID at the end of its test, and every wait has a timeout.
"""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIMES = os.path.join(REPO, "services", "lambda", "runtimes")
PY_BOOTSTRAP = os.path.join(RUNTIMES, "python", "bootstrap.py")
NODE_BOOTSTRAP = os.path.join(RUNTIMES, "nodejs", "bootstrap.mjs")
PREFIX = "/2018-06-01/runtime"
ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn"
TIMEOUT = 15


class Post:
    def __init__(self, path, headers, body):
        self.path, self.headers, self.body = path, headers, body

    def json(self):
        return json.loads(self.body)


class FakeRuntimeApi:
    """Hands out queued events on GET /next (blocking, like Lambda) and records every POST."""

    def __init__(self):
        self.events = queue.Queue()
        self.posts = []
        self.cond = threading.Condition()
        self.stopped = threading.Event()
        self.close_connections = False  # drop each connection after answering (no Connection: close)
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Lambda's Runtime API

            def log_message(self, *args):
                pass

            def answer(self, status, body, headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if api.close_connections:
                    self.close_connection = True

            def do_GET(self):
                if self.path != PREFIX + "/invocation/next":
                    return self.answer(404, b"{}")
                while not api.stopped.is_set():
                    try:
                        headers, body = api.events.get(timeout=0.2)
                    except queue.Empty:
                        continue
                    return self.answer(200, body, headers)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with api.cond:
                    api.posts.append(Post(self.path[len(PREFIX):], dict(self.headers), body))
                    api.cond.notify_all()
                self.answer(202, b'{"status":"OK"}', [("Content-Type", "application/json")])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # a killed child resets its connection
        self.address = "127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self):
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()

    def wait_post(self, match, timeout=TIMEOUT):
        with self.cond:
            found = self.cond.wait_for(lambda: next((p for p in self.posts if match(p)), None), timeout)
        assert found, f"no matching post in {timeout}s; posts: {[p.path for p in self.posts]}"
        return found

    def send(self, event=None, raw=None, deadline_ms=None, headers=None):
        request_id = str(uuid.uuid4())
        deadline = deadline_ms if deadline_ms is not None else int(time.time() * 1000) + 30000
        h = [("Lambda-Runtime-Aws-Request-Id", request_id),
             ("Lambda-Runtime-Deadline-Ms", str(deadline)),
             ("Lambda-Runtime-Invoked-Function-Arn", ARN),
             ("Lambda-Runtime-Trace-Id", "Root=1-5f84c7a1-" + request_id[:24] + ";Sampled=0"),
             ("Content-Type", "application/json")]
        h += list((headers or {}).items())
        self.events.put((h, raw if raw is not None else json.dumps(event).encode()))
        return request_id

    def invoke(self, event=None, **kw):
        """Queue one event; return (kind, post) where kind is 'response' or 'error'."""
        request_id = self.send(event, **kw)
        post = self.wait_post(lambda p: p.path.startswith(f"/invocation/{request_id}/"))
        return post.path.rsplit("/", 1)[1], post, request_id


class Runtime:
    """One bootstrap child process with its Runtime API, code directory and captured output."""

    def __init__(self, lang, code_dir, handler, tmp_path):
        self.api = FakeRuntimeApi()
        self.stdout_path = tmp_path / f"stdout-{uuid.uuid4().hex}.txt"
        self.stderr_path = tmp_path / f"stderr-{uuid.uuid4().hex}.txt"
        env = {
            "AWS_LAMBDA_RUNTIME_API": self.api.address, "_HANDLER": handler,
            "LAMBDA_TASK_ROOT": str(code_dir), "AWS_LAMBDA_FUNCTION_NAME": "fn",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/fn",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]abcdef",
            "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_SESSION_TOKEN": "token", "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
            "TZ": ":UTC", "LANG": "en_US.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "MY_VAR": "mine",
        }
        cmd = [sys.executable, PY_BOOTSTRAP] if lang == "python" else [shutil.which("node"), NODE_BOOTSTRAP]
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(cmd, cwd=code_dir, env=env, stdout=out, stderr=err)

    def stdout(self):
        return self.stdout_path.read_bytes().decode()  # not read_text(): keep the \r characters

    def wait_exit(self, timeout=TIMEOUT):
        return self.proc.wait(timeout)

    def close(self):
        try:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(TIMEOUT)
        finally:
            self.api.stop()


@pytest.fixture
def start(tmp_path):
    """start(lang, {relative path: source}, handler) -> Runtime; all are killed afterwards."""
    started = []

    def _start(lang, files, handler):
        code_dir = tmp_path / f"code-{len(started)}"
        for rel, source in files.items():
            (code_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (code_dir / rel).write_text(source)
        rt = Runtime(lang, code_dir, handler, tmp_path)
        started.append(rt)
        return rt

    yield _start
    for rt in started:
        rt.close()


@pytest.fixture(scope="module", autouse=True)
def node_is_installed():
    assert shutil.which("node"), "node is required for the nodejs bootstrap tests"


def init_error(rt):
    """The process must post /init/error and exit non-zero."""
    code = rt.wait_exit()
    assert code != 0
    post = rt.api.wait_post(lambda p: p.path == "/init/error", timeout=1)
    body = post.json()
    assert post.headers["Lambda-Runtime-Function-Error-Type"] == body["errorType"]
    return body


# ------------------------------------------------------------------------------------ python

PY_APP = '''\
import decimal
import logging
import os
import time

COUNT = 0


def echo(event, context):
    return event


def count(event, context):
    global COUNT
    COUNT += 1
    return {"count": COUNT, "pid": os.getpid()}


def ctx(event, context):
    first = context.get_remaining_time_in_millis()
    time.sleep(0.05)
    return {
        "names": {n: getattr(context, n) for n in (
            "function_name", "function_version", "invoked_function_arn", "memory_limit_in_mb",
            "aws_request_id", "log_group_name", "log_stream_name")},
        "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id],
        "client_context": context.client_context and [
            context.client_context.custom, context.client_context.env,
            context.client_context.client.app_title],
        "remaining": [first, context.get_remaining_time_in_millis()],
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
        "my_var": os.environ.get("MY_VAR"),
    }


def boom(event, context):
    raise ValueError("boom: " + event["why"])


def logs(event, context):
    print("plain print")
    logging.getLogger().warning("warned %s", event["x"])
    logging.getLogger("child").error("from a child logger")
    logging.info("not shown: the root level stays WARNING")
    return None


def decimals(event, context):
    return {"d": decimal.Decimal("1.10"), "big": decimal.Decimal("12345678901234567890.123456789"),
            "s": "caf\\u00e9"}


def unmarshalable(event, context):
    return {"s": {1, 2}}
'''


def test_python_round_trip_and_warm_state(start):
    rt = start("python", {"app.py": PY_APP}, "app.echo")
    for event in ({"a": [1, 2, {"b": None}]}, [1, "two", 3.5], "just a string", None, 0):
        kind, post, _ = rt.api.invoke(event)
        assert kind == "response"
        assert post.json() == event
    rt2 = start("python", {"app.py": PY_APP}, "app.count")
    first = rt2.api.invoke({})[1].json()
    second = rt2.api.invoke({})[1].json()
    assert (first["count"], second["count"]) == (1, 2)
    assert first["pid"] == second["pid"] == rt2.proc.pid


def test_python_context(start):
    rt = start("python", {"app.py": PY_APP}, "app.ctx")
    deadline = int(time.time() * 1000) + 20000
    identity = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
    client_context = {"custom": {"k": "v"}, "env": {"e": "1"}, "client": {"app_title": "App"}}
    kind, post, rid = rt.api.invoke({}, deadline_ms=deadline, headers={
        "Lambda-Runtime-Cognito-Identity": json.dumps(identity),
        "Lambda-Runtime-Client-Context": json.dumps(client_context)})
    assert kind == "response"
    out = post.json()
    assert out["names"] == {
        "function_name": "fn", "function_version": "$LATEST", "invoked_function_arn": ARN,
        "memory_limit_in_mb": "256", "aws_request_id": rid, "log_group_name": "/aws/lambda/fn",
        "log_stream_name": "2024/01/01/[$LATEST]abcdef"}
    assert out["identity"] == ["id-1", "pool-1"]
    assert out["client_context"] == [{"k": "v"}, {"e": "1"}, "App"]
    first, second = out["remaining"]
    assert 15000 < first <= 20000 and second <= first - 40
    assert out["trace"].startswith("Root=1-5f84c7a1-") and out["my_var"] == "mine"
    # Without identity or client context headers: an empty identity, no client context.
    out = rt.api.invoke({})[1].json()
    assert out["identity"] == [None, None] and out["client_context"] is None


def test_python_handler_exception_keeps_the_process(start):
    rt = start("python", {"app.py": PY_APP}, "app.boom")
    kind, post, rid = rt.api.invoke({"why": "bad input"})
    assert kind == "error"
    body = post.json()
    assert post.headers["Lambda-Runtime-Function-Error-Type"] == "ValueError"
    assert body["errorType"] == "ValueError"
    assert body["errorMessage"] == "boom: bad input"
    assert body["requestId"] == rid
    assert len(body["stackTrace"]) == 1  # the bootstrap's own frames are left out
    assert re.fullmatch(r'  File ".*/app\.py", line \d+, in boom\n'
                        r'    raise ValueError\("boom: " \+ event\["why"\]\)\n', body["stackTrace"][0])
    # Logged as AWS does: one line, the trace lines joined by \r.
    assert "[ERROR] ValueError: boom: bad input\rTraceback (most recent call last):\r" in rt.stdout()
    # Still alive and serving.
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorType"] == "KeyError"
    assert rt.proc.poll() is None


def test_python_decimal_and_marshal_error(start):
    rt = start("python", {"app.py": PY_APP}, "app.decimals")
    kind, post, _ = rt.api.invoke({})
    assert kind == "response"
    assert post.body == b'{"d": 1.10, "big": 12345678901234567890.123456789, "s": "caf\\u00e9"}'
    rt2 = start("python", {"app.py": PY_APP}, "app.unmarshalable")
    kind, post, _ = rt2.api.invoke({})
    assert kind == "error"
    assert post.json()["errorType"] == "Runtime.MarshalError"
    assert post.json()["errorMessage"] == \
        "Unable to marshal response: Object of type set is not JSON serializable"


def test_python_logging_format(start):
    rt = start("python", {"app.py": PY_APP}, "app.logs")
    kind, post, rid = rt.api.invoke({"x": 7})
    assert kind == "response" and post.body == b"null"
    lines = rt.stdout().splitlines()
    assert "plain print" in lines
    ts = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
    assert any(re.fullmatch(rf"\[WARNING\]\t{ts}\t{rid}\twarned 7", line) for line in lines), lines
    assert any(re.fullmatch(rf"\[ERROR\]\t{ts}\t{rid}\tfrom a child logger", line) for line in lines)
    assert not any("not shown" in line for line in lines)


def test_python_handler_paths(start):
    files = {"src/handlers/books.py": "def list(event, context):\n    return ['a', 'b']\n",
             "pkg/__init__.py": "", "pkg/mod.py": "def func(event, context):\n    return 'pkg'\n"}
    rt = start("python", files, "src/handlers/books.list")
    assert rt.api.invoke({})[1].json() == ["a", "b"]
    rt = start("python", files, "pkg.mod.func")
    assert rt.api.invoke({})[1].json() == "pkg"


def test_python_init_errors(start):
    body = init_error(start("python", {"app.py": PY_APP}, "nope.handler"))
    assert body == {"errorMessage": "Unable to import module 'nope': No module named 'nope'",
                    "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}

    body = init_error(start("python", {"app.py": PY_APP}, "app.missing"))
    assert body["errorType"] == "Runtime.HandlerNotFound"
    assert body["errorMessage"] == "Handler 'missing' missing on module 'app'"

    rt = start("python", {"bad.py": "def handler(event, context:\n    return 1\n"}, "bad.handler")
    body = init_error(rt)
    assert body["errorType"] == "Runtime.UserCodeSyntaxError"
    assert body["errorMessage"].startswith("Syntax error in module 'bad': ")
    assert re.match(r'  File ".*/bad\.py" Line 1\n', body["stackTrace"][0])
    assert "[ERROR] Runtime.UserCodeSyntaxError: Syntax error in module 'bad'" in rt.stdout()

    # An exception raised at import: its own type, as awslambdaric reports it.
    rt = start("python", {"raises.py": "import os\nos.environ['NOT_SET']\n"}, "raises.handler")
    body = init_error(rt)
    assert body["errorType"] == "KeyError" and body["errorMessage"] == "'NOT_SET'"
    assert re.search(r'File ".*/raises\.py", line 2, in <module>', "".join(body["stackTrace"]))

    # A missing dependency inside the module is an import error of that module.
    rt = start("python", {"dep.py": "import not_installed_xyz\n"}, "dep.handler")
    body = init_error(rt)
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"] == \
        "Unable to import module 'dep': No module named 'not_installed_xyz'"


# ------------------------------------------------------------------------------------ nodejs

NODE_ESM = '''\
let count = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (event) => ({ event, count: ++count, pid: process.pid });
export const echo = async (event) => event;
export const ctx = async (event, context) => {
  const first = context.getRemainingTimeInMillis();
  await sleep(50);
  const { functionName, functionVersion, invokedFunctionArn, memoryLimitInMB, awsRequestId,
          logGroupName, logStreamName, identity, clientContext, callbackWaitsForEmptyEventLoop } = context;
  return { functionName, functionVersion, invokedFunctionArn, memoryLimitInMB, awsRequestId,
           logGroupName, logStreamName, identity, clientContext, callbackWaitsForEmptyEventLoop,
           legacy: [typeof context.done, typeof context.succeed, typeof context.fail],
           remaining: [first, context.getRemainingTimeInMillis()],
           trace: process.env._X_AMZN_TRACE_ID, myVar: process.env.MY_VAR };
};
export const fails = async () => { throw new TypeError('bad thing'); };
export const logs = async () => {
  console.log('hello %s', 'world');
  console.error('two\\nlines');
  console.warn('careful');
  console.info('info');
  console.debug('debug');
  return 'logged';
};
export const nothing = async () => undefined;
export const strayRejection = async () => {
  Promise.reject(new Error('stray'));
  await sleep(200);
  return 'never sent';
};
export const strayThrow = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  callback(null, 'answered');
  setTimeout(() => { throw new Error('thrown later'); }, 300);
};
export const bigint = async () => ({ n: 1n });
'''

NODE_CJS = '''\
let calls = 0;
exports.cb = function (event, context, callback) { calls++; callback(null, { calls, event }); };
exports.cbWait = function (event, context, callback) {
  setTimeout(() => console.log('timer fired'), 300);
  callback(null, 'after the timer');
};
exports.cbNoWait = function (event, context, callback) {
  context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => console.log('late timer'), 3000);
  callback(null, 'right away');
};
exports.cbError = (event, context, callback) => callback(new Error('callback failed'));
exports.succeed = (event, context) => { context.succeed({ via: 'succeed' }); };
exports.fail = (event, context) => { context.fail(new Error('via fail')); };
exports.syncReturn = (event) => 'ignored';
exports.syncThrow = () => { throw new RangeError('sync throw'); };
'''


def test_node_esm_async_round_trip_and_warm_state(start):
    rt = start("node", {"index.mjs": NODE_ESM}, "index.echo")
    for event in ({"a": [1, 2, {"b": None}]}, [1, "two", 3.5], "just a string", None):
        kind, post, _ = rt.api.invoke(event)
        assert kind == "response" and post.json() == event
    rt = start("node", {"index.mjs": NODE_ESM}, "index.handler")
    first = rt.api.invoke({"n": 1})[1].json()
    second = rt.api.invoke({"n": 2})[1].json()
    assert (first["count"], second["count"]) == (1, 2)
    assert first["pid"] == second["pid"] == rt.proc.pid
    assert second["event"] == {"n": 2}


def test_node_context(start):
    rt = start("node", {"index.mjs": NODE_ESM}, "index.ctx")
    deadline = int(time.time() * 1000) + 20000
    identity = {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}
    kind, post, rid = rt.api.invoke({}, deadline_ms=deadline, headers={
        "Lambda-Runtime-Cognito-Identity": json.dumps(identity),
        "Lambda-Runtime-Client-Context": json.dumps({"custom": {"k": "v"}})})
    assert kind == "response"
    out = post.json()
    first, second = out.pop("remaining")
    assert 15000 < first <= 20000 and second <= first - 40
    assert out.pop("trace").startswith("Root=1-5f84c7a1-")
    assert out == {
        "functionName": "fn", "functionVersion": "$LATEST", "invokedFunctionArn": ARN,
        "memoryLimitInMB": "256", "awsRequestId": rid, "logGroupName": "/aws/lambda/fn",
        "logStreamName": "2024/01/01/[$LATEST]abcdef", "identity": identity,
        "clientContext": {"custom": {"k": "v"}}, "callbackWaitsForEmptyEventLoop": True,
        "legacy": ["function", "function", "function"], "myVar": "mine"}
    out = rt.api.invoke({})[1].json()
    assert "identity" not in out and "clientContext" not in out  # undefined without headers


def test_node_errors_keep_the_process(start):
    rt = start("node", {"index.mjs": NODE_ESM}, "index.fails")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error"
    body = post.json()
    assert post.headers["Lambda-Runtime-Function-Error-Type"] == "TypeError"
    assert body["errorType"] == "TypeError" and body["errorMessage"] == "bad thing"
    assert body["trace"][0] == "TypeError: bad thing"
    assert "index.mjs" in body["trace"][1]
    assert re.search(r"\tERROR\tInvoke Error \t\{\"errorType\":\"TypeError\"", rt.stdout())
    assert rt.api.invoke({})[0] == "error" and rt.proc.poll() is None

    rt = start("node", {"index.mjs": NODE_ESM}, "index.bigint")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorType"] == "Runtime.JSONStringifyError"

    rt = start("node", {"index.mjs": NODE_ESM}, "index.nothing")
    kind, post, _ = rt.api.invoke({})
    assert kind == "response" and post.body == b"null"


def test_node_uncaught_errors_end_the_process_as_in_aws(start):
    # An unhandled rejection is reported for the invoke, then the runtime exits 128.
    rt = start("node", {"index.mjs": NODE_ESM}, "index.strayRejection")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorType"] == "Runtime.UnhandledPromiseRejection"
    assert post.json()["errorMessage"] == "Error: stray"
    assert rt.wait_exit() == 128
    # An uncaught exception after the answer, while /next is pending: reported, then exit 129.
    rt = start("node", {"index.mjs": NODE_ESM}, "index.strayThrow")
    request_id = rt.api.send({})
    rt.api.wait_post(lambda p: p.path == f"/invocation/{request_id}/response")
    assert rt.wait_exit() == 129
    assert rt.api.wait_post(lambda p: p.path == f"/invocation/{request_id}/error").json()["errorMessage"] \
        == "thrown later"


def test_node_commonjs_callbacks(start):
    files = {"app.js": NODE_CJS}
    rt = start("node", files, "app.cb")
    assert rt.api.invoke("x")[1].json() == {"calls": 1, "event": "x"}
    assert rt.api.invoke("y")[1].json() == {"calls": 2, "event": "y"}

    # By default the answer waits for the event loop to empty (the timer runs first)...
    rt = start("node", files, "app.cbWait")
    kind, post, _ = rt.api.invoke({})
    assert kind == "response" and post.json() == "after the timer"
    assert "timer fired" in rt.stdout()
    # ...unless callbackWaitsForEmptyEventLoop is false.
    rt = start("node", files, "app.cbNoWait")
    kind, post, _ = rt.api.invoke({})
    assert kind == "response" and post.json() == "right away"
    assert "late timer" not in rt.stdout()

    rt = start("node", files, "app.cbError")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorMessage"] == "callback failed"

    rt = start("node", files, "app.succeed")
    assert rt.api.invoke({})[1].json() == {"via": "succeed"}
    assert rt.api.invoke({})[1].json() == {"via": "succeed"}  # and again, warm

    rt = start("node", files, "app.fail")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorMessage"] == "via fail"

    # A plain function that never calls back answers null once the loop is empty, as in AWS.
    rt = start("node", files, "app.syncReturn")
    kind, post, _ = rt.api.invoke({})
    assert kind == "response" and post.body == b"null"

    rt = start("node", files, "app.syncThrow")
    kind, post, _ = rt.api.invoke({})
    assert kind == "error" and post.json()["errorType"] == "RangeError"
    assert rt.api.invoke({})[0] == "error" and rt.proc.poll() is None


def test_node_module_kinds_and_paths(start):
    rt = start("node", {"src/handlers/books.js": "module.exports = { list: async () => ['a', 'b'] };\n"},
               "src/handlers/books.list")
    assert rt.api.invoke({})[1].json() == ["a", "b"]
    rt = start("node", {"package.json": '{"type": "module"}',
                        "index.js": "export const handler = async () => 'esm in .js';\n"},
               "index.handler")
    assert rt.api.invoke({})[1].json() == "esm in .js"
    rt = start("node", {"h.cjs": "exports.handler = async () => 'cjs';\n"}, "h.handler")
    assert rt.api.invoke({})[1].json() == "cjs"


def test_node_logging_format(start):
    rt = start("node", {"index.mjs": NODE_ESM}, "index.logs")
    kind, post, rid = rt.api.invoke({})
    assert kind == "response" and post.json() == "logged"
    lines = rt.stdout().split("\n")
    ts = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
    for level, message in (("INFO", "hello world"), ("ERROR", "two\rlines"), ("WARN", "careful"),
                           ("INFO", "info"), ("DEBUG", "debug")):
        assert any(re.fullmatch(rf"{ts}\t{rid}\t{level}\t{message}", line) for line in lines), \
            (level, lines)


def test_node_init_errors(start):
    body = init_error(start("node", {"index.mjs": NODE_ESM}, "nope.handler"))
    assert body["errorType"] == "Runtime.ImportModuleError"
    assert body["errorMessage"].startswith("Error: Cannot find module 'nope'\nRequire stack:\n- ")
    assert body["trace"][0] == "Runtime.ImportModuleError: Error: Cannot find module 'nope'"

    body = init_error(start("node", {"index.mjs": NODE_ESM}, "index.missing"))
    assert body["errorType"] == "Runtime.HandlerNotFound"
    assert body["errorMessage"] == "index.missing is undefined or not exported"

    rt = start("node", {"bad.mjs": "export const handler = async () => {\n"}, "bad.handler")
    body = init_error(rt)
    assert body["errorType"] == "Runtime.UserCodeSyntaxError"
    assert body["errorMessage"].startswith("SyntaxError: ")
    assert "\tERROR\tUncaught Exception \t{\"errorType\":\"Runtime.UserCodeSyntaxError\"" in rt.stdout()

    body = init_error(start("node", {"boom.js": "throw new Error('init failed');\n"}, "boom.handler"))
    assert body["errorType"] == "Error" and body["errorMessage"] == "init failed"


# ---------------------------------------------------------------------------- both runtimes

@pytest.mark.parametrize("lang,files,handler", [
    ("python", {"app.py": PY_APP}, "app.count"),
    ("node", {"index.mjs": NODE_ESM}, "index.handler"),
])
def test_reconnects_when_the_server_closes_connections(start, lang, files, handler):
    rt = start(lang, files, handler)
    rt.api.close_connections = True
    counts = [rt.api.invoke({})[1].json()["count"] for _ in range(3)]
    assert counts == [1, 2, 3]
