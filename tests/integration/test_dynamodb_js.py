"""The AWS SDK for JavaScript v3 (client-dynamodb + lib-dynamodb DocumentClient) against us."""

import json
import os
import shutil
import subprocess

from conftest import REPO

SCRIPT = os.path.join(REPO, "tests", "js", "dynamodb_document.mjs")


def test_document_client_round_trip(emulator):
    node = shutil.which("node")
    assert node, "node is required (scripts/setup installs it)"
    assert os.path.isdir(os.path.join(REPO, "tests", "js", "node_modules")), "run scripts/setup"
    run = subprocess.run([node, SCRIPT], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PREFLIGHT_ENDPOINT": emulator.url})
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["updated"] == {"author": "Le Guin", "title": "The Dispossessed", "year": 1974,
                              "tags": ["sf"], "price": 9.99,
                              "meta": {"pages": 387, "awards": ["Hugo", "Nebula", "Locus"]}}
    assert out["got"] == {"author": "Le Guin", "title": "Lathe", "year": 1971}
    assert out["queried"] == ["The Dispossessed"]
    assert out["conditional"] == "ConditionalCheckFailedException"
    assert out["cancelled"] == ["None", "ConditionalCheckFailed"]
