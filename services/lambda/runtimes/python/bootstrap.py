"""Preflight's runtime for the python3.x Lambda runtimes: `python3 bootstrap.py`.

Speaks the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API and behaves like AWS's own Python
runtime (awslambdaric, which the managed runtimes run): the same error types and messages, the
same context object, the same log format and the same JSON encoding. Standard library only.
"""

import decimal
import http.client
import importlib
import json
import logging
import math
import os
import re
import sys
import time
import traceback

API = "/2018-06-01/runtime"
_request_id = None  # the invoke being handled, for the log lines
# What AWS logs before an init error.
UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, "
    "or can be applied automatically. To determine if the runtime has been updated, check the "
    "runtime version in the INIT_START log entry. If this error correlates with a change in the "
    "runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html")


class Fault(Exception):
    """An error the runtime reports under its own Runtime.* type (as awslambdaric does)."""

    def __init__(self, error_type, msg, trace=None):
        super().__init__(msg)
        self.error_type, self.msg, self.trace = error_type, msg, trace


class RuntimeClient:
    """One keep-alive connection to the Runtime API, reopened when the server has closed it."""

    def __init__(self, address):
        self.address, self.conn = address, None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.address)  # no timeout: /next blocks
            try:
                self.conn.request(method, API + path, body=body, headers=headers or {})
                resp = self.conn.getresponse()
                data = resp.read()
                if resp.will_close:
                    self.close()
                return resp, data
            except (OSError, http.client.HTTPException):
                # A keep-alive connection the server closed fails on reuse: retry once on a new one.
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def post(self, path, body, headers=None):
        resp, data = self.request("POST", path, body, headers)
        if resp.status >= 300:
            sys.stderr.write(f"Runtime API {path} answered {resp.status}: {data[:200]!r}\n")


# --- JSON as awslambdaric writes it (simplejson): a Decimal is written as its own digits ---

_RAW = "preflight-decimal-%s-" % os.urandom(8).hex()  # a marker no real string will match
_RAW_RE = re.compile('"' + _RAW + r'(\d+)"')


class _Encoder(json.JSONEncoder):
    def __init__(self):
        # Only the python3.12 runtime writes non-ASCII characters unescaped.
        super().__init__(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")
        self.raw = []

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return math.nan
            # The stdlib cannot write raw number text: leave a marker and substitute it below.
            self.raw.append(str(o))
            return _RAW + str(len(self.raw) - 1)
        return super().default(o)


def to_json(obj):
    enc = _Encoder()
    text = enc.encode(obj)
    return _RAW_RE.sub(lambda m: enc.raw[int(m.group(1))], text) if enc.raw else text


# --- the handler ---

def load_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise Fault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {e}")
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise Fault("Runtime.BuiltInModuleConflict",
                        f"Cannot use built-in module {modname} as a handler module")
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise Fault("Runtime.ImportModuleError", f"Unable to import module '{modname}': {e}")
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise Fault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{modname}': {e}", trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        raise Fault("Runtime.HandlerNotFound", f"Handler '{fname}' missing on module '{modname}'")


def make_error(message, error_type, stack_trace, request_id=None):
    return {"errorMessage": message or "", "errorType": error_type or "",
            "requestId": request_id or "", "stackTrace": stack_trace or []}


def error_from_exception(exc, request_id=None):
    if isinstance(exc, Fault):
        return make_error(exc.msg, exc.error_type, exc.trace, request_id)
    frames = traceback.extract_tb(exc.__traceback__)
    # Start the trace at the user's code: drop this file's own frames, as AWS does.
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame.filename:
            frames = frames[i:]
            break
    return make_error(str(exc), type(exc).__name__, traceback.format_list(frames), request_id)


def log_error(error):
    """awslambdaric's text form; lines joined by \\r so CloudWatch keeps them as one event."""
    head = "[ERROR]"
    if error["errorType"]:
        head += " " + error["errorType"]
    if error["errorMessage"]:
        head += (":" if error["errorType"] else "") + " " + error["errorMessage"]
    lines = [head, "Traceback (most recent call last):"]
    for element in error["stackTrace"]:
        for line in element.splitlines() or [""]:
            stripped = line.lstrip(" ")
            lines.append("\u00a0" * (len(line) - len(stripped)) + stripped)
    sys.stdout.write("\r".join(lines) + "\n")


# --- the context object: the attributes awslambdaric's LambdaContext has ---

class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


def _from_dict(cls, d):
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, d.get(field))
    return obj


