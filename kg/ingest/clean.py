"""Text cleaning: one canonical form for every report, whatever its source.

- newlines become ``\\n`` (also CR, CRLF, NEL, LS, PS, VT, FF);
- Unicode NFC; full-width digits and punctuation are left alone (the
  extractors handle them, and offsets stay simple);
- zero-width and bidi format characters are deleted, and so is a line that
  held nothing else (Wikisource leaves U+200B on a line of its own inside a
  paragraph); other control characters except ``\\t`` are deleted;
- trailing whitespace goes, leading indentation (ideographic spaces) too
  (after joining, so that 国务院总理　/ 李克强 keeps its space);
- blank lines: runs of more than :data:`MAX_BLANK` are cut to it, leading
  and trailing ones go. The width of a gap is kept up to that limit because
  segment reads it (a photo caption sits after a wider gap than a
  paragraph, and a heading's two lines after a narrower one);
- soft line breaks are joined (:func:`join_soft_breaks`), and so is
  punctuation torn from its line (:func:`join_fragments`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_BLANK", "normalise", "split_lines", "join_labels", "join_soft_breaks", "join_fragments", "finish"]

#: The widest gap kept between paragraphs, in blank lines.
MAX_BLANK = 3

_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Zero-width, soft hyphen, bidi marks and embeddings, word joiner, BOM.
_FORMAT = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_FORMAT_ONLY_LINE = re.compile(rf"(?m)^[ \t\u3000\u00a0{_FORMAT}]*[{_FORMAT}][ \t\u3000\u00a0{_FORMAT}]*\n")
_DELETE = re.compile(rf"[{_FORMAT}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_BLANKS = re.compile(r"\n{%d,}" % (MAX_BLANK + 2))
# Quick tests for the substitutions above: re tries a pattern that opens with an
# alternation, an anchor or a repeat at every character; most texts need none.
_ANY_NEWLINE = re.compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ANY_FORMAT = re.compile(rf"[{_FORMAT}]")
_LABEL_ONLY = re.compile(r"^[（(【\[]?(?:来源|来\s*源|发布时间|发表时间|时间|责任编辑|编辑|作者)[:：]$")
_DASH_START = re.compile(r"^(?:——|――|--|—)")


def normalise(text: str) -> str:
    """Newlines, NFC, format and control characters, trailing spaces."""
    if _ANY_NEWLINE.search(text):
        text = _NEWLINES.sub("\n", text)
    if _ANY_FORMAT.search(text):
        text = _FORMAT_ONLY_LINE.sub("", text)
    text = _DELETE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip(" \t\u00a0") for line in text.split("\n"))


def split_lines(text: str) -> list[str]:
    """Lines of normalised text (blank lines kept as empty strings)."""
    return text.split("\n")


def _paragraph_style(lines: list[str]) -> bool:
    """True if paragraphs are separated by blank lines (not one per line)."""
    single = double = 0
    for a, b in zip(lines, lines[1:]):
        if a.strip():
            if b.strip():
                single += 1
            else:
                double += 1
    return double >= 3 and double >= single


def _joiner(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return " "
    return ""


def join_soft_breaks(lines: list[str], keep: set[int] | None = None) -> list[str]:
    """Join lines broken inside a paragraph, when paragraphs are blank-line separated.

    Wikisource splits a paragraph at every link (``《\\n中华人民共和国著作权法\\n》``)
    and before bold lead sentences; in a document whose paragraphs are
    separated by blank lines, a single line break is such a soft break.
    Lines whose index is in ``keep`` (metadata lines) are never joined, nor is
    a line that is only a label (``来源：``), whose value follows it.
    Documents with one paragraph per line are returned unchanged.
    """
    if not _paragraph_style(lines):
        return lines
    keep = keep or set()
    out: list[str] = []
    prev_joinable = False
    for i, line in enumerate(lines):
        joinable = bool(line.strip()) and i not in keep
        if prev_joinable and joinable and out:
            # ideographic spaces survive a join: 国务院总理　/ 李克强
            left, right = out[-1].rstrip(" \t\u00a0"), line.lstrip(" \t\u00a0")
            out[-1] = left + _joiner(left, right) + right
        else:
            out.append(line)
        prev_joinable = joinable
    return out


def join_labels(lines: list[str]) -> list[str]:
    """Join a label line (``来源：``) with the value on the next line, and a
    subtitle broken over two lines (``——2026年…第十四届`` / ``…会议上``)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if nxt and _LABEL_ONLY.match(line) and len(nxt) <= 40:
            out.append(line + nxt)
            i += 2
            continue
        if (
            nxt
            and i < 60
            and _DASH_START.match(line)
            and not re.search(r"[会會][议議]", line)
            and re.search(r"[会會][议議]上[）)]?$", nxt)
            and len(line) + len(nxt) < 80
        ):
            out.append(line + nxt)
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


_OPENERS = set("（(《“‘「『【[")
_CLOSERS = tuple("。，、；：！？）》”’」』)]】,;:!?")


def join_fragments(lines: list[str]) -> list[str]:
    """Join punctuation torn from its line, in any layout: a line that starts
    with closing punctuation (``揭榜`` / ``。``) goes onto the line before it,
    a line of only opening brackets (``（`` / ``三）改革…``) onto the next."""
    out: list[str] = []
    carry = ""
    for line in lines:
        s = line.strip(" \t\u00a0\u3000")
        if carry and s:
            line, s = carry + s, carry + s
            carry = ""
        elif carry:
            out.append(carry)
            carry = ""
        if s and all(c in _OPENERS for c in s):
            carry = s
            continue
        if s.startswith(_CLOSERS) and out and out[-1].strip():
            out[-1] = out[-1].rstrip(" \t\u00a0") + s
            continue
        out.append(line)
    if carry:
        out.append(carry)
    return out


def finish(lines: list[str]) -> str:
    """Strip indentation, cap blank runs at :data:`MAX_BLANK`, trim the ends."""
    text = "\n".join(line.strip() for line in lines)
    if "\n" * (MAX_BLANK + 2) in text:
        text = _BLANKS.sub("\n" * (MAX_BLANK + 1), text)
    return text.strip("\n")
