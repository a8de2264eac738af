#!/usr/bin/env python3
"""Soak test for Preflight: every service at once, for a bounded time; prints figures.

Starts `preflight serve` (--bin), sets up a DynamoDB table, SQS queues, a Cognito pool and app
client, two Python Lambda functions whose handler calls back into the emulator (boto3 PutItem to
the endpoint in its AWS_ENDPOINT_URL) and a REST API with an AWS_PROXY route to one of them, then
runs --connections threads at once, each with its own boto3 client (or http.client connection for
execute-api), so --connections requests really are in flight together:

  dynamodb    PutItem, GetItem (must read back what this thread wrote), Query; a bounded key space
              per thread, so the table stops growing after the warm-up
  sqs         SendMessage, ReceiveMessage (short poll), DeleteMessageBatch on busy queues; every
              message sent must be received exactly once (the rest is drained and counted at the
              end); now and then a SendMessage to an idle queue
  long-poll   ReceiveMessage WaitTimeSeconds=20 on mostly empty queues: these are held open while
              everything else flows, so a blocked event loop shows as latency (and as no answers
              while a poll is held); an empty poll must come back after 20 s, not earlier
  cognito     SignUp, AdminConfirmSignUp, InitiateAuth (USER_PASSWORD_AUTH), AdminDeleteUser
  lambda      Invoke of a function whose handler does a DynamoDB PutItem through the emulator
  apigateway  POST through the deployed stage (execute-api) to the same kind of function

Latencies (p50/p99) cover the measured window after --warmup seconds and leave out the long polls,
which are reported by themselves. Errors are every failed call or wrong answer; throttles
(TooManyRequestsException, 429) are counted apart. RSS of the emulator (VmRSS) is sampled when
the window starts and after the load stops. A watchdog gives the workers the window plus
--slack seconds to finish (the long polls are woken by a message when the load stops); a worker
still running then is reported as stuck, with its stack. The run stops at --seconds or once
--max-requests requests were made (workers finish the iteration they are in), stops the emulator
by PID and then any Lambda runtime process of it that outlived it.

Usage: bench/soak.py [--bin build/preflight] [--seconds 60] [--connections 64] [--warmup 5]
                     [--max-requests 2000000] [--python /usr/bin/python3] [--slack 45]
tests/integration/test_soak.py imports run_soak() and asserts on its result.
"""

import argparse
import collections
import http.client
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback

import boto3
import botocore.exceptions
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import (cpu_seconds, percentile, rss_mib, start_emulator,  # noqa: E402
                      stop_server, zip_of)

REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/soak"
PASSWORD = "Soak-Passw0rd!"
LONG_POLL_SECONDS = 20
THROTTLE_CODES = {"TooManyRequestsException", "ThrottlingException", "Throttling",
                  "ProvisionedThroughputExceededException", "RequestLimitExceeded"}
SERVICES = ["dynamodb", "sqs", "long-poll", "cognito", "lambda", "apigateway"]
BUSY_QUEUES, IDLE_QUEUES = 4, 4
SPARSE_SECONDS = 7

# The handler writes one item per call through the emulator's own endpoint; init (boto3) runs once
# per instance.
HANDLER = """
import json
import os

import boto3
from botocore.config import Config

DDB = boto3.client("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                   region_name=os.environ["AWS_REGION"],
                   config=Config(retries={"total_max_attempts": 1}))


def handler(event, context):
    proxied = "httpMethod" in event
    item_id = json.loads(event["body"])["id"] if proxied else event["id"]
    DDB.put_item(TableName=os.environ["TABLE"],
                 Item={"id": {"S": item_id}, "via": {"S": "apigateway" if proxied else "lambda"}})
    if proxied:
        return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
                "body": json.dumps({"id": item_id})}
    return {"id": item_id}
"""


class WrongAnswer(Exception):
    pass


