"""Shared helpers for the Python benchmarks in bench/ (sqs.py, cognito.py, dynamodb.py, core.py).

  processes   start_server / start_emulator (`preflight serve --port 0`, port from its first
              line, "preflight ready on http://127.0.0.1:PORT"), stop_server
  /proc       cpu_seconds, run_ns, rss_mib
  raw HTTP    aws_json_request (awsJson request bytes), Connection (keep-alive HTTP/1.1,
              Content-Length responses)
  load        polled_connections, responses, own_cpu_seconds, request_loop (keeps connections
              busy with prepared requests), run_load (a loop in several processes, started
              together), split_connections, first_error, sample
  figures     percentile

The scripts run as `bench/NAME.py` and import this module from their own directory.
"""

import io
import json
import multiprocessing
import os
import re
import resource
import select
import socket
import subprocess
import time
import zipfile

CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---- processes ----

def start_server(cmd, timeout=15, stderr=subprocess.DEVNULL):
    """Runs cmd, a server that prints the address it listens on (ending in ":PORT") as its first
    line of stdout; returns (proc, port). Raises, after stopping it, if that line does not come
    within timeout seconds."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    line = proc.stdout.readline() if ready else ""
    match = re.search(r":(\d+)\s*$", line)
    if not match:
        stop_server(proc)
        raise RuntimeError(f"emulator did not start: {line!r}")
    return proc, int(match.group(1))


def start_emulator(binary, *options, data_dir=None, **kwargs):
    """`binary serve --port 0 --log-format off [--data-dir DIR] OPTIONS...`; returns (proc, port).
    kwargs go to start_server (timeout, stderr)."""
    cmd = [binary, "serve", "--port", "0", "--log-format", "off"]
    if data_dir:
        cmd += ["--data-dir", data_dir]
    return start_server(cmd + list(options), **kwargs)


def stop_server(proc):
    """SIGTERM, then SIGKILL if it has not exited within 30 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


# ---- /proc ----

