"""A regular expression from a word list, shaped as a trie.

Python's ``re`` tries the branches of ``a|b|c`` one by one; with thousands of
lexicon words that is slow. A trie-shaped pattern (``甘肃(?:省(?:委|政府)?)``)
lets the engine reject most positions on the first character, and it prefers
the longest word at each position (greedy optional groups), which is what
lexicon matching wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .wordmatch import char_class

__all__ = ["guarded_trie_regex", "trie_branches", "trie_pattern", "trie_regex"]

_END = ""  # key marking the end of a word in the nested dicts


def _insert(trie: dict, word: str) -> None:
    node = trie
    for ch in word:
        node = node.setdefault(ch, {})
    node[_END] = {}


def _render(node: dict) -> str:
    ends = _END in node
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 and len(branches[0]) > 1 else f"{body}?"
    return body


def _trie(words: Iterable[str]) -> dict:
    """``words`` (empty ones left out) as nested dicts, one level per character."""
    trie: dict = {}
    for w in words:
        if w:
            _insert(trie, w)
    return trie


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, longest first at each position."""
    trie = _trie(words)
    if not trie:
        return r"(?!x)x"
    return _render(trie)


def trie_branches(words: Iterable[str]) -> list[str]:
    """The top-level alternatives of :func:`trie_pattern`, one per first character.

    Each starts with a literal character, so that ``"|".join(...)`` of several
    word lists (or of branches with a common tail appended) still lets ``re``
    skip, in C, every position whose character starts no word; a pattern whose
    top-level alternatives are groups cannot be skipped that way.
    """
    return [re.escape(ch) + _render(child) for ch, child in sorted(_trie(words).items()) if ch != _END]


def trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """:func:`trie_pattern` compiled."""
    return re.compile(trie_pattern(words))


def guarded_trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    """:func:`trie_regex` for scanning whole sentences with a large list of words
    of two characters or more: it matches the same, but first checks that the
    next two characters can start a word at all (a look-ahead of two character
    classes). ``re`` tries the trie's first-level branches one by one; with
    hundreds of them, rejecting most positions before that saves a third of
    the scan (agency names: 0.11 s → 0.08 s on the corpus)."""
    words = [w for w in words if w]
    if not words or min(len(w) for w in words) < 2:
        return trie_regex(words)
    first, second = char_class(w[0] for w in words), char_class(w[1] for w in words)
    return re.compile(f"(?={first}{second})(?:{trie_pattern(words)})")
