"""People extraction: names next to post titles, by rule.

Without a statistical tagger a person is found where a report names one:

- after a post title, the agency written before it or implied by it
  (省委书记胡昌升, 省法院院长王中明, 甘肃省省长 任振鹤, 国务院总理　李克强,
  责任编辑:张曦云), several titles joined by 、 (省长、省政府行政复议委员会主任任振鹤);
- before a title that may follow a name (习近平总书记);
- before 同志 (习近平同志);
- anywhere for the PRC's top leaders of ``people_leaders.tsv`` (胡锦涛、温家宝),
  with a post only when one of the rules above gives it, except where the name
  only names a doctrine (毛泽东思想, 习近平法治思想), which the sample's gold does
  not count as naming the person. A two-character leader name (李强, 陈云)
  needs punctuation, 同志 or a title after it, a leader and 、 before it, or a
  boundary on both sides, so 小康生活, 中韩正在 or 李鹏飞 name no one; a name that
  is also a word (万里, 汪洋) is left to the rules above.

A name is a surname from ``data/lexicon/surnames.tsv`` and one or two more
characters, and must end where a name can end (punctuation, 同志, 为, 应邀 …:
``person_context.tsv``), which keeps 省长高度重视 from naming 高度.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load_column, load_table
from ..model import Mention, PostRef, Sentence
from .agencies import cached_agency_spans
from .agency_lexicon import agency_lexicon
from .trie import trie_regex

__all__ = ["PUBLISHER", "extract_people", "post_agency"]

#: Marker in posts.tsv for posts of the publishing site (责任编辑).
PUBLISHER = "@publisher"

_SPACE = " \u3000\t"
_BYLINE_SEP = re.compile(r"[:：\s\u3000]*")
_JOINERS = ("、", "兼")
_LEFT_OK = frozenset("以的和与及、在是向对为由把被将从")


@dataclass(frozen=True)
class _PeopleLexicon:
    titles: re.Pattern[str]
    implied: dict[str, str]  #: title → agency short form it implies ('' none)
    after: frozenset[str]  #: titles that may follow the name
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    follow: re.Pattern[str]
    notname: frozenset[str]
    leaders: re.Pattern[str]  #: leader names and their variant spellings
    canonical: dict[str, str]  #: variant spelling → name (毛澤東 → 毛泽东)
    cues: re.Pattern[str]  #: any title, scanned leader name or 同志: one search rules a sentence out


@cache
def _lexicon() -> _PeopleLexicon:
    rows = load_table("posts")
    surnames = load_column("surnames", "surname")
    ctx = load_table("person_context")
    leaders = load_table("people_leaders")
    canonical = {v: r["name"] for r in leaders for v in r["variants"].split(";") if v}
    scanned = [f for r in leaders if r["word"] != "yes" for f in (r["name"], *r["variants"].split(";")) if f]
    return _PeopleLexicon(
        titles=trie_regex(r["title"] for r in rows),
        implied={r["title"]: r["agency"].strip() for r in rows},
        after=frozenset(r["title"] for r in rows if r["position"] == "after"),
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        follow=trie_regex(r["word"] for r in ctx if r["kind"] == "follow"),
        notname=frozenset(r["word"] for r in ctx if r["kind"] == "notname"),
        leaders=trie_regex(scanned),
        canonical=canonical,
        cues=trie_regex([*(r["title"] for r in rows), *scanned, "同志"]),
    )


def post_agency(title: str) -> str | None:
    """The agency a bare post title implies (省长 → 省政府; 责任编辑 → @publisher)."""
    return _lexicon().implied.get(title) or None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _ends_name(text: str, pos: int) -> bool:
    """True when a name may end at ``pos``: end, non-CJK, or a follow word."""
    if pos >= len(text) or not _is_cjk(text[pos]):
        return True
    return _lexicon().follow.match(text, pos) is not None


def _name_at(text: str, pos: int) -> int | None:
    """End of a 2–4 character name starting at ``pos``, or None."""
    lex = _lexicon()
    if text[pos : pos + 2] in lex.compound_surnames:
        lengths = (4, 3)
    elif text[pos : pos + 1] in lex.surnames:
        lengths = (3, 2)
    else:
        return None
    if text[pos : pos + 2] in lex.notname:
        return None
    for n in lengths:
        end = pos + n
        chunk = text[pos:end]
        if len(chunk) < n or not all(_is_cjk(c) for c in chunk):
            continue
        if n == lengths[0] and lex.follow.match(text, end - 1):
            continue  # 王强在…: the last character starts a follow word, take the shorter name
        if _ends_name(text, end):
            return end
    return None


def _name_before(text: str, end: int, left_free: bool) -> int | None:
    """Start of a name ending at ``end`` (习近平|总书记), or None."""
    lex = _lexicon()
    for n in (3, 2, 4):
        start = end - n
        if start < 0:
            continue
        first = text[start : start + 2] if n == 4 else text[start]
        if (first not in lex.compound_surnames) if n == 4 else (first not in lex.surnames):
            continue
        if not all(_is_cjk(c) for c in text[start:end]) or text[start : start + 2] in lex.notname:
            continue
        if any(c in _LEFT_OK for c in text[start + 1 : end]):
            continue  # 席和毛(主席): a function character inside is no name
        prev = text[start - 1 : start]
        if (left_free and n >= 3) or not prev or not _is_cjk(prev) or prev in _LEFT_OK:
            return start  # 落实习近平(总书记) needs no boundary; two characters do
    return None


def _own_unit(text: str, pos: int) -> bool:
    """A bare 厅/局 … just before a title, at a boundary: the publishing body's own post."""
    if pos < 1 or text[pos - 1] not in "厅局委办院":
        return False
    prev = text[pos - 2 : pos - 1]
    return not prev or not _is_cjk(prev) or prev in _LEFT_OK


