"""The networkx view of a govkg graph: entities as nodes, relations as edges,
and (by default) the sections and documents that mention them.

:func:`to_networkx` reads any graph ``kg.rdf`` built (one report or the whole
corpus; an rdflib ``Graph`` or a ``Dataset`` whose default graph is the union)
with three SPARQL queries from ``ontology/queries/_entity_*.rq`` instead of
``rdflib_to_networkx_*``, which is 5× slower and turns every literal into a node.

Node keys are IRI strings. Node attributes: ``label``, ``class`` (agency, policy,
work, initiative, person, place, post; metric with ``metrics_as_nodes``),
``kind`` (the concept's suffix: ``court``, ``plan``), ``aliases``, ``sentences``
and ``sentence_texts`` (aligned lists: where it is mentioned) and ``metrics`` (a
list of dicts: value, unit, qualifier, kind, text, measure, period, sentence,
sentence_text, iri). ``g.graph["metrics"]`` lists every metric, including
those about nothing the graph holds. Edge key and ``relation`` attribute: the predicate's local
name (``ledBy``); ``predicate`` the full IRI; ``sentences``/``sentence_texts``
from the ``rdf:Statement`` nodes that state it.

With ``structure=True`` (the default) the view also holds the reports'
structure, read with one more query (``_entity_sections.rq``): Section nodes
(class ``section``: label the title, ``document`` and ``document_label``,
``order``) and Document nodes (class ``document``: label the title or the
id), with edges document —hasSection→ section (nested sections hang from
their enclosing section), entity —mentionedIn→ section (the sentences that
mention it there as ``sentences``/``sentence_texts``; also from
gkg:partOfSection) and entity —mentionedIn→ document for sentences outside
any section. Only sections with an entity in them or below them are kept.
Relations between entities are *typed* (:func:`is_structure` is False);
analysis ranks entities on the typed ones only.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import unquote

import networkx as nx
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from kg.errors import QueryError
from kg.rdf.namespace import GKG, ORG, PROV

__all__ = [
    "CLASSES",
    "STRUCTURE_CLASSES",
    "STRUCTURE_RELATIONS",
    "is_structure",
    "to_networkx",
    "entity_graph",
    "simple_undirected",
    "resolve_node",
    "local_name",
    "natural_key",
    "QUERY_DIR",
]

#: Entity classes and the short names used as the ``class`` attribute, in display order.
CLASSES: dict[URIRef, str] = {
    GKG.Agency: "agency",
    GKG.Initiative: "initiative",
    GKG.Policy: "policy",
    GKG.Work: "work",
    GKG.Person: "person",
    GKG.Post: "post",
    ORG.Post: "post",
    GKG.Place: "place",
}

#: Classes of the structure nodes (not entities: never ranked as such).
STRUCTURE_CLASSES: frozenset[str] = frozenset({"section", "document"})
#: Relations of the structure edges (everything else links two entities).
STRUCTURE_RELATIONS: frozenset[str] = frozenset({"hasSection", "mentionedIn"})

QUERY_DIR = Path(__file__).resolve().parents[2] / "ontology" / "queries"

_DIGITS = re.compile(r"(\d+)")


@cache
def _query(name: str) -> str:
    """The text of ``ontology/queries/{name}.rq`` (read once)."""
    path = QUERY_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"cannot read query {path}: {exc}") from exc


def _plain(term: object) -> str | None:
    """IRIs and literals as plain strings (IRI value, lexical form), unbound as None."""
    if term is None:
        return None
    value = getattr(term, "value", None)  # pyoxigraph terms
    if isinstance(value, str):
        return value
    return str(term)


def _select(graph: Graph, name: str) -> Iterator[dict[str, Any]]:
    """Rows of ``ontology/queries/{name}.rq`` as dicts of plain values.

    On an Oxigraph-backed Dataset whose default graph is the union (what
    ``kg.rdf.store`` hands out) the query goes to pyoxigraph directly: turning
    94k rows into rdflib terms took 4.3 s on the corpus, reading them 0.7 s.
    """
    text = _query(name)
    inner = getattr(getattr(graph, "store", None), "_inner", None)
    if isinstance(graph, Dataset) and graph.default_union and inner is not None and hasattr(inner, "query"):
        result = inner.query(text, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        for sol in result:
            yield {n: _plain(sol[n]) for n in names}
        return
    result = graph.query(text)
    names = [str(v) for v in result.vars or ()]
    for row in result:
        yield {n: _plain(row[n]) for n in names}


def local_name(iri: str) -> str:
    """The readable last segment of an IRI: ``…#ledBy`` → ``ledBy``, ``…/unit/%25`` → ``%``."""
    tail = re.split(r"[#/]", str(iri).rstrip("/#"))[-1]
    return unquote(tail)


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key that orders ``sentence/2`` before ``sentence/10``."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(text))


