"""Where the emulator listens: loopback only unless told otherwise, and a loud warning on stderr
when told to listen on anything else (whatever the request-log format), since anyone who can reach
that address can use it."""

import json
import socket

import pytest

from conftest import FORM_TYPE, STS_FORM

WARNING = "NOT LOOPBACK"


def non_loopback_address():
    """An IPv4 address of this machine that is not loopback, or None. Connecting a UDP socket
    sends nothing; it only picks the interface a route would use."""
    candidates = []
    for target in ("192.0.2.1", "10.255.255.255", "8.8.8.8"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((target, 9))
                candidates.append(s.getsockname()[0])
        except OSError:
            continue
    try:
        candidates += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return next((a for a in candidates if not a.startswith("127.") and a != "0.0.0.0"), None)


def health_over(address, port):
    with socket.create_connection((address, port), timeout=5) as s:
        s.sendall(b"GET /_preflight/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return s.recv(4096)


def assert_sts_served(emulator):
    status, _, body = emulator.http("POST", "/", STS_FORM, FORM_TYPE)
    assert status == 200 and b"<Account>000000000000</Account>" in body


def test_default_is_loopback_only(start_emulator):
    emulator = start_emulator()
    assert emulator.ready_line.startswith("preflight ready on http://127.0.0.1:")
    assert health_over("127.0.0.1", emulator.port).startswith(b"HTTP/1.1 200")
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with pytest.raises(ConnectionRefusedError):
        health_over(address, emulator.port)
    assert WARNING not in emulator.logs()
    assert_sts_served(emulator)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.2"])
def test_other_loopback_hosts_do_not_warn(start_emulator, host):
    emulator = start_emulator("--host", host)
    assert WARNING not in emulator.logs()
    address = "127.0.0.1" if host == "localhost" else host
    assert health_over(address, emulator.port).startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("log_format", ["text", "json", "off"])
def test_all_interfaces_warns_loudly(start_emulator, log_format):
    emulator = start_emulator("--host", "0.0.0.0", "--log-format", log_format)
    assert emulator.ready_line.startswith("preflight ready on http://0.0.0.0:")
    logs = emulator.logs()
    assert WARNING in logs and "0.0.0.0" in logs, logs
    assert "not a security boundary" in logs
    if log_format == "json":
        warning = next(json.loads(line) for line in logs.splitlines() if WARNING in line)
        assert warning["level"] == "WARN"
    # Reachable on loopback and, as the warning says, on the machine's other addresses.
    assert health_over("127.0.0.1", emulator.port).startswith(b"HTTP/1.1 200")
    address = non_loopback_address()
    if address is not None:
        assert health_over(address, emulator.port).startswith(b"HTTP/1.1 200")
    assert_sts_served(emulator)


def test_web_pages_cannot_reach_the_preflight_endpoints(emulator, tmp_path):
    """A page the developer opens may POST a simple form to 127.0.0.1:4566; browsers then send
    Origin. /_preflight endpoints reset state and write snapshot files by path, so such requests
    are refused and change nothing; the same requests from a tool (no Origin) work."""
    sqs = emulator.client("sqs")
    sqs.create_queue(QueueName="kept")
    target = tmp_path / "written-by-a-web-page"
    page = {"Origin": "http://evil.example", "Content-Type": "text/plain"}
    for path in ("/_preflight/reset", f"/_preflight/snapshot?path={target}"):
        status, _, body = emulator.http("POST", path, b"", page)
        assert status == 403 and b"Origin" in body
    assert not target.exists()
    assert len(sqs.list_queues()["QueueUrls"]) == 1
    status, _, _ = emulator.http("GET", "/_preflight/health", headers={"Origin": "http://x"})
    assert status == 403

    status, _, _ = emulator.http("POST", f"/_preflight/snapshot?path={target}")
    assert status == 200 and target.exists()
    status, _, _ = emulator.http("POST", "/_preflight/reset")
    assert status == 200 and "QueueUrls" not in sqs.list_queues()
