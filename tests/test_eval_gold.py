"""The annotated reports in data/eval are well-formed: what they claim is in the text.

Every gold file (the sample's, dev/, heldout/, test/) must use FORMAT.md's
fields and kinds, and every surface form it records must occur verbatim in
the report it annotates: a typo in a gold file would silently cost recall.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATA, SAMPLE
from kg.model import QUALIFIERS

EVAL = DATA / "eval"
FIELDS = {"document", "agencies", "people", "places", "policies", "works", "initiatives", "metrics"}
KINDS = {
    "policies": {"law", "regulation", "rules", "measures", "opinions", "plan", "notice", "other"},
    "works": {"newspaper", "programme", "research", "book", "other"},
    "initiatives": {"campaign", "mechanism", "model", "platform", "project", "activity", "other"},
}
_PLAIN_NUMBER = re.compile(r"(\d+(?:[.．]\d+)?)[多余]?(万亿|万|亿)?")  # ．: full-width point (1985 report)
_MULTIPLIER = {"": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}


def _pairs() -> list[tuple[Path, Path]]:
    pairs = [(EVAL / f"{SAMPLE.stem}.gold.json", SAMPLE)]
    for gold in sorted(EVAL.glob("*/*.gold.json")):
        pairs.append((gold, gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")))
    return pairs


@pytest.mark.parametrize(("gold", "report"), _pairs(), ids=lambda p: p.name)
def test_gold_file_is_consistent_with_its_report(gold: Path, report: Path) -> None:
    data = json.loads(gold.read_text(encoding="utf-8"))
    text = report.read_text(encoding="utf-8")
    assert set(data) == FIELDS
    assert data["document"]["id"] == report.stem
    missing = []
    for field in ("agencies", "places"):
        for e in data[field]:
            if not any(form in text for form in (e["name"], *e["aliases"])):
                missing.append((field, e["name"]))
            missing += [(field, a) for a in e["aliases"] if a not in text]
    missing += [("people", p["name"]) for p in data["people"] if p["name"] not in text]
    for field, key in (("policies", "title"), ("works", "title"), ("initiatives", "name")):
        for e in data[field]:
            assert e["kind"] in KINDS[field], e
            if e[key] not in text:
                missing.append((field, e[key]))
    for m in data["metrics"]:
        assert m["qualifier"] in QUALIFIERS and m["unit"], m
        if m["text"] not in text:
            missing.append(("metrics", m["text"]))
        plain = _PLAIN_NUMBER.search(m["text"])
        if plain:  # a plain Arabic number with 万/亿 must give the recorded value
            expect = float(plain.group(1).replace("．", ".")) * _MULTIPLIER[plain.group(2) or ""]
            assert abs(expect - m["value"]) <= 1e-9 * max(1.0, abs(expect)), m
    assert not missing
