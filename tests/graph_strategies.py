"""Hypothesis strategies for random valid competency graphs, with every field filled in some examples.

Texts use every character the formats can carry: quotes, backslashes, markup, newlines, tabs, carriage
returns, non-ASCII and astral characters; XML cannot carry other control characters, so none are drawn
(``test_graphml`` checks they are refused with a clear error). Ids are mostly kebab-case, sometimes any
non-space text (slashes, percent signs, ``#``, ``<``, non-ASCII ...).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import mlgraph
from mlgraph.model.naming import fold
from mlgraph.model.records import COMPETENCY_KINDS

XML_SAFE = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"],
)
TRICKY = st.sampled_from(['"', "\\", "<", ">", "&", "'", "\n", "\r", "\t", "é", "😀", "%", "#", "/", "]]>", "@en"])


def texts(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Stripped text (records strip whitespace), sometimes with the characters formats escape."""
    raw = st.lists(st.one_of(XML_SAFE, TRICKY), min_size=min_size, max_size=max_size).map("".join)
    return raw.map(str.strip).filter(lambda s: len(s) >= min_size)


IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True),
    texts(1, 10).map(lambda s: "".join(s.split())).filter(bool),
)
SOURCE_IDS = st.one_of(st.sampled_from(["editorial", "seed-a", "000_7395cd2b4ee1b392.txt"]), IDS)
HOURS = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
IRI_TEXT = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd")) | st.sampled_from("-._~!$&'()*+,;=:@/é😀"))
URIS = st.one_of(
    st.from_regex(r"http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f]{8}", fullmatch=True),
    st.just("https://example.org/a?b=c&d=e#f"),
    st.just("urn:isbn:0-486-27557-4"),
    IRI_TEXT.map(lambda t: "https://example.org/" + t),  # any valid IRI: sub-delims, non-ASCII, astral
)
"""Valid IRIs only: records refuse anything else (``test_validation`` drives the invalid ones)."""
ONET_CODES = st.from_regex(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}", fullmatch=True)


@st.composite
def mappings(draw: st.DrawFn) -> dict[str, Any]:
    scheme = draw(st.sampled_from(["esco", "onet"]))
    record: dict[str, Any] = {
        "scheme": scheme,
        "match": draw(st.sampled_from(["exact", "close", "broad", "narrow", "related"])),
    }
    if scheme == "esco" or draw(st.booleans()):
        record["uri"] = draw(st.none() | URIS)
    if scheme == "onet" or draw(st.booleans()):
        record["code"] = draw(st.none() | ONET_CODES)
    record["label"] = draw(texts())
    return record


@st.composite
def salaries(draw: st.DrawFn, source_ids: list[str]) -> dict[str, Any]:
    return {
        "min": draw(st.none() | HOURS),
        "max": draw(st.none() | HOURS),
        "currency": draw(st.sampled_from(["USD", "EUR", "GBP"]) | texts(1, 4)),
        "period": draw(st.sampled_from(["year", "month", "hour"])),
        "seniority": draw(st.sampled_from(["entry", "mid", "senior", "any"])),
        "region": draw(st.none() | texts(1, 6)),
        "basis": draw(st.sampled_from([None, "base", "total-compensation", "average"])),
        "source": draw(st.sampled_from(source_ids)),
    }


@st.composite
def nodes(draw: st.DrawFn, node_id: str, kind: str, source_ids: list[str]) -> dict[str, Any]:
    node: dict[str, Any] = {"id": node_id, "kind": kind, "label": draw(texts(1))}
    if draw(st.booleans()):
        node["aliases"] = draw(st.lists(texts(1, 8), max_size=4))
    if draw(st.booleans()):
        node["description"] = draw(texts(0, 30))
    if kind in COMPETENCY_KINDS and draw(st.booleans()):
        node["effort_hours"] = draw(HOURS)
    if draw(st.booleans()):
        node["sources"] = draw(st.lists(st.sampled_from(source_ids), max_size=4))
    if draw(st.booleans()):
        node["mappings"] = draw(st.lists(mappings(), max_size=3))
    if kind in COMPETENCY_KINDS:
        node["starting_point"] = draw(st.booleans())
    if draw(st.booleans()):
        node["area"] = draw(st.sampled_from(["math", "ml", "deep-learning", "llm", "mlops"]) | texts(1, 6))
    if kind == "role" and draw(st.booleans()):
        node["salaries"] = draw(st.lists(salaries(source_ids), max_size=3))
    if kind == "resource":
        node["resource_type"] = draw(st.none() | st.sampled_from(["book", "course", "platform"]) | texts(1, 6))
        node["url"] = draw(st.none() | st.just("https://www.deeplearningbook.org/") | URIS)
        node["authors"] = draw(st.lists(texts(1, 8), max_size=3))
    return node


