"""Extraction of people (placeholder until its owner fills it in)."""

from __future__ import annotations

from ..model import Mention, Sentence

__all__ = ["extract_people"]


def extract_people(sentence: Sentence) -> list[Mention]:
    """Mentions found in one sentence, with document offsets."""
    return []
