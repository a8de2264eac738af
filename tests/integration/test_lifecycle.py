"""Process lifecycle and state: signals, --data-dir across restarts and kill -9, snapshot and
restore, reset, the CLI surface and the request log."""

import json
import signal
import socket
import subprocess
import time

import pytest

from conftest import BIN, FORM_TYPE, STS_FORM

ROLE = "arn:aws:iam::123456789012:role/persisted"


def assumed_identity(emulator, creds):
    client = emulator.client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                             token=creds["SessionToken"])
    return client.get_caller_identity()["Arn"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_exits_zero_even_with_idle_keep_alive_connections(start_emulator, sig):
    emulator = start_emulator()
    idle = socket.create_connection(("127.0.0.1", emulator.port))
    idle.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                 b"\r\nContent-Length: %d\r\n\r\n%s" % (len(STS_FORM), STS_FORM))
    assert idle.recv(4096).startswith(b"HTTP/1.1 200")
    began = time.monotonic()
    assert emulator.stop(sig) == 0
    assert time.monotonic() - began < 3
    idle.close()


def test_data_dir_survives_restart_and_kill_9(start_emulator, tmp_path):
    first = start_emulator(data_dir=str(tmp_path))
    clean = first.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="clean")["Credentials"]
    assert first.stop() == 0

    second = start_emulator(data_dir=str(tmp_path))
    assert assumed_identity(second, clean).endswith("assumed-role/persisted/clean")
    # Acknowledged writes, then kill -9 straight after the last 200.
    crashed = [second.client("sts").assume_role(RoleArn=ROLE, RoleSessionName=f"w{i}")["Credentials"]
               for i in range(20)]
    second.proc.send_signal(signal.SIGKILL)
    second.proc.wait(10)

    third = start_emulator(data_dir=str(tmp_path))
    for i, creds in enumerate(crashed):
        assert assumed_identity(third, creds).endswith(f"assumed-role/persisted/w{i}")
    status, _, body = third.http("GET", "/_preflight/health")
    assert json.loads(body)["persistence"] == str(tmp_path)


def test_in_memory_state_does_not_survive_a_restart(start_emulator):
    first = start_emulator()
    creds = first.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="gone")["Credentials"]
    first.stop()
    second = start_emulator()
    # Unknown temporary keys act as the default account's root, like any unknown key.
    assert assumed_identity(second, creds) == "arn:aws:iam::000000000000:root"


def test_snapshot_reset_restore(emulator, tmp_path):
    creds = emulator.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="snap")["Credentials"]
    status, headers, snapshot = emulator.http("POST", "/_preflight/snapshot")
    assert status == 200 and snapshot.startswith(b"SQLite format 3\x00")

    assert emulator.http("POST", "/_preflight/reset")[0] == 200
    assert assumed_identity(emulator, creds) == "arn:aws:iam::000000000000:root"

    status, _, _ = emulator.http("POST", "/_preflight/restore", snapshot,
                                 {"Content-Type": "application/vnd.sqlite3"})
    assert status == 200
    assert assumed_identity(emulator, creds).endswith("assumed-role/persisted/snap")

    path = tmp_path / "state.db"
    assert emulator.http("POST", f"/_preflight/snapshot?path={path}")[0] == 200
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    emulator.http("POST", "/_preflight/reset")
    assert emulator.http("POST", f"/_preflight/restore?path={path}")[0] == 200
    assert assumed_identity(emulator, creds).endswith("assumed-role/persisted/snap")

    status, _, _ = emulator.http("POST", "/_preflight/restore", b"not a database" * 500)
    assert status == 400
    assert assumed_identity(emulator, creds).endswith("assumed-role/persisted/snap")


def test_version_and_help():
    version = subprocess.run([BIN, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip()[0].isdigit()
    top = subprocess.run([BIN, "--help"], capture_output=True, text=True, check=True).stdout
    assert "serve" in top
    serve = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True,
                           check=True).stdout
    for option in ["--host", "--port", "--data-dir", "--region", "--log-format", "--strict-auth"]:
        assert option in serve
    ops = subprocess.run([BIN, "--list-operations"], capture_output=True, text=True,
                         check=True).stdout
    assert "| sts |" in ops and "GetCallerIdentity" in ops
    bad = subprocess.run([BIN, "serve", "--log-format", "xml"], capture_output=True, text=True)
    assert bad.returncode != 0


def test_json_request_log_has_one_line_per_request(start_emulator):
    emulator = start_emulator("--log-format", "json")
    emulator.client("sts").get_caller_identity()
    emulator.http("POST", "/", b"Action=Nope&Version=2011-06-15", FORM_TYPE)
    emulator.stop()
    lines = [json.loads(line) for line in emulator.logs().splitlines() if line.startswith("{")]
    requests = [l for l in lines if "operation" in l]
    assert [(l["service"], l["operation"], l["status"]) for l in requests] == [
        ("sts", "GetCallerIdentity", 200), ("sts", "Nope", 400)]
    assert requests[1]["error"] == "InvalidAction"
    assert all(isinstance(l["latency_us"], int) and len(l["request_id"]) == 36 for l in requests)


def test_region_default_applies_to_unsigned_requests(start_emulator):
    emulator = start_emulator("--region", "eu-central-1", "--log-format", "off")
    status, _, _ = emulator.http("GET", "/_preflight/health")
    assert status == 200
    assert emulator.logs() == ""
