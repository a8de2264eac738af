"""Crash safety with --data-dir: concurrent writers (DynamoDB PutItem, SQS SendMessage, Cognito
SignUp) and SQS receivers run, each on its own plain boto3 client with retries off, while the test
kill -9s the emulator at a random moment, restarts it on the same data dir, and does it again.
After every kill the SQLite files in the data dir pass `PRAGMA integrity_check` (checked on a copy,
so the emulator's own WAL recovery still gets the files as the kill left them). At the end:

- every write answered 200 before a kill is there after it, with what was written; a write whose
  answer never came (the kill cut it off) may or may not be there, and nothing else is;
- SQS: every acknowledged SendMessage is received, and no MessageId twice; a message received
  with a 300 s visibility timeout before a kill is never received again while it holds (not after
  the restart, not by a concurrent receiver), and its receipt handle still extends its visibility
  and deletes it after the restart; the messages unaccounted for are exactly those still in flight,
  no more than the receives that got no answer asked for.

The kill moments come from a seeded RNG; the seed is in every failure message and
PREFLIGHT_CRASH_SEED=<seed> replays it. `pytest -s` prints a one-line summary of the figures."""

import hashlib
import os
import random
import shutil
import sqlite3
import threading
import time

import boto3
import botocore.exceptions
from botocore.config import Config

from cognito_helpers import PASSWORD
from ddb_helpers import create_table

CYCLES = 6
MAX_KILL_DELAY = 1.5     # seconds after every worker's first answered request
VISIBILITY = 300         # seconds; far longer than the test, so no redelivery is ever due
DUE_MARGIN = 30          # a second receive this much short of the timeout is already a bug
TOP_UP = 300             # messages sent to the receivers' queue before each cycle
WRITERS = {"dynamodb": 2, "sqs-send": 2, "cognito": 1}
RECEIVERS = 2
CLIENT_OF = {"dynamodb": "dynamodb", "sqs-send": "sqs", "cognito": "cognito-idp",
             "sqs-receive": "sqs"}
SQLITE_MAGIC = b"SQLite format 3\x00"


def plain_client(emulator, service):
    """A boto3 client that never retries: a write counts as acknowledged only when its own
    request was answered 200."""
    return boto3.client(service, endpoint_url=emulator.url, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 0}, connect_timeout=5,
                                      read_timeout=30))


def payload(key):
    """What a PutItem for this key writes: 1 KiB, so the WAL grows and checkpoints under load."""
    return hashlib.sha256(key.encode()).hexdigest() * 16


class Ledger:
    """What the clients saw. acked[service]: key -> value for writes answered 200; maybe[service]:
    keys of writes sent but never answered. received: MessageId -> [(time, body, handle)] for
    answered receives; held[cycle]: the messages received (and not deleted) in that cycle."""

    def __init__(self, tag):
        self.tag = tag
        self.lock = threading.Lock()
        self.acked = {s: {} for s in [*WRITERS, "sqs-receive"]}
        self.maybe = {s: set() for s in self.acked}
        self.unanswered_receive_capacity = 0
        self.received = {}
        self.held = {}
        self.errors = []

    def error(self, text):
        with self.lock:
            self.errors.append(text)

    def check(self):
        with self.lock:
            assert not self.errors, f"{self.tag}: {self.errors[:5]}"


