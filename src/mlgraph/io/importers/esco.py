"""ESCO: every European occupation as a role, from the official ESCO CSV download (English, ``*_en.csv``).

:func:`load_esco` reads an unzipped download folder into a :class:`CompetencyGraph`:

========================================  ===========================================================================
ESCO                                      mlgraph
========================================  ===========================================================================
occupation (``occupations_en.csv``)       role ``esco:<uuid>``: preferred label (stripped) as label, alternative
                                          labels as aliases, description, an exact ``esco`` mapping to its URI (the
                                          node's IRI in ESCO); area ``esco``
skill (``skills_en.csv``)                 ``esco:<uuid>``: ``knowledge`` -> concept, ``skill/competence`` -> skill
skill group (``skillGroups_en.csv``)      a concept (``esco:isced-f-0613`` for ISCED-F groups)
occupation-skill relation                 requirement: ``essential`` or ``optional`` as ESCO says, level 3
broader (skill pillar)                    ``broader``, not core (ESCO's hierarchy groups skills; it does not say that
                                          a group is reached only by learning every member)
skill-skill relation                      ``related``
========================================  ===========================================================================

**Levels.** ESCO states whether a skill is essential or optional for an occupation but no proficiency level, so
every requirement is at level 3, "working", the level mlgraph assumes when a source gives none.

**Partial releases.** A relation or broader link that names a skill or group missing from the skill files is
left out and counted (the source note says how many): ``../shared``'s release holds 2,334 of ESCO's ~13,900
skills. A relation type other than essential/optional, a skill type ESCO does not define, a missing column or a
truncated record is an error naming the file and line.

Attribution (Commission Decision 2011/833/EU) travels with the graph as the declared source ``esco-1.2.0``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError
from mlgraph.io.importers.onet import with_license
from mlgraph.io.importers.tables import read_csv, require_file
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.merge import drop_shared_aliases
from mlgraph.model.records import trusted_edge_rows

__all__ = ["ATTRIBUTION", "esco_id", "is_esco_release", "load_esco"]

ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
"""The attribution ESCO requires (reuse authorised under Commission Decision 2011/833/EU)."""
LICENSE = "https://eur-lex.europa.eu/eli/dec/2011/833/oj"
SOURCE_ID = "esco-1.2.0"

FILES = {
    "occupations": "occupations_en.csv",
    "skills": "skills_en.csv",
    "relations": "occupationSkillRelations_en.csv",
    "groups": "skillGroups_en.csv",
    "broader": "broaderRelationsSkillPillar_en.csv",
    "related": "skillSkillRelations_en.csv",
}
_PREFIX = "http://data.europa.eu/esco/"
_KINDS = {"knowledge": "concept", "skill/competence": "skill", "": "skill"}
_RELATION_TYPES = {"essential", "optional"}


def esco_id(uri: str) -> str:
    """The node id of an ESCO concept URI.

    >>> esco_id("http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02")
    'esco:000f1d3d-220f-4789-9c0a-cc742521fb02'
    >>> esco_id("http://data.europa.eu/esco/isced-f/0613")
    'esco:isced-f-0613'
    """
    rest = uri[len(_PREFIX) :] if uri.startswith(_PREFIX) else uri
    for kind in ("occupation/", "skill/"):
        if rest.startswith(kind):
            return "esco:" + rest[len(kind) :]
    return "esco:" + rest.replace("/", "-").replace(" ", "-")


def is_esco_release(folder: str | Path) -> bool:
    """True when `folder` looks like an ESCO CSV download (it holds ``occupations_en.csv``)."""
    return (Path(folder) / FILES["occupations"]).is_file()


def _labels(text: str) -> list[str]:
    """ESCO separates alternative labels by new lines (the collections by `` | ``)."""
    parts = text.replace(" | ", "\n").split("\n")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _concept(uri: str, path: Path, line: int) -> str:
    if not uri.startswith("http"):
        raise FormatError(f"expected an ESCO concept URI, got {uri!r}", path=path, line=line)
    return esco_id(uri)


def read_esco(folder: str | Path) -> CompetencyGraph:
    """Parse an ESCO CSV download (see :func:`load_esco`)."""
    root = Path(folder)
    if not root.is_dir():
        raise FormatError("not a directory", path=root, hint="give the unzipped ESCO CSV download")
    if not any(root.glob("*.csv")):
        raise FormatError("no ESCO files in this folder (empty?)", path=root, hint="expected 'occupations_en.csv'")
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    dropped = 0

    path = require_file(root, FILES["occupations"], "the list of occupations")
    columns = ("conceptUri", "preferredLabel", "altLabels", "description")
    for line, (uri, label, alt, description) in read_csv(path, columns):
        node_id = _concept(uri, path, line)
        label = " ".join(label.split())
        if not label:
            raise FormatError("an occupation needs a preferredLabel", path=path, line=line)
        nodes[node_id] = {
            "id": node_id,
            "kind": "role",
            "label": label,
            "aliases": [a for a in _labels(alt) if a.casefold() != label.casefold()],
            "description": description,
            "sources": (SOURCE_ID,),
            "mappings": ({"scheme": "esco", "uri": uri, "label": label, "match": "exact"},),
            "area": "esco",
        }
    path = require_file(root, FILES["skills"], "the skills")
    columns = ("conceptUri", "skillType", "preferredLabel", "altLabels", "description")
    for line, (uri, skill_type, label, alt, description) in read_csv(path, columns):
        if skill_type not in _KINDS:
            raise FormatError(
                f"unknown skillType {skill_type!r} (expected 'knowledge' or 'skill/competence')", path=path, line=line
            )
        node_id = _concept(uri, path, line)
        label = " ".join(label.split())
        if not label:
            raise FormatError("a skill needs a preferredLabel", path=path, line=line)
        nodes[node_id] = {
            "id": node_id,
            "kind": _KINDS[skill_type],
            "label": label,
            "aliases": [a for a in _labels(alt) if a.casefold() != label.casefold()],
            "description": description,
            "sources": (SOURCE_ID,),
            "mappings": ({"scheme": "esco", "uri": uri, "label": label, "match": "exact"},),
            "area": "esco",
        }
    if (path := root / FILES["groups"]).is_file():
        for line, (uri, label, description) in read_csv(path, ("conceptUri", "preferredLabel", "description")):
            node_id = _concept(uri, path, line)
            nodes.setdefault(
                node_id,
                {
                    "id": node_id,
                    "kind": "concept",
                    "label": " ".join(label.split()) or node_id,
                    "description": description,
                    "sources": (SOURCE_ID,),
                    "mappings": ({"scheme": "esco", "uri": uri, "label": label, "match": "exact"},),
                    "area": "esco",
                },
            )
    path = require_file(root, FILES["relations"], "the occupation-skill relations")
    for line, (occupation, relation_type, skill) in read_csv(path, ("occupationUri", "relationType", "skillUri")):
        if relation_type not in _RELATION_TYPES:
            raise FormatError(
                f"unknown relationType {relation_type!r} (expected essential or optional)", path=path, line=line
            )
        a, b = _concept(occupation, path, line), _concept(skill, path, line)
        if a not in nodes or b not in nodes:
            dropped += 1
            continue
        if nodes[a]["kind"] != "role":
            raise FormatError(f"{occupation!r} is not an occupation", path=path, line=line)
        old = edges.get((a, b, "requirement"))
        if old is None or relation_type == "essential":
            edges[(a, b, "requirement")] = {
                "source": a,
                "target": b,
                "relation": "requirement",
                "importance": relation_type,
                "level": 3,
                "sources": (SOURCE_ID,),
            }
    if (path := root / FILES["broader"]).is_file():
        for line, (uri, broader) in read_csv(path, ("conceptUri", "broaderUri")):
            a, b = _concept(uri, path, line), _concept(broader, path, line)
            if a not in nodes or b not in nodes or nodes[a]["kind"] == "role" or nodes[b]["kind"] == "role":
                dropped += 1
                continue
            edges[(a, b, "broader")] = {
                "source": a,
                "target": b,
                "relation": "broader",
                "importance": "optional",
                "sources": (SOURCE_ID,),
            }
    if (path := root / FILES["related"]).is_file():
        columns = ("originalSkillUri", "relationType", "relatedSkillUri")
        for line, (uri, relation_type, other) in read_csv(path, columns):
            if relation_type not in _RELATION_TYPES:
                raise FormatError(
                    f"unknown relationType {relation_type!r} (expected essential or optional)", path=path, line=line
                )
            a, b = _concept(uri, path, line), _concept(other, path, line)
            if a not in nodes or b not in nodes or a == b:
                dropped += 1
                continue
            if (b, a, "related") not in edges:
                edges[(a, b, "related")] = {"source": a, "target": b, "relation": "related", "sources": (SOURCE_ID,)}
    note = f"{ATTRIBUTION} Reuse authorised under Commission Decision 2011/833/EU: {LICENSE}"
    if dropped:
        note += f" (mlgraph left out {dropped:,} relations naming skills or groups missing from this release)"
    source = {
        "id": SOURCE_ID,
        "title": "ESCO v1.2.0, European Commission",
        "kind": "dataset",
        "url": "https://esco.ec.europa.eu/en/use-esco/download",
        "note": note,
    }
    drop_shared_aliases(list(nodes.values()))  # a name must find one node
    return CompetencyGraph.from_records(
        list(nodes.values()),
        trusted_edge_rows(edges.values()),
        sources=[with_license(source, LICENSE)],
        origin=str(root),
    )


def load_esco(folder: str | Path) -> CompetencyGraph:
    """Every ESCO occupation as a role, with its essential and optional skills, the skill hierarchy and the
    skill-skill relations.

    Parameters
    ----------
    folder : str or Path
        The unzipped ESCO CSV download (English): ``occupations_en.csv``, ``skills_en.csv`` and
        ``occupationSkillRelations_en.csv`` are needed; ``skillGroups_en.csv``,
        ``broaderRelationsSkillPillar_en.csv`` and ``skillSkillRelations_en.csv`` are read when present.

    Returns
    -------
    CompetencyGraph
        Roles and competencies ``esco:<uuid>``; see the module documentation.

    Raises
    ------
    FormatError
        A missing file or column, a truncated record, an unknown relation or skill type, an empty folder:
        naming the file and line. Nothing is returned half-read.

    Examples
    --------
    >>> import mlgraph
    >>> from mlgraph.io.importers.esco import fixture_path
    >>> g = mlgraph.load_esco(fixture_path())
    >>> g.resolve("machine learning engineer").label
    'artificial intelligence engineer'
    >>> g.sources["esco-1.2.0"].note.startswith("This service uses the ESCO classification")
    True
    """
    return read_esco(folder)


def fixture_path() -> Path:
    """The small ESCO fixture in the official layout that the tests and doctests use (in a source checkout)."""
    for root in (Path(__file__).resolve().parents[4], Path.cwd()):  # the source tree, or a checkout run from
        folder = root / "tests" / "data" / "esco-mini"  # its top (pytest on an installed wheel)
        if folder.is_dir():
            return folder
    return Path(__file__).resolve().parents[4] / "tests" / "data" / "esco-mini"
