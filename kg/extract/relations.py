"""Relations between the mentions of one sentence, and what each metric is about.

Precision over recall: a relation is stated only when the sentence says it in
a shape that leaves no doubt —

- ``issues``: an agency, as the subject of its clause, right before
  出台/制定/印发/发布/颁布 and the 《policy》 (省政府出台《…》);
- ``implements``: the same with 贯彻/落实/实施 (agency or initiative → policy);
- ``leads``: an agency subject with 开展/推行/打造/建立/举办/实施… and the initiative
  (省司法厅开展“…”行动); ``participates``: with 参与/参加;
- implied subject: a report mostly leaves out its own subject (出台《…》，首创“…”模式),
  which is the agency whose work it reports. When 出台/制定/印发… (a policy:
  ``issues``) or 开展/推行/首创… (an initiative: ``leads``) opens its clause after
  adverbials only (2023年, 首次, 在全国率先, 创新), and the sentence opens without a
  subject too, the relation's subject is :data:`~kg.model.REPORTER`; resolution
  maps it to the reporting agency. A generic subject (各地, 群众) blocks it;
  a named one wins;
- ``located_in``: a project whose name holds a place (兰州轨道交通二号线 → 兰州), a
  project said to be built 在 a place, an agency whose name starts with one (甘肃省司法厅).

A metric's subject is the initiative, work or agency nearest before it in
its clause (or the clause before, when its own clause opens with 累计/共/…
and names nothing). Indices are local to the sequences given.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import REPORTER, Mention, Metric, Relation, Sentence

__all__ = ["extract_relations", "opening_subjects"]

_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")
#: What may stand between a subject and its verb: adverbs, time words, no punctuation.
_BETWEEN_SUBJECT = re.compile(r"^[\u4e00-\u9fff0-9]{0,12}$")
_ISSUE = re.compile(r"(?:研究制定|制定出台|出台|制定|印发|发布|颁布|修订|审议通过)(?:了)?$")
_IMPLEMENT = re.compile(r"(?:贯彻落实|认真贯彻|深入贯彻|全面贯彻|贯彻|落实|全面实施|深入实施|实施)(?:好|了)?$")
_LEAD = re.compile(
    r"(?:组织开展|部署开展|深入开展|扎实开展|开展|推行|打造|建立|举办|启动|实施|推进|组建|首创|搭建|构建)"
    r"(?:了|起|起了)?$"
)
#: The verbs that, opening a clause with no subject, say the reporter did it.
_IMPLIED = {
    "issues": re.compile(r"(?:研究制定|制定出台|出台|制定|印发|发布|颁布|修订)(?:了)?$"),
    "leads": re.compile(
        r"(?:创新推行|组织开展|部署开展|开展|推行|实施|打造|建立|组建|首创|启动)(?:了|起|起了)?$"
    ),
}
#: Adverbials that may open a clause before its subjectless verb (times, manner).
_ADVERBIAL = re.compile(
    r"(?:(?:[0-9０-９]+|[一二三四五六七八九十〇零]+)(?:年(?:以来|来|底|初|内)?|月(?:份)?|日)|今年|去年|近年来|年内|全年"
    r"|同时|此外|随后|先后|首次|首先|率先|在全国率先|在全省率先|全国率先|在全国|在全省|创新|深入|扎实|全面"
    r"|积极|大力|持续|认真|研究|着力|重点|专门|及时|迅速|进一步|继续|精心|统筹|系统|高标准|还|并|又|均|再)*"
)
#: How a sentence may open when its subject is left out: adverbials, then a verb or
#: a preposition (在…基础上, 围绕…). Anything else (各地, 全省律师行业, 群众) may be a subject.
_OPEN = re.compile(
    r"(?:出台|制定|印发|发布|颁布|修订|开展|推行|实施|打造|建立|健全|组建|首创|启动|组织|部署|推动|推进|深化"
    r"|完善|加强|强化|坚持|落实|贯彻|聚焦|围绕|针对|按照|依托|通过|以|在|为|立足|抓实|压实|提出|建成|构建|搭建"
    r"|举办|召开|编制|优化|提升|创建|培育|探索|指导|督促|制发|出版|确定|将|把|对|紧扣|紧盯|牢牢|打好|打赢|加快"
    r"|发展|做优|做强|做好|办好|抓好|扩大|促进|提高|推出|发挥|严格|严厉|依法|全力|秉持|践行|服务|保障|巩固|拓展)"
)
#: Sentence roles that tell the reporter's work (a title or caption does not: 关于开展…的通知).
_STATES_WORK = ("body", "lead", "heading")
#: A national programme: a province or bureau that carries it out takes part in it.
_NATIONAL_NAME = re.compile(r"^(?:国家|全国|中华|中国)|中国")
#: A quoted name that only qualifies a plan or strategy (实施“九五”普法规划, “走出去”战略).
_PLAN_AFTER = re.compile(r"”?[\u4e00-\u9fff]{0,4}(?:规划|纲要|条例|战略)")
_PARTICIPATE = re.compile(r"(?:参与|参加)(?:了)?$")
_CARRY = re.compile(r"^(?:累计|共计|共|全年|先后|同比|年均|分别|其中|点击量|收视率|总计|合计)")
_BUILT_IN = re.compile(r"^”?在$")
_BUILT_AFTER = re.compile(r"^(?:建成|开工|投运|落地|竣工)")
_SUBJECT_KINDS = ("initiative", "work", "agency")
#: The kinds a relation may start from or point at (besides places, which only end one).
_RELATED_KINDS = frozenset({"policy", "initiative", "agency"})
#: A modifier that may stand between a verb and its initiative (开展全国首个…).
_MODIFIER_END = re.compile(r"(?:全国首家|全国首个|首家|首个|首届|全省|全国|新一轮)?$")
#: What may stand between two titles (or quoted names) of one run.
_RUN_GAP = re.compile(r"[》”」\"]?[、和及与]?[《“「\"]?")
#: How far (characters) a subject is looked for before its verb or metric.
_REACH = 80
#: What may open a clause before its subject: a date, 近年来, 同时.
_TIME_LEAD = re.compile(r"(?:[0-9０-９]+年|[0-9０-９]+月|[0-9０-９]+日|今年|去年|近年来|同时|此外|目前|随后)*")


class _Index:
    """The mentions of one sentence by local start offset, and its clause bounds,
    so that every lookup is a bisection (sentences can be long)."""

    def __init__(self, text: str, mentions: Sequence[Mention], base: int) -> None:
        self.text, self.mentions, self.base = text, mentions, base
        self.order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, -mentions[i].end))
        self.starts = [mentions[i].start - base for i in self.order]
        self.bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
        self._runs: dict[str, list[int]] = {}
        self._by_kind: dict[str, list[int]] | None = None
        self._rank: dict[int, int] | None = None

    # built when first asked (most sentences never do); plain properties, as
    # functools.cached_property takes a lock on every read in Python 3.11

    @property
    def by_kind(self) -> dict[str, list[int]]:
        """Mention indices of each kind, by start."""
        if self._by_kind is None:
            out: dict[str, list[int]] = {}
            for i in self.order:
                out.setdefault(self.mentions[i].kind, []).append(i)
            self._by_kind = out
        return self._by_kind

    @property
    def rank(self) -> dict[int, int]:
        """Mention index → its place among the mentions of its kind."""
        if self._rank is None:
            self._rank = {i: r for ids in self.by_kind.values() for r, i in enumerate(ids)}
        return self._rank

    def between(self, lo: int, hi: int) -> Iterator[int]:
        """Indices of mentions whose local start is in ``[lo, hi)``, by start."""
        for k in range(bisect_left(self.starts, lo), bisect_left(self.starts, hi)):
            yield self.order[k]

    def run_start(self, kind: str) -> list[int]:
        """For each mention of ``kind`` (by rank), where the run of same-kind mentions
        it ends starts: 《A》《B》 and 《A》、《B》 are runs (places inside titles are
        not of the kind, so they do not break one). Computed once per kind."""
        if kind not in self._runs:
            out: list[int] = []
            prev_end = -1
            for i in self.by_kind.get(kind, []):
                s, e = self.span(i)
                joined = out and prev_end <= s and _RUN_GAP.fullmatch(self.text, prev_end, s)
                out.append(out[-1] if joined else s)
                prev_end = e
            self._runs[kind] = out
        return self._runs[kind]

    def clause_start(self, pos: int) -> int:
        """Local offset where the clause holding ``pos`` starts."""
        return self.bounds[bisect_right(self.bounds, pos) - 1]

    def span(self, i: int) -> tuple[int, int]:
        m = self.mentions[i]
        return m.start - self.base, m.end - self.base


def extract_relations(
    sentence: Sentence, mentions: Sequence[Mention], metrics: Sequence[Metric]
) -> tuple[list[Relation], list[Metric]]:
    """Relations among ``mentions`` (indices local to the sequence) and the metrics
    with ``subject`` set (indices local to the sequences given)."""
    if not metrics and not any(m.kind in _RELATED_KINDS for m in mentions):
        return [], []  # no verb's object, no located name, no metric: nothing to read (most sentences)
    if not mentions:  # no subject for a metric
        return [], list(metrics)
    idx = _Index(sentence.text, mentions, sentence.start)
    rels: list[Relation] = []
    seen: set[tuple[str, int, int]] = set()

    def add(pred: str, s: int, o: int) -> None:
        if (pred, s, o) not in seen and s != o:
            seen.add((pred, s, o))
            rels.append(Relation(pred, s, o, sentence.index))

    for oi, obj in enumerate(mentions):
        if obj.kind not in ("policy", "initiative"):
            continue
        verb_end = _verb_end(idx, oi)
        if verb_end is None:
            continue
        window_start = max(0, verb_end - 8)
        before = idx.text[window_start:verb_end]
        rules = (
            ((_ISSUE, "issues", ("agency",)), (_IMPLEMENT, "implements", ("agency", "initiative")))
            if obj.kind == "policy"
            else ((_LEAD, "leads", ("agency",)), (_PARTICIPATE, "participates", ("agency",)))
        )
        for pattern, pred, kinds in rules:
            if verb := pattern.search(before):
                subjects = _subjects(idx, window_start + verb.start(), kinds)
                for si in subjects:
                    add(pred, si, oi)
                if not subjects and sentence.role in _STATES_WORK and _implied(idx, pred, window_start, before):
                    if pred == "leads" and _NATIONAL_NAME.search(obj.name):
                        pred = "participates"  # 开展“中华文明探源工程”: a national programme's part
                    if not _not_led(idx, oi, before):
                        rels.append(Relation(pred, REPORTER, oi, sentence.index))
                break
    for i, m in enumerate(mentions):
        for pred, j in _locations(idx, i, m):
            add(pred, i, j)
    return rels, [_with_subject(idx, x) for x in metrics]


def _locations(idx: _Index, i: int, m: Mention) -> list[tuple[str, int]]:
    """(located_in, place index) for a project or an agency."""
    start, end = idx.span(i)
    out = []
    if m.kind == "initiative" and m.subtype == "project":
        for j in idx.between(start, end):
            if idx.mentions[j].kind == "place" and idx.span(j)[1] <= end:
                out.append(("located_in", j))
        for j in idx.between(end, end + 3):  # “钍基熔盐实验堆”在武威建成
            ps, pe = idx.span(j)
            if idx.mentions[j].kind == "place" and _BUILT_IN.match(idx.text[end:ps]):
                if _BUILT_AFTER.match(idx.text[pe : pe + 2]):
                    out.append(("located_in", j))
    elif m.kind == "agency":
        for j in idx.between(start, start + 1):
            if idx.mentions[j].kind == "place" and idx.span(j)[1] < end:
                out.append(("located_in", j))  # 甘肃省司法厅 → 甘肃省
    return out


def _verb_end(idx: _Index, oi: int) -> int | None:
    """Where the verb governing mention ``oi`` ends: just before the object, past
    quotes, a short modifier, or a run of other titles (《A》《B》, 《A》、《B》)."""
    kind = idx.mentions[oi].kind
    pos = idx.run_start(kind)[idx.rank[oi]]
    head_start = max(0, pos - 12)
    head = idx.text[head_start:pos].rstrip("《“「\"")
    if kind == "policy":
        return head_start + len(head) if pos - head_start - len(head) <= 1 else None
    m = _MODIFIER_END.search(head)
    return head_start + (m.start() if m else len(head))


def opening_subjects(sentence: Sentence, mentions: Sequence[Mention], kinds: tuple[str, ...] = ("agency",)) -> list[int]:
    """Indices (local to ``mentions``) of the mentions of ``kinds`` that open a clause of
    ``sentence`` after adverbials only (2023年，省司法厅认真贯彻…): its stated subjects."""
    if not any(m.kind in kinds for m in mentions):
        return []  # no mention of those kinds (most sentences a reporter look-up reads)
    idx = _Index(sentence.text, mentions, sentence.start)
    out: list[int] = []
    for clause in idx.bounds:
        lead = _ADVERBIAL.match(idx.text, clause).end()
        for i in idx.between(lead, lead + 1):
            if idx.mentions[i].kind in kinds and idx.span(i)[0] == lead:
                out.append(i)
                break
    return out


def _not_led(idx: _Index, oi: int, before: str) -> bool:
    """Objects a subjectless verb does not make the reporter's own: a quoted name that
    only qualifies a plan (实施“九五”普法规划), a strategy or system put into effect
    (实施就业优先战略, 推行长期护理保险制度), a name cut with a verb in it."""
    obj = idx.mentions[oi]
    if obj.kind != "initiative":
        return False
    if _PLAN_AFTER.match(idx.text, idx.span(oi)[1]) or re.search(r"实施|开展|推行", obj.name):
        return True
    return bool(re.search(r"(?:实施|推行)(?:了)?$", before) and re.search(r"(?:战略|制度)$", obj.name))


def _implied(idx: _Index, pred: str, window_start: int, before: str) -> bool:
    """True when the verb ending ``before`` (one of :data:`_IMPLIED`) opens its clause
    after adverbials only, and every earlier clause of the sentence opens with a verb
    or a preposition (no subject): then the subject is the reporting agency."""
    pattern = _IMPLIED.get(pred)
    verb = pattern.search(before) if pattern else None
    if verb is None:
        return False
    verb_start = window_start + verb.start()
    clause = idx.clause_start(verb_start)
    if not _ADVERBIAL.fullmatch(idx.text, clause, verb_start):
        return False
    if any(idx.span(i)[0] < verb_start for i in idx.between(clause, verb_start)):
        return False
    for start in idx.bounds:
        if start >= clause:
            break
        lead = _ADVERBIAL.match(idx.text, start).end()
        if lead < len(idx.text) and _CLAUSE_END.match(idx.text, lead):
            continue  # 2023年，…: a clause of adverbials only
        if any(idx.span(i)[0] == lead for i in idx.between(lead, lead + 1)):
            return False  # an earlier clause opens with a name: the sentence's subject
        if not _OPEN.match(idx.text, lead):
            return False  # … or with something else that may be its subject (各地, 中央预算)
    return True


def _subjects(idx: _Index, verb_start: int, kinds: tuple[str, ...]) -> list[int]:
    """The agencies (or initiatives) that are the subject of the verb at ``verb_start``:
    the run of them that opens the verb's clause (省委、省政府出台…)."""
    text = idx.text
    found: list[int] = []
    pos = idx.clause_start(verb_start)
    if verb_start - pos > _REACH:
        return []  # a clause this long before its verb is not read
    for i in idx.between(pos, verb_start):
        s, e = idx.span(i)
        if s < pos or e > verb_start or idx.mentions[i].kind not in kinds:
            continue  # places inside an agency's name, mentions inside others
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