class Cycle:
    """One run of the workers against one emulator, ended by kill -9."""

    def __init__(self, number, emulator, ledger, rng, urls, pool_client):
        self.number = number
        self.emulator = emulator
        self.ledger = ledger
        self.rng = rng
        self.urls = urls
        self.pool_client = pool_client
        self.stop = threading.Event()
        self.killed_at = None  # time.monotonic() just before SIGKILL
        self.threads, self.ready = [], []

    def add(self, target, service, name):
        # boto3 client creation is not thread-safe: made here, used in one thread only.
        client = plain_client(self.emulator, CLIENT_OF[service])
        ready = threading.Event()
        thread = threading.Thread(target=target, args=(client, service, name, ready), daemon=True)
        self.threads.append(thread)
        self.ready.append(ready)

    def write_once(self, client, service, key):
        if service == "dynamodb":
            client.put_item(TableName="crash", Item={
                "pk": {"S": key}, "payload": {"S": payload(key)}, "cycle": {"N": str(self.number)}})
            return payload(key)
        if service == "sqs-send":
            return client.send_message(QueueUrl=self.urls["sent"], MessageBody=key)["MessageId"]
        return client.sign_up(ClientId=self.pool_client, Username=key, Password=PASSWORD,
                              UserAttributes=[{"Name": "email", "Value": f"{key}@example.com"}]
                              )["UserSub"]

    def failed(self, service, what, exc):
        """A request that raised: the kill's doing only if it failed after the kill began."""
        if isinstance(exc, botocore.exceptions.ClientError):
            self.ledger.error(f"{service} {what} answered {exc.response['Error']}")
            return False
        if not isinstance(exc, botocore.exceptions.BotoCoreError):
            self.ledger.error(f"{service} {what}: {exc!r}")
            return False
        killed_at = self.killed_at
        if killed_at is None or time.monotonic() < killed_at:
            self.ledger.error(f"{service} {what} got no answer while the emulator was up: {exc!r}")
            return False
        return True

    def writer(self, client, service, name, ready):
        n = 0
        while not self.stop.is_set():
            key = f"c{self.number}-{name}-{n}"
            n += 1
            try:
                value = self.write_once(client, service, key)
            except Exception as e:  # noqa: BLE001 - sorted out by failed()
                if self.failed(service, key, e):
                    with self.ledger.lock:
                        self.ledger.maybe[service].add(key)
                return
            with self.ledger.lock:
                self.ledger.acked[service][key] = value
            ready.set()

    def receiver(self, client, service, name, ready):
        rng = random.Random(f"{self.ledger.tag}-{self.number}-{name}")
        while not self.stop.is_set():
            wanted = rng.randint(1, 10)
            try:
                messages = client.receive_message(QueueUrl=self.urls["inflight"],
                                                  MaxNumberOfMessages=wanted,
                                                  VisibilityTimeout=VISIBILITY).get("Messages", [])
            except Exception as e:  # noqa: BLE001 - sorted out by failed()
                if self.failed(service, f"ReceiveMessage by {name}", e):
                    with self.ledger.lock:
                        self.ledger.unanswered_receive_capacity += wanted
                return
            now = time.time()
            with self.ledger.lock:
                for m in messages:
                    self.ledger.received.setdefault(m["MessageId"], []).append(
                        (now, m["Body"], m["ReceiptHandle"]))
                    self.ledger.held.setdefault(self.number, []).append(m)
                    self.ledger.acked[service][m["MessageId"]] = m["Body"]
            if messages:
                ready.set()
            time.sleep(0.05)

    def run(self):
        """Starts every worker, waits until each has had an answer, kills the emulator after a
        random delay and collects the workers. Returns the delay."""
        for service, count in WRITERS.items():
            for i in range(count):
                self.add(self.writer, service, f"{service}{i}")
        for i in range(RECEIVERS):
            self.add(self.receiver, "sqs-receive", f"receiver{i}")
        for t in self.threads:
            t.start()
        deadline = time.monotonic() + 60
        while not all(r.is_set() for r in self.ready) and time.monotonic() < deadline:
            with self.ledger.lock:
                if self.ledger.errors:
                    break
            time.sleep(0.01)
        self.ledger.check()
        assert all(r.is_set() for r in self.ready), f"{self.ledger.tag}: a worker got no answer"
        delay = self.rng.uniform(0, MAX_KILL_DELAY)
        time.sleep(delay)
        self.killed_at = time.monotonic()
        self.emulator.kill()
        self.stop.set()
        for t in self.threads:
            t.join(60)
        assert not any(t.is_alive() for t in self.threads), f"{self.ledger.tag}: a worker hung"
        self.ledger.check()
        return delay


def database_files(data_dir):
    """The SQLite databases the emulator keeps under data_dir."""
    found = []
    for root, _, files in os.walk(data_dir):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                if f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                    found.append(path)
    return sorted(found)


def check_databases(data_dir, scratch, tag):
    """PRAGMA integrity_check (and foreign_key_check) on a copy of each database with its WAL,
    taken while the emulator is down. Returns the largest WAL found, in bytes."""
    databases = database_files(data_dir)
    assert databases, f"{tag}: no SQLite database in {data_dir}"
    largest_wal = 0
    for db in databases:
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        copy = os.path.join(scratch, os.path.basename(db))
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                shutil.copyfile(db + suffix, copy + suffix)
        if os.path.exists(db + "-wal"):
            largest_wal = max(largest_wal, os.path.getsize(db + "-wal"))
        con = sqlite3.connect(copy)
        try:
            integrity = con.execute("PRAGMA integrity_check").fetchall()
            foreign = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
        assert integrity == [("ok",)], f"{tag}: {os.path.relpath(db, data_dir)}: {integrity[:5]}"
        assert foreign == [], f"{tag}: {os.path.relpath(db, data_dir)}: {foreign[:5]}"
    return largest_wal


