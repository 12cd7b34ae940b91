"""Agencies, people and posts against the gold annotations (sample, dev and held-out sets).

    python benchmarks/agencies_gold.py [-v]

Runs ingest → segment → extract → resolve on each annotated report and scores
the FORMAT.md output with :func:`kg.evaluate.score`; ``-v`` lists the agencies
predicted but not in the gold (FP) and the gold ones missed (FN).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.annotation import to_annotation  # noqa: E402
from kg.evaluate import score  # noqa: E402
from kg.extract import extract  # noqa: E402
from kg.ingest import read_document  # noqa: E402
from kg.resolve import resolve  # noqa: E402
from kg.segment import segment  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "data" / "eval"
# the held-out set is only measured, never tuned against (data/eval/heldout/README.md);
# data/eval/test is for the final report only and is not read here
PAIRS = [
    (REPO / "data" / "corpus" / "gansu-2023-rule-of-law-highlights.txt", EVAL / "gansu-2023-rule-of-law-highlights.gold.json"),
    *((p, p.with_name(p.stem + ".gold.json")) for d in ("dev", "heldout") for p in sorted((EVAL / d).glob("*.txt"))),
]


def _names(entry: dict) -> set[str]:
    return {entry["name"], *entry.get("aliases", [])}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for txt, gold_path in PAIRS:
        if not gold_path.exists():
            continue
        resolved = resolve(extract(segment(read_document(txt))))
        pred = to_annotation(resolved)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cats = score(gold, pred).categories
        print(f"{txt.name}: province {resolved.province}, publisher {resolved.publisher}, year {resolved.year}")
        for name in ("agencies", "people", "posts"):
            c = cats[name]
            print(f"  {name:9s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} ({c.tp}/{c.predicted}/{c.gold})")
        if verbose:
            gold_sets = [_names(a) for a in gold["agencies"]]
            pred_sets = [_names(a) for a in pred["agencies"]]
            print("  FP:", [a["name"] for a in pred["agencies"] if not any(_names(a) & g for g in gold_sets)])
            print("  FN:", [a["name"] for a in gold["agencies"] if not any(_names(a) & p for p in pred_sets)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
