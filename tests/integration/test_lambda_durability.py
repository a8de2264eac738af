"""Lambda state in --data-dir across kill -9: functions, versions, aliases and their code are
there after a restart, and an Event invocation acknowledged with 202 before the kill runs after
it. Runtimes die with the emulator."""

import os
import shutil
import signal
import time

from lambda_helpers import ECHO, ROLE, invoke, make_zip

RECORDER = """
import os

def handler(event, context):
    with open(os.environ["OUT"], "a") as f:
        f.write(event["id"] + "\\n")
    return event["id"]
"""


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def runtime_pids(emulator_pid):
    """The processes whose parent is the emulator (its runtime instances)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == emulator_pid:
                        pids.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return pids


def test_functions_survive_kill_9_and_runtimes_die_with_the_emulator(start_emulator, tmp_path):
    data = str(tmp_path / "data")
    first = start_emulator(data_dir=data)
    client = first.client("lambda")
    client.create_function(FunctionName="kept", Runtime="python3.12", Role=ROLE,
                           Handler="app.handler", Code={"ZipFile": make_zip({"app.py": ECHO})},
                           Publish=True)
    client.create_alias(FunctionName="kept", Name="live", FunctionVersion="1")
    assert invoke(client, "kept", {"before": True})[1]["event"] == {"before": True}
    runtimes = runtime_pids(first.proc.pid)
    assert runtimes, "the warm instance should be a child of the emulator"
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    deadline = time.monotonic() + 5
    while any(alive(p) for p in runtimes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in runtimes), "runtimes outlived the emulator"

    second = start_emulator(data_dir=data)
    client = second.client("lambda")
    assert client.get_alias(FunctionName="kept", Name="live")["FunctionVersion"] == "1"
    res, body = invoke(client, "kept", {"after": True}, Qualifier="live")
    assert body["event"] == {"after": True} and res["ExecutedVersion"] == "1"
    # The stored zip is still served, and unpacks again into a fresh code cache.
    second.stop()
    shutil.rmtree(os.path.join(data, "lambda", "code"))
    third = start_emulator(data_dir=data)
    assert invoke(third.client("lambda"), "kept", {"third": 1})[1]["event"] == {"third": 1}


def test_an_acknowledged_event_invoke_survives_kill_9(start_emulator, tmp_path):
    data = str(tmp_path / "data")
    out = tmp_path / "out.txt"
    first = start_emulator(data_dir=data)
    client = first.client("lambda")
    client.create_function(FunctionName="queued", Runtime="python3.12", Role=ROLE,
                           Handler="app.handler",
                           Code={"ZipFile": make_zip({"app.py": RECORDER})},
                           Environment={"Variables": {"OUT": str(out)}})
    # No concurrency: the event is accepted and stored, and waits.
    client.put_function_concurrency(FunctionName="queued", ReservedConcurrentExecutions=0)
    assert client.invoke(FunctionName="queued", InvocationType="Event",
                         Payload=b'{"id": "a"}')["StatusCode"] == 202
    time.sleep(0.3)
    first.proc.send_signal(signal.SIGKILL)
    first.proc.wait(10)
    assert not out.exists()

    second = start_emulator(data_dir=data)
    second.client("lambda").delete_function_concurrency(FunctionName="queued")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not out.exists():
        time.sleep(0.1)
    assert out.exists(), "the acknowledged event was lost"
    assert out.read_text().split() == ["a"]


def test_reset_and_restore(start_emulator, tmp_path):
    emulator = start_emulator()
    client = emulator.client("lambda")
    client.create_function(FunctionName="snap", Runtime="python3.12", Role=ROLE,
                           Handler="app.handler", Code={"ZipFile": make_zip({"app.py": ECHO})})
    assert invoke(client, "snap", {"a": 1})[1]["counter"] == 1
    snapshot = str(tmp_path / "snap.db")
    assert emulator.http("POST", f"/_preflight/snapshot?path={snapshot}")[0] == 200
    assert emulator.http("POST", "/_preflight/reset")[0] == 200
    assert client.list_functions()["Functions"] == []
    assert emulator.http("POST", f"/_preflight/restore?path={snapshot}")[0] == 200
    # The function and its code are back; its warm instance was retired by the reset.
    assert invoke(client, "snap", {"b": 2})[1] == {"event": {"b": 2}, "version": "$LATEST",
                                                    "counter": 1, "marker": ""}