def _concept(iri: object) -> str:
    """``gkg:agency_court`` → ``court``; ``gkg:qualifier_at_least`` → ``at_least``."""
    name = local_name(str(iri))
    return name.split("_", 1)[1] if "_" in name else name


def _str(term: object) -> str | None:
    return None if term is None else str(term)


def _add_sentence(attrs: dict[str, Any], sentence: object, text: object) -> None:
    if sentence is None:
        return
    attrs.setdefault("_sent", {})[str(sentence)] = "" if text is None else str(text)


def _finish_sentences(attrs: dict[str, Any]) -> None:
    sent = attrs.pop("_sent", {})
    order = sorted(sent, key=natural_key)
    attrs["sentences"] = order
    attrs["sentence_texts"] = [sent[s] for s in order]


_METRIC_FIELDS: dict[str, str] = {
    str(GKG.about): "about",
    str(GKG.value): "value",
    str(GKG.unit): "unit",
    str(GKG.qualifier): "qualifier",
    str(GKG.metricKind): "kind",
    str(GKG.text): "text",
    str(GKG.measure): "measure",
    str(GKG.period): "period",
    str(PROV.wasDerivedFrom): "sentence",
}


def _metric_value(field: str, v: object) -> Any:
    if field == "value":
        try:
            return float(v)
        except ValueError:
            return None
    if field == "unit":
        return local_name(str(v))  # units are minted as id:unit/{unit}
    if field in ("qualifier", "kind"):
        return _concept(v)
    return str(v)


def _metric_rows(graph: Graph) -> list[dict[str, Any]]:
    """One dict per metric, sorted by IRI; of several values of a field the smallest is kept."""
    metrics: dict[str, dict[str, Any]] = {}
    for row in _select(graph, "_entity_metrics"):
        iri = str(row["m"])
        m = metrics.get(iri)
        if m is None:
            m = metrics[iri] = {"iri": iri, **{f: None for f in _METRIC_FIELDS.values()}, "sentence_text": None}
        field = _METRIC_FIELDS.get(row["p"])
        if field is None or row["v"] is None:
            continue
        val = _metric_value(field, row["v"])
        if val is not None and (m[field] is None or str(val) < str(m[field])):
            m[field] = val
            if field == "sentence":
                m["sentence_text"] = row["label"]
    return [metrics[k] for k in sorted(metrics, key=natural_key)]


def is_structure(g: nx.MultiDiGraph, node: str) -> bool:
    """Whether ``node`` is a section or document node (not an entity or metric)."""
    return g.nodes[node].get("class") in STRUCTURE_CLASSES


def _first(values: set[str], default: str) -> str:
    return min(values, key=natural_key) if values else default


