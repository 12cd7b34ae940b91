"""Relations between the mentions of one sentence, and what each metric is about.

Precision over recall: a relation is stated only when the sentence says it in
a shape that leaves no doubt —

- ``issues``: an agency, as the subject of its clause, right before
  出台/制定/印发/发布/颁布 and the 《policy》 (省政府出台《…》);
- ``implements``: the same with 贯彻/落实/实施 (agency or initiative → policy);
- ``leads``: an agency subject with 开展/推行/打造/建立/举办/实施… and the initiative
  (省司法厅开展“…”行动); ``participates``: with 参与/参加;
- ``located_in``: a project whose name holds a place (兰州轨道交通二号线 → 兰州), a
  project said to be built 在 a place, an agency whose name starts with one (甘肃省司法厅).

A metric's subject is the initiative, work or agency nearest before it in
its clause (or the clause before, when its own clause opens with 累计/共/…
and names nothing). Indices are local to the sequences given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import Mention, Metric, Relation, Sentence

__all__ = ["extract_relations"]

_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
#: What may stand between a subject and its verb: adverbs, time words, no punctuation.
_BETWEEN_SUBJECT = re.compile(r"^[\u4e00-\u9fff0-9]{0,12}$")
_ISSUE = re.compile(r"(?:研究制定|制定出台|出台|制定|印发|发布|颁布|修订|审议通过)(?:了)?$")
_IMPLEMENT = re.compile(r"(?:贯彻落实|认真贯彻|深入贯彻|全面贯彻|贯彻|落实|全面实施|深入实施|实施)(?:好|了)?$")
_LEAD = re.compile(
    r"(?:组织开展|部署开展|深入开展|扎实开展|开展|推行|打造|建立|举办|启动|实施|推进|组建|首创|搭建|构建)"
    r"(?:了|起|起了)?$"
)
_PARTICIPATE = re.compile(r"(?:参与|参加)(?:了)?$")
_CARRY = re.compile(r"^(?:累计|共计|共|全年|先后|同比|年均|分别|其中|点击量|收视率|总计|合计)")
_BUILT_IN = re.compile(r"^”?在$")
_BUILT_AFTER = re.compile(r"^(?:建成|开工|投运|落地|竣工)")
_SUBJECT_KINDS = ("initiative", "work", "agency")
#: What may open a clause before its subject: a date, 近年来, 同时.
_TIME_LEAD = re.compile(r"(?:[0-9０-９]+年|[0-9０-９]+月|[0-9０-９]+日|今年|去年|近年来|同时|此外|目前|随后)*")


def extract_relations(
    sentence: Sentence, mentions: Sequence[Mention], metrics: Sequence[Metric]
) -> tuple[list[Relation], list[Metric]]:
    """Relations among ``mentions`` (indices local to the sequence) and the metrics
    with ``subject`` set (indices local to the sequences given)."""
    text, base = sentence.text, sentence.start
    rels: list[Relation] = []
    seen: set[tuple[str, int, int]] = set()

    def add(pred: str, s: int, o: int) -> None:
        if (pred, s, o) not in seen and s != o:
            seen.add((pred, s, o))
            rels.append(Relation(pred, s, o, sentence.index))

    for oi, obj in enumerate(mentions):
        if obj.kind not in ("policy", "initiative"):
            continue
        verb_end = _verb_end(text, mentions, oi, base)
        if verb_end is None:
            continue
        before = text[:verb_end]
        if obj.kind == "policy":
            for pattern, pred, kinds in (
                (_ISSUE, "issues", ("agency",)),
                (_IMPLEMENT, "implements", ("agency", "initiative")),
            ):
                if verb := pattern.search(before):
                    for si in _subjects(text, mentions, verb.start(), base, kinds):
                        add(pred, si, oi)
                    break
        else:
            for pattern, pred in ((_LEAD, "leads"), (_PARTICIPATE, "participates")):
                if verb := pattern.search(before):
                    for si in _subjects(text, mentions, verb.start(), base, ("agency",)):
                        add(pred, si, oi)
                    break
    for i, m in enumerate(mentions):
        for j, place in enumerate(mentions):
            if place.kind != "place" or i == j:
                continue
            if m.kind == "initiative" and m.subtype == "project" and _inside(place, m):
                add("located_in", i, j)
            elif m.kind == "agency" and place.start == m.start and place.end < m.end:
                add("located_in", i, j)
            elif m.kind == "initiative" and m.subtype == "project" and place.start > m.end:
                gap = text[m.end - base : place.start - base]
                after = text[place.end - base :]
                if _BUILT_IN.match(gap) and _BUILT_AFTER.match(after):
                    add("located_in", i, j)
    return rels, [_with_subject(text, base, mentions, x) for x in metrics]


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def _verb_end(text: str, mentions: Sequence[Mention], oi: int, base: int) -> int | None:
    """Where the verb governing mention ``oi`` ends: just before the object, past
    quotes, a short modifier, or a run of other titles (《A》《B》, 《A》、《B》)."""
    kind = mentions[oi].kind
    earlier = [m for m in mentions[:oi] if m.kind == kind]  # places inside titles skipped
    pos = mentions[oi].start - base
    while earlier:  # step back over earlier objects of the same kind in a run
        between = text[earlier[-1].end - base : pos]
        if not re.fullmatch(r"[》”」\"]?[、和及与]?[《“「\"]?", between):
            break
        pos = earlier.pop().start - base
    head = text[:pos].rstrip("《“「\"")
    if kind == "policy":
        return len(head) if pos - len(head) <= 1 else None
    m = re.search(r"(?:全国首家|全国首个|首家|首个|首届|全省|全国|新一轮)?$", head)
    return m.start() if m else len(head)


def _subjects(
    text: str, mentions: Sequence[Mention], verb_start: int, base: int, kinds: tuple[str, ...]
) -> list[int]:
    """The agencies (or initiatives) that are the subject of the verb at ``verb_start``:
    the run of them that opens the verb's clause (省委、省政府出台…)."""
    clause_start = 0
    for m in _CLAUSE_END.finditer(text, 0, verb_start):
        clause_start = m.end()
    found: list[int] = []
    pos = clause_start
    for i, m in enumerate(mentions):
        s, e = m.start - base, m.end - base
        if s < pos or e > verb_start:
            continue
        if m.kind not in kinds:
            if m.kind == "place" and s == pos:
                continue  # a place that opens an agency name
            continue
        lead = text[pos:s]
        if found and not re.fullmatch(r"[、和及与]?", lead):
            break
        if not found and not _TIME_LEAD.fullmatch(lead):
            break  # something else opens the clause (依托…): not our subject
        found.append(i)
        pos = e
    if found and not _BETWEEN_SUBJECT.match(text[pos:verb_start]):
        return []
    return found


