"""Grammar shared by the initiative readings: the character classes (:data:`HAN`,
:data:`NUMERALS`), the shape of a candidate (:data:`Candidate`), where a clause
starts (:func:`clause_start`), and words of a clause, never of a name
(:func:`reads_as_clause`, used by the shape readings of :mod:`kg.extract.initiatives`,
:mod:`kg.extract.initiative_names` and :mod:`kg.extract.initiative_works`).

A name read off the start of a clause or before a line word (…制度，, …铁路、)
is only a name when the clause is a noun phrase. Older reports above all write
whole verb phrases there: 保证逐步消灭剥削制度, 依靠全国人民在改革土地制度,
加上恢复铁路, 如用之于铁路建设, 大商业和铁路, 因为进行这些工程. Such a phrase
gives itself away by a function word (因为, 在, 这些, 许多, 之于, a 和 between
two nouns) or by a verb that takes the rest as its object (改进耕作制度,
整顿管理制度, 发展壮大产业集群).
"""

from __future__ import annotations

import re
from typing import TypeAlias

__all__ = ["CLAUSE_MARKS", "HAN", "NUMERALS", "Candidate", "clause_start", "reads_as_clause"]

#: The CJK unified ideographs, as a regex class body (shared by the initiative modules).
HAN = r"\u4e00-\u9fff"
#: Chinese numerals of a count or a coinage (三大, 两届, 百场, 万人), as a regex class body.
NUMERALS = "一二三四五六七八九十百千万两"
#: The marks that end a clause (a sentence's own end included).
CLAUSE_MARKS = "，。；：\n"
#: What every reading returns: ``(start, end, name, kind, priority)``, offsets in the
#: sentence; :func:`kg.extract.initiatives.extract_initiatives` keeps the quoted, then the
#: longer, then the higher-priority one of overlapping candidates.
Candidate: TypeAlias = tuple[int, int, str, str, int]


def clause_start(text: str, lo: int, hi: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause that ends at ``hi`` starts (after the last of ``marks``),
    looking back no further than ``lo``."""
    return lo + max(text.rfind(c, lo, hi) - lo for c in marks) + 1

#: Function words: conjunctions, prepositions, adverbs and determiners of a clause.
_FUNCTION = re.compile(
    r"由于|因为|如果|虽然|但是|并且|而且|同时|特别是|尤其|也有|还有|关于|依靠|通过|根据|按照|为了|对于|"
    r"之于|用之|加上|以及|逐步|保证|这些|那些|这个|这种|许多|个别|各级|我们|他们|必须|应该|已经|正在|"
    r"任何|无权|否则|只能|作为|认真|有步骤|用于|^主要|了|要(?=通过|健全|建立|实行|坚持|加强|推进|完善)|"
    r"^(?:在|把|被|将(?!军)|使|从|对(?!口)|也|还|就(?!业)|都|又|再|如|并|而|即|则)|[^\d]在[^线]"
)
#: A verb that takes the rest of the phrase as its object (改进耕作制度, 恢复铁路).
_VERB_START = re.compile(
    r"^(?:改进|改善|整顿|规定|修复|推选|消灭|进行|缺少|健全|完善|改革|实行|执行|推行|贯彻|坚持|恢复|改建|修建|"
    r"发展|加强|提高|扩大(?!内需)|调整|废除|取消|简化|修改|制定|修订|确立|形成|分配|发挥|利用|依托|围绕|"
    r"保护(?!区)|保障(?!性)|巩固|整治|治理|维护|落实|深化|增加|减少|降低|搞好|做好|抓好|办好|"
    r"纳入|背离|否定|控制|抓紧|试行|积累|重点加快)"
)
#: 和/与/及 between two bare nouns before the head (大商业和铁路), not a pair of names.
_JOINED = re.compile(r"^[^和与及]{1,4}[和与及][^和与及]{0,3}$")


def reads_as_clause(name: str, stem: str = "") -> bool:
    """True when ``name`` (with ``stem``, the part before its head word) reads as a
    clause or a verb phrase, not a name."""
    if _FUNCTION.search(name) or _VERB_START.match(name):
        return True
    return bool(stem) and _JOINED.match(stem) is not None
