"""The hand-written two-report graph (fixtures/mini.trig) that the query, serve and
push tests ask every named question on, and the parameters each is asked with."""

from __future__ import annotations

from pathlib import Path

__all__ = ["MINI", "MINI_PARAMS"]

MINI = Path(__file__).parent / "fixtures" / "mini.trig"

#: Parameters of the named questions that need one (the others are asked without).
MINI_PARAMS: dict[str, dict[str, str]] = {
    "source-of": {"fact": "id:doc/mini-a/statement/1"},
    "about-entity": {"name": "甘肃省司法厅"},
    "initiatives-of-section": {"section": "法治"},
}
