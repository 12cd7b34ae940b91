"""Extraction of metrics (placeholder until its owner fills it in)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Metric, Sentence

__all__ = ["extract_metrics"]


def extract_metrics(sentence: Sentence, blocked: Sequence[tuple[int, int]] = ()) -> list[Metric]:
    """Metrics in one sentence; numbers inside ``blocked`` spans (document offsets) are names."""
    return []