class Stats:
    """Counts, errors and latencies of every call, shared by the worker threads."""

    def __init__(self, max_requests):
        self.lock = threading.Lock()
        self.max_requests = max_requests
        self.total = 0                       # every call made, warm-up included
        self.ok = collections.Counter()      # "service.Operation" -> answers that were right
        self.errors = collections.Counter()
        self.throttles = collections.Counter()
        self.examples = []                   # the first error messages
        self.latency = collections.defaultdict(list)  # service -> seconds (window only)
        self.window = 0                      # calls answered inside the measured window
        self.measuring = False
        self.stop = threading.Event()
        self.stopped_by = None
        self.holding = 0                     # long polls in flight now
        self.max_holding = 0
        self.answered_while_held = 0         # window answers while >= 1 long poll was held
        self.last_answer = None
        self.longest_gap = 0.0               # longest time in the window without any answer

    def running(self):
        if self.stop.is_set():
            return False
        if self.total >= self.max_requests:
            self.stopped_by = self.stopped_by or "max-requests"
            self.stop.set()
            return False
        return True

    def call(self, name, fn, check=None, long_poll=False):
        """Runs fn() and records it; returns its answer, or None when it failed. check(answer)
        returns what is wrong with an answer, or None."""
        with self.lock:
            self.total += 1
            if long_poll:
                self.holding += 1
                self.max_holding = max(self.max_holding, self.holding)
        began = time.monotonic()
        answer, failure, throttled = None, None, False
        try:
            answer = fn()
            failure = check(answer) if check else None
        except botocore.exceptions.ClientError as e:
            code = e.response.get("Error", {}).get("Code", "")
            throttled = code in THROTTLE_CODES
            failure = f"{code}: {e}"
        except WrongAnswer as e:
            throttled = "429" in str(e)
            failure = str(e)
        except Exception as e:  # noqa: BLE001 - counted and reported
            failure = repr(e)
        now = time.monotonic()
        with self.lock:
            if long_poll:
                self.holding -= 1
            if failure is None:
                self.ok[name] += 1
            elif throttled:
                self.throttles[name] += 1
            else:
                self.errors[name] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{name}: {failure[:300]}")
            if self.measuring and not self.stop.is_set() and not long_poll:
                self.window += 1
                self.latency[name.split(".")[0]].append(now - began)
                if self.holding > 0:
                    self.answered_while_held += 1
                if self.last_answer is not None:
                    self.longest_gap = max(self.longest_gap, now - self.last_answer)
                self.last_answer = now
        return answer if failure is None else None


# ---- setup ----

def client(port, service, read_timeout=60, pool=10):
    return boto3.client(service, endpoint_url=f"http://127.0.0.1:{port}", region_name=REGION,
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"total_max_attempts": 1}, connect_timeout=10,
                                      read_timeout=read_timeout, max_pool_connections=pool))


def setup(port):
    ddb, sqs = client(port, "dynamodb"), client(port, "sqs")
    for table, keys in [("soak", [("pk", "HASH", "S"), ("sk", "RANGE", "N")]),
                        ("soak-callbacks", [("id", "HASH", "S")])]:
        ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                         KeySchema=[{"AttributeName": n, "KeyType": k} for n, k, _ in keys],
                         AttributeDefinitions=[{"AttributeName": n, "AttributeType": t}
                                               for n, _, t in keys])
    busy = [sqs.create_queue(QueueName=f"soak-busy-{i}", Attributes={"VisibilityTimeout": "300"})
            ["QueueUrl"] for i in range(BUSY_QUEUES)]
    idle = [sqs.create_queue(QueueName=f"soak-idle-{i}")["QueueUrl"] for i in range(IDLE_QUEUES)]

    idp = client(port, "cognito-idp")
    pool = idp.create_user_pool(PoolName="soak")["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=pool, ClientName="soak", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]

    lam = client(port, "lambda")
    for name in ["soak-invoke", "soak-api"]:
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                            Handler="app.handler", Code={"ZipFile": zip_of(HANDLER)}, Timeout=30,
                            Environment={"Variables": {"TABLE": "soak-callbacks"}})
    apigw = client(port, "apigateway")
    api = apigw.create_rest_api(name="soak")["id"]
    root = next(r["id"] for r in apigw.get_resources(restApiId=api)["items"] if r["path"] == "/")
    resource = apigw.create_resource(restApiId=api, parentId=root, pathPart="cb")["id"]
    apigw.put_method(restApiId=api, resourceId=resource, httpMethod="POST",
                     authorizationType="NONE")
    apigw.put_integration(restApiId=api, resourceId=resource, httpMethod="POST",
                          type="AWS_PROXY", integrationHttpMethod="POST",
                          uri=("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                               "arn:aws:lambda:us-east-1:000000000000:function:soak-api/"
                               "invocations"))
    apigw.create_deployment(restApiId=api, stageName="soak")
    return {"busy": busy, "idle": idle, "pool": pool, "app": app, "api": api}


