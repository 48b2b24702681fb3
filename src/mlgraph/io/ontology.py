"""Reading the YAML ontology: the bundled graph and any directory laid out like ``ontology/``.

A directory holds ``sources.yaml`` (optional) and any number of ``*.yaml`` content files, each with a
top-level ``nodes:`` list; edges are written inside the node blocks (``prerequisites``, ``related``,
``requires``, ``progression``, ``teaches``). The format is documented in ``ontology/README.md``.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError, GraphValidationError, MlgraphError, Problem
from mlgraph.model.graph import CompetencyGraph

__all__ = ["bundled_path", "cache_dir", "code_digest", "load", "read_directory", "read_yaml"]

# block key -> (relation, direction): "in" means the listed id is the edge's source
_EDGE_KEYS = {
    "prerequisites": ("prerequisite", "in"),
    "related": ("related", "out"),
    "requires": ("requirement", "out"),
    "progression": ("progression", "out"),
    "teaches": ("teaches", "out"),
    "broader": ("broader", "out"),
}
_EDGE_FIELDS = {"id", "sources", "importance", "level", "core"}
_LINE = "__line__"
_LINES = "__lines__"  # per key holding a list: the line of each item


def bundled_path() -> Path:
    """The folder of the bundled ontology: inside the installed package, or the source tree's ``ontology/``."""
    packaged = importlib.resources.files("mlgraph") / "ontology"
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[3] / "ontology"
    if source_tree.is_dir():
        return source_tree
    raise FormatError("the bundled ontology is missing from this installation", hint="reinstall mlgraph")


def _loader_class() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            mapping = super().construct_mapping(node, deep=deep)
            mapping[_LINE] = node.start_mark.line + 1
            lines: dict[Any, list[int]] = {}
            for key_node, value_node in node.value:
                if isinstance(value_node, yaml.SequenceNode):
                    lines[key_node.value] = [child.start_mark.line + 1 for child in value_node.value]
            mapping[_LINES] = lines
            return mapping

    return LineLoader


def read_yaml(path: str | Path) -> Any:
    """Parse one YAML file; every mapping gets its 1-based line under the key ``"__line__"``.

    Raises
    ------
    FormatError
        When the file cannot be read, is refused by :func:`mlgraph.io.guards.checked_file` (too large, not a
        regular file) or is not valid YAML (naming the line).
    """
    import yaml

    from mlgraph.io.guards import checked_file

    path = checked_file(path, "yaml", empty_ok=True)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read the file: {exc}", path=path) from exc
    try:
        data = yaml.load(text, Loader=_loader_class())  # a SafeLoader subclass: builds plain data only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise FormatError(f"invalid YAML: {problem}", path=path, line=mark.line + 1 if mark else None) from exc
    _refuse_aliases(data, path)
    return data


