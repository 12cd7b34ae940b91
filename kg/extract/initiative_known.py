"""Well-known programmes by name (used by :mod:`kg.extract.initiatives`): every name
and alias of ``initiatives.tsv`` found in a sentence (乡村振兴战略, 以工代赈, 一带一路),
unless the name only starts an agency's name (国家乡村振兴局) or a place's
designation (乡村振兴示范县, 国家新型城镇化试点).

Candidates are ``(start, end, name, kind, priority)`` tuples, as in
:mod:`kg.extract.initiatives`.
"""

from __future__ import annotations

import re
from functools import cache

from .initiative_grammar import HAN, Candidate
from .initiative_lexicon import known
from .trie import trie_pattern

__all__ = ["known_names"]

#: A known programme's name followed by one of these names an agency (乡村振兴局).
_AGENCY_TAIL = set("局办部委厅处司院会")
#: After a known programme's name, a designation of a place (乡村振兴示范县, 乡村振兴重点帮扶县,
#: and after 国家 also 国家新型城镇化试点): a status, not the programme (but 开展证照分离试点 is).
_DESIGNATION = re.compile(rf"[{HAN}]{{0,4}}?(?:示范|试点|重点帮扶)(?:[县村区市镇乡省]|城市|地区)")
_STATE_DESIGNATION = re.compile(r"(?:示范|试点)(?![工建])")


@cache
def _pattern() -> re.Pattern[str]:
    """Every name and alias of ``initiatives.tsv`` as one trie alternation."""
    return re.compile(trie_pattern(known()))


def known_names(text: str) -> list[Candidate]:
    """The well-known programmes named in ``text``."""
    names = known()
    out = []
    for m in _pattern().finditer(text):
        if text[m.end() : m.end() + 1] in _AGENCY_TAIL:
            continue  # 国家乡村振兴局: an agency named after the programme
        if _DESIGNATION.match(text, m.end()) or (
            text.endswith("国家", 0, m.start()) and _STATE_DESIGNATION.match(text, m.end())
        ):
            continue  # 国家乡村振兴示范县: a place's designation
        name, kind = names[m.group()]
        if kind == "activity" and m.group() not in name:
            name = m.group()  # 西博会, 投洽会: an event is known by the abbreviation the report uses
        out.append((m.start(), m.end(), name, kind, 2))
    return out
