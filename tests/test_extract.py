"""kg.extract.extract: the extractors run phase by phase over a document give what
running them sentence by sentence gives (mentions, metrics and relations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import _BLOCKING, _order, extract
from kg.extract.agencies import extract_agencies
from kg.extract.initiatives import extract_initiatives
from kg.extract.metrics import extract_metrics
from kg.extract.people import extract_people
from kg.extract.places import extract_places
from kg.extract.relations import extract_relations
from kg.extract.titles import extract_titles
from kg.ingest import read_document
from kg.model import Segmented
from kg.segment import segment

ROOT = Path(__file__).resolve().parent.parent


def _sentence_by_sentence(seg: Segmented) -> tuple[list, list, list]:
    """The reference: every extractor on one sentence, then the next sentence."""
    mentions: list = []
    metrics: list = []
    relations: list = []
    for s in seg.sentences:
        found = [*extract_titles(s), *extract_agencies(s), *extract_people(s), *extract_places(s), *extract_initiatives(s)]
        found.sort(key=_order)
        found_metrics = extract_metrics(s, [(m.start, m.end) for m in found if m.kind in _BLOCKING])
        rels, linked = extract_relations(s, found, found_metrics)
        relations += [(r.predicate, r.subject if r.subject < 0 else r.subject + len(mentions), r.object + len(mentions)) for r in rels]
        metrics += [(x.text, x.start, x.subject is None or x.subject + len(mentions)) for x in linked]
        mentions += found
    return mentions, metrics, relations


@pytest.mark.parametrize(
    "path",
    [
        "data/corpus/gansu-2023-rule-of-law-highlights.txt",
        "data/reports/provincial-2026/hubei.txt",
    ],
)
def test_phases_give_what_sentence_by_sentence_gives(path: str) -> None:
    file = ROOT / path
    if not file.exists():
        pytest.skip(f"{path} not in this checkout")
    seg = segment(read_document(file))
    got = extract(seg)
    mentions, metrics, relations = _sentence_by_sentence(seg)
    assert list(got.mentions) == mentions and len(mentions) > 20
    assert [(x.text, x.start, x.subject is None or x.subject) for x in got.metrics] == metrics
    assert [(r.predicate, r.subject, r.object) for r in got.relations] == relations and relations
