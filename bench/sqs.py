#!/usr/bin/env python3
"""SQS benchmark for Preflight; prints figures, asserts nothing.

  send        SendMessage (one message) and SendMessageBatch (10 messages) over keep-alive
              connections, in memory and with --data-dir: requests/s, messages/s, p50/p99, and
              the CPU the emulator and the load generator used (to show which one is the limit)
  receive     Receive+Delete on a queue pre-filled with --prefill messages (SendMessageBatch): each
              connection loops ReceiveMessage (MaxNumberOfMessages=10, VisibilityTimeout=60,
              WaitTimeSeconds=0), then DeleteMessageBatch of the receipt handles that answer
              carried, in memory and with --data-dir: receive calls/s, messages received and
              deleted/s, p50/p99 of the receives and of the deletes, how much of the queue was
              consumed (checked against the queue's own counts), messages received twice
  wake        long-poll wake latency: a ReceiveMessage waits (WaitTimeSeconds=20) on an empty
              queue, another connection sends; time from the send's answer to the receive's
              answer (median / p99 over --trials)
  idle        --pollers idle long pollers (raw sockets, each with a pending ReceiveMessage,
              WaitTimeSeconds=20, on empty queues): the emulator's CPU time over --idle-seconds
              (utime + stime from /proc/PID/stat, and per-thread schedstat in ns) and its RSS

Requests are unsigned awsJson 1.0 (X-Amz-Target: AmazonSQS.*), which the emulator accepts
without --strict-auth, written to raw sockets: built once for the sends, from each receive's
answer for the deletes. The load generator is Python that multiplexes its connections with
poll(), in --procs processes (default: one per core) sharing --connections (default 32) between
them; the "gen CPU" column shows what it used, "emu CPU" whether the emulator's event loop was
saturated (~100%: the emulator is the limit, not the Python client). On a 2-core machine the
generator and the emulator share the cores.

Usage: bench/sqs.py [--build build] [--duration 5] [--procs N] [--connections 32]
                    [--prefill 200000] [--trials 200] [--pollers 1000] [--idle-seconds 10]
"""

import argparse
import json
import os
import resource
import select
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from benchlib import (CLK_TCK, Connection, aws_json_request, cpu_seconds,  # noqa: E402
                      first_error, own_cpu_seconds, percentile, polled_connections,
                      request_loop, responses, rss_mib, run_load, run_ns, sample,
                      split_connections, start_emulator, stop_server)

ACCOUNT = "000000000000"


def request_bytes(port, op, payload):
    return aws_json_request(port, f"AmazonSQS.{op}", payload)


def call(port, op, payload):
    conn = Connection(port)
    try:
        status, body = conn.call(request_bytes(port, op, payload))
    finally:
        conn.close()
    if status != 200:
        raise RuntimeError(f"{op}: {status} {body[:300]!r}")
    return json.loads(body)


def create_queue(port, name, **attributes):
    return call(port, "CreateQueue", {"QueueName": name, "Attributes": attributes})["QueueUrl"]


# ---- (a) send throughput ----

def bench_send(port, pid, label, requests, messages_per_request, args):
    outs, emulator_cpu = run_load(pid, label, request_loop,
                                  (port, requests, args.duration, "send"), args)
    n = sum(o[0] for o in outs)
    errors = sum(o[1] for o in outs)
    elapsed = max(o[2] for o in outs)
    client_cpu = sum(o[3] for o in outs)
    latencies = [x for o in outs for x in o[4]]
    rps = n / elapsed
    return {
        "label": label, "rps": rps, "mps": rps * messages_per_request, "errors": errors,
        "p50_ms": percentile(latencies, 0.50) * 1e3, "p99_ms": percentile(latencies, 0.99) * 1e3,
        "emulator_cpu": emulator_cpu, "client_cpu": client_cpu / elapsed,
        "rss": rss_mib(pid), "examples": [x for o in outs for x in o[5]],
    }


def send_requests(port, url, batch):
    reqs = []
    for i in range(64):
        if batch:
            reqs.append(request_bytes(port, "SendMessageBatch", {"QueueUrl": url, "Entries": [
                {"Id": str(k), "MessageBody": f"bench message {i}-{k} with some payload text"}
                for k in range(10)]}))
        else:
            reqs.append(request_bytes(port, "SendMessage", {
                "QueueUrl": url, "MessageBody": f"bench message {i} with some payload text"}))
    return reqs


