"""kg.extract.metric_context: a metric's kind from the verb cue before its number."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.metric_context import _VERB_ROLES, _joined_cues

_WORDS = st.lists(st.text(alphabet="增长提高至达到下降", min_size=1, max_size=3), min_size=1, max_size=4)


def _one_by_one(cues: dict[str, re.Pattern[str]], left: str) -> str | None:
    """What _kind did before the cues were joined: each role's leftmost match, the
    earliest start winning and the first role in order on a tie."""
    best: tuple[int, str] | None = None
    for role in _VERB_ROLES:
        if role in cues and (m := cues[role].search(left)) is not None and (best is None or m.start() < best[0]):
            best = (m.start(), role)
    return best[1] if best else None


@given(st.dictionaries(st.sampled_from(_VERB_ROLES), _WORDS), st.text(alphabet="增长提高至达到下降了", max_size=10))
def test_the_joined_cues_pick_the_role_that_searching_each_gave(words: dict[str, list[str]], left: str) -> None:
    cues = {role: re.compile("(?:" + "|".join(map(re.escape, ws)) + ")$") for role, ws in words.items()}
    joined = _joined_cues(tuple((r, cues[r].pattern) for r in _VERB_ROLES if r in cues))
    m = joined.search(left)
    assert (m.lastgroup if m else None) == _one_by_one(cues, left)


def test_no_cues_match_nothing() -> None:
    assert _joined_cues(()).search("增长") is None