def _refuse_aliases(data: Any, path: Path) -> None:
    """YAML aliases (``*name``) share one object; a few nested ones expand exponentially ("billion laughs")."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                line = item.get(_LINE) if isinstance(item, dict) else None
                raise FormatError("YAML anchors and aliases (&name, *name) are not allowed", path=path, line=line)
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in (_LINE, _LINES)}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _content_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.yaml")):
        if path.name != "sources.yaml":
            yield path


def read_directory(path: str | Path) -> CompetencyGraph:
    """Read and validate a directory laid out like ``ontology/``.

    Raises
    ------
    FormatError
        When the directory is missing or a file is not valid YAML or not laid out as documented.
    GraphValidationError
        Listing every content problem, each with its file and line.
    """
    from pydantic import ValidationError

    from mlgraph.model.records import Edge, Node, Source
    from mlgraph.model.validation import describe_pydantic_error

    root = Path(path)
    if not root.is_dir():
        raise FormatError("not a directory", path=root, hint="give a folder laid out like ontology/")
    files = list(_content_files(root))
    if not files:
        raise FormatError("no *.yaml content files in this directory", path=root)

    problems: list[Problem] = []
    sources: list[Source] | None = None
    sources_file = root / "sources.yaml"
    if sources_file.exists():
        doc = read_yaml(sources_file)
        entries = doc.get("sources") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            raise FormatError("expected a top-level 'sources:' list", path=sources_file)
        sources = []
        for entry in entries:
            line = entry.get(_LINE) if isinstance(entry, dict) else None
            try:
                sources.append(Source.model_validate(_strip_lines(entry)))
            except ValidationError as exc:
                what = f"source {entry.get('id')!r}" if isinstance(entry, dict) else "source"
                problems += [Problem(m, str(sources_file), line) for m in describe_pydantic_error(exc, what)]

    nodes: list[Node] = []
    edges: list[Edge] = []
    locations: dict[tuple[str, ...], tuple[str, int | None]] = {}
    occurrences: dict[str, int] = {}
    for file in files:
        doc = read_yaml(file)
        shown = str(file)
        if doc is None:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
            raise FormatError("expected a top-level 'nodes:' list of node blocks", path=file, line=1)
        file_area = doc.get("area", file.stem if file.parent.name == "competencies" else None)
        for block in doc["nodes"]:
            if not isinstance(block, dict):
                problems.append(Problem(f"a node block must be a mapping, got {block!r}", shown))
                continue
            line = block.get(_LINE)
            node_id = str(block.get("id", "?"))
            fields = {k: v for k, v in block.items() if k not in _EDGE_KEYS and k not in (_LINE, _LINES)}
            if file_area and "area" not in fields:
                fields["area"] = file_area
            try:
                node = Node.model_validate(_strip_lines(fields))
            except ValidationError as exc:
                problems += [
                    Problem(m, shown, line, node_id) for m in describe_pydantic_error(exc, f"node {node_id!r}")
                ]
                continue
            nodes.append(node)
            seen = occurrences[node.id] = occurrences.get(node.id, 0) + 1
            locations[("node", node.id) if seen == 1 else ("node", node.id, str(seen))] = (shown, line)
            item_lines = block.get(_LINES, {})
            for key, (relation, direction) in _EDGE_KEYS.items():
                entries = block.get(key) or []
                if not isinstance(entries, list):
                    problems.append(Problem(f"node {node_id!r}: {key!r} must be a list", shown, line, node_id))
                    continue
                lines_of = item_lines.get(key, [])
                for position, entry in enumerate(entries):
                    edge_line = lines_of[position] if position < len(lines_of) else line
                    spec = _strip_lines(entry) if isinstance(entry, dict) else {"id": entry}
                    unknown = set(spec) - _EDGE_FIELDS
                    if unknown or not isinstance(spec.get("id"), str):
                        why = f"unknown field(s) {sorted(unknown)}" if unknown else "each entry needs an id"
                        problems.append(Problem(f"node {node_id!r}: {key}: {why}", shown, edge_line, node_id))
                        continue
                    other = spec["id"]
                    source, target = (other, node.id) if direction == "in" else (node.id, other)
                    data = {"source": source, "target": target, "relation": relation}
                    data["sources"] = spec.get("sources", ["editorial"])
                    for extra in ("importance", "level"):
                        if extra in spec:
                            data[extra] = spec[extra]
                    if "core" in spec:
                        if relation != "broader" or not isinstance(spec["core"], bool):
                            why = "'core: true|false' belongs to 'broader' entries only"
                            problems.append(Problem(f"node {node_id!r}: {key}: {why}", shown, edge_line, node_id))
                            continue
                        data["importance"] = "essential" if spec["core"] else "optional"
                    try:
                        edge = Edge.model_validate(data)
                    except ValidationError as exc:
                        what = f"node {node_id!r}: {key} {other!r}"
                        problems += [Problem(m, shown, edge_line, node_id) for m in describe_pydantic_error(exc, what)]
                        continue
                    edges.append(edge)
                    locations.setdefault(("edge", *edge.key), (shown, edge_line))
    if problems:
        raise GraphValidationError(problems)
    declared = sources or []
    return CompetencyGraph.from_records(
        nodes,
        edges,
        sources=declared,
        locations=locations,
        strict_sources=sources is not None,
        origin=str(root),
    )


_MEMO: dict[str, CompetencyGraph] = {}


def code_digest() -> str:
    """A hash of mlgraph's own source files: a cached graph is only served to the code that made it.

    An editable install whose rules changed gets a new key, so the cache never serves a graph today's rules
    reject. Computed once per process.
    """
    global _CODE
    if _CODE is None:
        import hashlib

        from mlgraph import __version__

        h = hashlib.sha256(f"mlgraph {__version__}\n".encode())
        package = Path(__file__).resolve().parents[1]
        for file in sorted(package.rglob("*.py")):
            h.update(str(file.relative_to(package)).encode() + b"\0")
            try:
                h.update(file.read_bytes() + b"\0")
            except OSError:
                h.update(b"?\0")
        _CODE = h.hexdigest()[:16]
    return _CODE


_CODE: str | None = None


def _digest(root: Path) -> str:
    """A hash of the YAML content of `root` and of the code (:func:`code_digest`)."""
    import hashlib

    from mlgraph.io.guards import checked_file

    h = hashlib.sha256(f"code {code_digest()}\n".encode())
    for path in sorted(root.rglob("*.yaml")):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        h.update(checked_file(path, "yaml", empty_ok=True).read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cache_dir() -> Path | None:
    """Where parsed ontologies are cached: ``$MLGRAPH_CACHE_DIR``, else the platform's user cache folder
    (``platformdirs.user_cache_dir("mlgraph")``: ``~/.cache/mlgraph`` on Linux, ``~/Library/Caches/mlgraph`` on
    macOS, ``%LOCALAPPDATA%\\mlgraph\\Cache`` on Windows); None when ``MLGRAPH_NO_CACHE`` is set.

    >>> import os
    >>> os.environ["MLGRAPH_CACHE_DIR"] == str(cache_dir())  # the test suite keeps out of the user's cache
    True
    """
    import os

    if os.environ.get("MLGRAPH_NO_CACHE"):
        return None
    if explicit := os.environ.get("MLGRAPH_CACHE_DIR"):
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("mlgraph", appauthor=False))


def _read_cache(file: Path, origin: str, digest: str) -> CompetencyGraph | None:
    """The graph cached in `file`, checked as it is read back; None when missing, stale, damaged or edited.

    The file is a header line (key, counts, a SHA-256 of the body) and the body. The key holds the content and
    the code (:func:`code_digest`), so the graph rules it passed are today's; the checksum catches a damaged or
    edited body; the records are validated again as they are rebuilt.
    """
    import hashlib
    import json

    from pydantic import ValidationError

    from mlgraph.model.records import Node, Source, edge_rows

    try:
        header, _, body = file.read_bytes().partition(b"\n")
        meta = json.loads(header)
        if meta.get("key") != digest or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        data = json.loads(body)
        nodes = [Node.model_validate(n) for n in data["nodes"]]
        fields = ("source", "target", "relation", "importance", "level", "sources")
        rows = edge_rows([dict(zip(fields, row, strict=True)) for row in data["edges"]])
        sources = {d["id"]: Source.model_validate(d) for d in data["sources"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ValidationError):
        return None  # a missing, stale or damaged cache is simply rebuilt
    if [len(nodes), len(rows)] != meta.get("counts") or len({n.id for n in nodes}) != len(nodes):
        return None
    return CompetencyGraph({n.id: n for n in nodes}, rows, sources, origin)


def _write_cache(file: Path, g: CompetencyGraph, digest: str) -> None:
    import hashlib
    import json

    from mlgraph.io.atomic import write_atomically

    nodes, _, sources = g.records()
    rows = g.edge_rows()
    body = json.dumps(
        {
            "nodes": [n.model_dump(mode="json", exclude_defaults=True) for n in nodes],
            "edges": [list(row) for row in rows],
            "sources": [s.model_dump(mode="json") for s in sources],
        }
    ).encode("utf-8")
    meta = {"key": digest, "counts": [len(nodes), len(rows)], "sha256": hashlib.sha256(body).hexdigest()}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(file, lambda out: out.write(json.dumps(meta).encode("utf-8") + b"\n" + body))
    except (OSError, MlgraphError):
        pass  # the cache only saves time; a read-only home is fine


def load(path: str | Path | None = None) -> CompetencyGraph:
    """Load the bundled graph, or a directory laid out like ``ontology/``.

    The parsed graph is cached per content and code (in memory, and on disk under :func:`cache_dir`), so a
    second load of unchanged files skips parsing; any edit to a file, or to mlgraph's code, is a new key. What
    is read back from disk is checked (a checksum, the records validated again) and rebuilt when it fails.

    Parameters
    ----------
    path : str or Path, optional
        A directory of YAML content files. None (the default) loads the graph that ships with mlgraph.

    Returns
    -------
    CompetencyGraph

    Raises
    ------
    FormatError, GraphValidationError
        When the files cannot be read or break a rule; the message names the file, line and id.

    Examples
    --------
    >>> import mlgraph
    >>> g = mlgraph.load()
    >>> g.resolve("ML engineer").kind
    'role'
    """
    root = bundled_path() if path is None else Path(path)
    if not root.is_dir():
        return read_directory(root)  # raises the usual error
    digest = _digest(root)
    if (g := _MEMO.get(digest)) is not None:
        return g
    where = cache_dir()
    file = where / f"graph-{digest}.json" if where else None
    g = _read_cache(file, str(root), digest) if file and file.exists() else None
    if g is None:
        g = read_directory(root)
        if file:
            _write_cache(file, g, digest)
    _MEMO[digest] = g
    return g
