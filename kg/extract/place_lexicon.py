"""The place lexicon: divisions, regions and aliases, and a longest-match scanner.

Shared by :mod:`kg.extract.places` (finding mentions) and
:mod:`kg.resolve.places` (naming them). Built once from
``data/lexicon/divisions.tsv``, ``regions.tsv``, ``place_countries.tsv`` and
``place_aliases.tsv``; a division whose short form is a common word (中山) is
kept in :attr:`PlaceLexicon.list_only`, for lists of places (东莞、中山、江门).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..lexicon import keyed_table, load_table
from .wordmatch import char_class

__all__ = [
    "DEICTIC",
    "LEVEL_RANK",
    "Division",
    "PlaceLexicon",
    "Region",
    "Surface",
    "place_lexicon",
]

#: Forms that point at a place through the speaker (我国 → the country; 我省 →
#: the report's province; 我区 → it when it is an autonomous region).
#: They resolve, but are never kept as an alias.
DEICTIC = {"我国": "中华人民共和国", "我省": "", "本省": "", "我区": ""}

#: Higher is broader: used to prefer 吉林省 over 吉林市 for 吉林.
LEVEL_RANK = {"country": 5, "province": 4, "prefecture": 3, "county": 2, "area": 1}


@dataclass(frozen=True, slots=True)
class Division:
    """One row of divisions.tsv."""

    code: str
    name: str
    short: str
    level: str
    parent_code: str
    match_short: bool

    @property
    def province_code(self) -> str:
        """The first two digits of the division code: its province's."""
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Region:
    """A named place that is not a division (new area, river, landmark)."""

    name: str
    level: str
    parent: str  #: canonical name of the enclosing place, or ""


@dataclass(frozen=True, slots=True)
class Surface:
    """What a written form can mean: ``how`` is full, short, alias, region, deictic
    or abbrev (长株潭: several places, a place only as the start of a zone's name)."""

    how: str
    name: str  #: canonical name it points at ("" for 我省: the document's province)
    level: str


