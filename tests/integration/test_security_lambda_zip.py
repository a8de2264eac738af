"""Deployment packages that try to write outside the code directory, through links, over one
another or past Lambda's unzipped limit are refused with InvalidParameterValueException, leave
nothing behind, and the emulator keeps serving; a refused UpdateFunctionCode keeps the old code.
(test_lambda_zip.py covers '../', 'a/../../', '/etc/...', a link to /etc/passwd, a one-entry zip
bomb and the 50 MB upload limit.)"""

import io
import os
import stat
import uuid
import warnings
import zipfile

import pytest

from lambda_helpers import ECHO, ROLE, error_of, invoke, lambda_fixture, python_function  # noqa: F401


def zip_of(entries, level=None):
    buffer = io.BytesIO()
    with warnings.catch_warnings(), \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are the point
        for info, data in entries:
            z.writestr(info, data)
    return buffer.getvalue()


def directory(name):
    info = zipfile.ZipInfo(name)
    info.external_attr = ((stat.S_IFDIR | 0o755) << 16) | 0x10
    return info


def symlink(name):
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def create(client, zip_bytes, name="unsafe"):
    return client.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                  Handler="app.handler", Code={"ZipFile": zip_bytes})


def assert_refused(client, zip_bytes, *fragments):
    code, message, status = error_of(create, client, zip_bytes)
    assert (code, status) == ("InvalidParameterValueException", 400), message
    assert any(f in message for f in fragments), message
    # Nothing was created, and the service still answers.
    assert error_of(client.get_function, FunctionName="unsafe")[0] == "ResourceNotFoundException"
    assert "Functions" in client.list_functions()


ESCAPES = {
    "backslash": [("..\\evil.py", "x")],
    "drive letter": [("C:\\evil.py", "x")],
    "dot then dot-dot": [("./../evil.py", "x")],
    "double slash": [("//etc/evil.py", "x")],
    "deep dot-dot": [("a/b/./../../../evil.py", "x")],
    "directory entry ../": [(directory("../"), "")],
    "directory entry escaping": [(directory("a/../../"), "")],
    "absolute directory": [(directory("/tmp/evil/"), "")],
}


@pytest.mark.parametrize("case", list(ESCAPES))
def test_path_escapes(lam, case):
    _, client = lam
    assert_refused(client, zip_of([("app.py", ECHO)] + ESCAPES[case]),
                   "escapes", "backslash", "absolute")


CONFLICTS = {
    "directory then file": [(directory("lib/"), ""), ("lib", "x")],
    "file then directory": [("lib", "x"), (directory("lib/"), "")],
    "file inside a file": [("lib", "x"), ("lib/evil.py", "x")],
    "same file twice": [("lib.py", "one"), ("lib.py", "two")],
}


@pytest.mark.parametrize("case", list(CONFLICTS))
def test_entries_that_overlap(lam, case):
    _, client = lam
    assert_refused(client, zip_of([("app.py", ECHO)] + CONFLICTS[case]),
                   "both a file and a directory", "inside a path", "more than once",
                   "duplicate", "twice")


def test_links_are_refused_and_nothing_is_written_through_them(lam, tmp_path):
    _, client = lam
    target = tmp_path / "outside"
    target.mkdir()
    marker = f"evil-{uuid.uuid4().hex}.py"
    for entries in (
            [(symlink("up"), "../../../../../../etc/passwd")],  # relative, pointing outside
            [(symlink("lib"), str(target)), (f"lib/{marker}", "x")],  # link, then write through
            [(symlink("self"), "self")],
    ):
        assert_refused(client, zip_of([("app.py", ECHO)] + entries), "symbolic link")
    assert list(target.iterdir()) == []
    assert not os.path.exists(os.path.join("/tmp", marker))


def test_unzipped_total_over_the_limit_is_refused(lam):
    _, client = lam
    # 27 entries of ~10 MB, each compressed only ~66:1 (below any zip-bomb ratio), 270 MB in
    # all: past Lambda's 250 MB unzipped limit while the upload is ~4 MB.
    block = (os.urandom(1024) + bytes(100 * 1024)) * 100
    package = zip_of([("app.py", ECHO)] + [(f"data/{i}.bin", block) for i in range(27)],
                     level=1)
    assert len(package) < 10 * 1024 * 1024
    assert_refused(client, package, "262144000", "exceed")


def test_not_a_zip(lam):
    _, client = lam
    for junk in [b"not a zip", b"PK\x03\x04" + bytes(100), b"PK\x05\x06" + bytes(18)]:
        assert_refused(client, junk, "unzip", "zip")


def test_a_refused_update_keeps_the_old_code(lam):
    _, client = lam
    python_function(client, "keeper", ECHO)
    for package in [zip_of([("app.py", "x"), ("../evil.py", "x")]),
                    zip_of([("app.py", "x"), (symlink("lib"), "/etc")])]:
        code, _, status = error_of(client.update_function_code, FunctionName="keeper",
                                   ZipFile=package)
        assert (code, status) == ("InvalidParameterValueException", 400)
    assert invoke(client, "keeper", {"still": "here"})[1]["event"] == {"still": "here"}
