"""HTML → plain text with the stdlib parser.

Dropped with their content: script, style, nav, noscript, template, svg,
iframe, object; ``<title>`` is kept aside as a fallback title. Block
elements and ``<br>`` become line breaks, table cells are separated by a
space, entities are unescaped. Whitespace inside text collapses to one
space, and to nothing between two Han characters (a source line wrap, which
a browser would not show as a gap in Chinese). The parser is not recursive,
so deeply nested pages cost nothing extra.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_SKIP = frozenset({"script", "style", "nav", "noscript", "template", "svg", "iframe", "object"})
_BLOCK = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table thead tbody tfoot section article "
    "header footer aside main blockquote pre hr address figure figcaption form fieldset caption "
    "center title option".split()
)
_CELL = frozenset({"td", "th"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_HAN_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        if self.pre:
            self.parts.append(data)
            return
        had_newline = "\n" in data
        text = _SPACE.sub(" ", data)
        if had_newline:
            text = _HAN_GAP.sub("", text)
        self.parts.append(text)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The visible text of ``html`` (one line per block) and its ``<title>``."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = re.sub(r"\n{2,}", "\n", text)
    title = _SPACE.sub(" ", "".join(parser.title)).strip() or None
    return text.strip("\n"), title
