"""The map in a real browser: Debian's headless Chromium driven by Playwright, no network.

Needs /usr/bin/chromium (Playwright never downloads a browser here). The page
is opened from a file:// URL with every other request aborted and recorded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from rdflib import Graph

from kg.viz import write_html

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).parent / "fixtures" / "viz_small.ttl"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = Graph()
    g.parse(FIXTURE)
    return write_html(g, tmp_path_factory.mktemp("viz") / "graph.html")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 800},
        )
        yield context
        context.close()


class Opened:
    """A page with its console errors, page errors and attempted requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []

    def js(self, code: str) -> Any:
        return self.page.evaluate(code)


@pytest.fixture()
def opened(browser: Any, html_file: Path) -> Iterator[Opened]:
    page = browser.new_page()
    o = Opened(page)
    page.on("console", lambda m: o.errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: o.errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            o.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(html_file.as_uri())
    page.wait_for_selector("body[data-drawn='1']", timeout=15000)
    yield o
    assert o.errors == [], o.errors
    assert o.requests == [], o.requests
    assert o.js("typeof window.__xss") == "undefined"
    page.close()


def _node_id(o: Opened, name: str) -> int:
    return o.js(f"govkg.nodes.get({{filter: n => n.name === {name!r}}})[0].id")


def test_draws_every_node_and_edge(opened: Opened, tmp_path: Path) -> None:
    o = opened
    # 18 entities + 3 sections + 1 document; 20 typed relations + 18 mentions + 3 hasSection
    assert o.js("govkg.nodes.length") == 22 and o.js("govkg.edges.length") == 41
    assert o.js("Object.keys(govkg.network.getPositions()).length") == 22
    assert o.js("govkg.network.body.edgeIndices.length") == 41
    assert o.js("govkg.state.drawnMs") < 3000
    shot = o.page.screenshot(path=str(tmp_path / "map.png"))
    assert len(shot) > 10_000
    if os.environ.get("GOVKG_SCREENSHOT"):
        shutil.copy(tmp_path / "map.png", os.environ["GOVKG_SCREENSHOT"])


def test_search_selects_and_focuses(opened: Opened) -> None:
    o = opened
    o.page.fill("#search", "省司法厅")
    items = o.page.locator("#results li")
    assert items.count() >= 1
    o.page.press("#search", "Enter")
    target = _node_id(o, "甘肃省司法厅")
    assert o.js("govkg.network.getSelectedNodes()") == [target]
    assert o.js("govkg.state.highlighted") == target
    # neighbours keep their colour, the rest is dimmed
    near = set(o.js(f"govkg.network.getConnectedNodes({target})"))
    colours = o.js("govkg.nodes.get().map(n => [n.id, n.color])")
    dim = o.js("GOVKG.dim")
    assert all((c == dim) == (i not in near and i != target) for i, c in colours)


def test_hostile_names_are_text(opened: Opened) -> None:
    o = opened
    o.page.fill("#search", "xss")
    texts = o.page.locator("#results li").all_text_contents()
    assert any("<script>window.__xss=1</script>司法局" in t for t in texts)
    assert any('<img src=x onerror="window.__xss=2">专项行动' in t for t in texts)
    assert any("<script>window.__xss=7</script>专项治理" in t for t in texts)  # a section title
    assert o.js("document.querySelectorAll('#results script, #results img').length") == 0
    # hover the hostile agency: the tooltip shows the payloads as text
    hostile = _node_id(o, "<script>window.__xss=1</script>司法局")
    o.js(f"govkg.network.focus({hostile}, {{scale: 1.5, animation: false}})")
    box = o.page.locator("#mynetwork").bounding_box()
    point = o.js(f"govkg.network.canvasToDOM(govkg.network.getPositions([{hostile}])[{hostile}])")
    o.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    o.page.wait_for_selector("#tip:not([hidden])", timeout=5000)
    tip = o.page.locator("#tip").text_content()
    assert o.js("document.querySelectorAll('#tip script, #tip img').length") == 0
    assert "<script>window.__xss=1</script>司法局" in tip
    assert "</script><script>window.__xss=4</script>" in tip and "O'Brien \"引号\"" in tip
    assert "<script>window.__xss=5</script>12件" not in tip  # the metric's text is not in the table…
    assert "<img src=x onerror=\"window.__xss=6\">" in tip  # …its measure is, as text
    assert o.js("document.querySelectorAll('#tip script, #tip img').length") == 0


def test_class_filters_hide_nodes(opened: Opened) -> None:
    o = opened
    o.page.uncheck("#filters input[data-class='agency']")
    assert o.js("govkg.nodes.get({filter: n => n.hidden}).length") == 7
    assert o.js("govkg.nodes.get({filter: n => n.hidden && n.cls !== 'agency'}).length") == 0
    o.page.fill("#search", "甘肃省司法厅")
    assert o.page.locator("#results li").count() == 0  # hidden entities are not offered
    o.page.check("#filters input[data-class='agency']")
    assert o.js("govkg.nodes.get({filter: n => n.hidden}).length") == 0
    o.page.uncheck("#isolated")  # 法治日报 has no relation
    assert o.js("govkg.nodes.get({filter: n => n.hidden}).map(n => n.name)") == ["法治日报"]
    o.page.check("#isolated")
    assert o.js("govkg.nodes.get({filter: n => n.hidden}).length") == 0
    o.page.uncheck("#filters input[data-class='section']")
    assert sorted(o.js("govkg.nodes.get({filter: n => n.hidden}).map(n => n.cls)")) == ["section"] * 3
    o.page.check("#filters input[data-class='section']")


def test_click_highlights_neighbours_and_background_resets(opened: Opened) -> None:
    o = opened
    target = _node_id(o, "行政复议改革")
    box = o.page.locator("#mynetwork").bounding_box()
    point = o.js(f"govkg.network.canvasToDOM(govkg.network.getPositions([{target}])[{target}])")
    o.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert o.js("govkg.state.highlighted") == target
    labels = o.js("govkg.nodes.get().filter(n => n.color !== GOVKG.dim).map(n => n.label).sort()")
    assert "兰州市司法局" in labels and "甘肃省高级人民法院" in labels and "陇东学院" not in labels
    assert "推进法治政府建设" in labels  # the section that mentions it
    o.page.mouse.click(box["x"] + 3, box["y"] + box["height"] - 3)
    assert o.js("govkg.state.highlighted") is None
