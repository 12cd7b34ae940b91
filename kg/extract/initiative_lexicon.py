"""The initiative lexicons as lookups (used by every initiative reading): cue words by role (``initiative_cues.tsv``),
head words with the kind they imply (``initiative_heads.tsv``) and well-known
programmes with their aliases (``initiatives.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load_table
from .trie import trie_pattern

__all__ = ["Cues", "cues", "head_alternation", "head_kind", "head_kinds", "heads", "known", "variant"]


@dataclass(frozen=True)
class Cues:
    """The cue words of ``initiative_cues.tsv`` as patterns."""

    verbs: str  #: alternation of launching verbs, after which a name starts (开展…行动)
    lead_modifier: re.Pattern[str]  #: a modifier dropped from a name's start (全国首家)
    generic_start: re.Pattern[str]  #: a start that makes a name generic (全省, 重点)
    lead_verb: re.Pattern[str]  #: verbs and adverbs stripped from an item's start (加快推进)
    generic_stem: frozenset[str]  #: stems too generic to name anything (促进, 专项)
    descriptive: re.Pattern[str]  #: words of a description, never of a name (在建, 一大批)
    rail_bad: re.Pattern[str]  #: words that make a line's stem no name (新增, 其中)


@cache
def cues() -> Cues:
    """``initiative_cues.tsv`` compiled, loaded once."""
    words: dict[str, list[str]] = {}
    for r in load_table("initiative_cues"):
        words.setdefault(r["role"], []).append(r["word"])

    def alt(role: str) -> str:
        return trie_pattern(words.get(role, []))

    return Cues(
        verbs=alt("launch"),
        lead_modifier=re.compile(rf"^(?:{alt('modifier')})"),
        generic_start=re.compile(rf"^(?:{alt('generic_start')})"),
        lead_verb=re.compile(rf"^(?:(?:{alt('lead_verb')})+)"),
        generic_stem=frozenset(words.get("generic_stem", [])),
        descriptive=re.compile(alt("descriptive")),
        rail_bad=re.compile(alt("rail_bad")),
    )


@cache
def heads() -> tuple[tuple[str, str], ...]:
    """(head word, kind) pairs, longest head first so that alternations prefer it."""
    rows = load_table("initiative_heads")
    return tuple(sorted(((r["head"], r["kind"]) for r in rows), key=lambda x: -len(x[0])))


@cache
def head_alternation() -> str:
    """Every head word as one regex alternation (a trie, so that a longer head wins)."""
    return trie_pattern([h for h, _ in heads()])


@cache
def known() -> dict[str, tuple[str, str]]:
    """Every name and alias of a well-known programme → (its name, its kind)."""
    out = {}
    for r in load_table("initiatives"):
        for n in [r["name"], *r["aliases"].split("|")]:
            if n:
                out[n] = (r["name"], r["kind"])
    return out


@cache
def _variants() -> dict[str, tuple[str, str]]:
    """Known names by their close variants (脱贫攻坚战 → 脱贫攻坚), not by abbreviations
    (双碳) that share no wording with the name."""
    return {a: (n, k) for a, (n, k) in known().items() if a != n and (a in n or n in a)}


def variant(name: str, kind: str) -> tuple[str, str]:
    """The known programme's (name, kind) when ``name`` is a close variant of it, else as given."""
    return _variants().get(name, (name, kind))


@cache
def head_kinds() -> dict[str, str]:
    """Head word → the initiative kind it implies."""
    return dict(heads())


def head_kind(head: str) -> str:
    """The initiative kind a head word implies (``other`` for an unknown head)."""
    return head_kinds().get(head, "other")

