"""《》 titles: policy instruments (《…条例》) and works (《甘肃日报》, 《法治伴你行》).

A title's mention spans the text inside the brackets; its name is that text
without spaces. Nested titles (《关于贯彻〈…法〉的意见》, or 《…《…》…》) give
a mention for the outer and for each inner title. Unbalanced brackets are
skipped, never an error. The kind comes from lexicons: how the title ends
(``policy_suffixes``), and the words around it (``work_cues``).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import load_column, load_table
from ..model import Mention, Sentence

__all__ = ["extract_titles", "title_spans", "classify_title"]

_OPEN = {"《": "》", "〈": "〉", "＜": "＞"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET = re.compile("[《》〈〉＜＞]")
_MAX_TITLE = 120  # a 《 that is not closed within this many characters is not a title
_SPACE = re.compile(r"\s+")
#: Trailing status notes that do not change what a title is.
_STATUS = re.compile(r"(?:[（(](?:草案|修正案|修订草案|修正草案|试行|暂行|征求意见稿|送审稿|修订)[）)]|草案)+$")
_YEAR_NAMED = re.compile(r"20[0-9]{2}$")  # 《中国制造2025》: a programme named by its target year


def title_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, depth) of every balanced title in ``text``, inner offsets.

    ``depth`` is 0 for a top-level 《》 title and 1+ for titles nested in it;
    〈〉 and ＜＞ only count inside a 《》 title.
    """
    spans: list[tuple[int, int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(text):
        ch, pos = m.group(), m.start()
        if ch in _OPEN:
            if ch != "《" and not stack:
                continue  # a lone 〈 or ＜ is not a title mark here
            if stack and pos - stack[0][1] > _MAX_TITLE:
                stack.clear()  # the open title never closed: forget it
                if ch != "《":
                    continue
            stack.append((ch, pos))
            continue
        opener = _CLOSE[ch]
        # close the innermost matching opener; drop unmatched ones above it
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == opener:
                start = stack[i][1] + 1
                del stack[i:]
                if pos > start and pos - start <= _MAX_TITLE:
                    spans.append((start, pos, len(stack)))
                break
    spans.sort()
    return spans


@cache
def _policy_suffixes() -> tuple[tuple[str, str], ...]:
    rows = [(r["suffix"], r["kind"]) for r in load_table("policy_suffixes")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _work_cues() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in load_table("work_cues"):
        out.setdefault(r["where"], []).append((r["cue"], r["kind"]))
    return {k: tuple(sorted(v, key=lambda c: -len(c[0]))) for k, v in out.items()}


def classify_title(title: str, before: str = "", after: str = "") -> tuple[str, str]:
    """(mention kind, subtype) of a title, from how it ends and the text around it.

    ``before``/``after`` are a few characters of context on either side of
    the brackets. Policy suffixes win over work cues.
    """
    core = _STATUS.sub("", title) or title
    nonlaw = load_column("policy_nonlaw", "word")
    for suffix, kind in _policy_suffixes():
        if core.endswith(suffix):
            if kind == "law" and suffix == "法" and any(core.endswith(w) for w in nonlaw):
                continue
            if len(core) == len(suffix) and kind == "law":
                break  # 《法》 alone names nothing
            return "policy", kind
    if _YEAR_NAMED.search(core) and len(core) > 4:
        return "policy", "plan"
    cues = _work_cues()
    head = after[:6]
    for cue, kind in cues.get("after", ()):
        i = head.find(cue)
        if 0 <= i <= 2:
            return "work", kind
    # the cue nearest the bracket wins: 电影《甲》、电视剧《乙》
    found = [(before.rfind(c) + len(c), kind) for c, kind in cues.get("before", ()) if c in before]
    near = max(found, default=(-1, ""))
    if near[0] > 0:
        return "work", near[1]
    for cue, kind in cues.get("suffix", ()):
        if core.endswith(cue) and len(core) > len(cue):
            return "work", kind
    for cue, kind in cues.get("inside", ()):
        if cue in core:
            return "work", kind
    return "work", "other"


def extract_titles(sentence: Sentence) -> list[Mention]:
    """Every 《》 title in ``sentence`` as a policy or work mention (document offsets)."""
    text = sentence.text
    if "《" not in text:
        return []
    out: list[Mention] = []
    for start, end, _depth in title_spans(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        raw = text[start:end]
        name = _SPACE.sub("", raw)
        # an outer title keeps its inner brackets in its name; a bare bracket is no title
        if not name or not name.strip("《》〈〉＜＞"):
            continue
        kind, subtype = classify_title(name, _before(text, start), _after(text, end))
        out.append(
            Mention(
                kind=kind,
                text=raw,
                start=sentence.start + start,
                end=sentence.start + end,
                sentence=sentence.index,
                name=name,
                subtype=subtype,
            )
        )
    return out


def _before(text: str, start: int) -> str:
    """Up to 8 characters before the opening bracket of the title at ``start``."""
    i = text.rfind("《", 0, start)
    i = start - 1 if i < 0 else i
    return text[max(0, i - 8) : i]


def _after(text: str, end: int) -> str:
    """Up to 6 characters after the closing bracket of the title ending at ``end``."""
    i = text.find("》", end)
    i = end if i < 0 else i + 1
    return text[i : i + 6]
