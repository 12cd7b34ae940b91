"""The CJK character class that the extraction rules share.

Every rule that reads a name character by character means the same thing by
"a Chinese character": the CJK Unified Ideographs block, U+4E00–U+9FFF (the
reports are in simplified Chinese; extension blocks do not occur in them).
One definition keeps agency and place rules from drifting apart.
"""

from __future__ import annotations

import re

__all__ = ["HAN", "HAN_RUN", "is_han"]

#: A regex character class of one CJK ideograph, for building patterns (``rf"{HAN}{{2,4}}"``).
HAN = r"[\u4e00-\u9fff]"
#: One or more CJK ideographs.
HAN_RUN = re.compile(HAN + "+")


def is_han(ch: str) -> bool:
    """``ch`` is one CJK ideograph (the class :data:`HAN`); a plain comparison, faster than a regex."""
    return "\u4e00" <= ch <= "\u9fff"