class LambdaContext:
    def __init__(self, request_id, arn, deadline_ms, client_context, identity):
        env = os.environ.get
        self.aws_request_id = request_id
        self.log_group_name = env("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = env("AWS_LAMBDA_FUNCTION_NAME")
        # A string, as in AWS (it is read from the environment there too).
        self.memory_limit_in_mb = env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = env("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = arn
        self.client_context = None
        if client_context is not None:
            self.client_context = _from_dict(ClientContext, client_context)
            if self.client_context.client is not None:
                self.client_context.client = _from_dict(Client, self.client_context.client)
        self.identity = _from_dict(CognitoIdentity, {})
        if identity is not None:
            self.identity.cognito_identity_id = identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        delta = self._deadline_ms - int(time.time() * 1000)
        return delta if delta > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))


def _json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except Exception as e:
        raise Fault("Runtime.LambdaContextUnmarshalError", f"Unable to parse {name} JSON: {e}")


# --- stdout, logging and the loop ---

class Unbuffered:
    """Flush every write so the emulator sees each line as it is written (python -u)."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.stream.write(msg)
        self.stream.flush()

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class _StdoutHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write(self.format(record))  # the format ends with its own newline


def setup_logging():
    # AWS adds one handler to the root logger and leaves its level alone (WARNING).
    logging.Formatter.converter = time.gmtime
    handler = _StdoutHandler()
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
        "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        logging.getLogger().setLevel(level)


def handle(client, handler, headers, body):
    request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    try:
        context = LambdaContext(
            request_id, headers.get("Lambda-Runtime-Invoked-Function-Arn"),
            int(headers.get("Lambda-Runtime-Deadline-Ms") or 0),
            _json_header(headers.get("Lambda-Runtime-Client-Context"), "Client Context"),
            _json_header(headers.get("Lambda-Runtime-Cognito-Identity"), "Cognito Identity"))
        try:
            event = json.loads(body)
        except Exception as e:
            raise Fault("Runtime.UnmarshalError", f"Unable to unmarshal input: {e}")
        result = handler(event, context)
        if isinstance(result, bytes):  # bytes go out as they are, as in AWS
            payload, content_type = result, "application/unknown"
        else:
            try:
                payload, content_type = to_json(result).encode(), "application/json"
            except Exception as e:
                raise Fault("Runtime.MarshalError", f"Unable to marshal response: {e}")
    except Exception as e:
        error = error_from_exception(e, request_id)
        log_error(error)
        client.post(f"/invocation/{request_id}/error", to_json(error).encode(),
                    {"Content-Type": "application/json",
                     "Lambda-Runtime-Function-Error-Type": error["errorType"]})
        return
    client.post(f"/invocation/{request_id}/response", payload, {"Content-Type": content_type})


def main():
    global _request_id
    sys.stdout, sys.stderr = Unbuffered(sys.stdout), Unbuffered(sys.stderr)
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    sys.path.insert(0, task_root)
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    setup_logging()
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except Exception as e:
        error = error_from_exception(e)
        logging.warning(UNHANDLED_WARNING)
        log_error(error)
        client.post("/init/error", to_json(error).encode(),
                    {"Content-Type": "application/json",
                     "Lambda-Runtime-Function-Error-Type": error["errorType"]})
        sys.exit(1)
    while True:
        resp, body = client.request("GET", "/invocation/next")
        if resp.status != 200:
            sys.exit(f"Runtime API /invocation/next answered {resp.status}: {body[:200]!r}")
        headers = resp.headers
        _request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id is not None:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        handle(client, handler, headers, body)


if __name__ == "__main__":
    main()
