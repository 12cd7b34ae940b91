"""The interactive map (``kg viz``, ``out/graph.html``): a pyvis page that works offline.

pyvis renders our own template (``kg/templates/viz.html``) in which
vis-network's JS and CSS, shipped inside the pyvis package, are inlined: no
CDN, no Bootstrap, nothing fetched. A Content-Security-Policy with the hashes
of the page's own scripts forbids every other script and every request.

Large graphs open fast: positions are computed in Python (:mod:`kg.layout`),
physics is off, edges are straight, and only the ``max_labels`` most central
entities carry a label (the rest show theirs on hover, search or click).

Sections and documents (see :func:`kg.analyze.to_networkx`) are grey boxes,
always labelled, with the entities they mention laid out around them; the
"unrelated" switch covers only entities with neither a relation nor a section.

Every string from a report is escaped: tooltips are HTML built here with
:func:`html.escape`; everything else travels as JSON (with ``<``, ``>``, ``&``,
U+2028/2029 escaped) and is put on the page with ``textContent`` or drawn on
the canvas. Same graph, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from rdflib import Graph

from kg.analyze.analysis import Analysis
from kg.analyze.export import atomic_write_bytes
from kg.analyze.graph import STRUCTURE_CLASSES, entity_graph, natural_key, resolve_node
from kg.analyze.measures import pagerank
from kg.analyze.paths import ego_nodes
from kg.analyze.report import format_number
from kg.layout import layout

__all__ = ["CLASS_STYLE", "FONT_STACK", "SHOW_ISOLATED_UP_TO", "render_html", "write_html", "safe_json"]

#: class → (colour, vis shape, legend title), in legend order.
CLASS_STYLE: dict[str, tuple[str, str, str]] = {
    "agency": ("#4e79a7", "dot", "机构 agency"),
    "initiative": ("#f28e2b", "diamond", "举措 initiative"),
    "policy": ("#e15759", "square", "政策 policy"),
    "work": ("#76b7b2", "triangle", "作品 work"),
    "person": ("#59a14f", "star", "人物 person"),
    "post": ("#edc948", "hexagon", "职务 post"),
    "place": ("#b07aa1", "triangleDown", "地点 place"),
    "metric": ("#9c755f", "dot", "指标 metric"),
    "section": ("#6b7280", "box", "章节 section"),
    "document": ("#374151", "box", "文件 document"),
}
#: How relations read in the edge tooltip (others: their name).
RELATION_TEXT = {"mentionedIn": "提及于 mentioned in", "hasSection": "含章节 has section"}
_BOX_LINE = 10  # characters per line of a section title drawn in its box (two lines; the tooltip has it whole)
#: Maps of up to this many nodes fit the screen at a scale where larger fonts are legible.
_SMALL = 400
#: (entity, section, document) font sizes for small and for large maps.
_FONT_SIZES = {True: (30, 40, 44), False: (14, 16, 20)}
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
TEMPLATES = Path(__file__).resolve().parent / "templates"
_PX = 90.0  # pixels per ideal edge length
#: Horizontal stretch: screens are wide and labels are horizontal, so wider spacing costs no zoom and saves overlaps.
_ASPECT = 1.6
_DIM = "rgba(200,200,200,0.35)"
_QUALIFIER = {"exact": "", "over": ">", "at_least": "≥", "under": "<", "at_most": "≤", "approx": "≈"}
_MAX_TIP_ALIASES = 8
_MAX_TIP_METRICS = 8
_MAX_TIP_SENTENCES = 3
_MAX_SENTENCE = 200
_MAX_EDGE_SENTENCES = 2
_BIG = 3000  # edges above which edges hide while dragging and arrows are off
#: Maps of up to this many entities show the unrelated ones at first.
SHOW_ISOLATED_UP_TO = 1000
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def safe_json(obj: Any) -> Markup:
    """JSON that can sit inside ``<script>``: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))