def _add_structure(graph: Graph, g: nx.MultiDiGraph) -> None:
    """Section and document nodes and the hasSection / mentionedIn edges (see the module doc)."""
    props: dict[str, dict[str, set[str]]] = {}
    part_of: list[tuple[str, str]] = []
    _title, _part, _order, _doc, _sec, _pos = (
        str(DCTERMS.title), str(DCTERMS.isPartOf), str(GKG.order), str(GKG.inDocument),
        str(GKG.inSection), str(GKG.partOfSection))
    for row in _select(graph, "_entity_sections"):
        s, p, o = row["s"], row["p"], row["o"]
        if s is None or o is None:
            continue
        if p == _pos:
            part_of.append((s, o))
        else:
            props.setdefault(s, {}).setdefault(p, set()).add(o)
    empty: dict[str, set[str]] = {}
    sections = {s for s, d in props.items() if _order in d or _part in d}

    def doc_of(sec: str) -> str | None:
        d = props.get(sec, empty)
        return _first(d.get(_doc, set()), "") or None

    links: dict[tuple[str, str], dict[str, Any]] = {}
    for e, attrs in list(g.nodes(data=True)):
        for sentence, text in zip(attrs.get("sentences", ()), attrs.get("sentence_texts", ())):
            d = props.get(sentence, empty)
            target = _first(d.get(_sec, set()) & sections, "") or _first(d.get(_doc, set()), "")
            if target:
                _add_sentence(links.setdefault((e, target), {}), sentence, text)
    for e, sec in sorted(part_of):
        if e in g and sec in sections:
            links.setdefault((e, sec), {})
    # keep the sections with an entity in or below them, and their ancestors
    parent: dict[str, str] = {}
    for sec in sections:
        d = props[sec]
        up = _first(d.get(_part, set()), "") or doc_of(sec) or ""
        if up:
            parent[sec] = up
    keep: set[str] = set()
    for _, target in links:
        node: str | None = target
        while node is not None and node not in keep:
            keep.add(node)
            node = parent.get(node)
    for sec in sorted(keep & sections, key=natural_key):
        doc = doc_of(sec) or parent.get(sec, "")
        if doc:
            keep.add(doc)
    for node in sorted(keep, key=natural_key):
        d = props.get(node, empty)
        if node in sections:
            doc = doc_of(node) or ""
            order = _first(d.get(_order, set()), "")
            attrs = {"class": "section", "document": doc, "order": int(order) if order.isdigit() else 0}
        else:
            attrs = {"class": "document"}
        g.add_node(node, label=_first(d.get(_title, set()), local_name(node)), aliases=[], kind="",
                   metrics=[], sentences=[], sentence_texts=[], **attrs)
    for node in sorted(keep & sections, key=natural_key):
        doc = g.nodes[node]["document"]
        g.nodes[node]["document_label"] = g.nodes[doc]["label"] if doc in g else local_name(doc)
        up = parent.get(node)
        if up in g:
            g.add_edge(up, node, key="hasSection", relation="hasSection", predicate=_part,
                       sentences=[], sentence_texts=[])
    for e, target in sorted(links, key=lambda k: (natural_key(k[0]), natural_key(k[1]))):
        if target not in g:
            continue
        attrs = links[(e, target)]
        _finish_sentences(attrs)
        g.add_edge(e, target, key="mentionedIn", relation="mentionedIn", predicate=str(GKG.mentionedIn), **attrs)
    g.graph["structure"] = True


def to_networkx(graph: Graph, *, metrics_as_nodes: bool = False, structure: bool = True) -> nx.MultiDiGraph:
    """The entity graph of ``graph`` as a ``MultiDiGraph`` (see the module doc).

    Nodes and edges are inserted in sorted order, so that every algorithm run
    on the result (Louvain, layouts) is deterministic. ``structure=False``
    leaves out the sections and documents (the entity-only view). With
    ``metrics_as_nodes`` each metric is also a node (class ``metric``) with an
    ``about`` edge to its entity; it stays in its entity's ``metrics`` list too.
    """
    nodes: dict[str, dict[str, Any]] = {}
    rank = {str(cls): i for i, cls in enumerate(CLASSES)}
    names = {str(cls): name for cls, name in CLASSES.items()}
    classes: dict[str, str] = {}
    _pref, _alt, _rdfs, _kind, _mentioned = (
        str(SKOS.prefLabel), str(SKOS.altLabel), str(RDFS.label), str(GKG.kind), str(GKG.mentionedIn))
    for row in _select(graph, "_entity_nodes"):
        iri = str(row["e"])
        attrs = nodes.setdefault(iri, {"_labels": set(), "_alts": set(), "_kinds": set()})
        cls = row["class"]
        if iri not in classes or rank[cls] < rank[classes[iri]]:
            classes[iri] = cls
        p, v = row["p"], row["v"]
        if p is None or v is None:
            continue
        if p == _pref or p == _rdfs:
            attrs["_labels"].add((0 if p == _pref else 1, v))
        elif p == _alt:
            attrs["_alts"].add(v)
        elif p == _kind:
            attrs["_kinds"].add(_concept(v))
        elif p == _mentioned:
            _add_sentence(attrs, v, row["text"])

    g = nx.MultiDiGraph()
    for iri in sorted(nodes, key=natural_key):
        attrs = nodes[iri]
        labels = sorted(attrs.pop("_labels"))
        label = labels[0][1] if labels else local_name(iri)
        aliases = sorted(attrs.pop("_alts") - {label})
        kinds = sorted(attrs.pop("_kinds"))
        _finish_sentences(attrs)
        g.add_node(
            iri,
            label=label,
            aliases=aliases,
            kind=kinds[0] if kinds else "",
            metrics=[],
            **{"class": names[classes[iri]]},
            **attrs,
        )

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _select(graph, "_entity_edges"):
        s, o = str(row["s"]), str(row["o"])
        if s not in g or o not in g:
            continue
        key = (s, str(row["p"]), o)
        attrs = edges.setdefault(key, {})
        _add_sentence(attrs, row["sentence"], row["text"])
    held_by, holds = str(ORG.heldBy), str(ORG.holds)
    for s, p, o in sorted(edges, key=lambda k: (natural_key(k[0]), k[1], natural_key(k[2]))):
        if p == held_by and (o, holds, s) in edges:
            continue  # the inverse of a stated org:holds: one edge per person/post pair
        attrs = edges[(s, p, o)]
        _finish_sentences(attrs)
        rel = local_name(p)
        g.add_edge(s, o, key=rel, relation=rel, predicate=p, **attrs)

    if structure:
        _add_structure(graph, g)
    g.graph["metrics"] = metrics = _metric_rows(graph)
    for m in metrics:
        about = m["about"]
        if about in g:
            g.nodes[about]["metrics"].append(m)
        if metrics_as_nodes:
            label = m["text"] or f"{m['value']}{m['unit'] or ''}"
            g.add_node(
                m["iri"],
                label=label,
                aliases=[],
                kind=m["kind"] or "",
                metrics=[m],
                sentences=[m["sentence"]] if m["sentence"] else [],
                sentence_texts=[m["sentence_text"] or ""] if m["sentence"] else [],
                **{"class": "metric"},
            )
            if about in g:
                g.add_edge(
                    m["iri"], about, key="about", relation="about", predicate=str(GKG.about),
                    sentences=list(g.nodes[m["iri"]]["sentences"]),
                    sentence_texts=list(g.nodes[m["iri"]]["sentence_texts"]),
                )
    return g


