"""Relations between the mentions of one sentence (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Mention, Metric, Relation, Sentence

__all__ = ["extract_relations"]


def extract_relations(
    sentence: Sentence, mentions: Sequence[Mention], metrics: Sequence[Metric]
) -> tuple[list[Relation], list[Metric]]:
    """Relations among ``mentions`` (indices local to the sequence) and the metrics
    with ``subject``/``parent`` set (indices local to the sequences given)."""
    return [], list(metrics)
