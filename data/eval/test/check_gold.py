#!/usr/bin/env python3
"""Sanity check for the test-set gold files (no project code used).

For every *.gold.json next to this script, load the excerpt X.txt and assert
that each metric text, agency name-or-alias, place name-or-alias, policy and
work title, person name and initiative name occurs verbatim in the excerpt;
that document.id equals the file stem; that kinds and qualifiers are from
FORMAT.md; and that metric values are consistent with their surface text
where the text is a plain Arabic number with an optional 万/亿 multiplier.
"""
import json, pathlib, re, sys

HERE = pathlib.Path(__file__).resolve().parent
POLICY_KINDS = {"law", "regulation", "rules", "measures", "opinions", "plan", "notice", "other"}
WORK_KINDS = {"newspaper", "programme", "research", "book", "other"}
INIT_KINDS = {"campaign", "mechanism", "model", "platform", "project", "activity", "other"}
QUALIFIERS = {"exact", "over", "at_least", "under", "at_most", "approx"}
MULT = {"": 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}
NUM = re.compile(r"(\d+(?:\.\d+)?)[多余]?(万亿|万|亿)?")

def main():
    golds = sorted(HERE.glob("*.gold.json"))
    assert golds, "no gold files"
    bad = 0
    for g in golds:
        stem = g.name[: -len(".gold.json")]
        text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
        d = json.loads(g.read_text(encoding="utf-8"))
        errs = []
        def need(s, what):
            if s not in text:
                errs.append(f"{what} not in text: {s!r}")
        assert d["document"]["id"] == stem, (d["document"]["id"], stem)
        assert set(d) == {"document", "agencies", "people", "places", "policies", "works", "initiatives", "metrics"}
        for cat in ("agencies", "places"):
            names = set()
            for e in d[cat]:
                assert e["name"] not in names, f"duplicate {cat} {e['name']}"
                names.add(e["name"])
                if not any(s in text for s in [e["name"], *e["aliases"]]):
                    errs.append(f"{cat}: neither name nor alias in text: {e['name']}")
                for a in e["aliases"]:
                    need(a, f"{cat} alias")
        for e in d["people"]:
            need(e["name"], "person")
        for e in d["policies"]:
            need(e["title"], "policy"); assert e["kind"] in POLICY_KINDS, e
        for e in d["works"]:
            need(e["title"], "work"); assert e["kind"] in WORK_KINDS, e
        for e in d["initiatives"]:
            need(e["name"], "initiative"); assert e["kind"] in INIT_KINDS, e
        agencies = {e["name"] for e in d["agencies"]}
        for e in d["people"]:
            for p in e["posts"]:
                assert p["agency"] in agencies, f"post agency not an agency entry: {p}"
        for m in d["metrics"]:
            need(m["text"], "metric text")
            assert m["qualifier"] in QUALIFIERS, m
            assert isinstance(m["value"], (int, float)) and m["unit"], m
            assert m["unit"] in m["text"] or m["unit"] == "人" or m["text"].endswith(m["unit"][-1:]) or m["unit"] == "个百分点", m
            mm = NUM.search(m["text"])
            if mm:
                expect = float(mm.group(1)) * MULT[mm.group(2) or ""]
                if abs(expect - m["value"]) > 1e-9 * max(1.0, abs(expect)):
                    errs.append(f"metric value {m['value']} != {expect} for {m['text']!r}")
        counts = {k: len(v) for k, v in d.items() if isinstance(v, list)}
        print(f"{stem}: {len(text)} chars, {counts}", "OK" if not errs else f"{len(errs)} ERRORS")
        for e in errs:
            print("   ", e)
        bad += len(errs)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
