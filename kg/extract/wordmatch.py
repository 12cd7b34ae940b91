"""Longest-match lookup of a word list, built from a set instead of a regex.

:func:`kg.extract.trie.trie_regex` compiles thousands of words into one
pattern; ``re`` takes tens of milliseconds to compile such a pattern, in every
process, and tries the first-level branches one by one at each position. A
:class:`WordMatcher` finds the same matches (the longest word at a position;
the leftmost position first; non-overlapping when scanning) with set lookups,
after a C character-class filter for where a word may start, and costs
almost nothing to build. It offers the part of the ``re.Pattern`` API the
extractors use: ``match``, ``search`` and ``finditer`` with ``pos``/``endpos``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["WordMatch", "WordMatcher", "char_class"]


@dataclass(frozen=True, slots=True)
class WordMatch:
    """One word found in a text: the ``re.Match`` methods the extractors call."""

    string: str
    pos: int  #: where the word starts
    endpos: int  #: where it ends

    def group(self, index: int = 0) -> str:
        """The word (only group 0 exists)."""
        if index != 0:
            raise IndexError("no such group")
        return self.string[self.pos : self.endpos]

    def start(self) -> int:
        return self.pos

    def end(self) -> int:
        return self.endpos

    def span(self) -> tuple[int, int]:
        return self.pos, self.endpos


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` (each escaped, sorted, once)."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


class WordMatcher:
    """The longest of ``words`` at a position, like a trie-shaped regex of them."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[0], set()).add(len(w))
        #: first character → lengths of the words starting with it, longest first
        self.lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        if not self.words:
            self._starts = re.compile(r"(?!x)x")
        elif min(len(w) for w in self.words) >= 2:  # a first character followed by a second
            self._starts = re.compile(char_class(self.lengths) + "(?=" + char_class(w[1] for w in self.words) + ")")
        else:
            self._starts = re.compile(char_class(self.lengths))

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        """The longest word starting at ``text[pos]`` and ending by ``endpos``."""
        limit = len(text) if endpos is None else min(endpos, len(text))
        pos = max(pos, 0)
        if pos >= limit:
            return None
        words = self.words
        for n in self.lengths.get(text[pos], ()):
            if pos + n <= limit and text[pos : pos + n] in words:
                return WordMatch(text, pos, pos + n)
        return None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        """The longest word at the leftmost position in ``text[pos:endpos]`` that has one."""
        limit = len(text) if endpos is None else min(endpos, len(text))
        for start in self._starts.finditer(text, max(pos, 0), limit):
            m = self.match(text, start.start(), limit)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[WordMatch]:
        """Non-overlapping words left to right, the longest at each position."""
        limit = len(text) if endpos is None else min(endpos, len(text))
        nxt = max(pos, 0)
        for start in self._starts.finditer(text, nxt, limit):
            i = start.start()
            if i < nxt:
                continue
            m = self.match(text, i, limit)
            if m is not None:
                yield m
                nxt = m.endpos