def batches(items, size=10):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def check_held(sqs, url, held, tag):
    """Messages received before the kill: still in flight after the restart, their receipt
    handles extend the visibility and delete them, and then they are gone."""
    for chunk in batches(held):
        entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)]
        res = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {**e, "VisibilityTimeout": VISIBILITY} for e in entries])
        failed = res.get("Failed", [])
        assert not failed, f"{tag}: in-flight messages lost their receipts: {failed[:3]}"
        res = sqs.delete_message_batch(QueueUrl=url, Entries=entries)
        assert not res.get("Failed"), f"{tag}: {res['Failed']}"
        res = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {**e, "VisibilityTimeout": VISIBILITY} for e in entries])
        assert len(res.get("Failed", [])) == len(chunk), f"{tag}: a deleted message is still there"


def receive_all(sqs, url, tag, limit):
    """Receives (with the long visibility timeout) until two empty answers in a row."""
    seen, empty = [], 0
    while empty < 2:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                       VisibilityTimeout=VISIBILITY).get("Messages", [])
        seen += messages
        empty = 0 if messages else empty + 1
        assert len(seen) <= limit, f"{tag}: receiving forever: messages are being redelivered"
    return seen


def redelivered(received):
    """'' when no MessageId was received twice while the first receive's visibility timeout
    still held; else a description of those that were."""
    early = {}
    for message_id, receipts in received.items():
        times = sorted(t for t, _, _ in receipts)
        gaps = [b - a for a, b in zip(times, times[1:]) if b - a < VISIBILITY - DUE_MARGIN]
        if gaps:
            early[message_id] = [round(g, 3) for g in gaps]
    if not early:
        return ""
    return (f"{len(early)} messages received again within the visibility timeout (seconds after "
            f"the first receive), e.g. {dict(list(early.items())[:5])}")