def _agency_before(spans: list[tuple[int, int, str | None]], pos: int) -> tuple[int, int] | None:
    for s, e, _sub in spans:
        if e == pos:
            return s, e
    return None


def _implied_agency(text: str, title_start: int, title: str, agency: tuple[int, int] | None) -> str | None:
    """The agency surface for a post: the written one, or the one the title implies."""
    if agency is not None:
        return text[agency[0] : agency[1]]
    implied = post_agency(title)
    if implied is None or implied == PUBLISHER:
        return None
    for full in sorted(agency_lexicon().province_names, key=len, reverse=True):
        if text.endswith(full, 0, title_start) and full[-1] == implied[0]:
            return full + implied[1:]  # 甘肃省省长 → 甘肃省政府
    return implied


def _people(text: str) -> list[tuple[int, int, tuple[PostRef, ...]]]:
    lex = _lexicon()
    if lex.cues.search(text) is None:
        return []  # no title, 同志 or leader's name: no person (most sentences)
    spans = list(cached_agency_spans(text))
    found: dict[tuple[int, int], list[PostRef]] = {}
    taken = [(s, e) for s, e, _ in spans]
    pending: list[PostRef] = []
    pending_end = -1
    for m in lex.titles.finditer(text):
        title = m.group()
        if _inside_place(text, m.start(), title):
            continue  # 陕西省长安区, 全省长江: a level character and a place, not a title
        agency = _agency_before(spans, m.start())
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        full_title = (text[agency[0] : agency[1]] if agency else "") + title
        begin = agency[0] if agency else m.start()
        if agency is None and _own_unit(text, m.start()):
            full_title, begin = text[m.start() - 1] + title, m.start() - 1  # 厅党委书记: the report's own
        if pending and text[pending_end:begin] not in _JOINERS:
            pending = []
        post = PostRef(full_title, _implied_agency(text, m.start(), title, agency))
        if post.agency is None and pending and agency is None and not _own_unit(text, m.start()):
            post = PostRef(full_title, pending[-1].agency)  # 司法部党组书记、部长: 部长 of 司法部
        # name after the title (省长任振鹤, 国务院总理　李克强, 责任编辑:张曦云)
        gap = _BYLINE_SEP.match(text, m.end())
        pos = gap.end() if gap else m.end()
        end = _name_at(text, pos) if pos < len(text) else None
        if end is not None and pos > m.end() and not _ends_name(text, end):
            end = None  # 'title  name' only as a byline
        if end is not None and not any(s < end and pos < e for s, e in taken):
            found.setdefault((pos, end), []).extend([*pending, post])
            for more in _names_listed(text, end, taken):  # 副省长张三、李四
                found.setdefault(more, []).append(post)
            pending = []
            continue
        # name before the title (习近平总书记, 王凯省长)
        guarded = _level_title(title) or title == "书记"  # 许勤书记 only at a phrase end
        if title in lex.after and (agency is not None or not guarded or _ends_name(text, m.end())):
            start = _name_before(text, begin, left_free=True)
            if start is not None and text[start:begin] in agency_lexicon().place_names:
                start = None  # 吉林|省长(春市): a place, not a name
            if start is not None and not any(s < begin and start < e for s, e in taken):
                found.setdefault((start, begin), []).append(post)
                continue
        pending = [*pending, post]
        pending_end = m.end()
    for m in re.finditer("同志", text):
        if any(s <= m.start() < e for s, e in found):
            continue
        start = _name_before(text, m.start(), left_free=False)
        spans_before = [*taken, *found]
        if start is not None and not any(s < m.start() and start < e for s, e in spans_before):
            found.setdefault((start, m.start()), []).extend(_post_as(text, m.end()))
    for s, e in _leaders(text):
        if not any(fs < e and s < fe for fs, fe in found):
            found[(s, e)] = []
    return [(s, e, tuple(dict.fromkeys(p))) for (s, e), p in sorted(found.items())]