def _clip(text: str, limit: int = _MAX_SENTENCE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _box_label(text: str) -> str:
    """A section title in at most two lines of :data:`_BOX_LINE` characters (CJK has no spaces to wrap at)."""
    text = " ".join(text.split())
    if len(text) > 2 * _BOX_LINE:
        text = text[: 2 * _BOX_LINE - 1] + "…"
    return "\n".join(text[i: i + _BOX_LINE] for i in range(0, len(text), _BOX_LINE))


def _structure_tip(d: dict[str, Any], mentioned: int, parts: int) -> str:
    """Tooltip HTML of a section or document: title, document, how many entities and sections it holds."""
    e = html.escape
    cls = d.get("class", "")
    out = [f'<div><b>{e(d.get("label", ""))}</b><span class="cls">{e(CLASS_STYLE[cls][2])}</span></div>']
    if cls == "section" and d.get("document_label"):
        out.append(f'<div class="aka">文件 {e(d["document_label"])}</div>')
    out.append(f'<div class="score">{mentioned} 实体 entities mentioned · {parts} 章节 sections</div>')
    return "".join(out)


def _tip(d: dict[str, Any], degree: int, rank: float) -> str:
    """Tooltip HTML of one node; every report string passes through html.escape."""
    e = html.escape
    cls = d.get("class", "")
    kind = f" · {e(d['kind'])}" if d.get("kind") else ""
    out = [f'<div><b>{e(d.get("label", ""))}</b><span class="cls">{e(CLASS_STYLE.get(cls, ("", "", cls))[2])}'
           f"{kind}</span></div>"]
    aliases = list(d.get("aliases") or ())
    if aliases:
        more = "…" if len(aliases) > _MAX_TIP_ALIASES else ""
        out.append(f'<div class="aka">又名 {e("、".join(aliases[:_MAX_TIP_ALIASES]))}{more}</div>')
    if cls in ("agency", "initiative", "metric"):
        metrics = sorted(d.get("metrics") or (), key=lambda m: (m.get("measure") or "", natural_key(m["iri"])))
        if metrics:
            rows = []
            for m in metrics[:_MAX_TIP_METRICS]:
                q = m.get("qualifier") or ""
                rows.append(
                    f"<tr><td>{e(m.get('measure') or '')}</td>"
                    f'<td class="num">{e(_QUALIFIER.get(q, ""))}{e(format_number(m.get("value")))}</td>'
                    f"<td>{e(m.get('unit') or '')}</td><td>{e(q)}</td></tr>"
                )
            if len(metrics) > _MAX_TIP_METRICS:
                rows.append(f"<tr><td colspan=4>… {len(metrics) - _MAX_TIP_METRICS} more</td></tr>")
            out.append("<table>" + "".join(rows) + "</table>")
        texts = [t for t in d.get("sentence_texts") or () if t]
        if texts:
            out.append("<ol>" + "".join(f"<li>{e(_clip(t))}</li>" for t in texts[:_MAX_TIP_SENTENCES]) + "</ol>")
    out.append(f'<div class="score">degree {degree} · PageRank {rank:.4f}</div>')
    return "".join(out)


def _undirected(g: nx.MultiDiGraph) -> nx.Graph:
    u = nx.Graph()
    u.add_nodes_from(g.nodes())
    for s, o in g.edges():
        if s != o:
            u.add_edge(s, o)
    return u


def _home_documents(g: nx.MultiDiGraph, structure: set[str]) -> dict[str, str] | None:
    """Each node's document for the layout: the one that mentions it most (ties: first IRI).

    Entities mentioned nowhere take the document of a related entity. None
    when the map holds fewer than two documents (nothing to separate).
    """
    docs = sorted((n for n in structure if g.nodes[n]["class"] == "document"), key=natural_key)
    if len(docs) < 2:
        return None
    home: dict[str, str] = {d: d for d in docs}
    for n in structure:
        if g.nodes[n]["class"] == "section" and g.nodes[n].get("document") in home:
            home[n] = g.nodes[n]["document"]
    for n in g.nodes():
        if n in structure:
            continue
        counts: dict[str, int] = {}
        for _, target, rel in g.out_edges(n, data="relation"):
            if rel == "mentionedIn" and target in home:
                counts[home[target]] = counts.get(home[target], 0) + max(1, len(g[n][target]["mentionedIn"]["sentences"]))
        if counts:
            home[n] = min(counts, key=lambda d: (-counts[d], natural_key(d)))
    frontier = [n for n in g.nodes() if n in home]
    while frontier:  # the rest: breadth-first from placed neighbours, in node order
        nxt = []
        for v in frontier:
            for w in sorted(set(g.successors(v)) | set(g.predecessors(v)), key=natural_key):
                if w not in home:
                    home[w] = home[v]
                    nxt.append(w)
        frontier = nxt
    return home


def _focus(g: nx.MultiDiGraph, focus: str, depth: int) -> tuple[nx.MultiDiGraph, str]:
    centre = resolve_node(g, focus)
    keep = ego_nodes(g, centre, depth)
    sub = nx.MultiDiGraph()
    sub.graph.update(g.graph)
    sub.add_nodes_from((n, g.nodes[n]) for n in g if n in keep)
    sub.add_edges_from((s, o, k, d) for s, o, k, d in g.edges(keys=True, data=True) if s in keep and o in keep)
    return sub, centre


def _page_data(g: nx.MultiDiGraph, max_labels: int, rank: dict[str, float], show_isolated: bool
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    u = _undirected(g)
    structure = {n for n, c in g.nodes(data="class") if c in STRUCTURE_CLASSES}
    home = _home_documents(g, structure)
    pos = layout(u, hubs=sorted(structure, key=lambda n: (g.nodes[n]["class"] != "document", natural_key(n))),
                 groups=home)
    ids = {n: i for i, n in enumerate(g.nodes())}
    fonts = _FONT_SIZES[g.number_of_nodes() <= _SMALL]
    top = max((r for n, r in rank.items() if n not in structure), default=0.0) or 1.0
    # labels for every section and document and the most central related entities; unrelated
    # ones sit in a tight grid where labels would overlap, and show theirs on hover, search or click
    related = [n for n in g.nodes() if u.degree(n) > 0 and n not in structure]
    labelled = set(sorted(related, key=lambda n: (-rank.get(n, 0.0), natural_key(n)))[:max_labels]) | structure
    nodes, tips = [], []
    for n, d in g.nodes(data=True):
        cls = d.get("class", "")
        colour, shape, _ = CLASS_STYLE.get(cls, ("#999999", "dot", cls))
        x, y = pos[n]
        item: dict[str, Any] = {
            "id": ids[n], "x": round(x * _PX * _ASPECT, 1), "y": round(y * _PX, 1),
            "name": d.get("label", ""), "cls": cls, "shape": shape, "color": colour,
        }
        if n in structure:
            item["font"] = {"color": "#ffffff", "strokeWidth": 0, "size": fonts[2 if cls == "document" else 1]}
        else:
            item["size"] = round(6 + 16 * math.sqrt(rank.get(n, 0.0) / top), 2)
        if n in labelled:
            item["label"] = _box_label(d.get("label", "")) if n in structure else d.get("label", "")
        if d.get("aliases"):
            item["al"] = list(d["aliases"])
        if u.degree(n) == 0:
            item["iso"] = 1
            if not show_isolated:
                item["hidden"] = True
        nodes.append(item)
        if n in structure:
            parts = sum(1 for w in g.successors(n) if w in structure)
            tips.append(_structure_tip(d, sum(1 for w in g.predecessors(n) if w not in structure), parts))
        else:
            tips.append(_tip(d, u.degree(n), rank.get(n, 0.0)))
    relations = sorted({d.get("relation", k) for _, _, k, d in g.edges(keys=True, data=True)})
    rel_index = {r: i for i, r in enumerate(relations)}
    sentences: list[str] = []
    sentence_index: dict[str, int] = {}
    edges = []
    cross = 0
    big = g.number_of_edges() > _BIG
    for i, (s, o, k, d) in enumerate(g.edges(keys=True, data=True)):
        refs = []
        for text in [t for t in d.get("sentence_texts") or () if t][:_MAX_EDGE_SENTENCES]:
            text = _clip(text)
            if text not in sentence_index:
                sentence_index[text] = len(sentences)
                sentences.append(text)
            refs.append(sentence_index[text])
        edge: dict[str, Any] = {"id": i, "from": ids[s], "to": ids[o], "r": rel_index[d.get("relation", k)]}
        if d.get("relation", k) == "hasSection":
            edge["width"] = 2
            edge["color"] = CLASS_STYLE["section"][0]
        if refs:
            edge["s"] = refs
        if home is not None and home.get(s) != home.get(o):
            edge["x"] = 1  # links two reports' clusters: drawn on demand (a checkbox, a click)
            cross += 1
            if big:
                edge["hidden"] = True
        edges.append(edge)
    counts: dict[str, int] = {}
    for item in nodes:
        counts[item["cls"]] = counts.get(item["cls"], 0) + 1
    legend = [{"name": c, "color": CLASS_STYLE[c][0], "shape": CLASS_STYLE[c][1], "title": CLASS_STYLE[c][2],
               "count": counts[c]} for c in CLASS_STYLE if c in counts]
    legend += [{"name": c, "color": "#999999", "shape": "dot", "title": c, "count": counts[c]}
               for c in sorted(counts) if c not in CLASS_STYLE]
    isolated = sum(1 for item in nodes if "iso" in item)
    stats = {"entities": len(nodes) - len(structure), "structure": len(structure),
             "typed": sum(1 for _, _, r in g.edges(data="relation") if r not in RELATION_TEXT),
             "mentions": sum(1 for _, _, r in g.edges(data="relation") if r == "mentionedIn")}
    extra = {"tips": tips, "relations": [RELATION_TEXT.get(r, r) for r in relations], "stats": stats,
             "sentences": sentences, "legend": legend, "ids": ids,
             "isolated": isolated, "cross": cross, "show_cross": not big}
    return nodes, edges, extra


def _stats_line(st: dict[str, int]) -> str:
    line = f"{st['entities']} 实体 entities · {st['typed']} 关系 relations"
    if st["structure"]:
        line += f" · {st['structure']} 章节/文件 sections · {st['mentions']} 提及 mentions"
    return line


def _options(n_edges: int, n_nodes: int) -> dict[str, Any]:
    big = n_edges > _BIG
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "tooltipDelay": 150, "keyboard": False},
        "nodes": {"borderWidth": 1,
                  "font": {"face": FONT_STACK, "size": _FONT_SIZES[n_nodes <= _SMALL][0], "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "width": 0.8, "selectionWidth": 1.5,
                  "color": {"color": "#a9b4c2", "highlight": "#d62728", "hover": "#555555", "opacity": 0.85},
                  "arrows": {"to": {"enabled": not big, "scaleFactor": 0.4}}},
    }


def _add_csp(page: str) -> str:
    """Allow only the page's own scripts (by hash), inline styles and data: images; no requests."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    )
    policy = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
              "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace("<!--GOVKG-CSP-->", meta, 1)


def render_html(
    graph: Graph | nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 2,
    max_labels: int = 150,
    title: str | None = None,
    analysis: Analysis | None = None,
    isolated: bool | None = None,
) -> str:
    """The map of ``graph`` (an RDF graph or its :func:`~kg.analyze.to_networkx` view) as one HTML page.

    ``focus`` (a label, alias or IRI) limits the map to the entities within
    ``depth`` hops of it and selects it. ``analysis`` reuses its PageRank
    instead of computing it again. ``isolated`` shows the entities with no
    relation at first (a checkbox toggles them); by default they are shown on
    maps of up to :data:`SHOW_ISOLATED_UP_TO` entities.
    """
    from pyvis.network import Network

    g = entity_graph(graph)
    centre = None
    if focus:
        g, centre = _focus(g, focus, depth)
    if analysis is not None and centre is None and all(
            n in analysis.scores for n, c in g.nodes(data="class") if c != "metric" and c not in STRUCTURE_CLASSES):
        rank = {n: s.pagerank for n, s in analysis.scores.items()}
    else:
        rank = pagerank(_undirected(g.subgraph(n for n, c in g.nodes(data="class") if c not in STRUCTURE_CLASSES)))
    show_isolated = isolated if isolated is not None else g.number_of_nodes() <= SHOW_ISOLATED_UP_TO
    nodes, edges, extra = _page_data(g, max_labels, rank, show_isolated)
    if title is None:
        title = "govkg 知识图谱" + (f" · {g.nodes[centre]['label']}" if centre else "")
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.path = "viz.html"
    net.templateEnv = Environment(
        loader=FileSystemLoader([str(TEMPLATES), str(Path(net.template_dir))]),
        autoescape=True, keep_trailing_newline=True,
    )
    net.templateEnv.filters["safejson"] = safe_json
    net.templateEnv.globals["gkg"] = {
        "title": title,
        "stats": _stats_line(extra["stats"]),
        "legend": extra["legend"],
        "options": _options(len(edges), len(nodes)),
        "tips": extra["tips"],
        "relations": extra["relations"],
        "sentences": extra["sentences"],
        "focus": extra["ids"][centre] if centre is not None else None,
        "dim": _DIM,
        "isolated": extra["isolated"],
        "show_isolated": show_isolated,
        "cross": extra["cross"],
        "show_cross": extra["show_cross"],
        "pyvis_version": version("pyvis"),
    }
    net.nodes = nodes
    net.edges = edges
    return _add_csp(net.generate_html(name="graph.html"))


def write_html(graph: Graph | nx.MultiDiGraph, path: str | Path, **kw: Any) -> Path:
    """Write :func:`render_html` to ``path`` atomically (keyword arguments as there)."""
    page = render_html(graph, **kw).encode("utf-8")
    return atomic_write_bytes(path, lambda fh: fh.write(page))
