"""The analysis as Markdown (``out/report.md``) and as JSON (``--format json``).

Report strings are escaped for Markdown tables and for the HTML that
Markdown viewers produce (``<``, ``>``, ``&``, ``|`` and line breaks), so a
hostile entity name shows as text wherever the report is rendered.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterable, Sequence

from kg.analyze.analysis import Analysis, Group, NodeScore

__all__ = ["render_markdown", "to_json", "format_number", "md_escape"]

_MD = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ", "\r": " ",
                     "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]"})


def md_escape(text: object) -> str:
    """A report string made safe for a Markdown table cell (and the HTML it becomes)."""
    return str(text).translate(_MD)


def format_number(value: float | None) -> str:
    """``90000000.0`` → ``90000000``, ``98.50`` → ``98.5``, ``None`` → ``""``."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _central(scores: list[NodeScore], top: int, what: str) -> list[str]:
    if not scores:
        return [f"No {what} in the graph.", ""]
    return _table(
        ["#", what, "degree", "PageRank", "betweenness", "community"],
        ([i + 1, md_escape(s.label), s.degree, f"{s.pagerank:.4f}", f"{s.betweenness:.4f}", s.community]
         for i, s in enumerate(scores[:top])),
    )


def _groups(groups: list[Group], top: int) -> list[str]:
    return _table(
        ["#", "named after", "size", "classes"],
        ([gr.index, md_escape(gr.name), gr.size, ", ".join(f"{k} {v}" for k, v in gr.classes.items())]
         for gr in groups[:top]),
    )


def render_markdown(analysis: Analysis, *, top: int = 15, title: str = "govkg graph report") -> str:
    """The report as Markdown; each list is cut to ``top`` rows (metrics: ``top`` agencies)."""
    a = analysis
    out = [f"# {md_escape(title)}", "",
           f"{a.nodes} entities, {a.edges} relations, {a.metric_count} metrics"
           + (f"; {a.sections} sections and {a.documents} document(s) mention them." if a.sections or a.documents
              else "."), ""]
    out += ["## Entities by class", ""] + _table(["class", "entities"], a.classes.items())
    out += ["## Relations", ""] + _table(["relation", "count"], a.relations.items())
    how = "exact" if a.betweenness_sample is None else f"sampled from {a.betweenness_sample} sources"
    out += ["## Most central agencies", "",
            f"Degree and PageRank on the undirected entity graph; betweenness {how}.", ""]
    out += _central(a.central_agencies, top, "agency")
    out += ["## Most central initiatives", ""] + _central(a.central_initiatives, top, "initiative")
    out += ["## Communities", "",
            f"{len(a.communities)} Louvain communities, modularity {a.modularity:.3f}; "
            "each is named after its three most central members.", ""]
    out += _groups(a.communities, top)
    sizes = [c.size for c in a.components]
    if a.sections or a.documents:
        out += ["## Connected components", "",
                f"Entities linked by their relations and by the {a.sections} sections and {a.documents} "
                f"document(s) that mention them ({a.mention_links} mentions): {len(a.components)} components; "
                f"the largest has {sizes[0] if sizes else 0} nodes, {a.unplaced} entities have neither a "
                f"relation nor a section. By typed relations alone: {a.relation_components} components.", ""]
    else:
        out += ["## Connected components", "",
                f"{len(a.components)} components; the largest has {sizes[0] if sizes else 0} entities, "
                f"{sizes.count(1)} entities stand alone.", ""]
    out += _groups(a.components, top)
    out += ["## Bridging agencies", "",
            "Agencies whose removal splits their component (articulation points).", ""]
    out += _table(["agency", "parts without it", "betweenness"],
                  ([md_escape(b.label), b.parts, f"{b.betweenness:.4f}"] for b in a.bridges[:top])) \
        if a.bridges else ["None.", ""]
    out += ["## Agency co-participation", "",
            f"{a.co_agencies} agencies lead or take part in initiatives; {a.co_links} pairs share at least one.", ""]
    out += _table(["agency", "agency", "shared", "initiatives"],
                  ([md_escape(p.a_label), md_escape(p.b_label), p.weight,
                    md_escape("、".join(p.initiatives[:5]) + ("…" if len(p.initiatives) > 5 else ""))]
                   for p in a.co_pairs[:top])) if a.co_pairs else ["None.", ""]
    out += ["## Metrics by unit", ""]
    out += _table(["unit", "metrics", "kinds", "min", "max", "total (counts, amounts)", "entities"],
                  ([md_escape(u.unit or "—"), u.count, ", ".join(f"{k or '?'} {v}" for k, v in u.kinds.items()),
                    format_number(u.minimum), format_number(u.maximum), format_number(u.total), u.subjects]
                   for u in a.metrics_by_unit)) if a.metrics_by_unit else ["No metrics.", ""]
    out += ["## Metrics by agency", ""]
    if not a.metrics_by_agency:
        out += ["No metric is about an agency.", ""]
    for am in a.metrics_by_agency[:top]:
        out += [f"### {md_escape(am.label)}", ""]
        out += _table(["measure", "value", "unit", "qualifier", "as written"],
                      ([md_escape(r.measure), format_number(r.value), md_escape(r.unit),
                        md_escape(r.qualifier), md_escape(r.text)] for r in am.metrics[:top]))
        if len(am.metrics) > top:
            out += [f"… and {len(am.metrics) - top} more.", ""]
    return "\n".join(out).rstrip() + "\n"


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 8)
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    return obj


def to_json(analysis: Analysis, *, scores: bool = True) -> dict[str, Any]:
    """The analysis as JSON-ready data (floats rounded to 8 places, so output is stable).

    ``scores=False`` leaves out the per-entity scores, the bulk on a corpus.
    """
    data = asdict(analysis)
    data.pop("extra", None)
    data["scores"] = [asdict(s) for s in analysis.scores.values()] if scores else []
    for key in ("central_agencies", "central_initiatives"):
        data[key] = [asdict(s) for s in getattr(analysis, key)]
    return _round(data)
