"""Markdown → plain text, lightly: the words stay, the markup goes.

Headings (ATX ``#`` and setext ``===``) become lines of their own; emphasis,
inline code, links and images are reduced to their text; list bullets,
block quotes, table pipes, rules, reference definitions and code fences go.
A paragraph wrapped over several lines is joined (Markdown's soft break),
and every block ends up on one line, as the provincial reports are laid out.
Ordered-list numbers (``1.``) stay: segment reads them as sub-point numbers.
"""

from __future__ import annotations

import re

__all__ = ["markdown_to_text"]

_ATX = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_QUOTE = re.compile(r"^\s*(>\s?)+")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_CODE = re.compile(r"`+([^`]*)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRIKE = re.compile(r"~~(.+?)~~")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _inline(s: str) -> str:
    s = _IMAGE.sub(r"\1", s)
    s = _LINK.sub(lambda m: m.group(1) or m.group(2), s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _CODE.sub(r"\1", s)
    s = _STRONG.sub(r"\2", s)
    s = _EM.sub(r"\2", s)
    s = _STRIKE.sub(r"\1", s)
    s = _TAG.sub("", s)
    return s.replace("\\", "") if "\\" in s else s


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def markdown_to_text(md: str) -> str:
    """Plain text of ``md``: one block per line (see the module docstring)."""
    blocks: list[str] = []
    para: list[str] = []
    fence = False

    def flush() -> None:
        if para:
            joined = para[0]
            for piece in para[1:]:
                joined = _join(joined, piece)
            blocks.append(_inline(joined))
            para.clear()

    for raw in md.split("\n"):
        if _FENCE.match(raw):
            flush()
            fence = not fence
            continue
        if fence:
            blocks.append(raw.rstrip())
            continue
        line = _QUOTE.sub("", raw).strip()
        if not line:
            flush()
            continue
        if _SETEXT.match(line) and para:
            heading = "".join(para)
            para.clear()
            blocks.append(_inline(heading))
            continue
        if _RULE.match(line) or _REFDEF.match(line) or _TABLE_SEP.match(line):
            flush()
            continue
        m = _ATX.match(line)
        if m:
            flush()
            blocks.append(_inline(m.group(1)))
            continue
        if _BULLET.match(line) or re.match(r"^\d{1,3}[.)、]\s", line) or line.startswith("|"):
            flush()
            line = _BULLET.sub("", line)
            if line.startswith("|"):
                line = " ".join(c.strip() for c in line.strip("|").split("|"))
            para.append(line)
            continue
        para.append(line)
    flush()
    return "\n".join(b for b in blocks if b.strip())
