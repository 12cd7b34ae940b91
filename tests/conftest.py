"""Shared test fixtures: where the real reports and annotations live in the repo."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SAMPLE = DATA / "corpus" / "gansu-2023-rule-of-law-highlights.txt"
SAMPLE_GOLD = DATA / "eval" / "gansu-2023-rule-of-law-highlights.gold.json"
DEV = DATA / "eval" / "dev"  # two annotated work-report excerpts (X.txt + X.gold.json)
REPORTS = DATA / "reports"  # 83 more real reports: provincial-2026/, national/


def corpus_files() -> list[Path]:
    """The sample and every other real report shipped in data/, sorted."""
    return [SAMPLE, *sorted(REPORTS.rglob("*.txt"))]


@pytest.fixture(scope="session")
def sample_gold() -> dict:
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))


# --- a real SPARQL server for the push and query tests -----------------------------


def oxigraph_binary() -> str | None:
    """The `oxigraph` server command installed with the test extra, if any."""
    found = shutil.which("oxigraph")
    if found:
        return found
    cand = Path(sys.executable).with_name("oxigraph")
    return str(cand) if cand.exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_oxigraph(location: Path) -> Iterator[str]:
    """`oxigraph serve` on a free port of 127.0.0.1 with its data in ``location``; yields its base URL.

    Skips (or, with KG_REQUIRE_SERVER set, as CI does, fails) without the binary.
    """
    binary = oxigraph_binary()
    if binary is None:
        if os.environ.get("KG_REQUIRE_SERVER"):
            pytest.fail("the oxigraph server binary is missing (pip install oxigraph) and KG_REQUIRE_SERVER is set")
        pytest.skip("the oxigraph server binary is missing (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not start")
        yield base
    finally:
        proc.kill()
        proc.wait(10)