def _with_subject(text: str, base: int, mentions: Sequence[Mention], metric: Metric) -> Metric:
    if metric.subject is not None:
        return metric
    start, end = metric.start - base, metric.end - base
    if any(m.kind in _SUBJECT_KINDS and 0 <= m.start - base - end <= 1 for m in mentions):
        return metric  # 组成7个省委法治督察组: the metric counts the thing named after it
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    clause_start = bounds[-1]
    found = _candidates(mentions, base, clause_start, start)
    best = found[-1] if found else None
    if best is None and len(bounds) >= 2 and _CARRY.match(text[clause_start:start]):
        if text[bounds[-1] - 1] in "，,":
            found = _candidates(mentions, base, bounds[-2], bounds[-1])
            top = [i for i in found if mentions[i].kind == _best_kind(mentions, found)]
            best = top[0] if len(top) == 1 else None  # only when it is unambiguous
    return metric if best is None else replace(metric, subject=best)


def _best_kind(mentions: Sequence[Mention], found: list[int]) -> str:
    """The most specific kind among ``found``: initiative, then work, then agency."""
    return min((mentions[i].kind for i in found), key=_SUBJECT_KINDS.index)


def _candidates(mentions: Sequence[Mention], base: int, lo: int, hi: int) -> list[int]:
    """Indices of subject-kind mentions within ``[lo, hi)``, outermost only, by end."""
    inside = [
        i
        for i, m in enumerate(mentions)
        if m.kind in _SUBJECT_KINDS and lo <= m.start - base and m.end - base <= hi
    ]
    outer = [
        i
        for i in inside
        if not any(j != i and _inside(mentions[i], mentions[j]) for j in inside)
    ]
    return sorted(outer, key=lambda i: (mentions[i].end, mentions[i].start))
