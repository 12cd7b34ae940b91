"""Score places and initiatives alone against the gold files (FORMAT.md rules).

Usage: python benchmarks/score_places_initiatives.py [-v]   (-v lists misses)
Runs segment → extract_places/extract_initiatives → resolve_places on the
sample report, the dev set and the held-out set, and scores with kg.evaluate. Also times the
two extractors over the whole corpus (chars/s).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kg.evaluate import score
from kg.extract.initiatives import extract_initiatives
from kg.extract.places import extract_places
from kg.model import Document
from kg.resolve.places import resolve_places
from kg.segment import segment

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "data" / "eval"
CORPUS = [REPO / "data" / "corpus", REPO / "data" / "reports"]
CASES = [
    (
        REPO / "data/corpus/gansu-2023-rule-of-law-highlights.txt",
        EVAL / "gansu-2023-rule-of-law-highlights.gold.json",
        "甘肃省",
    ),
    (EVAL / "dev/gansu-gwr-2026-excerpt.txt", EVAL / "dev/gansu-gwr-2026-excerpt.gold.json", "甘肃省"),
    (EVAL / "dev/national-gwr-2023-excerpt.txt", EVAL / "dev/national-gwr-2023-excerpt.gold.json", None),
    # held out: for measuring only, never for tuning (data/eval/heldout/README.md)
    (EVAL / "heldout/sichuan-gwr-2026-excerpt.txt", EVAL / "heldout/sichuan-gwr-2026-excerpt.gold.json", "四川省"),
    (EVAL / "heldout/guangdong-gwr-2026-excerpt.txt", EVAL / "heldout/guangdong-gwr-2026-excerpt.gold.json", "广东省"),
    (EVAL / "heldout/national-gwr-2015-excerpt.txt", EVAL / "heldout/national-gwr-2015-excerpt.gold.json", None),
]


def annotate(text: str, province: str | None) -> dict:
    seg = segment(Document(id="x", text=text))
    places, inits = [], []
    for s in seg.sentences:
        places += extract_places(s)
        inits += extract_initiatives(s)
    ents = {e.key: e for e in resolve_places(places, province) if e is not None}
    kinds: dict[str, str] = {}
    for m in inits:
        kinds.setdefault(m.name, m.subtype or "other")
    return {
        "places": [{"name": e.name, "aliases": list(e.aliases)} for e in ents.values()],
        "initiatives": [{"name": n, "kind": k} for n, k in kinds.items()],
    }


def main(verbose: bool) -> None:
    for txt, gold_path, province in CASES:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = annotate(txt.read_text(encoding="utf-8"), province)
        s = score(gold, pred).categories
        print(txt.name)
        for cat in ("places", "initiatives"):
            c = s[cat]
            print(f"  {cat:12s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
                  f"(tp {c.tp}, pred {c.predicted}, gold {c.gold}) kind-acc={c.attr_accuracy}")
        if verbose:
            from kg.evaluate import dice
            gp = {n for g in gold["places"] for n in [g["name"], *g["aliases"]]}
            pp = {n for p in pred["places"] for n in [p["name"], *p["aliases"]]}
            print("  places FP:", [p["name"] for p in pred["places"] if not {p["name"], *p["aliases"]} & gp])
            print("  places FN:", [g["name"] for g in gold["places"] if not {g["name"], *g["aliases"]} & pp])
            gi = gold["initiatives"]
            print("  init FP:", [p["name"] for p in pred["initiatives"] if max((dice(p["name"], g["name"]) for g in gi), default=0) < 0.6])
            print("  init FN:", [g["name"] for g in gi if max((dice(p["name"], g["name"]) for p in pred["initiatives"]), default=0) < 0.6])
            kinds = {g["name"]: g["kind"] for g in gi}
            print("  kind diff:", [(p["name"], p["kind"], kinds[p["name"]]) for p in pred["initiatives"] if p["name"] in kinds and kinds[p["name"]] != p["kind"]])
    files = sorted(f for d in CORPUS for f in d.rglob("*.txt"))
    docs = [segment(Document(id=f.stem, text=f.read_text(encoding="utf-8"))) for f in files]
    chars = sum(len(d.document.text) for d in docs)
    for name, fn in (("places", extract_places), ("initiatives", extract_initiatives)):
        t, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            for s in d.sentences:
                fn(s)
        dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
        print(f"{name}: {chars} chars in {dt:.2f}s = {chars / dt:,.0f} chars/s "
              f"({chars / dcpu:,.0f} chars/s of CPU time: a shared machine slows the wall clock)")


if __name__ == "__main__":
    main("-v" in sys.argv)
