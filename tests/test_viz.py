"""kg.viz without a browser: the page is self-contained, escaped, deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.analyze import to_networkx
from kg.errors import QueryError
from kg.layout import layout
from kg.viz import render_html, safe_json, write_html

FIXTURE = Path(__file__).parent / "fixtures" / "viz_small.ttl"
PAYLOADS = ("<script>window.__xss", "<img src=x onerror", "</script><script>")


@pytest.fixture(scope="module")
def rdf_graph() -> Graph:
    g = Graph()
    g.parse(FIXTURE)
    return g


@pytest.fixture(scope="module")
def nxg(rdf_graph: Graph) -> nx.MultiDiGraph:
    return to_networkx(rdf_graph)


@pytest.fixture(scope="module")
def page(nxg: nx.MultiDiGraph) -> str:
    return render_html(nxg)


def page_data(page: str) -> dict:
    """The GOVKG object of the page: one JSON value per line."""
    block = page[page.index("var GOVKG = {") : page.index("\n};", page.index("var GOVKG = {"))]
    return {k: json.loads(v) for k, v in re.findall(r"^  (\w+): (.*?),?$", block, flags=re.M)}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_nothing_is_fetched(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert not [a for _, a in parser.tags if "src" in a or "href" in a]
    assert names.count("script") == 3
    assert "vis.Network" in page and "DataSet" in page  # vis-network inlined


def test_scripts_are_allowed_by_hash_only(page: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    bodies = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(bodies) == page.count("</script>") == 3
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_strings_never_reach_the_markup_raw(page: str) -> None:
    for payload in PAYLOADS:
        assert payload not in page
    data = page_data(page)
    names = [n["name"] for n in data["nodes"]]
    assert "<script>window.__xss=1</script>司法局" in names  # intact as data, shown as text
    tips = "".join(data["tips"])
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in tips
    assert "<script" not in tips and "<img" not in tips
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=4" in tips  # alias
    assert "O&#x27;Brien &quot;引号&quot;" in tips


def test_tooltips_carry_metrics_and_sentences(page: str) -> None:
    data = page_data(page)
    tip = data["tips"][[n["name"] for n in data["nodes"]].index("甘肃省司法厅")]
    assert "法律援助经费" in tip and "&gt;90000000" in tip and "元" in tip and "over" in tip
    assert "≈12.4" in tip and "省司法厅牵头开展" in tip
    assert "又名 省司法厅" in tip


def test_nodes_edges_legend(page: str, nxg: nx.MultiDiGraph) -> None:
    data = page_data(page)
    assert len(data["nodes"]) == nxg.number_of_nodes() and len(data["edges"]) == nxg.number_of_edges()
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    sizes = {n["name"]: n["size"] for n in data["nodes"] if n["cls"] not in ("section", "document")}
    assert sizes["甘肃省人民政府"] > sizes["法治日报"]  # size by PageRank
    assert {n["shape"] for n in data["nodes"] if n["cls"] == "agency"} == {"dot"}
    assert 'data-class="initiative"' in page and "Noto Sans CJK SC" in page
    led = [e for e in data["edges"] if data["relations"][e["r"]] == "ledBy" and "s" in e]
    assert any(data["sentences"][i].startswith("省司法厅牵头开展") for e in led for i in e["s"])
    # sections and documents: grey boxes, always labelled (wrapped), in the legend and filters
    boxes = [n for n in data["nodes"] if n["cls"] in ("section", "document")]
    assert len(boxes) == 4 and {n["shape"] for n in boxes} == {"box"} and all("label" in n for n in boxes)
    assert {n["label"] for n in boxes if n["cls"] == "section"} >= {"推进法治政府建设", "高校法治研究"}
    assert 'data-class="section"' in page and 'data-class="document"' in page
    mention = [e for e in data["edges"] if data["relations"][e["r"]] == "提及于 mentioned in"]
    assert len(mention) == 18 and all("s" in e for e in mention)  # each carries the sentences behind it
    assert "4 章节/文件 sections · 18 提及 mentions" in page


def test_section_labels_wrap_and_tips_escape(page: str) -> None:
    data = page_data(page)
    hostile = next(n for n in data["nodes"] if n["cls"] == "section" and "专项治理" in n["name"])
    assert hostile["label"] == "<script>wi\nndow.__xs…"  # two lines of ten characters, clipped
    tip = data["tips"][hostile["id"]]
    assert "&lt;script&gt;window.__xss=7&lt;/script&gt;专项治理" in tip and "<script" not in tip
    assert "文件 测试报告" in tip and "3 实体 entities mentioned · 1 章节 sections" in tip


def test_entity_only_view_has_no_structure(rdf_graph: Graph) -> None:
    data = page_data(render_html(to_networkx(rdf_graph, structure=False)))
    assert len(data["nodes"]) == 18 and len(data["edges"]) == 20
    assert not [n for n in data["nodes"] if n["cls"] in ("section", "document")]
    # without sections, entities that only share a section are unrelated again
    assert sum(1 for n in data["nodes"] if n.get("iso")) == 1


def test_same_graph_same_bytes(nxg: nx.MultiDiGraph, page: str) -> None:
    assert render_html(nxg) == page


def test_focus_and_labels(nxg: nx.MultiDiGraph) -> None:
    data = page_data(render_html(nxg, focus="省司法厅", depth=1))
    names = {n["name"] for n in data["nodes"]}
    assert names == {"甘肃省司法厅", "“八五”普法", "公共法律服务平台", "行政复议改革", "甘肃省",
                     "推进法治政府建设", "测试报告"}  # and the section and document that mention it
    assert data["nodes"][data["focus"]]["name"] == "甘肃省司法厅"
    few = page_data(render_html(nxg, max_labels=3))
    assert sum(1 for n in few["nodes"] if "label" in n and n["cls"] not in ("section", "document")) == 3
    with pytest.raises(QueryError):
        render_html(nxg, focus="没有这个机构")


def test_unrelated_entities_can_start_hidden(nxg: nx.MultiDiGraph, page: str) -> None:
    shown = page_data(page)
    assert [n["name"] for n in shown["nodes"] if n.get("iso")] == ["法治日报"]
    assert not any(n.get("hidden") for n in shown["nodes"])
    assert [n["name"] for n in shown["nodes"] if "label" not in n] == ["法治日报"]  # no label in the grid
    hidden = page_data(render_html(nxg, isolated=False))
    assert [n["name"] for n in hidden["nodes"] if n.get("hidden")] == ["法治日报"]
    assert re.search(r'<input type="checkbox" id="isolated">', render_html(nxg, isolated=False))


def test_safe_json_escapes_script_breakers() -> None:
    text = safe_json({"a": "</script><!-- \u2028\u2029 & 'x'"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028\u2029 & 'x'"}


def test_write_html_is_atomic(nxg: nx.MultiDiGraph, tmp_path: Path, page: str) -> None:
    path = write_html(nxg, tmp_path / "out" / "graph.html")
    assert path.read_text(encoding="utf-8") == page
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask  # the usual mode, not mkstemp's 0600


def test_layout_places_every_node_apart() -> None:
    g = nx.barabasi_albert_graph(400, 2, seed=3)
    g.add_nodes_from(range(400, 410))  # isolated nodes are packed too
    pos = layout(g)
    assert set(pos) == set(g)
    assert layout(g) == pos
    points = sorted(pos.values())
    assert len(set((round(x, 3), round(y, 3)) for x, y in points)) == len(points)
    mean = sum(((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5 for a, b in g.edges())
    assert mean / g.number_of_edges() < 6.0  # neighbours stay near (units of the ideal edge length)


def test_layout_clusters_entities_around_their_section() -> None:
    g = nx.Graph()
    hubs = ["doc"] + [f"s{i}" for i in range(6)]
    for i in range(6):
        g.add_edge("doc", f"s{i}")
        for j in range(8):
            g.add_edge(f"s{i}", f"e{i}-{j}")
    g.add_edge("e0-0", "e3-0")  # a typed relation across sections
    pos = layout(g, hubs=hubs)
    assert layout(g, hubs=hubs) == pos

    def d(a: str, b: str) -> float:
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    for i in range(6):
        for j in range(1, 8):
            nearest = min(hubs[1:], key=lambda h: d(f"e{i}-{j}", h))
            assert nearest == f"s{i}", (i, j, nearest)


def test_reports_are_laid_out_apart_and_cross_links_flagged(nxg: nx.MultiDiGraph) -> None:
    g = nxg.copy()
    doc2, sec2 = "https://w3id.org/govkg/id/doc/other", "https://w3id.org/govkg/id/doc/other/section/1"
    g.add_node(doc2, label="另一报告", aliases=[], kind="", metrics=[], sentences=[], sentence_texts=[],
               **{"class": "document"})
    g.add_node(sec2, label="另一章节", aliases=[], kind="", metrics=[], sentences=[], sentence_texts=[],
               document=doc2, document_label="另一报告", order=1, **{"class": "section"})
    g.add_edge(doc2, sec2, key="hasSection", relation="hasSection", sentences=[], sentence_texts=[])
    sft = "https://w3id.org/govkg/id/agency/甘肃省司法厅"
    g.add_edge(sft, sec2, key="mentionedIn", relation="mentionedIn", sentences=["s"], sentence_texts=["另一句。"])
    page = render_html(g)
    data = page_data(page)
    ids = {n["name"]: n["id"] for n in data["nodes"]}
    crossing = [e for e in data["edges"] if e.get("x")]
    # 甘肃省司法厅 is mentioned more in 测试报告: its edge to the other report's section crosses
    assert [(e["from"], e["to"]) for e in crossing] == [(ids["甘肃省司法厅"], ids["另一章节"])]
    assert not crossing[0].get("hidden")  # small maps show them
    assert 'id="cross" checked' in page
    pos = {n["name"]: (n["x"], n["y"]) for n in data["nodes"]}
    # the other report is packed beside the first, not pulled into it
    xs = [pos[n][0] for n in pos if n not in ("另一报告", "另一章节", "法治日报")]
    assert pos["另一报告"][0] > max(xs) or pos["另一报告"][1] > max(pos[n][1] for n in pos if n != "另一报告"
                                                                     and n != "另一章节" and n != "法治日报")


def test_layout_does_not_depend_on_the_hash_seed() -> None:
    """Same graph, same bytes across processes: small parts once took their edges from a set."""
    import subprocess
    import sys

    code = (
        "import networkx as nx, hashlib\n"
        "from kg.layout import layout\n"
        "g = nx.Graph()\n"
        "for c in range(12):\n"
        "    g.add_edges_from((f'n{c}-{i}', f'n{c}-{(i * 7 + 3) % 9}') for i in range(9))\n"
        "    g.add_edge(f'n{c}-0', f'n{(c + 1) % 12}-0')\n"
        "groups = {v: v.split('-')[0] for v in g}\n"
        "print(hashlib.sha256(repr(sorted(layout(g, groups=groups).items())).encode()).hexdigest())\n"
    )
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