def entity_graph(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` itself if it is already a networkx view, else :func:`to_networkx` of it."""
    if isinstance(graph, nx.Graph):
        return graph
    return to_networkx(graph)


def simple_undirected(g: nx.MultiDiGraph, *, include: Iterable[str] | None = None,
                      structure: bool = True) -> nx.Graph:
    """Undirected simple graph of the entities (metric nodes left out).

    ``structure=False`` leaves out the section and document nodes too: what
    is left are the entities and their typed relations.

    Edge ``weight`` is the number of relations between the two nodes; used for
    centrality, communities, components and paths, where direction and
    parallel relations would only add noise.
    """
    keep = set(include) if include is not None else None
    u = nx.Graph()
    for n, d in g.nodes(data=True):
        cls = d.get("class")
        if cls != "metric" and (structure or cls not in STRUCTURE_CLASSES) and (keep is None or n in keep):
            u.add_node(n)
    for s, o in g.edges():
        if s in u and o in u and s != o:
            if u.has_edge(s, o):
                u[s][o]["weight"] += 1
            else:
                u.add_edge(s, o, weight=1)
    return u


def resolve_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by ``name``: an IRI, a label, an alias, or a unique part of a label.

    Tried in that order, entities before sections and documents (whose long
    titles would make many a name ambiguous); the first tier with exactly one
    match wins. Raises
    :class:`~kg.errors.QueryError` when nothing matches or a tier is ambiguous
    (the message lists the candidates so that the user can pass an IRI).
    """
    if name in g:
        return name
    needle = name.strip()
    tiers: list[list[str]] = []
    for wanted in (False, True):
        nodes = [(n, d) for n, d in g.nodes(data=True) if (d.get("class") in STRUCTURE_CLASSES) == wanted]
        tiers += [
            [n for n, d in nodes if d.get("label") == needle],
            [n for n, d in nodes if needle in d.get("aliases", ())],
            [n for n, d in nodes if needle and needle in d.get("label", "")],
        ]
    for tier in tiers:
        found = sorted(set(tier), key=natural_key)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            shown = "; ".join(f"{g.nodes[n]['label']} <{n}>" for n in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            raise QueryError(f"{name!r} is ambiguous: {shown}{more}")
    raise QueryError(f"no entity called {name!r} in the graph")
