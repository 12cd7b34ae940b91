"""Scoring of extraction against gold annotations (``../shared/eval/FORMAT.md``).

Per category precision, recall and F1, with the matching rules FORMAT.md
sets out: agencies and places by name or alias, people by name (posts as
(name, title) pairs), policies and works by title (plus kind accuracy),
initiatives by character-bigram Dice ≥ 0.6, metrics by (value, unit) as a
multiset (plus qualifier accuracy). Each gold entry matches at most once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CategoryScore", "Scores", "score", "combine", "dice", "CATEGORIES"]

#: Categories that count towards micro F1, in report order.
CATEGORIES = ("agencies", "people", "places", "policies", "works", "initiatives", "metrics")

DICE_THRESHOLD = 0.6


@dataclass
class CategoryScore:
    """Counts for one category; precision, recall and F1 derive from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    attr_right: int = 0  #: kind or qualifier right among matched pairs
    attr_total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attr_accuracy(self) -> float | None:
        return self.attr_right / self.attr_total if self.attr_total else None

    def __iadd__(self, other: "CategoryScore") -> "CategoryScore":
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.attr_right += other.attr_right
        self.attr_total += other.attr_total
        return self


@dataclass
class Scores:
    """Scores of one document (or several, combined)."""

    categories: dict[str, CategoryScore] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)

    @property
    def micro(self) -> CategoryScore:
        total = CategoryScore()
        for name in CATEGORIES:
            if name in self.categories:
                total += self.categories[name]
        return total

    def as_dict(self) -> dict[str, Any]:
        rows = {name: _row(s) for name, s in self.categories.items()}
        rows["micro"] = _row(self.micro)
        return {"documents": self.documents, "scores": rows}


def _row(s: CategoryScore) -> dict[str, Any]:
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "tp": s.tp,
        "predicted": s.predicted,
        "gold": s.gold,
        "attribute_accuracy": None if s.attr_accuracy is None else round(s.attr_accuracy, 4),
    }


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter([text])


def dice(a: str, b: str) -> float:
    """Character-bigram Dice similarity of two names (1.0 for equal strings)."""
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def _match(
    preds: Sequence[Mapping[str, Any]],
    golds: Sequence[Mapping[str, Any]],
    similarity: Callable[[Mapping[str, Any], Mapping[str, Any]], float],
    attribute: str | None = None,
) -> CategoryScore:
    """One-to-one matching, best pairs first (ties by position: deterministic)."""
    pairs = sorted(
        (
            (-sim, i, j)
            for i, p in enumerate(preds)
            for j, g in enumerate(golds)
            if (sim := similarity(p, g)) > 0
        )
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    result = CategoryScore(predicted=len(preds), gold=len(golds))
    for _neg, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        result.tp += 1
        if attribute is not None:
            result.attr_total += 1
            result.attr_right += preds[i].get(attribute) == golds[j].get(attribute)
    return result


def _names(entry: Mapping[str, Any]) -> set[str]:
    return {entry.get("name", ""), *entry.get("aliases", [])} - {""}


def _by_alias(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    return 1.0 if _names(p) & _names(g) else 0.0


def _by_key(key: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], float]:
    return lambda p, g: 1.0 if p.get(key) == g.get(key) else 0.0


def _by_dice(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    d = dice(p.get("name", ""), g.get("name", ""))
    return d if d >= DICE_THRESHOLD else 0.0


def _same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))


def _by_metric(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    if p.get("unit") != g.get("unit") or not _same_value(p.get("value"), g.get("value")):
        return 0.0
    # Same (value, unit): prefer the pair whose surface text also agrees, so
    # that qualifier accuracy compares like with like.
    return 1.0 if p.get("text") == g.get("text") else 0.5


def _posts(people: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    return [
        {"key": f"{p.get('name', '')}\t{post.get('title', '')}"}
        for p in people
        for post in p.get("posts", [])
    ]


def score(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> Scores:
    """Score one predicted annotation against its gold annotation."""
    g = lambda k: list(gold.get(k, []))  # noqa: E731
    p = lambda k: list(pred.get(k, []))  # noqa: E731
    cats = {
        "agencies": _match(p("agencies"), g("agencies"), _by_alias),
        "people": _match(p("people"), g("people"), _by_key("name")),
        "posts": _match(_posts(p("people")), _posts(g("people")), _by_key("key")),
        "places": _match(p("places"), g("places"), _by_alias),
        "policies": _match(p("policies"), g("policies"), _by_key("title"), "kind"),
        "works": _match(p("works"), g("works"), _by_key("title"), "kind"),
        "initiatives": _match(p("initiatives"), g("initiatives"), _by_dice, "kind"),
        "metrics": _match(p("metrics"), g("metrics"), _by_metric, "qualifier"),
    }
    doc_id = str(gold.get("document", {}).get("id", ""))
    return Scores(cats, [doc_id])


def combine(scores: Iterable[Scores]) -> Scores:
    """Pool the counts of several documents (micro-averaged over documents)."""
    total = Scores()
    for s in scores:
        total.documents += s.documents
        for name, cat in s.categories.items():
            total.categories.setdefault(name, CategoryScore())
            total.categories[name] += cat
    return total