def _with_subject(idx: _Index, metric: Metric) -> Metric:
    if metric.subject is not None:
        return metric
    start, end = metric.start - idx.base, metric.end - idx.base
    if any(idx.mentions[j].kind in _SUBJECT_KINDS for j in idx.between(end, end + 2)):
        return metric  # 组成7个省委法治督察组: the metric counts the thing named after it
    clause_start = idx.clause_start(start)
    found = _candidates(idx, max(clause_start, start - _REACH), start)
    best = found[-1] if found else None
    if best is None and clause_start > 0 and _CARRY.match(idx.text[clause_start:start]):
        if idx.text[clause_start - 1] in "，,":
            lo = max(idx.clause_start(clause_start - 1), clause_start - _REACH)
            found = _candidates(idx, lo, clause_start)
            top = [i for i in found if idx.mentions[i].kind == _best_kind(idx.mentions, found)]
            best = top[0] if len(top) == 1 else None  # only when it is unambiguous
    return metric if best is None else replace(metric, subject=best)


def _best_kind(mentions: Sequence[Mention], found: list[int]) -> str:
    """The most specific kind among ``found``: initiative, then work, then agency."""
    return min((mentions[i].kind for i in found), key=_SUBJECT_KINDS.index)


def _candidates(idx: _Index, lo: int, hi: int) -> list[int]:
    """Subject-kind mentions within ``[lo, hi)``, outermost only, by end."""
    outer: list[int] = []
    reach = -1
    for i in idx.between(lo, hi):
        s, e = idx.span(i)
        if idx.mentions[i].kind not in _SUBJECT_KINDS or e > hi:
            continue
        if e <= reach:
            continue  # inside an earlier, longer mention
        outer.append(i)
        reach = e
    return sorted(outer, key=lambda i: (idx.mentions[i].end, idx.mentions[i].start))
