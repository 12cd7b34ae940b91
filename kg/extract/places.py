"""Extraction of places (placeholder until its owner fills it in)."""

from __future__ import annotations

from ..model import Mention, Sentence

__all__ = ["extract_places"]


def extract_places(sentence: Sentence) -> list[Mention]:
    """Mentions found in one sentence, with document offsets."""
    return []
