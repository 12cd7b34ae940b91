"""Readings of agency names that depend on the words around them.

Kept apart from :mod:`kg.extract.agencies` (already long): each function looks
at the text next to one candidate name and says whether it names a body.
"""

from __future__ import annotations

import re

__all__ = ["in_reform_name"]

#: A reform named after one firm (国家开发银行商业化转型, 农业银行股份制改革,
#: 北大荒集团改革): the firm is the reform's object, annotated only in the
#: initiative, as companies inside project names are (dev2, heldout, dev3).
_REFORM_AFTER = re.compile(r"(?:股份制|商业化|市场化|公司制|战略)?(?:改革|改造|转型|改制)(?!升级)")


def in_reform_name(text: str, end: int) -> bool:
    """Whether the firm whose name ends at ``text[end]`` is glued to the name of its reform."""
    return _REFORM_AFTER.match(text, end) is not None