# ---- (b) receive + delete ----

def prefill(port, url, count, connections=16):
    """count messages (rounded up to tens) into url by SendMessageBatch, over keep-alive
    connections from this process; returns the messages sent and the seconds it took."""
    requests = send_requests(port, url, True)
    todo = -(-count // 10)
    conns, poller, by_fd = polled_connections(port, min(connections, todo))
    began = time.perf_counter()
    sent, done, outstanding = 0, 0, 0
    try:
        for c in conns:
            c.send(requests[sent % len(requests)])
            sent += 1
            outstanding += 1
        while outstanding:
            ready = poller.poll(30000)
            if not ready:
                raise RuntimeError("prefill: no answer within 30 s")
            for fd, _ in ready:
                c = by_fd[fd]
                c.fill()
                res = c.take()
                if res is None:
                    continue
                outstanding -= 1
                if res[0] != 200 or json.loads(res[1]).get("Failed"):
                    raise RuntimeError(f"prefill SendMessageBatch: {res[0]} {res[1][:300]!r}")
                done += 1
                if sent < todo:
                    c.send(requests[sent % len(requests)])
                    sent += 1
                    outstanding += 1
    finally:
        for c in conns:
            c.close()
    return done * 10, time.perf_counter() - began


def receive_delete_loop(port, url, duration, connections, barrier):
    """Each connection: ReceiveMessage (up to 10), then DeleteMessageBatch of the handles that
    answer carried, built from it; a receive answered after the end still gets its delete, so
    every message received is deleted (unless the delete fails)."""
    conns, poller, by_fd = polled_connections(port, connections)
    receive = request_bytes(port, "ReceiveMessage", {
        "QueueUrl": url, "MaxNumberOfMessages": 10, "VisibilityTimeout": 60,
        "WaitTimeSeconds": 0})
    receive_latencies, delete_latencies, message_ids, examples = [], [], [], []
    n = {"receives": 0, "deletes": 0, "received": 0, "deleted": 0, "empty": 0, "errors": 0,
         "failed": 0}
    barrier.wait()
    began = time.perf_counter()
    stop = began + duration
    pending = {}  # fd -> ("receive" | "delete", sent at)
    for c in conns:
        pending[c.fileno()] = ("receive", time.perf_counter())
        c.send(receive)
    cpu0 = own_cpu_seconds()
    while pending:
        for fd, c, res in responses(poller, by_fd):
            now = time.perf_counter()
            op, sent_at = pending.pop(fd)
            status, body = res
            if op == "receive":
                receive_latencies.append(now - sent_at)
                n["receives"] += 1
                if status != 200:
                    n["errors"] += 1
                    first_error(examples, "ReceiveMessage", status, body)
                    messages = []
                else:
                    messages = json.loads(body).get("Messages", [])
                    n["empty"] += not messages
                if messages:
                    n["received"] += len(messages)
                    message_ids.extend(m["MessageId"] for m in messages)
                    entries = [{"Id": str(k), "ReceiptHandle": m["ReceiptHandle"]}
                               for k, m in enumerate(messages)]
                    delete = request_bytes(port, "DeleteMessageBatch",
                                           {"QueueUrl": url, "Entries": entries})
                    pending[fd] = ("delete", time.perf_counter())
                    c.send(delete)
                    continue
            else:
                delete_latencies.append(now - sent_at)
                n["deletes"] += 1
                if status != 200:
                    n["errors"] += 1
                    first_error(examples, "DeleteMessageBatch", status, body)
                else:
                    out = json.loads(body)
                    n["deleted"] += len(out.get("Successful", []))
                    n["failed"] += len(out.get("Failed", []))
                    if out.get("Failed"):
                        first_error(examples, "DeleteMessageBatch Failed", status, body)
            if now < stop:
                pending[fd] = ("receive", time.perf_counter())
                c.send(receive)
    elapsed = time.perf_counter() - began
    cpu = own_cpu_seconds() - cpu0
    for c in conns:
        c.close()
    return (n, elapsed, cpu, sample(receive_latencies), sample(delete_latencies), message_ids,
            examples)


def queue_counts(port, url):
    attributes = call(port, "GetQueueAttributes", {"QueueUrl": url, "AttributeNames": [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]})["Attributes"]
    return (int(attributes["ApproximateNumberOfMessages"]),
            int(attributes["ApproximateNumberOfMessagesNotVisible"]))


def bench_receive_delete(port, pid, url, filled, args):
    outs, emulator_cpu = run_load(pid, "Receive+Delete", receive_delete_loop,
                                  (port, url, args.duration), args)
    n = {k: sum(o[0][k] for o in outs) for k in outs[0][0]}
    elapsed = max(o[1] for o in outs)
    receives = [x for o in outs for x in o[3]]
    deletes = [x for o in outs for x in o[4]] or [float("nan")]
    ids = [x for o in outs for x in o[5]]
    visible, in_flight = queue_counts(port, url)
    return {
        **n, "receive_rps": n["receives"] / elapsed, "delete_rps": n["deletes"] / elapsed,
        "mps": n["deleted"] / elapsed, "elapsed": elapsed,
        "receive_p50_ms": percentile(receives, 0.50) * 1e3,
        "receive_p99_ms": percentile(receives, 0.99) * 1e3,
        "delete_p50_ms": percentile(deletes, 0.50) * 1e3,
        "delete_p99_ms": percentile(deletes, 0.99) * 1e3,
        "emulator_cpu": emulator_cpu, "client_cpu": sum(o[2] for o in outs) / elapsed,
        "rss": rss_mib(pid), "twice": len(ids) - len(set(ids)), "visible": visible,
        "in_flight": in_flight, "consumed": filled - visible - in_flight,
        "examples": [x for o in outs for x in o[6]],
    }


# ---- (c) long-poll wake latency ----

def bench_wake(port, trials):
    url = create_queue(port, "wake", VisibilityTimeout="60")
    receiver, sender = Connection(port), Connection(port)
    receive = request_bytes(port, "ReceiveMessage", {"QueueUrl": url, "WaitTimeSeconds": 20,
                                                     "MaxNumberOfMessages": 1})
    send = request_bytes(port, "SendMessage", {"QueueUrl": url, "MessageBody": "wake"})
    poller = select.poll()
    poller.register(receiver.fileno(), select.POLLIN)
    poller.register(sender.fileno(), select.POLLIN)
    rtt, wake, added, lost = [], [], [], 0
    try:
        for _ in range(trials):
            receiver.send(receive)
            time.sleep(0.005)  # let the receive park before the message exists
            t0 = time.perf_counter()
            sender.send(send)
            t_send = t_recv = None
            got = None
            while t_send is None or t_recv is None:
                ready = poller.poll(25000)
                if not ready:
                    raise RuntimeError("no answer within 25 s")
                now = time.perf_counter()
                for fd, _ in ready:
                    conn = receiver if fd == receiver.fileno() else sender
                    conn.fill()
                    res = conn.take()
                    if res is None:
                        continue
                    if conn is sender:
                        t_send = now
                    else:
                        t_recv, got = now, res
            messages = json.loads(got[1]).get("Messages", [])
            if got[0] != 200 or len(messages) != 1:
                lost += 1
                continue
            rtt.append(t_send - t0)
            wake.append(t_recv - t0)
            added.append(t_recv - t_send)
            status, _ = sender.call(request_bytes(port, "DeleteMessage", {
                "QueueUrl": url, "ReceiptHandle": messages[0]["ReceiptHandle"]}))
            if status != 200:
                raise RuntimeError(f"DeleteMessage: {status}")
    finally:
        receiver.close()
        sender.close()
    return rtt, wake, added, lost


# ---- (d) idle long pollers ----

def bench_idle(port, pid, pollers, seconds, queues=100):
    urls = [create_queue(port, f"idle-{q}") for q in range(queues)]
    rss_before = rss_mib(pid)
    conns = []
    try:
        for i in range(pollers):
            c = Connection(port)
            c.send(request_bytes(port, "ReceiveMessage", {"QueueUrl": urls[i % queues],
                                                          "WaitTimeSeconds": 20}))
            conns.append(c)
        time.sleep(1.0)  # every request read and parked
        rss_waiting = rss_mib(pid)
        cpu0, ns0, t0 = cpu_seconds(pid), run_ns(pid), time.monotonic()
        time.sleep(seconds)
        cpu1, ns1, t1 = cpu_seconds(pid), run_ns(pid), time.monotonic()
        answered_early = sum(1 for c in conns
                             if select.select([c.sock], [], [], 0)[0])
        # While they wait, an unrelated request is still answered at once ...
        probe = create_queue(port, "idle-probe")
        began = time.perf_counter()
        call(port, "SendMessage", {"QueueUrl": probe, "MessageBody": "probe"})
        probe_ms = (time.perf_counter() - began) * 1e3
        # ... and a send to one polled queue wakes exactly one of its pollers.
        call(port, "SendMessage", {"QueueUrl": urls[0], "MessageBody": "wake one"})
        woken_ready = select.select([c.sock for c in conns[::queues]], [], [], 2.0)[0]
        time.sleep(0.05)
        woken_ready = select.select([c.sock for c in conns[::queues]], [], [], 0)[0]
        woken = 0
        for sock in woken_ready:
            conn = next(c for c in conns if c.sock is sock)
            conn.fill()
            res = conn.read()
            woken += len(json.loads(res[1]).get("Messages", []))
    finally:
        for c in conns:
            c.close()
    return {"cpu_ms": (cpu1 - cpu0) * 1e3, "run_us": (ns1 - ns0) / 1e3, "seconds": t1 - t0,
            "rss_before": rss_before, "rss_waiting": rss_waiting, "answered_early": answered_early,
            "probe_ms": probe_ms, "woken": woken, "woken_sockets": len(woken_ready),
            "per_queue": len(conns[::queues])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--duration", type=float, default=5)
    ap.add_argument("--procs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--connections", type=int, default=32,
                    help="keep-alive connections in all, shared by the load processes")
    ap.add_argument("--prefill", type=int, default=200000,
                    help="messages in the queue before Receive+Delete")
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--pollers", type=int, default=1000)
    ap.add_argument("--idle-seconds", type=float, default=10)
    args = ap.parse_args()
    binary = os.path.join(args.build, "preflight")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = args.pollers + 256
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(need, soft)), hard))
    began = time.monotonic()

    shares = [n for n in split_connections(args.connections, args.procs) if n > 0]
    spread = f"{args.connections} keep-alive connections over {len(shares)} load processes " \
             f"({'+'.join(map(str, shares))})"
    print(f"(a) send throughput: {spread}, {args.duration:g} s each")
    print(f"{'state':>9} {'operation':>17} {'req/s':>8} {'msg/s':>8} {'p50 ms':>7} "
          f"{'p99 ms':>7} {'non-200':>7} {'emu CPU':>7} {'gen CPU':>7} {'RSS MiB':>7}")
    for state in ("memory", "data-dir"):
        data_dir = tempfile.mkdtemp(prefix="preflight-bench-sqs-") if state == "data-dir" else None
        proc, port = start_emulator(binary, data_dir=data_dir)
        try:
            for op, batch in (("SendMessage", False), ("SendMessageBatch", True)):
                url = create_queue(port, f"{op.lower()}-{state}")
                r = bench_send(port, proc.pid, op, send_requests(port, url, batch),
                               10 if batch else 1, args)
                print(f"{state:>9} {op:>17} {r['rps']:>8.0f} {r['mps']:>8.0f} "
                      f"{r['p50_ms']:>7.2f} {r['p99_ms']:>7.2f} {r['errors']:>7} "
                      f"{r['emulator_cpu']:>6.0%} {r['client_cpu']:>6.0%} {r['rss']:>7.1f}")
                for example in r["examples"]:
                    print(f"  non-200: {example}")
        except Exception:
            print(f"failed; the emulator's exit status: {proc.poll()}", file=sys.stderr)
            raise
        finally:
            stop_server(proc)
            if data_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
    print("  emu CPU: the emulator's CPU time / wall time (100% = its event-loop thread saturated);"
          "\n  gen CPU: the Python load generator's, summed over its processes.")

    print(f"\n(b) Receive+Delete: ReceiveMessage (10, VisibilityTimeout=60, WaitTimeSeconds=0) "
          f"then DeleteMessageBatch\n    of its handles, {spread}, {args.duration:g} s, on a "
          f"queue pre-filled with {args.prefill} messages")
    print(f"{'state':>9} {'recv/s':>7} {'del/s':>7} {'msg/s':>7} {'recv p50':>8} "
          f"{'recv p99':>8} {'del p50':>7} {'del p99':>7} {'non-200':>7} {'emu CPU':>7} "
          f"{'gen CPU':>7} {'RSS MiB':>7}")
    notes = []
    for state in ("memory", "data-dir"):
        data_dir = tempfile.mkdtemp(prefix="preflight-bench-sqs-") if state == "data-dir" else None
        proc, port = start_emulator(binary, data_dir=data_dir)
        try:
            url = create_queue(port, f"receive-{state}")
            filled, fill_seconds = prefill(port, url, args.prefill)
            r = bench_receive_delete(port, proc.pid, url, filled, args)
            print(f"{state:>9} {r['receive_rps']:>7.0f} {r['delete_rps']:>7.0f} {r['mps']:>7.0f} "
                  f"{r['receive_p50_ms']:>8.2f} {r['receive_p99_ms']:>8.2f} "
                  f"{r['delete_p50_ms']:>7.2f} {r['delete_p99_ms']:>7.2f} {r['errors']:>7} "
                  f"{r['emulator_cpu']:>6.0%} {r['client_cpu']:>6.0%} {r['rss']:>7.1f}")
            check = "= deleted" if r["consumed"] == r["deleted"] else \
                f"!= {r['deleted']} deleted"
            notes.append(
                f"  {state}: pre-filled {filled} messages in {fill_seconds:.1f} s "
                f"({filled / fill_seconds:.0f} msg/s); consumed {r['consumed']} ({check}), "
                f"{r['visible']} left, {r['in_flight']} in flight;\n    {r['receives']} receives "
                f"got {r['received']} messages ({r['received'] / max(1, r['receives']):.2f} each, "
                f"{r['empty']} empty), {r['failed']} delete entries Failed, "
                f"{r['twice']} messages received twice")
            if r["empty"] and not r["visible"]:
                notes.append(f"  {state}: the queue ran dry: raise --prefill for these figures")
            notes += [f"  {state} non-200: {example}" for example in r["examples"]]
        except Exception:
            print(f"failed; the emulator's exit status: {proc.poll()}", file=sys.stderr)
            raise
        finally:
            stop_server(proc)
            if data_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
    print("\n".join(notes))
    print("  recv/s, del/s: calls; msg/s: messages received and deleted (by DeleteMessageBatch's "
          "Successful);\n  latencies in ms; the pre-fill is not timed into them.")

    proc, port = start_emulator(binary)
    try:
        rtt, wake, added, lost = bench_wake(port, args.trials)
        print(f"\n(c) long-poll wake latency, {len(added)} trials ({lost} without a message), "
              "in microseconds")
        print(f"{'':>34} {'median':>8} {'p99':>8}")
        for name, values in (("SendMessage round trip", rtt),
                             ("send start -> receive answered", wake),
                             ("send answered -> receive answered", added)):
            print(f"{name:>34} {statistics.median(values) * 1e6:>8.0f} "
                  f"{percentile(values, 0.99) * 1e6:>8.0f}")
    finally:
        stop_server(proc)

    proc, port = start_emulator(binary)
    try:
        r = bench_idle(port, proc.pid, args.pollers, args.idle_seconds)
        print(f"\n(d) {args.pollers} idle long pollers (WaitTimeSeconds=20) on 100 empty queues")
        print(f"  emulator CPU time over {r['seconds']:.1f} s of waiting: {r['cpu_ms']:.0f} ms "
              f"utime+stime ({1000 / CLK_TCK:.0f} ms ticks), {r['run_us']:.0f} us on CPU by "
              f"schedstat ({r['run_us'] / 1e4 / r['seconds']:.4f}% of a core)")
        print(f"  RSS: {r['rss_before']:.1f} MiB before the pollers, "
              f"{r['rss_waiting']:.1f} MiB with them waiting "
              f"({(r['rss_waiting'] - r['rss_before']) * 1024 / args.pollers:.1f} KiB each)")
        print(f"  pollers answered before their 20 s were up: {r['answered_early']}")
        print(f"  SendMessage to another queue meanwhile (new connection): "
              f"{r['probe_ms']:.2f} ms")
        print(f"  one send to a queue with {r['per_queue']} pollers: "
              f"{r['woken']} message(s) delivered to {r['woken_sockets']} poller(s)")
    finally:
        stop_server(proc)
    print(f"\ntotal {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
