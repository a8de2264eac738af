"""Uploaded zips are unpacked safely: path escapes, links and zip bombs are refused with a clear
error, and the emulator keeps serving."""

import io
import os
import stat
import zipfile

from lambda_helpers import ECHO, ROLE, error_of, invoke, lambda_fixture, python_function  # noqa: F401


def zip_with(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            z.writestr(info, data)
    return buffer.getvalue()


def create(client, zip_bytes, name="unsafe"):
    return client.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                  Handler="app.handler", Code={"ZipFile": zip_bytes})


def test_path_escapes_and_links_are_refused(lam):
    _, client = lam
    for name in ["../evil.py", "a/../../evil.py", "/etc/evil.py"]:
        code, message, status = error_of(create, client, zip_with([(name, "x")]))
        assert (code, status) == ("InvalidParameterValueException", 400), name
        assert "escapes" in message or "absolute" in message or name in message, message
    link = zipfile.ZipInfo("link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    code, message, _ = error_of(create, client, zip_with([(link, "/etc/passwd")]))
    assert code == "InvalidParameterValueException" and "symbolic link" in message
    # Still serving, and a good zip works.
    python_function(client, "good", ECHO)
    assert invoke(client, "good", {"x": 1})[1]["event"] == {"x": 1}


def test_a_zip_bomb_is_refused(lam):
    _, client = lam
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("bomb.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of zeros: beyond Lambda's 250 MB unzipped limit
                f.write(chunk)
    code, message, status = error_of(create, client, buffer.getvalue())
    assert (code, status) == ("InvalidParameterValueException", 400)
    assert "262144000" in message or "exceed" in message, message
    code, _, _ = error_of(client.get_function, FunctionName="unsafe")
    assert code == "ResourceNotFoundException"


def stored_zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_zips_up_to_50_mb(lam):
    _, client = lam
    big = stored_zip({"app.py": ECHO, "data.bin": os.urandom(45 * 1024 * 1024)})
    out = create(client, big, name="big")
    assert out["CodeSize"] == len(big)
    assert invoke(client, "big", {"big": True})[1]["event"] == {"big": True}
    too_big = stored_zip({"app.py": ECHO, "data.bin": os.urandom(51 * 1024 * 1024)})
    code, _, status = error_of(create, client, too_big, name="too-big")
    assert status == 413 and code in ("RequestTooLargeException", "RequestEntityTooLargeException")
