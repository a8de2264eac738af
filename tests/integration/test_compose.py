"""The Dockerfile and docker-compose.yml: the image builds the way the README says and serves on
4566 with a data directory; Compose (Debian's docker-compose, checked with `docker-compose config`,
no Docker engine needed) runs the emulator with a health check and deploys the sample once it is
healthy."""

import json
import os
import re
import shlex
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO

COMPOSE_FILE = os.path.join(REPO, "docker-compose.yml")
DOCKERFILE = os.path.join(REPO, "Dockerfile")
HEALTH_PATH = "/_preflight/health"


def compose_config():
    exe = shutil.which("docker-compose")
    if exe is None:
        pytest.fail("docker-compose not found on PATH; run scripts/setup "
                    "(it installs Debian's docker-compose package)")
    proc = subprocess.run([exe, "-f", COMPOSE_FILE, "config"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, f"docker-compose config failed:\n{proc.stderr}{proc.stdout}"
    return yaml.safe_load(proc.stdout)


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs with line continuations joined and comments dropped."""
    with open(DOCKERFILE, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    out, current = [], ""
    for line in lines:
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if current and line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.strip().partition(" ")
        out.append((keyword.upper(), args.strip()))
        current = ""
    return out


def command_words(args):
    """A Dockerfile CMD/ENTRYPOINT in exec (JSON) or shell form, as a word list."""
    return json.loads(args) if args.startswith("[") else shlex.split(args)


def port_targets(service):
    """(host_ip, published, target) for each port, from 1.x short strings or 2.x long form."""
    out = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            out.append((port.get("host_ip", ""), str(port.get("published", "")),
                        str(port.get("target", ""))))
        else:
            parts = str(port).split("/")[0].split(":")
            parts = [""] * (3 - len(parts)) + parts
            out.append(tuple(parts))
    return out


def volume_targets(service):
    out = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            out.append((volume.get("source"), volume.get("target")))
        else:
            parts = str(volume).split(":")
            out.append((parts[0], parts[1]) if len(parts) > 1 else (None, parts[0]))
    return out


def healthcheck_command(service):
    test = service.get("healthcheck", {}).get("test", [])
    return " ".join(test) if isinstance(test, list) else str(test)


def test_compose_file_is_valid_and_runs_the_emulator_on_4566_with_a_health_check():
    config = compose_config()
    services = config.get("services", {})
    assert "emulator" in services, f"no emulator service in {sorted(services)}"
    emulator = services["emulator"]

    assert "build" in emulator, "the emulator service must build this repository's Dockerfile"
    ports = port_targets(emulator)
    assert ("127.0.0.1", "4566", "4566") in ports, f"emulator ports: {ports}"

    health = healthcheck_command(emulator)
    assert HEALTH_PATH in health and ":4566" in health, f"emulator health check: {health!r}"

    volumes = volume_targets(emulator)
    assert any(target == "/data" and source for source, target in volumes), \
        f"emulator needs a volume on /data: {volumes}"
    named = [source for source, target in volumes if target == "/data"]
    assert all(name in config.get("volumes", {}) or name.startswith(("/", "."))
               for name in named), f"undeclared named volume in {named}"


def test_compose_deploys_the_sample_once_the_emulator_is_healthy():
    services = compose_config()["services"]
    assert "deploy-sample" in services, f"no deploy-sample service in {sorted(services)}"
    deploy = services["deploy-sample"]
    emulator = services["emulator"]

    depends = deploy.get("depends_on")
    assert isinstance(depends, dict) and "emulator" in depends, f"depends_on: {depends!r}"
    assert depends["emulator"].get("condition") == "service_healthy", f"depends_on: {depends!r}"

    assert deploy.get("image") == emulator.get("image") or deploy.get("build") == emulator.get(
        "build"), "deploy-sample must run the emulator's image"
    command = deploy.get("command")
    words = command if isinstance(command, list) else shlex.split(command or "")
    assert words[:3] == ["preflight", "deploy", "/app/sample-app/template.yaml"], words
    assert "--stack" in words and words[words.index("--stack") + 1] == "books", words
    assert "--endpoint" in words and words[words.index("--endpoint") + 1] == \
        "http://emulator:4566", words


def test_dockerfile_builds_with_scripts_setup_and_serves_on_4566_with_a_data_dir():
    instructions = dockerfile_instructions()
    keywords = [k for k, _ in instructions]

    base = [args for k, args in instructions if k == "FROM"]
    assert base and base[0].startswith("debian:bookworm"), f"FROM {base}"

    runs = [args for k, args in instructions if k == "RUN"]
    assert any(re.search(r"(^|[\s;&|])(\./)?scripts/setup(\s|$)", run) for run in runs), \
        f"the image must build the way the README does (scripts/setup); RUN lines: {runs}"

    entry = [command_words(a) for k, a in instructions if k == "ENTRYPOINT"]
    cmd = [command_words(a) for k, a in instructions if k == "CMD"]
    assert cmd or entry, "the Dockerfile has no CMD or ENTRYPOINT"
    words = (entry[-1] if entry else []) + (cmd[-1] if cmd else [])
    assert "serve" in words, f"the image must run `preflight serve`: {words}"
    assert "--port" in words and words[words.index("--port") + 1] == "4566", words
    assert "--host" in words and words[words.index("--host") + 1] == "0.0.0.0", words
    assert "--data-dir" in words and words[words.index("--data-dir") + 1] == "/data", words

    assert any(k == "EXPOSE" and "4566" in a.split() for k, a in instructions), "EXPOSE 4566"
    assert any(k == "VOLUME" and "/data" in a for k, a in instructions), "VOLUME /data"
    health = [a for k, a in instructions if k == "HEALTHCHECK"]
    assert health and HEALTH_PATH in health[-1], f"HEALTHCHECK: {health}"
    assert "COPY" in keywords or "ADD" in keywords, "the image must copy the repository"


def test_dockerignore_keeps_host_build_trees_out_of_the_image():
    # A host build/ (its CMakeCache.txt names the host path) would break the image's build.
    with open(os.path.join(REPO, ".dockerignore"), encoding="utf-8") as f:
        patterns = {line.strip().rstrip("/") for line in f
                    if line.strip() and not line.startswith("#")}
    assert {"build*", ".git"} <= patterns, f".dockerignore patterns: {sorted(patterns)}"
    assert patterns & {"node_modules", "**/node_modules"}, f".dockerignore: {sorted(patterns)}"
