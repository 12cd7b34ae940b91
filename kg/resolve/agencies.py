"""Canonical agency names from a document's context, by table.

In a Gansu report 省司法厅 is 甘肃省司法厅, 省委 is 中共甘肃省委 and 省委依法治省办
is 中共甘肃省委全面依法治省委员会办公室 (a unit of 中共甘肃省委全面依法治省委员会,
itself part of 中共甘肃省委); 司法部 is 中华人民共和国司法部 anywhere. The tables
are ``data/lexicon/agency_national.tsv`` and ``agency_local.tsv``; a name that
starts with a known short form (省政府 + 行政复议委员会) is composed from it. A
level-prefixed name with no province to fill in (省政府 in a national report,
市委 in a provincial one) names no particular body and resolves to None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..extract.agencies import agency_subtype, is_bare_function, is_deictic
from ..extract.agency_lexicon import Province, agency_lexicon, instantiate, local_forms, national_bodies, provinces

__all__ = ["AgencyName", "canonical_agency", "known_agency"]

_SESSION = re.compile(r"第?[一二三四五六七八九十]+届")
_LEVEL_START = re.compile(r"^(?:自治区|自治州|省|市|县|区|州|乡|镇)")


@dataclass(frozen=True, slots=True)
class AgencyName:
    """A canonical agency: name, type and the body it belongs to."""

    name: str
    subtype: str | None
    parent: str | None = None  #: canonical name of the enclosing body
    relation: str | None = None  #: sub_organization_of or unit_of


@cache
def _national() -> dict[str, AgencyName]:
    out: dict[str, AgencyName] = {}
    for b in national_bodies():
        entry = AgencyName(b.name, b.subtype, b.parent or None, b.relation or None)
        for surface in (b.name, *b.aliases):
            out.setdefault(surface, entry)
    return out


@cache
def _explicit() -> dict[str, AgencyName]:
    """Local forms that name their province (甘肃省政府, 中共北京市委), for every province."""
    out: dict[str, AgencyName] = {}
    for form in local_forms():
        if "{P}" not in form.short and "{S}" not in form.short:
            continue
        for prov in provinces():
            if form.level in ("*", prov.key):
                out.setdefault(instantiate(form.short, prov), _entry(form, prov))
                out.setdefault(instantiate(form.name, prov), _entry(form, prov))
    return out


@cache
def _local(province: Province) -> dict[str, AgencyName]:
    """Every local form instantiated for ``province`` (省委 → 中共甘肃省委)."""
    out: dict[str, AgencyName] = {}
    for form in local_forms():
        if form.level in ("*", province.key):
            out.setdefault(instantiate(form.short, province), _entry(form, province))
            out.setdefault(instantiate(form.name, province), _entry(form, province))
    return out


def _entry(form, province: Province) -> AgencyName:  # type: ignore[no-untyped-def]
    return AgencyName(
        instantiate(form.name, province),
        form.subtype,
        instantiate(form.parent, province) or None,
        form.relation or None,
    )


def known_agency(name: str) -> AgencyName | None:
    """A canonical name's own table entry, for the parents composition refers to."""
    return _national().get(name) or _explicit().get(name)


def _compose(base: AgencyName, rest: str) -> AgencyName:
    """省政府 + 行政复议委员会 → 甘肃省人民政府行政复议委员会, unit or part of its base."""
    subtype = agency_subtype(base.name + rest)
    relation = "unit_of" if subtype == "office" else "sub_organization_of"
    return AgencyName(base.name + rest, subtype, base.name, relation)


@lru_cache(maxsize=4096)  # reports repeat their bodies (省委, 省政府 …); the tables and the answer are fixed
def canonical_agency(
    surface: str,
    province: Province | None,
    subtype: str | None = None,
    locality: Province | None = None,
) -> AgencyName | None:
    """The canonical agency a surface form names in a document about ``province``.

    ``locality`` is the city or county a local report is about (兰州市司法局's
    report: 市委 is 中共兰州市委). None for generic and unplaceable mentions
    (各级政府; 省政府 in a national report; 市委 in a provincial one).
    """
    lex = agency_lexicon()
    bare = is_bare_function(surface) and surface not in _national()
    if surface in lex.generic or is_deictic(surface) or bare:
        return None  # 各级政府, 我厅 (resolved by the caller), 民政局 (whose?)
    name = _SESSION.sub("", surface)
    if name.startswith("中国") and name[2:] in _national():
        name = name[2:]  # 中国外交部
    tables = [_national(), _explicit()]
    if province is not None:
        tables.insert(0, _local(province))
    if locality is not None:
        tables.insert(0, _local(locality))
    for table in tables:
        if name in table:
            return table[name]
    # the longest known short form the name starts with (省委 + 法治督察组)
    for cut in range(len(name) - 1, 1, -1):
        for table in tables:
            base = table.get(name[:cut])
            if base is not None and base.subtype not in ("media", "enterprise"):
                return _compose(base, name[cut:])
    if _LEVEL_START.match(name):
        home = next((d for d in (locality, province) if d is not None and name.startswith(d.level)), None)
        if home is None:
            return None  # 市委 in a provincial report: which city?
        full = home.full + name[len(home.level) :]
        sub = agency_subtype(full)
        gov = f"{home.full}人民政府"
        if sub in ("department", "office", "other") and full != gov:
            return AgencyName(full, sub, gov, "unit_of" if sub == "office" else "sub_organization_of")
        return AgencyName(full, sub)
    for prov in provinces():  # 甘肃省司法厅: part of 甘肃省人民政府
        if name.startswith(prov.full) and len(name) > len(prov.full) + 1:
            sub = agency_subtype(name)
            if sub == "department":
                return AgencyName(name, sub, f"{prov.full}人民政府", "sub_organization_of")
            break
    return AgencyName(name, subtype or agency_subtype(name))