def shares(connections):
    """How many threads each kind of worker gets; Lambda + API Gateway stay well under the
    emulator's default concurrency (32), so no throttle is expected."""
    if connections < len(SERVICES):
        raise ValueError(f"--connections must be at least {len(SERVICES)}")
    n = {"long-poll": max(1, connections // 8), "lambda": max(1, min(12, connections // 10)),
         "apigateway": max(1, min(12, connections // 10)),
         "cognito": max(1, connections // 10), "sqs": max(1, connections * 3 // 16)}
    n["dynamodb"] = connections - sum(n.values())
    return {s: n[s] for s in SERVICES}


# ---- workers: each loops over one iteration until the stop ----

def expect(cond, what):
    return None if cond else what


def dynamodb_worker(stats, ctx, index, ddb):
    k = 0
    while stats.running():
        pk, sk = f"w{index}-{k % 10}", (k // 10) % 10
        key = {"pk": {"S": pk}, "sk": {"N": str(sk)}}
        stats.call("dynamodb.PutItem", lambda: ddb.put_item(TableName="soak", Item={
            **key, "v": {"N": str(k)}, "pad": {"S": "x" * 200}}))
        stats.call("dynamodb.GetItem",
                   lambda: ddb.get_item(TableName="soak", Key=key, ConsistentRead=True),
                   lambda a: expect(a.get("Item", {}).get("v") == {"N": str(k)},
                                    f"read back {a.get('Item', {}).get('v')} for {k}"))
        stats.call("dynamodb.Query", lambda: ddb.query(
            TableName="soak", KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": pk}}),
            lambda a: expect(1 <= a["Count"] <= 10, f"Query Count {a['Count']}"))
        k += 1


def sqs_worker(stats, ctx, index, sqs):
    url, k = ctx["busy"][index % BUSY_QUEUES], 0
    while stats.running():
        body = f"s{index}-{k}"
        if stats.call("sqs.SendMessage", lambda: sqs.send_message(QueueUrl=url, MessageBody=body)):
            with stats.lock:
                ctx["sent"].add(body)
        got = stats.call("sqs.ReceiveMessage", lambda: sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0))
        messages = (got or {}).get("Messages", [])
        if messages:
            with stats.lock:
                ctx["received"].update(m["Body"] for m in messages)
            stats.call("sqs.DeleteMessageBatch", lambda: sqs.delete_message_batch(
                QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                                       for i, m in enumerate(messages)]),
                lambda a: expect(not a.get("Failed"), f"Failed entries {a.get('Failed')}"))
        # The idle queues are mostly, not always, empty: one message every SPARSE_SECONDS.
        with stats.lock:
            sparse = time.monotonic() - ctx["sparse_at"] >= SPARSE_SECONDS
            if sparse:
                ctx["sparse_at"], ctx["sparse"] = time.monotonic(), ctx["sparse"] + 1
        if sparse:
            idle = ctx["idle"][ctx["sparse"] % IDLE_QUEUES]
            stats.call("sqs.SendMessage", lambda: sqs.send_message(QueueUrl=idle,
                                                                    MessageBody="sparse"))
        k += 1


def long_poll_worker(stats, ctx, index, sqs):
    url = ctx["idle"][index % IDLE_QUEUES]
    while stats.running():
        began = time.monotonic()
        got = stats.call("long-poll.ReceiveMessage", lambda: sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=1, WaitTimeSeconds=LONG_POLL_SECONDS),
            long_poll=True)
        held = time.monotonic() - began
        if got is None:
            continue
        messages = got.get("Messages", [])
        with stats.lock:
            ctx["polls"].append((held, bool(messages)))
        for m in messages:
            stats.call("sqs.DeleteMessage", lambda: sqs.delete_message(
                QueueUrl=url, ReceiptHandle=m["ReceiptHandle"]))


def cognito_worker(stats, ctx, index, idp):
    k = 0
    while stats.running():
        user = f"u{index}-{k}"
        stats.call("cognito.SignUp", lambda: idp.sign_up(ClientId=ctx["app"], Username=user,
                                                         Password=PASSWORD))
        stats.call("cognito.AdminConfirmSignUp", lambda: idp.admin_confirm_sign_up(
            UserPoolId=ctx["pool"], Username=user))
        stats.call("cognito.InitiateAuth", lambda: idp.initiate_auth(
            ClientId=ctx["app"], AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": user, "PASSWORD": PASSWORD}),
            lambda a: expect("AccessToken" in a.get("AuthenticationResult", {}), "no tokens"))
        stats.call("cognito.AdminDeleteUser", lambda: idp.admin_delete_user(
            UserPoolId=ctx["pool"], Username=user))
        k += 1


def invoke_check(item_id):
    def check(res):
        if res.get("FunctionError"):
            return f"FunctionError {res['FunctionError']}: {res['Body'][:300]!r}"
        return expect(json.loads(res["Body"]) == {"id": item_id}, f"payload {res['Body']!r}")
    return check


def lambda_worker(stats, ctx, index, lam):
    k = 0
    while stats.running():
        item_id = f"l{index}-{k}"

        def invoke():
            res = lam.invoke(FunctionName="soak-invoke", Payload=json.dumps({"id": item_id}))
            res["Body"] = res["Payload"].read()
            return res

        if stats.call("lambda.Invoke", invoke, invoke_check(item_id)):
            with stats.lock:
                ctx["callbacks"] += 1
        k += 1


def apigateway_call(port, host, conn_box, item_id):
    if conn_box[0] is None:
        conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn = conn_box[0]
    try:
        conn.request("POST", "/soak/cb", body=json.dumps({"id": item_id}),
                     headers={"Host": host, "Content-Type": "application/json"})
        res = conn.getresponse()
        body = res.read()
    except Exception:
        conn.close()
        conn_box[0] = None
        raise
    if res.status != 200:
        raise WrongAnswer(f"status {res.status}: {body[:300]!r}")
    if json.loads(body) != {"id": item_id}:
        raise WrongAnswer(f"body {body[:300]!r}")
    return True


def apigateway_worker(stats, ctx, index, conn_box):
    host, k = f"{ctx['api']}.execute-api.localhost:{ctx['port']}", 0
    while stats.running():
        item_id = f"a{index}-{k}"
        if stats.call("apigateway.POST /cb",
                      lambda: apigateway_call(ctx["port"], host, conn_box, item_id)):
            with stats.lock:
                ctx["callbacks"] += 1
        k += 1
    if conn_box[0] is not None:
        conn_box[0].close()


WORKERS = {"dynamodb": (dynamodb_worker, "dynamodb"), "sqs": (sqs_worker, "sqs"),
           "long-poll": (long_poll_worker, "sqs"), "cognito": (cognito_worker, "cognito-idp"),
           "lambda": (lambda_worker, "lambda"), "apigateway": (apigateway_worker, None)}


# ---- the run ----

def prewarm(port, ctx, lambdas, gateways):
    """Starts as many instances of each function as threads will call it (a new process each;
    init imports boto3), so cold starts fall before the warm-up, not in the window."""
    errors = []

    def one(fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - raised below
            errors.append(repr(e))

    lam = [client(port, "lambda") for _ in range(lambdas)]
    host = f"{ctx['api']}.execute-api.localhost:{port}"
    calls = [lambda c=c, i=i: _invoke(c, f"warm{i}") for i, c in enumerate(lam)]
    calls += [lambda i=i: apigateway_call(port, host, [None], f"warmapi{i}")
              for i in range(gateways)]
    threads = [threading.Thread(target=one, args=(fn,), daemon=True) for fn in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if errors or any(t.is_alive() for t in threads):
        raise RuntimeError(f"Lambda warm-up failed: {errors[:3]}")
    return len(calls)


def _invoke(lam, item_id):
    res = lam.invoke(FunctionName="soak-invoke", Payload=json.dumps({"id": item_id}))
    if res.get("FunctionError"):
        raise RuntimeError(res["Payload"].read()[:300])
    return res


def child_pids(pid):
    found = set()
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found.update(int(p) for p in f.read().split())
    except OSError:
        pass
    return {p: cmdline(p) for p in found}


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return None


def established(port):
    """Open TCP connections to the emulator's port (server side, /proc/net/tcp)."""
    count = 0
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "01":
                count += 1
    return count


def rss_or_none(pid):
    try:
        return rss_mib(pid)
    except (OSError, AttributeError):
        return None


def drain(sqs, urls):
    """Receives and deletes what is left on the busy queues; returns the bodies."""
    bodies = []
    for url in urls:
        while True:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                           WaitTimeSeconds=0).get("Messages", [])
            if not messages:
                break
            bodies += [m["Body"] for m in messages]
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                for i, m in enumerate(messages)])
    return bodies


def count_items(ddb, table):
    total, kwargs = 0, {"TableName": table, "Select": "COUNT"}
    while True:
        page = ddb.scan(**kwargs)
        total += page["Count"]
        if "LastEvaluatedKey" not in page:
            return total
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def run_soak(binary, seconds=60, connections=64, warmup=5.0, max_requests=2_000_000,
             python=None, slack=45.0, options=()):
    """Runs the soak and returns its figures as a dict (see report())."""
    python = python or sys.executable
    stats = Stats(max_requests)
    stderr = tempfile.TemporaryFile()
    proc, port = start_emulator(binary, "--option", f"lambda.runtime.python={python}",
                                *options, stderr=stderr)
    result = {"seconds": seconds, "connections": connections, "warmup": warmup,
              "max_requests": max_requests, "pid": proc.pid}
    try:
        began = time.monotonic()
        ctx = setup(port)
        ctx.update(port=port, sent=set(), received=collections.Counter(), polls=[], callbacks=0,
                   sparse_at=time.monotonic(), sparse=0)
        n = shares(connections)
        result["threads"] = n
        result["warm_calls"] = prewarm(port, ctx, n["lambda"], n["apigateway"])
        result["setup_seconds"] = time.monotonic() - began

        # boto3 client creation is not thread-safe: every client is made here.
        threads = []
        for service, count in n.items():
            fn, boto_name = WORKERS[service]
            for i in range(count):
                arg = client(port, boto_name, pool=connections) if boto_name else [None]
                threads.append(threading.Thread(target=fn, args=(stats, ctx, i, arg),
                                                name=f"{service}-{i}", daemon=True))
        for t in threads:
            t.start()
        time.sleep(warmup)
        result["rss_start_mib"] = rss_mib(proc.pid)
        cpu_began = cpu_seconds(proc.pid)
        with stats.lock:
            stats.measuring, window_began = True, time.monotonic()
        rss_peak, result["rss_samples"], result["max_connections"] = \
            result["rss_start_mib"], [], 0
        while not stats.stop.wait(0.5):
            rss_now = rss_or_none(proc.pid)
            if proc.poll() is not None or rss_now is None:
                stats.stopped_by = f"the emulator exiting ({proc.poll()})"
                stats.stop.set()
                break
            rss_peak = max(rss_peak, rss_now)
            result["rss_samples"].append((time.monotonic() - window_began, rss_now))
            result["max_connections"] = max(result["max_connections"], established(port))
            if time.monotonic() - window_began >= seconds:
                stats.stopped_by = stats.stopped_by or "time"
                stats.stop.set()
        window = time.monotonic() - window_began
        try:
            result["emulator_cpu_pct"] = 100 * (cpu_seconds(proc.pid) - cpu_began) / window
        except OSError:
            result["emulator_cpu_pct"] = None

        # Wake the long polls, then give every worker until the deadline.
        stopped_at = time.monotonic()
        result["wake_errors"] = []
        if proc.poll() is None:
            waker = client(port, "sqs", read_timeout=10)
            for i in range(n["long-poll"]):
                try:
                    waker.send_message(QueueUrl=ctx["idle"][i % IDLE_QUEUES], MessageBody="wake")
                except Exception as e:  # noqa: BLE001 - reported
                    result["wake_errors"].append(repr(e))
        for t in threads:
            t.join(max(0.0, stopped_at + slack - time.monotonic()))
        stuck = [t for t in threads if t.is_alive()]
        frames = sys._current_frames()
        result["stuck"] = [t.name for t in stuck]
        result["stuck_stacks"] = {t.name: "".join(traceback.format_stack(frames[t.ident])[-8:])
                                  for t in stuck if t.ident in frames}
        result["finish_seconds"] = time.monotonic() - stopped_at
        result["rss_end_mib"] = rss_or_none(proc.pid)
        result["rss_peak_mib"] = max(rss_peak, result["rss_end_mib"] or 0)

        if not stuck and proc.poll() is None:
            sqs, ddb = client(port, "sqs"), client(port, "dynamodb")
            drained = drain(sqs, ctx["busy"])
            received = ctx["received"] + collections.Counter(drained)
            result["sqs_sent"] = len(ctx["sent"])
            result["sqs_received"] = sum(ctx["received"].values())
            result["sqs_drained"] = len(drained)
            result["sqs_lost"] = len(ctx["sent"] - set(received))
            result["sqs_duplicates"] = sum(c - 1 for c in received.values() if c > 1)
            result["sqs_unknown"] = len(set(received) - ctx["sent"])
            result["callbacks"] = ctx["callbacks"]
            # Every handler call wrote one item; the warm-up calls wrote the rest.
            result["callback_items"] = count_items(ddb, "soak-callbacks") - result["warm_calls"]
        result["window_seconds"] = window
        result["stopped_by"] = stats.stopped_by
    finally:
        children = child_pids(proc.pid)
        stop_server(proc)
        result["exit_code"] = proc.returncode
        leftover = [p for p, cmd in children.items() if cmd is not None and cmdline(p) == cmd]
        for p in leftover:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        result["leftover_processes"] = len(leftover)
        stderr.seek(0)
        result["emulator_stderr"] = stderr.read()[-4000:].decode("utf-8", "replace")
        stderr.close()

    with stats.lock:
        result["total"] = stats.total
        result["ok"] = dict(stats.ok)
        result["errors"] = sum(stats.errors.values())
        result["errors_by_op"] = dict(stats.errors)
        result["error_examples"] = list(stats.examples)
        result["throttles"] = sum(stats.throttles.values())
        result["window_requests"] = stats.window
        all_latencies = [v for vs in stats.latency.values() for v in vs]
        result["p50_ms"] = percentile(all_latencies, 0.5) * 1000 if all_latencies else None
        result["p99_ms"] = percentile(all_latencies, 0.99) * 1000 if all_latencies else None
        result["max_ms"] = max(all_latencies) * 1000 if all_latencies else None
        result["by_service"] = {
            s: {"requests": sum(c for op, c in stats.ok.items() if op.startswith(s + ".")),
                "p50_ms": percentile(v, 0.5) * 1000, "p99_ms": percentile(v, 0.99) * 1000}
            for s, v in stats.latency.items()}
        result["answered_while_held"] = stats.answered_while_held
        result["max_long_polls_held"] = stats.max_holding
        result["longest_gap_ms"] = stats.longest_gap * 1000
    polls = ctx["polls"]
    empty = [h for h, got in polls if not got]
    result["long_polls_empty"] = len(empty)
    result["long_polls_with_message"] = len(polls) - len(empty)
    result["long_poll_empty_min_s"] = min(empty) if empty else None
    result["long_poll_empty_max_s"] = max(empty) if empty else None
    w = result.get("window_seconds") or 0
    result["requests_per_second"] = result["window_requests"] / w if w else 0.0
    result["rss_growth_mib"] = result["rss_growth_pct"] = None
    result["rss_growth_per_invoke_b"] = None
    if result["rss_end_mib"] is not None:
        result["rss_growth_mib"] = result["rss_end_mib"] - result["rss_start_mib"]
        result["rss_growth_pct"] = 100 * result["rss_growth_mib"] / result["rss_start_mib"]
        # Each invoke stores its START/END/REPORT lines in CloudWatch Logs (~0.5 KiB in SQLite).
        invokes = (result["ok"].get("lambda.Invoke", 0)
                   + result["ok"].get("apigateway.POST /cb", 0))
        if invokes:
            result["rss_growth_per_invoke_b"] = result["rss_growth_mib"] * 1048576 / invokes
    return result


def report(r):
    """The figures, as text."""
    lines = [f"soak: {r['connections']} connections ("
             + ", ".join(f"{n} {s}" for s, n in r.get("threads", {}).items())
             + f"), {r['window_seconds']:.1f} s window after {r['warmup']:.0f} s warm-up "
             f"(setup {r.get('setup_seconds', 0):.1f} s); stopped by {r['stopped_by']}",
             f"requests     {r['window_requests']} in the window = "
             f"{r['requests_per_second']:.0f}/s; {r['total']} in all (max {r['max_requests']}); "
             f"emulator CPU {r['emulator_cpu_pct'] or 0:.0f} % of one core; up to "
             f"{r['max_connections']} connections open to it at once"]
    for s in SERVICES:
        ops = {op.split(".", 1)[1]: c for op, c in sorted(r["ok"].items())
               if op.startswith(s + ".")}
        lat = r["by_service"].get(s)
        lat_text = f"  p50 {lat['p50_ms']:.1f} ms p99 {lat['p99_ms']:.1f} ms" if lat else ""
        lines.append(f"  {s:<11}" + "  ".join(f"{op} {c}" for op, c in ops.items()) + lat_text)
    lines.append(f"errors       {r['errors']}  (throttles, counted apart: {r['throttles']})")
    lines += [f"  {e}" for e in r["error_examples"]]
    if r["p50_ms"] is not None:
        lines.append(f"latency      p50 {r['p50_ms']:.1f} ms  p99 {r['p99_ms']:.1f} ms  "
                     f"max {r['max_ms']:.0f} ms (long polls left out); longest time without an "
                     f"answer {r['longest_gap_ms']:.0f} ms")
    if r["long_poll_empty_min_s"] is not None:
        held = f"{r['long_poll_empty_min_s']:.2f}-{r['long_poll_empty_max_s']:.2f} s"
    else:
        held = "-"
    lines.append(f"long polls   up to {r['max_long_polls_held']} held at once; "
                 f"{r['long_polls_empty']} came back empty after {held}, "
                 f"{r['long_polls_with_message']} with a message; {r['answered_while_held']} "
                 f"window answers while one was held")
    if "sqs_sent" in r:
        lines.append(f"sqs          sent {r['sqs_sent']}, received {r['sqs_received']}, drained "
                     f"{r['sqs_drained']}; lost {r['sqs_lost']}, duplicates "
                     f"{r['sqs_duplicates']}, unknown {r['sqs_unknown']}")
        lines.append(f"callbacks    {r['callbacks']} handler calls answered, "
                     f"{r['callback_items']} items they wrote through the emulator")
    if r["rss_growth_mib"] is None:
        lines.append(f"rss          start {r['rss_start_mib']:.1f} MiB, end unknown (the emulator "
                     f"had exited)")
    else:
        per_invoke = r["rss_growth_per_invoke_b"]
        lines.append(f"rss          start {r['rss_start_mib']:.1f} MiB, end "
                     f"{r['rss_end_mib']:.1f} MiB, peak {r['rss_peak_mib']:.1f} MiB; growth "
                     f"{r['rss_growth_mib']:+.1f} MiB ({r['rss_growth_pct']:+.1f} %)"
                     + (f", {per_invoke:.0f} B per Lambda/API Gateway invoke (each stores its "
                        f"log lines)" if per_invoke is not None else ""))
    lines += [f"wake error   {e}" for e in r["wake_errors"]]
    lines.append(f"finish       workers done {r['finish_seconds']:.1f} s after the stop; stuck: "
                 f"{r['stuck'] or 'none'}; emulator exit {r['exit_code']}, leftover processes "
                 f"{r['leftover_processes']}")
    for name, stack in r["stuck_stacks"].items():
        lines.append(f"--- {name}\n{stack}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(HERE), "build", "preflight"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--python", default=None,
                        help="interpreter for the Lambda functions (default: this one)")
    parser.add_argument("--slack", type=float, default=45)
    parser.add_argument("--option", action="append", default=[],
                        help="NAME=VALUE passed to preflight serve --option")
    args = parser.parse_args()
    options = [x for o in args.option for x in ("--option", o)]
    r = run_soak(args.bin, args.seconds, args.connections, args.warmup, args.max_requests,
                 args.python, args.slack, options)
    print(report(r))
    if r["emulator_stderr"].strip():
        print("--- emulator stderr (tail)\n" + r["emulator_stderr"])
    return 1 if r["errors"] or r["stuck"] else 0


if __name__ == "__main__":
    sys.exit(main())