CONTROL = st.sampled_from([chr(c) for c in [*range(0x01, 0x09), *range(0x0E, 0x1C), 0x7F]])
"""Control characters that are not whitespace: Turtle, N-Triples, JSON-LD and JSON carry them, XML cannot."""


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 9, xml: bool = True) -> mlgraph.CompetencyGraph:
    """A random valid graph: unique ids, edges joining the kinds the rules allow, prerequisites acyclic.

    With ``xml=False`` labels and descriptions also hold control characters (formats other than XML carry them).
    """
    ids = draw(st.lists(IDS, min_size=1, max_size=max_nodes, unique=True))
    kinds = [draw(st.sampled_from(["role", "skill", "tool", "concept", "resource"])) for _ in ids]
    declared = draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": SOURCE_IDS},
                optional={
                    "title": texts(0, 10),
                    "kind": st.sampled_from(["seed", "editorial", "dataset", "other"]),
                    "url": st.none() | st.just("https://example.org/source") | URIS,
                    "note": texts(0, 20),
                    "license": st.none() | st.just("https://creativecommons.org/licenses/by/4.0/") | URIS,
                },
            ),
            max_size=3,
            unique_by=lambda s: s["id"],
        )
    )
    source_ids = [s["id"] for s in declared] + draw(st.lists(SOURCE_IDS, min_size=1, max_size=3))
    node_records = [draw(nodes(i, k, source_ids)) for i, k in zip(ids, kinds, strict=True)]
    if not xml:
        for n in node_records:
            if draw(st.booleans()):
                n["label"] = n["label"][:1] + draw(CONTROL) + n["label"][1:]
                n["description"] = draw(CONTROL) + "x" + n.get("description", "")
    # a name finds one node: drop aliases that repeat a label or an alias already taken (validation refuses them)
    taken = {fold(n["label"]) for n in node_records}
    for n in node_records:
        kept = []
        for alias in n.get("aliases", ()):
            if fold(alias) not in taken:
                taken.add(fold(alias))
                kept.append(alias)
        if "aliases" in n:
            n["aliases"] = kept

    competencies = [i for i, k in zip(ids, kinds, strict=True) if k in COMPETENCY_KINDS]
    roles = [i for i, k in zip(ids, kinds, strict=True) if k == "role"]
    resources = [i for i, k in zip(ids, kinds, strict=True) if k == "resource"]
    candidates: list[tuple[str, str, str]] = []
    candidates += [(u, v, "prerequisite") for n, u in enumerate(competencies) for v in competencies[n + 1 :]]
    candidates += [(u, v, "related") for u in ids for v in ids if u != v]
    candidates += [(r, c, "requirement") for r in roles for c in competencies]
    candidates += [(a, b, "progression") for a in roles for b in roles if a != b]
    candidates += [(r, c, "teaches") for r in resources for c in competencies]
    candidates += [(u, v, "broader") for n, u in enumerate(competencies) for v in competencies[n + 1 :]]
    chosen = draw(st.lists(st.sampled_from(candidates), max_size=14, unique=True)) if candidates else []
    edges = []
    for u, v, relation in chosen:
        edge: dict[str, Any] = {"source": u, "target": v, "relation": relation}
        if draw(st.booleans()):
            edge["sources"] = draw(st.lists(st.sampled_from(source_ids), max_size=3))
        if relation == "requirement":
            edge["importance"] = draw(st.sampled_from(["essential", "optional"]))
            edge["level"] = draw(st.integers(1, 5))
        elif relation == "broader" and draw(st.booleans()):
            edge["importance"] = draw(st.sampled_from(["essential", "optional"]))  # core or not
        edges.append(edge)
    return mlgraph.CompetencyGraph.from_records(node_records, edges, sources=declared)


def differences(a: mlgraph.CompetencyGraph, b: mlgraph.CompetencyGraph) -> list[str]:
    """What differs between two graphs, for readable assertion messages."""
    out = []
    left, right = {n.id: n for n in a.nodes()}, {n.id: n for n in b.nodes()}
    for node_id in sorted(set(left) | set(right)):
        if left.get(node_id) != right.get(node_id):
            out.append(f"node {node_id!r}:\n  {left.get(node_id)!r}\n  {right.get(node_id)!r}")
    edges_a, edges_b = set(a.edge_rows()), set(b.edge_rows())
    out += [f"only before: {e}" for e in edges_a - edges_b] + [f"only after: {e}" for e in edges_b - edges_a]
    if a.sources != b.sources:
        out.append(f"sources:\n  {a.sources}\n  {b.sources}")
    return out
