"""Guards where the parsers are: every reader of a file passes :func:`checked_file` before a parser sees it.

One place decides what mlgraph refuses to read, whichever way the file comes in (:func:`mlgraph.read`,
:func:`mlgraph.io.rdf.read_rdf`, :func:`mlgraph.io.rdf.load_rdflib`, :func:`mlgraph.io.graphml.read_graphml`,
the YAML loader and profiles, SHACL shapes):

- anything but a regular file (a folder, a device such as ``/dev/zero``, a FIFO, a socket), an empty file, and a
  file larger than :func:`max_bytes` (``MLGRAPH_MAX_FILE_MB`` raises it): parsers hold a whole graph in memory;
- XML (RDF/XML, GraphML) whose DOCTYPE declares more than short namespace abbreviations: entities that expand
  ("billion laughs"), external entities and DTDs that read local files or URLs (:func:`refuse_xml_declarations`);
- JSON-LD that names a context by IRI (``"@context": "https://..."``, ``@import``), which a JSON-LD processor
  would fetch (:func:`refuse_remote_contexts`): no reader touches the network, whatever extras are installed.

Each refusal is a :class:`~mlgraph.errors.FormatError` naming the file (and the line, for XML).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> checked_file(folder, "turtle")
Traceback (most recent call last):
...
mlgraph.errors.FormatError: ...: is a folder, not a file (mlgraph.load() reads an ontology folder)
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError

__all__ = [
    "DEFAULT_MAX_MB",
    "MAX_ENTITIES",
    "MAX_ENTITY_LENGTH",
    "MAX_EXPANSION",
    "XML_FORMATS",
    "checked_file",
    "load_json",
    "max_bytes",
    "refuse_remote_contexts",
    "refuse_xml_declarations",
]

DEFAULT_MAX_MB = 512
"""The largest file mlgraph reads, in MiB, unless ``MLGRAPH_MAX_FILE_MB`` says otherwise."""
XML_FORMATS = frozenset({"xml", "graphml"})
"""Formats whose files are XML, checked by :func:`refuse_xml_declarations`."""


def max_bytes() -> int:
    """The largest file a reader accepts: ``MLGRAPH_MAX_FILE_MB`` MiB (default :data:`DEFAULT_MAX_MB`).

    >>> max_bytes() >= 1 << 20
    True
    """
    text = os.environ.get("MLGRAPH_MAX_FILE_MB", "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not megabytes > 0 or megabytes != megabytes or megabytes == float("inf"):
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * (1 << 20))


def checked_file(path: str | os.PathLike[str], format: str | None = None, *, empty_ok: bool = False) -> Path:
    """`path` if it is a regular, non-empty file within :func:`max_bytes` that passes the guards of `format`.

    Parameters
    ----------
    path : path
    format : str, optional
        ``"xml"`` or ``"graphml"`` add :func:`refuse_xml_declarations`, ``"json-ld"`` adds
        :func:`refuse_remote_contexts`; other formats (``turtle``, ``nt``, ``json``, ``yaml``) get the file
        checks only.
    empty_ok : bool
        Accept an empty file (an empty YAML file is an empty document).

    Returns
    -------
    Path

    Raises
    ------
    FormatError
        Naming the file and what is wrong with it.
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if stat.S_ISDIR(info.st_mode):
        raise FormatError("is a folder, not a file", path=path, hint="mlgraph.load() reads an ontology folder")
    if not stat.S_ISREG(info.st_mode):
        raise FormatError(
            "is not a regular file (a device, FIFO or socket), which mlgraph does not read",
            path=path,
            hint="copy what it holds into a file first",
        )
    if info.st_size == 0 and not empty_ok:
        raise FormatError("the file is empty", path=path)
    limit = max_bytes()
    if info.st_size > limit:
        raise FormatError(
            f"the file holds {info.st_size:,} bytes, more than mlgraph reads ({limit:,})",
            path=path,
            hint="set MLGRAPH_MAX_FILE_MB to raise the limit",
        )
    if format in XML_FORMATS:
        refuse_xml_declarations(path)
    elif format == "json-ld":
        refuse_remote_contexts(path)
    return path


def load_json(path: str | os.PathLike[str], what: str = "JSON") -> Any:
    """Parse a JSON file; a syntax error is a :class:`FormatError` naming the file and line."""
    path = Path(path)
    try:
        return json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid {what}: {exc.msg}", path=path, line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"not valid {what}: {exc}", path=path) from exc


class _RootElement(Exception):
    """The parser reached the root element: the prolog is over."""


MAX_ENTITIES = 64
"""At most this many entities in an XML DOCTYPE (Protégé declares one per namespace)."""
MAX_ENTITY_LENGTH = 512
"""At most this many characters in an entity's value."""
MAX_EXPANSION = 16_000_000
"""At most this many characters from entity references in a whole file."""