#: A leader's name that only names a doctrine (毛泽东思想, 邓小平理论,
#: 习近平新时代中国特色社会主义思想): the sample's gold names no person there.
_DOCTRINE = re.compile(r"[^\s，。、；：:,;（）()《》“”\"同]{0,16}?(?:思想|理论)")


def _leaders(text: str) -> list[tuple[int, int]]:
    """Spans of the top leaders' names (胡锦涛、温家宝, 李强总理), without posts.

    A name that only stands in a doctrine's name (习近平法治思想) is no mention
    of the person, as the annotation of the sample report has it.
    """
    out: list[tuple[int, int]] = []
    for m in _lexicon().leaders.finditer(text):
        s, e = m.span()
        if _DOCTRINE.match(text, e):
            continue
        listed = bool(out) and out[-1][1] == s - 1 and text[s - 1] == "、"  # 刘少奇、林彪两个…
        if e - s > 2 or listed or _closed(text, e) or (_starts_name(text, s) and _ends_name(text, e)):
            out.append((s, e))
    return out


def _closed(text: str, pos: int) -> bool:
    """A strong right boundary: punctuation (林彪、), 同志 or a post title (李强总理)."""
    if pos >= len(text) or not _is_cjk(text[pos]):
        return True
    return text.startswith("同志", pos) or _lexicon().titles.match(text, pos) is not None


def _starts_name(text: str, pos: int) -> bool:
    """True when a two-character name may start at ``pos``: start, non-CJK, a function character or a title."""
    if pos == 0 or not _is_cjk(text[pos - 1]) or text[pos - 1] in _LEFT_OK:
        return True
    return any(_lexicon().titles.fullmatch(text, pos - n, pos) for n in range(1, min(pos, 8) + 1))


def _names_listed(text: str, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names joined by 、 after a title's name (副厅长张三、李四): each holds the post."""
    out: list[tuple[int, int]] = []
    lex = _lexicon()
    while text[end : end + 1] == "、":
        nxt = _name_at(text, end + 1)
        if nxt is None or any(s < nxt and end + 1 < e for s, e in taken) or lex.titles.match(text, nxt):
            break
        if lex.titles.match(text, end + 1):
            break
        out.append((end + 1, nxt))
        end = nxt
    return out


def _inside_place(text: str, pos: int, title: str) -> bool:
    """The level character of a level title ends a place (陕西省|长安区) or 全省/各省 …"""
    if not _level_title(title) or title[0] != text[pos]:
        return False
    if text[pos - 1 : pos] in ("全", "各", "本", "我", "该", "外", "跨"):
        return True
    places = agency_lexicon().place_names
    return any(text[pos + 1 : pos + 1 + n] in places for n in (2, 3, 4))


def _level_title(title: str) -> bool:
    """省长, 副市长: a title whose agency is a level's government (it may follow a name only at a phrase end)."""
    implied = post_agency(title) or ""
    return implied.endswith("政府") and implied[:1] in "省市县区州"


def _post_as(text: str, pos: int) -> list[PostRef]:
    """The post of ``以习近平同志为总书记的党中央``: 为 + a title that may follow a name + 的."""
    if text[pos : pos + 1] != "为":
        return []
    m = _lexicon().titles.match(text, pos + 1)
    if m is None or m.group() not in _lexicon().after or text[m.end() : m.end() + 1] != "的":
        return []
    return [PostRef(m.group(), post_agency(m.group()))]



def extract_people(sentence: Sentence) -> list[Mention]:
    """Person mentions in one sentence, with document offsets and the posts given."""
    return [
        Mention(
            kind="person",
            text=sentence.text[s:e],
            name=_lexicon().canonical.get(sentence.text[s:e], ""),
            start=sentence.start + s,
            end=sentence.start + e,
            sentence=sentence.index,
            posts=posts,
        )
        for s, e, posts in _people(sentence.text)
    ]