def cpu_seconds(pid):
    """utime + stime of a process, in seconds (clock-tick resolution)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of stat(5)


def run_ns(pid):
    """Time on CPU of every thread of a process, in ns (/proc/PID/task/*/schedstat)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended meanwhile
    return total


def zip_of(source, filename="app.py"):
    """A Lambda deployment package with one file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(filename, source)
    return buffer.getvalue()


def rss_mib(pid):
    """Resident set size of a process (VmRSS), in MiB."""
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


# ---- raw HTTP/1.1 ----

def aws_json_request(port, target, payload, version="1.0"):
    """The bytes of an unsigned awsJson POST: X-Amz-Target: target ("AmazonSQS.SendMessage"),
    Content-Type application/x-amz-json-VERSION, payload as compact JSON."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/x-amz-json-{version}\r\nX-Amz-Target: {target}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body


class Connection:
    """One keep-alive connection; responses are parsed from a byte buffer (Content-Length)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def fileno(self):
        return self.sock.fileno()

    def send(self, data):
        self.sock.sendall(data)

    def take(self):
        """A complete response from the buffer as (status, body), or None."""
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = self.buf[:end].decode("latin-1")
        match = re.search(r"\r\ncontent-length:\s*(\d+)", head, re.I)
        if not match:
            raise RuntimeError(f"response without Content-Length: {head!r}")
        total = end + 4 + int(match.group(1))
        if len(self.buf) < total:
            return None
        body = self.buf[end + 4:total]
        self.buf = self.buf[total:]
        return int(head.split(" ", 2)[1]), body

    def fill(self):
        """One recv into the buffer; raises if the peer closed the connection."""
        data = self.sock.recv(1 << 16)
        if not data:
            raise RuntimeError("connection closed by the emulator")
        self.buf += data

    def read(self):
        """The next response, (status, body), waiting for it as long as it takes."""
        while True:
            res = self.take()
            if res:
                return res
            self.fill()

    def call(self, data):
        """Sends one request (bytes) and returns its response, (status, body)."""
        self.send(data)
        return self.read()

    def close(self):
        self.sock.close()


# ---- load processes ----

def polled_connections(port, count):
    """count new Connections, a poll object with each registered for POLLIN, and a dict from
    file descriptor to Connection: (conns, poller, by_fd)."""
    conns = [Connection(port) for _ in range(count)]
    poller = select.poll()
    by_fd = {}
    for c in conns:
        poller.register(c.fileno(), select.POLLIN)
        by_fd[c.fileno()] = c
    return conns, poller, by_fd


def responses(poller, by_fd, timeout_ms=1000):
    """Waits up to timeout_ms for readable connections (see polled_connections), reads once
    from each, and yields (fd, connection, (status, body)) for each that now holds a complete
    response (one request in flight per connection)."""
    for fd, _ in poller.poll(timeout_ms):
        c = by_fd[fd]
        c.fill()
        res = c.take()
        if res is not None:
            yield fd, c, res


def own_cpu_seconds():
    """User + system CPU time of this process so far, in seconds (getrusage)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def first_error(errors, op, status, body):
    """Keeps the first few non-200 answers verbatim, for the report."""
    if len(errors) < 3:
        errors.append(f"{op}: {status} {body[:300]!r}")


def sample(latencies):
    """At most ~20000 of latencies, evenly spaced (what a load process sends back)."""
    return latencies[::max(1, len(latencies) // 20000)]


def request_loop(port, requests, duration, label, connections, barrier):
    """A load process: `connections` keep-alive connections multiplexed with poll(), each sending
    the next of `requests` (prepared bytes, in turn) as soon as its last one is answered, for
    `duration` seconds after the barrier. Returns (answers, non-200 answers, seconds, this
    process's CPU seconds, sample of latencies, first non-200 answers labelled `label`)."""
    conns, poller, by_fd = polled_connections(port, connections)
    latencies, errors, n, examples = [], 0, 0, []
    barrier.wait(30)
    began = time.perf_counter()
    stop = began + duration
    sent_at = {}
    for i, c in enumerate(conns):
        sent_at[c.fileno()] = time.perf_counter()
        c.send(requests[i % len(requests)])
    cpu0 = own_cpu_seconds()
    while sent_at:
        for fd, c, res in responses(poller, by_fd):
            now = time.perf_counter()
            latencies.append(now - sent_at.pop(fd))
            n += 1
            if res[0] != 200:
                errors += 1
                first_error(examples, label, *res)
            if now < stop:
                sent_at[fd] = now
                c.send(requests[n % len(requests)])
    elapsed = time.perf_counter() - began
    cpu = own_cpu_seconds() - cpu0
    for c in conns:
        c.close()
    return n, errors, elapsed, cpu, sample(latencies), examples


def _load_worker(loop, loop_args, results):
    try:
        results.put(loop(*loop_args))
    except Exception as e:  # noqa: BLE001 - reported by the parent
        results.put(e)


def split_connections(total, procs):
    """--connections spread over the load processes: [16, 16] for 32 over 2."""
    return [total // procs + (1 if i < total % procs else 0) for i in range(procs)]


def run_load(pid, label, loop, loop_args, args):
    """loop(*loop_args, connections, barrier) in args.procs processes sharing args.connections,
    started together (the loop waits on the barrier before it starts timing); returns their
    results and the emulator's (pid's) CPU time / wall time meanwhile. Each process has
    args.duration + 60 s to answer; a process that raised makes this raise."""
    shares = [n for n in split_connections(args.connections, args.procs) if n > 0]
    barrier = multiprocessing.Barrier(len(shares) + 1)
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_load_worker,
                                       args=(loop, (*loop_args, n, barrier), results), daemon=True)
               for n in shares]
    for w in workers:
        w.start()
    try:
        barrier.wait(30)
        cpu0, t0 = cpu_seconds(pid), time.monotonic()
        outs = [results.get(timeout=args.duration + 60) for _ in workers]
        cpu1, t1 = cpu_seconds(pid), time.monotonic()
        failed = [o for o in outs if isinstance(o, Exception)]
        if failed:
            raise RuntimeError(f"{label}: load process failed: {failed[0]!r}")
    finally:
        for w in workers:
            w.join(10)
            if w.is_alive():
                w.kill()
                w.join(5)
    return outs, (cpu1 - cpu0) / (t1 - t0)


# ---- figures ----

def percentile(values, p):
    """The p-quantile (p from 0 to 1) of values: the sorted values' element at index
    int(len * p), or the largest."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]
