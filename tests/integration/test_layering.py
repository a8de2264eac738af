"""Dependencies point one way (CONVENTIONS item 8): emulator/common <- core <- services/* <-
emulator/main, and harness/ uses emulator/common only. Checked on the quoted #include lines
(system <...> includes are free); includes are written from the repo root, and a quoted include
that names a file next to the includer is judged by that file's repo path."""

import os
import re

from conftest import REPO

SOURCE_SUFFIXES = (".h", ".hpp", ".hh", ".cpp", ".cc", ".cxx", ".ipp", ".inc", ".h.in")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
COMMON = "emulator/common/"
# Generated into the build tree from emulator/common/version.h.in; covered by COMMON too.
GENERATED = {"emulator/common/version.h"}


def sources(top):
    """Repo-relative paths of the C++ sources under `top` (a repo-relative directory)."""
    root = os.path.join(REPO, top)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(SOURCE_SUFFIXES):
                found.append(os.path.relpath(os.path.join(dirpath, name), REPO).replace(os.sep, "/"))
    return found


def quoted_includes(path):
    """(line number, repo path of the included file) for each quoted #include in `path`."""
    out = []
    with open(os.path.join(REPO, path), encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            beside = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if not os.path.exists(os.path.join(REPO, target)) and \
                    os.path.exists(os.path.join(REPO, beside)):
                target = beside.replace(os.sep, "/")
            out.append((number, target))
    return out


def violations(files, allowed, rule):
    """Lines of `files` whose quoted include fails `allowed(includer, target)`."""
    bad = []
    for path in files:
        for number, target in quoted_includes(path):
            if not allowed(path, target):
                bad.append(f'{path}:{number}: #include "{target}" ({rule})')
    return bad


def report(bad):
    return "dependency direction broken (CONVENTIONS item 8):\n  " + "\n  ".join(bad)


def core_dirs():
    """emulator/* except common (below the core) and main (above the services)."""
    root = os.path.join(REPO, "emulator")
    return sorted(f"emulator/{d}" for d in os.listdir(root)
                  if os.path.isdir(os.path.join(root, d)) and d not in ("common", "main"))


def service_dirs():
    root = os.path.join(REPO, "services")
    return sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))


def test_common_includes_only_common():
    files = sources("emulator/common")
    assert files, "no sources under emulator/common"
    bad = violations(files, lambda _, t: t.startswith(COMMON) or t in GENERATED,
                     "emulator/common includes only emulator/common")
    assert not bad, report(bad)


def test_harness_includes_only_common_and_harness():
    # harness/ may not exist yet; then there is nothing to check.
    files = sources("harness") if os.path.isdir(os.path.join(REPO, "harness")) else []
    bad = violations(files, lambda _, t: t.startswith((COMMON, "harness/")),
                     "harness includes only emulator/common and harness")
    assert not bad, report(bad)


def test_core_never_includes_services_harness_or_main():
    dirs = core_dirs()
    for expected in ("emulator/http", "emulator/router", "emulator/protocol", "emulator/service",
                     "emulator/storage"):
        assert expected in dirs, f"{expected} is missing; update this test if the core moved"
    files = [f for d in dirs for f in sources(d)]
    bad = violations(files,
                     lambda _, t: not t.startswith(("services/", "harness/", "emulator/main/")),
                     "the emulator core never includes services/, harness/ or emulator/main")
    assert not bad, report(bad)


def test_services_never_include_another_service():
    services = service_dirs()
    assert services, "no services under services/"
    bad = []
    for svc in services:
        own = f"services/{svc}/"
        bad += violations(
            sources(f"services/{svc}"),
            lambda _, t, own=own: not t.startswith("services/") or t.startswith(own),
            f"services/{svc} never includes another service")
    assert not bad, report(bad)


def test_services_never_include_harness_or_main():
    files = [f for svc in service_dirs() for f in sources(f"services/{svc}")]
    bad = violations(files, lambda _, t: not t.startswith(("harness/", "emulator/main/")),
                     "services never include harness/ or emulator/main")
    assert not bad, report(bad)