class PlaceLexicon:
    """Lookup tables and the scanner; use :func:`place_lexicon` for the shared one."""

    def __init__(self) -> None:
        self.divisions: tuple[Division, ...] = tuple(
            Division(
                r["code"],
                r["name"],
                r["short"],
                r["level"],
                r["parent_code"],
                r["match_short"] == "1",
            )
            for r in load_table("divisions")
        )
        self.by_code = {d.code: d for d in self.divisions}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for d in self.divisions:
            self.by_name.setdefault(d.name, []).append(d)
            if d.short and d.match_short:
                self.by_short.setdefault(d.short, []).append(d)
        self.regions: dict[str, Region] = {}
        self.surfaces: dict[str, list[Surface]] = {}
        for r in load_table("regions"):
            region = Region(r["name"], r["level"], r["parent"])
            self.regions[region.name] = region
            for form in [region.name, *filter(None, r["aliases"].split("|"))]:
                self._add(form, Surface("region", region.name, region.level))
        for r in load_table("place_countries"):
            region = Region(r["name"], "country", "")
            self.regions[region.name] = region
            for form in [region.name, *filter(None, r["aliases"].split("|"))]:
                self._add(form, Surface("region", region.name, "country"))
        for r in load_table("place_abbreviations"):  # 长株潭: only in a zone's name
            self._add(r["name"], Surface("abbrev", r["name"], "area"))
        for r in load_table("place_aliases"):
            level = self.by_name[r["name"]][0].level
            self._add(r["alias"], Surface("alias", r["name"], level))
        for d in self.divisions:
            self._add(d.name, Surface("full", d.name, d.level))
            if d.short and d.match_short:
                self._add(d.short, Surface("short", d.name, d.level))
                if d.name.endswith("自治州"):  # 临夏州, 甘南州
                    self._add(d.short + "州", Surface("full", d.name, d.level))
                elif d.name.endswith(("自治县", "自治旗")):  # 阿克塞县
                    self._add(d.short + d.name[-1], Surface("full", d.name, d.level))
        #: short forms not matched on their own (中山: 孙中山; 天门, 赤壁: county-level
        #: cities and counties) → the broadest division; taken only as an item of a
        #: list of places (see :mod:`kg.extract.places`)
        self.list_only: dict[str, Division] = {}
        for d in sorted(self.divisions, key=lambda d: -LEVEL_RANK.get(d.level, 0)):
            if (
                d.short
                and len(d.short) >= 2
                and not d.match_short
                and d.short not in self.surfaces
                and (d.level == "prefecture" or (d.level == "county" and d.name.endswith(("市", "县"))))
            ):
                self.list_only.setdefault(d.short, d)
        self.list_only_first = frozenset(form[0] for form in self.list_only)
        #: short form → (offset from its start, common word) that overlap it; filled
        #: on first use from place_conflicts.tsv (see :meth:`conflicts`)
        self._conflicts: dict[str, tuple[tuple[int, str], ...]] = {}
        for form, name in DEICTIC.items():
            level = "country" if name else "province"
            self.surfaces[form] = [Surface("deictic", name, level)]
        # first character → the lengths of forms starting with it, longest first
        lengths: dict[str, set[int]] = {}
        for form in self.surfaces:
            lengths.setdefault(form[0], set()).add(len(form))
        #: first character → lengths of the forms starting with it, longest first
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
        #: first two characters → lengths of the forms starting with them, longest
        #: first (``()`` for a list-only short form that is no form of its own)
        by_prefix: dict[str, set[int]] = {form[:2]: set() for form in self.list_only}
        for form in self.surfaces:
            by_prefix.setdefault(form[:2], set()).add(len(form))
        self.prefix_lengths = {p: tuple(sorted(ls, reverse=True)) for p, ls in by_prefix.items()}
        #: positions where a form may start: a first character followed by a second
        #: one (a cheap filter run in C; :attr:`prefix_lengths` decides)
        self.starts = re.compile(
            char_class(p[0] for p in self.prefix_lengths) + "(?=" + char_class(p[1] for p in self.prefix_lengths) + ")"
        )

    def _add(self, form: str, surface: Surface) -> None:
        """Record one reading of ``form`` (once); one-character forms are never matched."""
        if len(form) < 2:
            return
        found = self.surfaces.setdefault(form, [])
        if surface not in found:
            found.append(surface)

    def candidates(self, text: str, i: int) -> Iterator[str]:
        """Forms in the lexicon starting at ``text[i]``, longest first."""
        for n in self._lengths.get(text[i], ()):
            form = text[i : i + n]
            if len(form) == n and form in self.surfaces:
                yield form

    def conflicts(self, short: str) -> tuple[tuple[int, str], ...]:
        """(offset from the start of ``short``, common word) for each word that
        overlaps the short form there (place_conflicts.tsv, read per form)."""
        found = self._conflicts.get(short)
        if found is None:
            offsets: list[tuple[int, str]] = []
            table = keyed_table("place_conflicts")
            side_at, word_at = table.columns.index("side"), table.columns.index("word")
            for fields in table.fields(short):
                side, word = fields[side_at], fields[word_at]
                if side == "L":
                    offsets += [(k - len(word), word) for k in range(1, len(short)) if word.endswith(short[:k])]
                elif side == "R":
                    offsets += [(k, word) for k in range(1, len(short)) if word.startswith(short[k:])]
                else:
                    offsets += [(-j, word) for j in range(len(word)) if word.startswith(short, j)]
            found = self._conflicts[short] = tuple(offsets)
        return found

    def overlaps_word(self, text: str, i: int, form: str, left_only: bool = False) -> bool:
        """Whether the short form at ``text[i]`` is a piece of a common word there
        (with ``left_only``, only of a word that starts before it: 沿海|城市)."""
        for off, word in self.conflicts(form):
            if left_only and off >= 0:
                continue
            j = i + off
            if j >= 0 and text.startswith(word, j):
                return True
        return False

    def parent_name(self, division: Division) -> str | None:
        """Full name of the enclosing division, or ``中华人民共和国`` for a province."""
        if division.level == "province":
            return "中华人民共和国"
        parent = self.by_code.get(division.parent_code)
        return parent.name if parent else None


@cache
def place_lexicon() -> PlaceLexicon:
    """The lexicon, loaded once per process."""
    return PlaceLexicon()