def test_acknowledged_writes_survive_kill_9_at_random_moments(start_emulator, tmp_path):
    seed = int(os.environ.get("PREFLIGHT_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    tag = f"seed {seed} (replay with PREFLIGHT_CRASH_SEED={seed})"
    data, scratch = str(tmp_path / "data"), str(tmp_path / "check")
    began = time.monotonic()

    def start():
        return start_emulator("--option", "cognito.password-hash-iterations=1", data_dir=data)

    emulator = start()
    ddb, sqs, idp = (plain_client(emulator, s) for s in ("dynamodb", "sqs", "cognito-idp"))
    create_table(ddb, "crash")
    urls = {name: sqs.create_queue(QueueName=name)["QueueUrl"] for name in ("sent", "inflight")}
    pool = idp.create_user_pool(PoolName="crash")["UserPool"]["Id"]
    pool_client = idp.create_user_pool_client(UserPoolId=pool, ClientName="app")[
        "UserPoolClient"]["ClientId"]

    ledger = Ledger(tag)
    topped_up = {}  # MessageId -> body, every one answered 200
    delays, largest_wal = [], 0
    for number in range(CYCLES):
        ctag = f"{tag}, cycle {number}"
        if number:
            check_held(sqs, urls["inflight"], ledger.held.pop(number - 1, []), ctag)
        for chunk in batches([f"inflight-c{number}-{i}" for i in range(TOP_UP)]):
            res = sqs.send_message_batch(QueueUrl=urls["inflight"], Entries=[
                {"Id": str(i), "MessageBody": body} for i, body in enumerate(chunk)])
            assert not res.get("Failed"), f"{ctag}: {res['Failed']}"
            topped_up.update((e["MessageId"], chunk[int(e["Id"])]) for e in res["Successful"])

        delays.append(Cycle(number, emulator, ledger, rng, urls, pool_client).run())
        largest_wal = max(largest_wal, check_databases(data, scratch, ctag))
        early = redelivered(ledger.received)
        assert not early, f"{ctag}: {early}"

        emulator = start()
        ddb, sqs, idp = (plain_client(emulator, s) for s in ("dynamodb", "sqs", "cognito-idp"))
    check_held(sqs, urls["inflight"], ledger.held.pop(CYCLES - 1, []), f"{tag}, after the last")

    acked, maybe = ledger.acked, ledger.maybe

    # DynamoDB: every acknowledged PutItem, with its payload; nothing that was never sent.
    items = {}
    for page in ddb.get_paginator("scan").paginate(TableName="crash", ConsistentRead=True):
        for item in page["Items"]:
            items[item["pk"]["S"]] = item["payload"]["S"]
    lost = sorted(set(acked["dynamodb"]) - set(items))
    assert not lost, f"{tag}: {len(lost)} acknowledged PutItems lost, e.g. {lost[:5]}"
    assert all(items[k] == v for k, v in acked["dynamodb"].items()), tag
    assert set(items) - set(acked["dynamodb"]) <= maybe["dynamodb"], tag

    # Cognito: every acknowledged SignUp, with the sub it was given.
    users = {}
    for page in idp.get_paginator("list_users").paginate(UserPoolId=pool):
        for user in page["Users"]:
            users[user["Username"]] = {a["Name"]: a["Value"] for a in user["Attributes"]}["sub"]
    lost = sorted(set(acked["cognito"]) - set(users))
    assert not lost, f"{tag}: {len(lost)} acknowledged SignUps lost, e.g. {lost[:5]}"
    assert all(users[k] == sub for k, sub in acked["cognito"].items()), tag
    assert set(users) - set(acked["cognito"]) <= maybe["cognito"], tag

    # SQS sends: every acknowledged MessageId received, none twice, nothing never sent.
    sent = acked["sqs-send"]
    got = receive_all(sqs, urls["sent"], tag, limit=len(sent) + len(maybe["sqs-send"]))
    ids = [m["MessageId"] for m in got]
    assert len(ids) == len(set(ids)), f"{tag}: a sent message was delivered twice"
    found = {m["Body"]: m["MessageId"] for m in got}
    lost = sorted(set(sent) - set(found))
    assert not lost, f"{tag}: {len(lost)} acknowledged SendMessages lost, e.g. {lost[:5]}"
    assert all(found[body] == message_id for body, message_id in sent.items()), tag
    assert set(found) - set(sent) <= maybe["sqs-send"], tag

    # SQS in flight: the rest of the receivers' queue turns up once, after every receipt above;
    # what is still missing is in flight from receives that got no answer, and no more.
    rest = receive_all(sqs, urls["inflight"], tag, limit=len(topped_up))
    now = time.time()
    for m in rest:
        ledger.received.setdefault(m["MessageId"], []).append((now, m["Body"], m["ReceiptHandle"]))
    early = redelivered(ledger.received)
    assert not early, f"{tag}: {early}"
    for chunk in batches(rest):
        res = sqs.delete_message_batch(QueueUrl=urls["inflight"], Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(chunk)])
        assert not res.get("Failed"), f"{tag}: {res['Failed']}"
    assert all(topped_up.get(i) == r[0][1] for i, r in ledger.received.items()), \
        f"{tag}: received a message that was never sent, or with another body"
    unaccounted = set(topped_up) - set(ledger.received)
    assert len(unaccounted) <= ledger.unanswered_receive_capacity, tag
    counts = sqs.get_queue_attributes(QueueUrl=urls["inflight"], AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    assert counts == {"ApproximateNumberOfMessages": "0",
                      "ApproximateNumberOfMessagesNotVisible": str(len(unaccounted))}, tag

    unanswered = sum(len(keys) for keys in maybe.values())
    print(f"\ncrash-safety: seed {seed}, {CYCLES} cycles, {CYCLES} kill -9s after "
          f"{min(delays):.2f}-{max(delays):.2f} s; acknowledged: {len(acked['dynamodb'])} PutItem, "
          f"{len(sent)} SendMessage, {len(acked['cognito'])} SignUp, "
          f"{len(acked['sqs-receive'])} messages received and held across a kill; "
          f"{unanswered} writes and {ledger.unanswered_receive_capacity} receive slots unanswered; "
          f"WAL up to {largest_wal // 1024} KiB at a kill; integrity_check ok x{CYCLES}; "
          f"{time.monotonic() - began:.1f} s")