def refuse_xml_declarations(path: str | Path) -> None:
    """Check an XML file's DOCTYPE; raise :class:`FormatError` unless it is absent or harmless.

    A DOCTYPE is how XML declares entities: entities built from other entities expand exponentially ("billion
    laughs"), external ones read local files or URLs. mlgraph's own files have no DOCTYPE; the only kind it
    accepts is the one Protégé and the OWL API write, short abbreviations of namespaces::

        <!DOCTYPE rdf:RDF [ <!ENTITY owl "http://www.w3.org/2002/07/owl#" > ]>

    That is: general entities with literal values (no ``&``, ``%`` or ``<``), at most :data:`MAX_ENTITIES` of
    at most :data:`MAX_ENTITY_LENGTH` characters, whose references in the file expand to at most
    :data:`MAX_EXPANSION` characters. External DTDs and entities, parameter entities, element and attribute
    declarations are refused before any parser sees the file. Expat reads only the prolog (it stops at the root
    element), so the check is cheap.

    Raises
    ------
    FormatError
        When the DOCTYPE is refused, or the file is empty or not well-formed before its root element.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bomb.graphml"
    >>> _ = bad.write_text('<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><graphml/>')
    >>> refuse_xml_declarations(bad)
    Traceback (most recent call last):
    ...
    mlgraph.errors.FormatError: ...bomb.graphml:1: the DOCTYPE declares an entity built from other entities, ...
    """
    import xml.parsers.expat

    path = Path(path)
    parser = xml.parsers.expat.ParserCreate()
    entities: dict[str, str] = {}
    declared_encoding: list[str] = []

    def refuse(reason: str) -> None:
        raise FormatError(
            f"the DOCTYPE {reason}, which mlgraph refuses (XML entities can expand without bound or read local "
            "files and URLs)",
            path=path,
            line=parser.CurrentLineNumber,
        )

    def doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool) -> None:
        if system_id or public_id:
            refuse("names an external DTD")

    def entity(
        name: str,
        is_parameter: bool,
        value: str | None,
        base: str | None,
        system_id: str | None,
        public_id: str | None,
        notation: str | None,
    ) -> None:
        if is_parameter:
            refuse("declares a parameter entity")
        if value is None:
            refuse("declares an external entity")
        elif any(c in value for c in "&%<"):
            refuse("declares an entity built from other entities")
        elif len(value) > MAX_ENTITY_LENGTH or len(entities) >= MAX_ENTITIES:
            refuse(f"declares more than {MAX_ENTITIES} entities or one longer than {MAX_ENTITY_LENGTH} characters")
        entities[name] = value or ""

    def declaration(*_: object) -> None:
        refuse("declares elements, attributes or notations")

    def xml_decl(version: str | None, encoding: str | None, standalone: int) -> None:
        if encoding:
            declared_encoding.append(encoding)

    def root(*_: object) -> None:
        raise _RootElement

    parser.XmlDeclHandler = xml_decl
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = declaration
    parser.NotationDeclHandler = declaration
    parser.ElementDeclHandler = declaration
    parser.AttlistDeclHandler = declaration
    parser.StartElementHandler = root
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootElement:
        if entities:
            _check_expansion(path, entities, declared_encoding[0] if declared_encoding else None)
        return
    except xml.parsers.expat.ExpatError as exc:
        raise FormatError(
            f"not well-formed XML: {xml.parsers.expat.errors.messages[exc.code]}", path=path, line=exc.lineno
        ) from exc
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    raise FormatError("not XML: no root element", path=path)  # pragma: no cover - expat raises first


def _check_expansion(path: Path, entities: dict[str, str], encoding: str | None) -> None:
    """Refuse a file whose entity references would expand to more than :data:`MAX_EXPANSION` characters."""
    import codecs

    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    expansion = sum(text.count(f"&{name};") * len(value) for name, value in entities.items())
    if expansion > MAX_EXPANSION:
        raise FormatError(
            f"its entity references would expand to {expansion:,} characters, which mlgraph refuses "
            f"(at most {MAX_EXPANSION:,})",
            path=path,
        )


def refuse_remote_contexts(path: str | Path) -> None:
    """Check a JSON-LD file; raise :class:`FormatError` if it is not JSON or names a remote ``@context``.

    A context given by IRI (``"@context": "https://..."``, ``"@import"``) would be fetched by a JSON-LD
    processor; mlgraph's own exports use none, and mlgraph never fetches one.
    """
    path = Path(path)
    data = load_json(path, "JSON-LD")
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if (key == "@context" and _names_remote(value)) or key == "@import":
                    raise FormatError(
                        f"the file refers to a remote JSON-LD context ({_shown(value)}), which mlgraph never fetches",
                        path=path,
                    )
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _names_remote(context: Any) -> bool:
    if isinstance(context, str):
        return True
    if isinstance(context, list):
        return any(isinstance(c, str) for c in context)
    return False


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
