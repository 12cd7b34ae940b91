"""The agency lexicons of ``data/lexicon/agency_*.tsv``, loaded once and compiled.

Shared by agency and people extraction and by resolution: the provinces and the
forms of their bodies' names, central bodies with their short forms, head words
with the agency type they signal, and the word lists that bound a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load_column, load_table
from .trie import guarded_trie_regex, trie_branches, trie_regex
from .wordmatch import WordMatcher

__all__ = [
    "STOP_CHARS",
    "AgencyLexicon",
    "LocalForm",
    "NationalBody",
    "Province",
    "agency_lexicon",
    "instantiate",
    "local_forms",
    "locality",
    "national_bodies",
    "province_of",
    "provinces",
]


@dataclass(frozen=True, slots=True)
class Province:
    """A provincial-level division: 甘肃 / 甘肃省 / level 省."""

    short: str
    full: str
    level: str  #: the level word in short forms: 省, 市, 自治区 (县, 区 … for localities)
    pinyin: str
    code: str
    rank: str = ""  #: which agency_local.tsv rows apply: the level for provinces, 地 or 县 below

    @property
    def key(self) -> str:
        """The ``level`` column value of agency_local.tsv rows that apply to this division."""
        return self.rank or self.level


@dataclass(frozen=True, slots=True)
class LocalForm:
    """One row of agency_local.tsv, with its {S}/{P}/{L} placeholders."""

    short: str
    level: str
    name: str
    subtype: str
    parent: str
    relation: str


@dataclass(frozen=True, slots=True)
class NationalBody:
    """A central body: canonical name, short forms, type and parent."""

    name: str
    aliases: tuple[str, ...]
    subtype: str
    parent: str
    relation: str


@cache
def provinces() -> tuple[Province, ...]:
    """The 31 provincial-level divisions."""
    return tuple(
        Province(r["short"], r["full"], r["level"], r["pinyin"], r["code"])
        for r in load_table("agency_provinces")
    )


@cache
def local_forms() -> tuple[LocalForm, ...]:
    """Rows of agency_local.tsv, in file order."""
    return tuple(
        LocalForm(r["short"], r["level"], r["name"], r["subtype"], r["parent"], r["relation"])
        for r in load_table("agency_local")
    )


@cache
def national_bodies() -> tuple[NationalBody, ...]:
    """Rows of agency_national.tsv."""
    return tuple(
        NationalBody(
            r["name"],
            tuple(a for a in r["aliases"].split("|") if a),
            r["subtype"],
            r["parent"],
            r["relation"],
        )
        for r in load_table("agency_national")
    )


_SUFFIXES = ("自治州", "自治县", "自治旗", "市", "县", "区", "旗", "盟", "州")


@cache
def _localities() -> dict[str, tuple[str, str, str]]:
    """Prefecture- and county-level divisions: full name → (code, level, parent code)."""
    return {
        r["name"]: (r["code"], r["level"], r["parent_code"])
        for r in load_table("divisions")
        if r["level"] in ("prefecture", "county")
    }


def locality(name: str) -> Province | None:
    """A prefecture or county (兰州市, 榆中县) as a :class:`Province`-like division."""
    row = _localities().get(name)
    if row is None:
        return None
    suffix = next((s for s in _SUFFIXES if name.endswith(s)), "")
    if not suffix or len(name) <= len(suffix) + 1:
        return None
    word = suffix[-1] if suffix.startswith("自治") else suffix
    rank = "地" if row[1] == "prefecture" else "县"
    return Province(name[: -len(suffix)], name, word, "", row[0], rank)


def province_of(division: Province) -> Province | None:
    """The province a division lies in (by its GB/T 2260 code)."""
    prefix = division.code[:2]
    return next((p for p in provinces() if p.code.startswith(prefix)), None)


def instantiate(pattern: str, province: Province) -> str:
    """Fill ``{S}``, ``{P}``, ``{L}`` of a local form for ``province``."""
    return (
        pattern.replace("{S}", province.short)
        .replace("{P}", province.full)
        .replace("{L}", province.level)
    )


@dataclass(frozen=True)
class AgencyLexicon:
    """Everything agency extraction needs, compiled."""

    known: re.Pattern[str]  #: every known name or short form (national and local)
    known_subtype: dict[str, str]  #: known surface → agency type
    heads: re.Pattern[str]  #: head words, longest first
    head_subtype: dict[str, str]
    strong_heads: frozenset[str]
    bare_heads: frozenset[str]  #: heads that a level word alone may precede (省委, 县政府)
    not_prefix: re.Pattern[str]  #: 区域, 市场 …: a level character that starts a word
    national_prefix: WordMatcher  #: prefixes that may start a name anywhere in its window
    level_prefix: re.Pattern[str]  #: 省/市/县…: only at the start of the window
    region_prefix: re.Pattern[str]  #: 雄安新区, 黄河 …: named regions, only at the start of the window
    breaks: re.Pattern[str]  #: words a name cannot contain
    compounds: re.Pattern[str]  #: phrases whose 和/与 do not end a name
    generic: frozenset[str]
    modifiers: frozenset[str]
    province_names: frozenset[str]
    place_names: frozenset[str]  #: divisions and countries: prefixes a known name may extend to
    functions: frozenset[str]  #: 民政, 房管 …: department cores that may stand bare
    designations: frozenset[str]  #: 技术创新, 区域医疗 …: words of designated classes of centres
    companies: frozenset[str]  #: 比亚迪, 宁德时代 …: companies named without a head word


#: Function characters that end a name on its left (和/与/及 inside 住房和城乡建设厅,
#: 埃及 or 以色列 are protected as compounds).
STOP_CHARS = frozenset("的和与及在对向为了是把被将由从并或给让据按至于等其该也又就还已而之以且各到级爲除得")

_LEVEL_CHARS = ("省", "市", "县", "区", "州", "乡", "镇", "自治区", "自治州", "旗", "盟")


@cache
def agency_lexicon() -> AgencyLexicon:
    """Load and compile the agency lexicons (once per process)."""
    known_subtype: dict[str, str] = {}
    for body in national_bodies():
        for surface in (body.name, *body.aliases):
            known_subtype.setdefault(surface, body.subtype)
    for form in local_forms():
        for prov in provinces():
            if form.level in ("*", prov.key):
                known_subtype.setdefault(instantiate(form.short, prov), form.subtype)
                known_subtype.setdefault(instantiate(form.name, prov), form.subtype)
    for table in ("agency_international", "agency_companies"):
        for row in load_table(table):
            known_subtype.setdefault(row["name"], row["subtype"])
    heads = load_table("agency_heads")
    head_subtype = {r["head"]: r["subtype"] for r in heads}
    strong = frozenset(r["head"] for r in heads if r["strength"] == "strong")
    bare = frozenset(r["head"] for r in heads if r["bare"] == "yes")
    names = {p.short for p in provinces()} | {p.full for p in provinces()}
    countries = load_column("agency_countries", "name")
    places = set(countries)
    for row in load_table("divisions"):
        places.add(row["name"])
        if row["match_short"] == "1" and len(row["short"]) >= 2:
            places.add(row["short"])
    regions = {  # 雄安新区管委会, 长江水利委员会: prefixes at a window's start only
        n
        for row in load_table("regions")
        if row["level"] != "country"
        for n in (row["name"], *row["aliases"].split("|"))
        if len(n) >= 2
    }
    national = {"中国共产党", "中共", "中华人民共和国", "中国", "全国", "中央", "国家"} | names | places
    return AgencyLexicon(
        known=guarded_trie_regex(known_subtype),  # scanned over every sentence
        known_subtype=known_subtype,
        heads=trie_regex(head_subtype),
        head_subtype=head_subtype,
        strong_heads=strong,
        bare_heads=bare,
        not_prefix=trie_regex(load_column("agency_not_prefix", "word")),
        national_prefix=WordMatcher(national),  # 6,000 words: a regex took 50 ms to build
        region_prefix=trie_regex(regions),
        level_prefix=re.compile("|".join(sorted(_LEVEL_CHARS, key=len, reverse=True))),
        breaks=trie_regex(load_column("agency_breaks", "word")),
        compounds=re.compile(  # flat alternatives: re skips, in C, where none can start
            "|".join(
                trie_branches(
                    load_column("agency_compounds", "phrase")
                    | {p for p in places if any(c in STOP_CHARS for c in p) and (len(p) > 2 or p in countries)}
                    # 住房保障: 保障 is no verb here; but 建设 and 组织 stay verbs
                    | (load_column("agency_functions", "core") - load_column("agency_breaks", "word"))
                )
                + [branch + "和" for branch in trie_branches(load_column("agency_functions", "core"))]
            )
        ),
        generic=load_column("agency_generic", "name"),
        modifiers=load_column("agency_modifiers", "word"),
        province_names=frozenset(names),
        place_names=frozenset(places | names | regions),
        functions=load_column("agency_functions", "core"),
        designations=load_column("agency_designations", "word") | load_column("agency_modifiers", "word"),
        companies=load_column("agency_companies", "name"),
    )
