"""Shared test fixtures: where the real reports and annotations live in the repo."""

from __future__ import annotations

import json
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
