"""Segmentation: sections and sentences with offsets into ``Document.text``.

Layout comes from lines (ingest leaves one paragraph per line) and from the
blank-line gaps between them (ingest keeps up to three):

- **Sections**: numbered headings 一、 (level 1), （一） (level 2), 1. / 1、 /
  （1） / 第一， (level 3), either a short line of their own or the first
  short sentence of a numbered paragraph (（一）经济增长迈出坚实步伐。抓好…);
  and unnumbered short lines without sentence punctuation standing alone
  (构建科学、精准、规范法治建设考评体系, “十四五”时期工作回顾), level 1, or 2
  in a document that numbers its top level with 一、. Two such lines closer
  together than the document's usual paragraph gap are one heading
  (合力打造法治化营商环境 / 护航全省经济高质量发展).
- **Sentences** end at 。！？!? (closing quotes and brackets stay with them)
  and at line ends; ；stays inside (work reports chain clauses with it);
  never inside 《》, “”, 「」 or 『』.
- **Roles**: ``title`` for the title, subtitle, speaker and 来源/责任编辑/发布时间
  lines; ``heading``; ``caption`` for photo captions (a photo credit …摄, or a
  short line after a gap wider than the usual one, just before a heading);
  ``lead`` for the short first sentence naming a sub-point (深化理论学习。…);
  ``body`` otherwise.

Never raises on any ``str``; sections nest, sentences are ordered and
disjoint, and ``doc.text[s.start:s.end] == s.text`` always.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .ingest.metadata import head_end, is_metadata_line, is_photo_credit, is_subtitle_line
from .model import Document, Section, Segmented, Sentence

__all__ = ["segment", "split_sentences"]

_CN_NUM = "一二三四五六七八九十百零〇"
_NUMBERS = (
    (1, re.compile(rf"^([{_CN_NUM}]{{1,4}}[、．.])")),
    (2, re.compile(rf"^([（(][{_CN_NUM}]{{1,4}}[）)])")),
    (3, re.compile(r"^([0-9０-９]{1,2}[、.．](?![0-9０-９])|[（(][0-9０-９]{1,2}[）)])")),
    (3, re.compile(rf"^(第[{_CN_NUM}]{{1,3}}[，、,])")),
)
_ENUM = re.compile(rf"^(?:[{_CN_NUM}]{{1,3}}是|——|第[{_CN_NUM}]{{1,3}}[，、,]|[（(][{_CN_NUM}0-9]{{1,3}}[）)])")
_INNER_PUNCT = re.compile(r"[，,；;。！？!?：:]")
_OPEN = "《“「『"
_CLOSE = "》”」』"
#: An opening or closing quote or title mark.
_QUOTE_MARK = re.compile(f"[{_OPEN}{_CLOSE}]")
#: A sentence end, with the closing marks glued to it.
_END_MARK = re.compile(r"[。！？!?]+[”’」』）)》】〕\"']*")
#: Either: the marks a sentence split reads when quotes may hold sentence ends.
_MARK = re.compile(f"{_QUOTE_MARK.pattern}|{_END_MARK.pattern}")
_NOT_LEAD = re.compile(r"[0-9０-９%％]|我们|^(?:各位代表|过去|今年|去年|明年|一年来|五年来|这一年|这五年|当前|目前)")
_WS = " \t\r\n\u3000\u00a0\ufeff"


@dataclass(slots=True)
class _Block:
    """One non-blank line: its stripped span and the blank lines before it."""

    start: int
    end: int
    gap: int
    kind: str = "body"  #: body, title, caption, heading
    level: int = 0
    number: str | None = None
    inline: bool = False  #: heading is the first sentence of the paragraph
    joined: list[int] = field(default_factory=list)  #: blocks merged into this heading


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one line), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    if _QUOTE_MARK.search(text, start, end) is None:  # no 《》“” …: every end mark cuts
        cut = start
        for m in _END_MARK.finditer(text, start, end):
            spans.append((cut, m.end()))
            cut = m.end()
        spans.append((cut, end))
        return _trimmed(text, spans)
    depth = 0
    cut = start
    for m in _MARK.finditer(text, start, end):
        tok = m.group()
        if tok in _OPEN:
            depth += 1
            continue
        if tok in _CLOSE:
            depth = max(0, depth - 1)
            continue
        for ch in tok:
            if ch in _CLOSE:
                depth = max(0, depth - 1)
        if depth == 0:
            spans.append((cut, m.end()))
            cut = m.end()
    spans.append((cut, end))
    return _trimmed(text, spans)


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without surrounding whitespace, empty ones dropped."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    pos = 0
    gap = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if a == b:
            gap += 1
            continue
        blocks.append(_Block(a, b, gap))
        gap = 0
    return blocks


def _number(s: str) -> tuple[int, str] | None:
    for level, rx in _NUMBERS:
        m = rx.match(s)
        if m:
            return level, m.group(1)
    return None


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _ordinal(mark: str) -> int | None:
    """The number in a heading mark: （十二） → 12, 三、 → 3, 2. → 2."""
    core = re.sub(r"[^0-9０-９零〇一二三四五六七八九十百]", "", mark)
    core = core.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if core.isdigit():
        return int(core)
    if not core or "百" in core:
        return None
    if "十" in core:
        tens, _, ones = core.partition("十")
        t = _DIGITS.get(tens, 0) if tens else 1
        o = _DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    return _DIGITS.get(core) if len(core) == 1 else None


def _in_sequence(blocks: list[_Block]) -> None:
    """Numbered headings of levels 1 and 2 must count up (一、 二、 三、; （一） may
    restart). A 一、 after 三、 starts a list inside the text: those lines are body."""
    last: dict[int, int] = {}
    for b in blocks:
        if b.kind != "heading" or b.number is None or b.level > 2:
            continue
        n = _ordinal(b.number)
        prev = last.get(b.level)
        ok = n is not None and (n == prev + 1 if prev is not None else n == 1)
        if b.level == 2 and n == 1:
            ok = True
        if ok:
            last[b.level] = n  # type: ignore[assignment]
        else:
            b.kind, b.level, b.number, b.inline = "body", 0, None, False


def _heading_like(s: str) -> bool:
    """Short, no sentence punctuation, at least one letter: a candidate heading."""
    return 2 <= len(s) <= 40 and not _INNER_PUNCT.search(s) and any(c.isalpha() for c in s)


def _lead_like(sentence: str) -> bool:
    core = _ENUM.sub("", sentence)
    return (
        2 <= len(core) <= 26
        and sentence[-1:] in "。！"
        and not _NOT_LEAD.search(core)
        and not re.search(r"[。！？]", sentence[:-1])
    )


def _classify(doc: Document, blocks: list[_Block]) -> None:
    text = doc.text
    lines = [text[b.start : b.end] for b in blocks]
    head = head_end(lines)
    special = {x.strip() for x in (doc.title, doc.subtitle, doc.author) if x}
    for i, (b, s) in enumerate(zip(blocks, lines)):
        if is_photo_credit(s):
            b.kind = "caption"
        elif is_metadata_line(s) or (i < head and (s in special or is_subtitle_line(s))):
            b.kind = "title"
        elif doc.subtitle and i < head and s.startswith(doc.subtitle.strip()):
            b.kind = "title"
    for i in range(1, min(head, len(blocks))):
        if blocks[i].kind == "title" and is_subtitle_line(lines[i]) and blocks[i - 1].kind == "body":
            if _heading_like(lines[i - 1]):
                blocks[i - 1].kind = "title"  # a headline over its ——subtitle
    gaps = Counter(b.gap for b in blocks[1:])
    usual = gaps.most_common(1)[0][0] if gaps else 0
    top_numbered = any(
        (n := _number(s)) and n[0] == 1 and _heading_like(s[len(n[1]) :]) for s in lines[:2000]
    )
    # numbered and unnumbered heading candidates
    cand = [False] * len(blocks)
    for i, (b, s) in enumerate(zip(blocks, lines)):
        if b.kind != "body":
            continue
        num = _number(s)
        if num:
            level, mark = num
            rest = s[len(mark) :].strip()
            sents = split_sentences(s, 0, len(s))
            first = s[sents[0][0] : sents[0][1]] if sents else s
            short = len(sents) == 1 and len(rest) <= 30 and s[-1] == "。" and not re.search(r"[，,；;]", rest)
            if rest and (_heading_like(rest) or short):
                b.kind, b.level, b.number = "heading", level, mark
            elif len(sents) > 1 and len(first) - len(mark) <= 40 and first[-1] in "。" and level < 3:
                b.kind, b.level, b.number, b.inline = "heading", level, mark, True
            continue
        if _heading_like(s) and not s.startswith("各位代表"):
            cand[i] = True
    _in_sequence(blocks)
    last_title = max((i for i in range(min(head, len(blocks))) if blocks[i].kind == "title"), default=-2)
    for i, b in enumerate(blocks):
        if not cand[i] or b.kind != "body":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if i <= last_title + 1:  # just under the title block: a photo caption, not a heading
            b.kind = "caption"
            continue
        if (
            usual >= 1
            and b.gap > usual
            and nxt is not None
            and nxt.gap < b.gap
            and (cand[i + 1] or nxt.kind == "heading")
        ):
            b.kind = "caption"
            continue
        b.kind, b.level = "heading", 2 if top_numbered else 1
        j = i + 1
        while usual >= 1 and j < len(blocks) and cand[j] and 0 < blocks[j].gap < usual and len(b.joined) < 2:
            b.joined.append(j)
            blocks[j].kind = "joined"
            cand[j] = False
            j += 1
    # a short one-sentence line after a wide gap, just before a heading: a caption
    for i, b in enumerate(blocks[:-1]):
        s = lines[i]
        if (
            b.kind == "body"
            and usual >= 1
            and b.gap > usual
            and blocks[i + 1].kind == "heading"
            and blocks[i + 1].gap < b.gap
            and blocks[i + 1].number is None
            and len(s) <= 40
            and not re.search(r"[，,；;：:]", s)
            and s[-1] not in "；;：:，,、"
            and not _number(s)
            and not _ENUM.match(s)
            and len(split_sentences(s, 0, len(s))) == 1
        ):
            b.kind = "caption"


def segment(document: Document) -> Segmented:
    """Sections and sentences of ``document`` (see the module docstring)."""
    text = document.text
    blocks = _blocks(text)
    _classify(document, blocks)
    headings: list[tuple[int, _Block, str]] = []  # (block index, block, title)
    for i, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        s = text[b.start : b.end]
        if b.inline:
            a, e = split_sentences(text, b.start, b.end)[0]
            s = text[a:e]
        title = s[len(b.number) :] if b.number else s
        title = title.strip(_WS).rstrip("。")
        for j in b.joined:
            title += " " + text[blocks[j].start : blocks[j].end]
        headings.append((i, b, title or s))
    # one pass with a stack of open sections: a heading closes every open
    # section of its level or deeper, and its parent is the one left on top
    n = len(headings)
    ends = [len(text)] * n
    parents: list[int | None] = [None] * n
    open_: list[int] = []
    for k, (_, b, _) in enumerate(headings):
        while open_ and headings[open_[-1]][1].level >= b.level:
            ends[open_.pop()] = b.start
        parents[k] = open_[-1] if open_ else None
        open_.append(k)
    sections = [
        Section(k, title, b.start, ends[k], b.level, parents[k], b.number)
        for k, (_, b, title) in enumerate(headings)
    ]
    block_section = {i: k for k, (i, _, _) in enumerate(headings)}
    sentences: list[Sentence] = []
    stack: list[int] = []
    joined_role = {j for _, b, _ in headings for j in b.joined}
    for i, b in enumerate(blocks):
        if i in block_section:
            k = block_section[i]
            while stack and sections[stack[-1]].end <= b.start:
                stack.pop()
            stack.append(k)
        while stack and sections[stack[-1]].end <= b.start:
            stack.pop()
        current = stack[-1] if stack else None
        spans = split_sentences(text, b.start, b.end)
        plain = b.kind == "body" and i not in joined_role  # a body line's later sentences are body
        for n, (a, e) in enumerate(spans):
            role = "body" if n and plain else _role(b, n, spans, text, blocks, i, joined_role)
            sentences.append(Sentence(len(sentences), a, e, text[a:e], current, role))
    return Segmented(document, tuple(sections), tuple(sentences))


def _role(
    b: _Block, n: int, spans: list[tuple[int, int]], text: str, blocks: list[_Block], i: int, joined: set[int]
) -> str:
    if i in joined or (b.kind == "heading" and (not b.inline or n == 0)):
        return "heading"
    if b.kind in ("title", "caption"):
        return b.kind
    if b.kind == "heading":  # the rest of an inline-headed paragraph
        return "body"
    if n == 0:
        first = text[spans[0][0] : spans[0][1]]
        if len(spans) > 1 and _lead_like(first):
            return "lead"
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            len(spans) == 1
            and len(first) <= 20
            and _lead_like(first)
            and nxt is not None
            and nxt.kind == "body"
            and nxt.gap == 0
            and nxt.end - nxt.start > 2 * len(first)
        ):
            return "lead"  # a sub-point title on a line of its own (青海)
    return "body"
