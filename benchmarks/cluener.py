"""Agency and people extraction against CLUENER2020's dev split (an outside check).

    python benchmarks/cluener.py [--path data/eval/cluener2020/dev.json] [--show N]

Each line's text runs through :func:`kg.extract.agencies.extract_agencies` and
:func:`kg.extract.people.extract_people` as one ``Sentence.of(text)``. Spans
match exactly (CLUENER's end index is inclusive; ours is exclusive).

- government recall: gold ``government`` spans found as agencies;
- agency precision: predicted agencies that are a gold ``government``,
  ``organization`` or ``company`` span;
- people (``name`` spans) precision and recall, for information: govkg only
  finds people named with a post title or 同志, so recall is low by design.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract.agencies import extract_agencies  # noqa: E402
from kg.extract.people import extract_people  # noqa: E402
from kg.model import Sentence  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent / "data" / "eval" / "cluener2020" / "dev.json"
ORG_LABELS = ("government", "organization", "company")


def _spans(label: dict, kinds: tuple[str, ...]) -> set[tuple[int, int]]:
    return {(s, e + 1) for k in kinds for spans in label.get(k, {}).values() for s, e in spans}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false positives")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gov_gold = gov_found = pred = pred_ok = 0
    per_gold = per_found = per_pred = per_ok = 0
    misses: list[str] = []
    wrong: list[str] = []
    chars = 0
    extract_people(Sentence.of("省长任振鹤"))  # load the lexicons outside the timing
    t0 = time.perf_counter()
    for row in rows:
        text, label = row["text"], row.get("label", {})
        chars += len(text)
        sent = Sentence.of(text)
        agencies = {(m.start, m.end) for m in extract_agencies(sent)}
        people = {(m.start, m.end) for m in extract_people(sent)}
        gov = _spans(label, ("government",))
        orgs = _spans(label, ORG_LABELS)
        names = _spans(label, ("name",))
        gov_gold += len(gov)
        gov_found += len(gov & agencies)
        pred += len(agencies)
        pred_ok += len(agencies & orgs)
        per_gold += len(names)
        per_found += len(names & people)
        per_pred += len(people)
        per_ok += len(people & names)
        misses += [text[s:e] for s, e in sorted(gov - agencies)]
        wrong += [f"{text[s:e]}  ⟨{text}⟩" for s, e in sorted(agencies - orgs)]
    elapsed = time.perf_counter() - t0
    print(f"sentences {len(rows)}, {chars} chars, {elapsed:.2f} s ({chars / elapsed / 1000:.0f}k chars/s)")
    print(f"government recall   {_ratio(gov_found, gov_gold):.3f} ({gov_found}/{gov_gold})")
    print(f"agency precision    {_ratio(pred_ok, pred):.3f} ({pred_ok}/{pred}, vs government+organization+company)")
    print(f"person recall       {_ratio(per_found, per_gold):.3f} ({per_found}/{per_gold})")
    print(f"person precision    {_ratio(per_ok, per_pred):.3f} ({per_ok}/{per_pred})")
    if args.show:
        print("\nmissed government spans:", "、".join(misses[: args.show]))
        print("\nfalse positives:")
        for w in wrong[: args.show]:
            print("  ", w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
