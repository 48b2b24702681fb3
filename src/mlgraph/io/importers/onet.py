"""O*NET: every US occupation as a role, from the official O*NET text release (tab-delimited ``*.txt`` files).

:func:`load_onet` reads an unzipped release folder (29.x layout) into a :class:`CompetencyGraph`:

==============================  =====================================================================================
O*NET                           mlgraph
==============================  =====================================================================================
occupation (Occupation Data)    role ``onet:<SOC code>``: title as label, alternate and short titles as aliases
                                (a title O*NET gives several occupations names none of them: a name must find
                                one node), description, an exact ``onet`` mapping to its own code; area ``onet``
Skills, Knowledge elements      skill (Skills) and concept (Knowledge) nodes ``onet:<element id>`` (``onet:2.A.1.a``);
                                the content model hierarchy (``2.A.1`` Content, ``2.A`` Basic Skills ...) as
                                ``broader`` edges, not core (a grouping, not something to "reach")
importance + level ratings      requirements, by the rule below
Technology Skills               tool ``onet:tool:<slug>`` per example (``onet:tool:python``), ``broader`` its UNSPSC
                                commodity ``onet:unspsc:<code>`` (a concept); an acronym at the end of the name
                                becomes an alias ("Structured query language SQL" -> "SQL"); hot technologies say so
                                in their description. Requirement: essential when O*NET marks it *in demand* for the
                                occupation, else optional; level 3
Tasks to DWAs                   detailed work activities as skill nodes ``onet:<DWA id>``, ``broader`` their
                                intermediate and generalized work activity; optional requirements, level 3
Interests (OI scale, 1-7)       the six RIASEC interests as concept nodes; optional requirements for the interests
                                rated 3.5 or more, level ``1 + round(4 * (OI - 1) / 6)``
Job Zones (1-5)                 one concept ``onet:job-zone`` ("Preparation needed (job zone)"), an optional
                                requirement at level = the job zone, so a move from zone 3 to 4 shows as a level gap
==============================  =====================================================================================

**The rating rule.** O*NET rates each skill and knowledge element on importance (IM, 1-5; the anchors are 1 not
important, 2 somewhat important, 3 important, 4 very important, 5 extremely important) and level (LV, 0-7). An
element becomes a requirement when its importance is at least 3.0 ("important" or more): *essential* from 3.5 (it
rounds to "very important" or more), *optional* from 3.0 to 3.5. Elements rated below "important" are left out:
every occupation has some level in each of the 35 skills, and requiring all of them would make every occupation
look like every other. The level maps the 0-7 scale linearly onto mlgraph's 1-5 (both ends to both ends):
``level = 1 + round(4 * LV / 7)`` (LV 3.5, the middle of O*NET's scale, is 3, "working"). Ratings O*NET flags are
honoured: an importance marked *Recommend Suppress* (too few respondents or too large an error) or a level marked
*Not Relevant* drops the requirement; a suppressed level (importance kept) falls back to level 3.

**Occupations without ratings** (137 codes in 29.2, Data Scientists and Software Developers among them) keep
their technology, work activities, interests and job zone, and take their skill and knowledge requirements from
the *nearest rated occupation in the same SOC group* (first the same detailed occupation, e.g. 15-2051.01 for
15-2051.00, then the minor group 15-20, then the major group 15): the rated occupation sharing the most work
activities and technology (Jaccard). Those edges cite the source ``onet-29.2-imputed`` and the role's description
names the occupation they come from.

Attribution (CC BY 4.0) travels with the graph as the declared source ``onet-29.2``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from mlgraph.errors import FormatError
from mlgraph.io.importers.tables import read_tsv, require_file
from mlgraph.model.graph import CompetencyGraph
from mlgraph.model.merge import drop_shared_aliases
from mlgraph.model.records import trusted_edge_rows

__all__ = ["ATTRIBUTION", "ESSENTIAL_IMPORTANCE", "MIN_IMPORTANCE", "is_onet_release", "load_onet", "onet_level"]

ATTRIBUTION = (
    "This product includes information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment "
    "and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license."
)
"""The attribution O*NET requires wherever the data or anything derived from it is shipped."""
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_ID = "onet-29.2"
IMPUTED_ID = "onet-29.2-imputed"

MIN_IMPORTANCE = 3.0
"""Importance (1-5) from which a rated element is a requirement ("important")."""
ESSENTIAL_IMPORTANCE = 3.5
"""Importance from which a requirement is essential (rounds to "very important" or more)."""
MIN_INTEREST = 3.5
"""Occupational interest (1-7) from which an interest is kept as an optional requirement."""

FILES = {
    "occupations": "Occupation Data.txt",
    "skills": "Skills.txt",
    "knowledge": "Knowledge.txt",
    "technology": "Technology Skills.txt",
    "titles": "Alternate Titles.txt",
    "zones": "Job Zones.txt",
    "content": "Content Model Reference.txt",
    "interests": "Interests.txt",
    "dwas": "Tasks to DWAs.txt",
    "dwa_reference": "DWA Reference.txt",
}
REQUIRED = ("occupations", "content")
"""Files a release must have; the others are read when present (a smaller graph without them)."""

_RATING_COLUMNS = (
    "O*NET-SOC Code",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Data Value",
    "Recommend Suppress",
    "Not Relevant",
)
_HIERARCHY_ROOTS = {"2.A", "2.B", "2.C"}  # Basic Skills, Cross-Functional Skills, Knowledge
_INTEREST_IDS = {"1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f"}
JOB_ZONE_ID = "onet:job-zone"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.+#/&-]{1,9}$")
_SLUG = re.compile(r"[^a-z0-9+#]+")


def onet_level(lv: float) -> int:
    """O*NET's level (0-7) on mlgraph's 1-5 scale: ``1 + round(4 * lv / 7)``.

    >>> [onet_level(x) for x in (0, 1, 2, 3.5, 5, 6, 7)]
    [1, 2, 2, 3, 4, 4, 5]
    """
    return max(1, min(5, 1 + round(4 * lv / 7)))


def is_onet_release(folder: str | Path) -> bool:
    """True when `folder` looks like an O*NET text release (it holds ``Occupation Data.txt``)."""
    return (Path(folder) / FILES["occupations"]).is_file()


def with_license(source: dict[str, Any], license: str) -> dict[str, Any]:
    """`source` with its licence IRI as ``license`` (``dcterms:license`` in RDF), where the model has the field."""
    from mlgraph.model.records import Source

    return {**source, "license": license} if "license" in Source.model_fields else source


def _source_records() -> list[dict[str, Any]]:
    return [
        {
            "id": SOURCE_ID,
            "title": "O*NET 29.2 Database (USDOL/ETA)",
            "kind": "dataset",
            "url": "https://www.onetcenter.org/database.html",
            "note": f"{ATTRIBUTION} License: {LICENSE}",
        },
        {
            "id": IMPUTED_ID,
            "title": "O*NET 29.2, skill and knowledge ratings of the nearest rated occupation in the same SOC group",
            "kind": "dataset",
            "url": "https://www.onetcenter.org/database.html",
            "note": f"Derived by mlgraph from the O*NET 29.2 Database. {ATTRIBUTION} License: {LICENSE}",
        },
    ]


def _number(text: str, path: Path, line: int, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FormatError(f"{what} {text!r} is not a number", path=path, line=line) from None


def _tool_aliases(name: str) -> list[str]:
    """Acronyms O*NET appends to a product name: "Amazon Web Services AWS software" -> ["AWS"]."""
    words = name.split()
    if len(words) > 2 and words[-1].casefold() == "software":
        words = words[:-1]
    if len(words) >= 2 and _ACRONYM.match(words[-1]) and words[-1].upper() == words[-1]:
        return [words[-1]]
    return []


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.casefold()).strip("-") or hashlib.sha1(name.encode()).hexdigest()[:10]


class _Reader:
    """Collects the records of one release; every problem is a FormatError naming the file and line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.codes: dict[str, str] = {}  # SOC code -> title
        self.elements: dict[str, tuple[str, str]] = {}  # element id -> (name, description)
        self.scales: set[str] | None = None

    def path(self, key: str) -> Path | None:
        path = self.folder / FILES[key]
        return path if path.is_file() else None

    def node(self, node_id: str, **fields: Any) -> None:
        if node_id not in self.nodes:
            self.nodes[node_id] = {"id": node_id, "sources": (SOURCE_ID,), **fields}

    def edge(self, source: str, target: str, relation: str, **fields: Any) -> None:
        key = (source, target, relation)
        old = self.edges.get(key)
        if old is None or (fields.get("importance") == "essential" and old.get("importance") != "essential"):
            self.edges[key] = {
                "source": source,
                "target": target,
                "relation": relation,
                "sources": fields.pop("sources", (SOURCE_ID,)),
                **fields,
            }

    # ------------------------------------------------------------------ files
    def occupations(self) -> None:
        path = require_file(self.folder, FILES["occupations"], "the list of occupations")
        for line, (code, title, description) in read_tsv(path, ("O*NET-SOC Code", "Title", "Description")):
            if not code or not title:
                raise FormatError("an occupation needs a code and a title", path=path, line=line)
            self.codes[code] = title
            self.nodes[f"onet:{code}"] = {
                "id": f"onet:{code}",
                "kind": "role",
                "label": title,
                "description": description,
                "aliases": [],
                "sources": (SOURCE_ID,),
                "mappings": ({"scheme": "onet", "code": code, "label": title, "match": "exact"},),
                "area": "onet",
            }
        if not self.codes:
            raise FormatError("no occupations in the file", path=path, line=2)

    def role(self, code: str, path: Path, line: int) -> str:
        if code not in self.codes:
            raise FormatError(
                f"unknown O*NET-SOC code {code!r}", path=path, line=line, hint=f"not in {FILES['occupations']!r}"
            )
        return f"onet:{code}"

    def content_model(self) -> None:
        path = require_file(self.folder, FILES["content"], "the content model: element names and descriptions")
        for _, (element, name, description) in read_tsv(path, ("Element ID", "Element Name", "Description")):
            self.elements[element] = (name, description)
        scales_path = self.folder / "Scales Reference.txt"
        if scales_path.is_file():
            self.scales = {scale for _, (scale,) in read_tsv(scales_path, ("Scale ID",))}

    def element_node(self, element: str, kind: str, area: str, name: str = "") -> str:
        node_id = f"onet:{element}"
        if node_id not in self.nodes:
            known_name, description = self.elements.get(element, (name, ""))
            self.node(node_id, kind=kind, label=known_name or name or element, description=description, area=area)
            parent = element.rsplit(".", 1)[0]
            if element not in _HIERARCHY_ROOTS and "." in element and parent.count(".") >= 1:
                self.element_node(parent, kind, area)
                self.edge(node_id, f"onet:{parent}", "broader", importance="optional")
        return node_id

    def ratings(self, key: str, kind: str, area: str) -> set[str]:
        """Skills or Knowledge: requirements by the rating rule; returns the codes that have ratings."""
        path = self.path(key)
        if path is None:
            return set()
        importance: dict[tuple[str, str], float] = {}
        levels: dict[tuple[str, str], float | None] = {}
        names: dict[str, str] = {}
        for line, (code, element, name, scale, value, suppress, not_relevant) in read_tsv(path, _RATING_COLUMNS):
            self.role(code, path, line)
            if scale not in ("IM", "LV"):
                known = self.scales is None or scale in self.scales
                why = "a scale this importer does not read" if known else "not in 'Scales Reference.txt'"
                raise FormatError(f"unknown scale {scale!r} ({why}; expected IM or LV)", path=path, line=line)
            number = _number(value, path, line, "Data Value")
            names[element] = name
            key2 = (code, element)
            if scale == "IM":
                if suppress != "Y":
                    importance[key2] = number
            elif not_relevant == "Y":
                levels[key2] = None  # not relevant: no requirement
            elif suppress != "Y":
                levels[key2] = number
        rated: set[str] = set()
        for (code, element), im in importance.items():
            rated.add(code)
            if im < MIN_IMPORTANCE:
                continue
            if (code, element) in levels and levels[(code, element)] is None:
                continue
            lv = levels.get((code, element))
            target = self.element_node(element, kind, area, names[element])
            self.edge(
                f"onet:{code}",
                target,
                "requirement",
                importance="essential" if im >= ESSENTIAL_IMPORTANCE else "optional",
                level=3 if lv is None else onet_level(lv),
            )
        return rated

    def technology(self) -> None:
        path = self.path("technology")
        if path is None:
            return
        columns = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand")
        for line, (code, example, commodity, commodity_title, hot, demand) in read_tsv(path, columns):
            role = self.role(code, path, line)
            if not example:
                raise FormatError("empty technology example", path=path, line=line)
            group = f"onet:unspsc:{commodity}"
            self.node(group, kind="concept", label=commodity_title or commodity, area="onet-technology",
                      description=f"UNSPSC commodity {commodity}: {commodity_title}")  # fmt: skip
            tool = f"onet:tool:{_slug(example)}"
            if tool not in self.nodes:
                self.node(tool, kind="tool", label=example, aliases=_tool_aliases(example), area="onet-technology")
            if hot == "Y":
                self.nodes[tool]["description"] = "Hot technology in O*NET (frequently in employers' job postings)."
            self.edge(tool, group, "broader", importance="optional")
            self.edge(role, tool, "requirement", importance="essential" if demand == "Y" else "optional", level=3)

    def titles(self) -> None:
        path = self.path("titles")
        if path is None:
            return
        for line, (code, title, short) in read_tsv(path, ("O*NET-SOC Code", "Alternate Title", "Short Title")):
            aliases = self.nodes[self.role(code, path, line)]["aliases"]
            aliases.extend(t for t in (title, short) if t)

    def job_zones(self) -> None:
        path = self.path("zones")
        if path is None:
            return
        for line, (code, zone) in read_tsv(path, ("O*NET-SOC Code", "Job Zone")):
            role = self.role(code, path, line)
            if zone not in ("1", "2", "3", "4", "5"):
                raise FormatError(f"job zone {zone!r} is not 1-5", path=path, line=line)
            self.node(
                JOB_ZONE_ID,
                kind="concept",
                label="Preparation needed (O*NET job zone)",
                description="O*NET job zones 1-5: little, some, medium, considerable, extensive preparation "
                "(education, experience, training); the requirement's level is the job zone.",
                area="onet-preparation",
            )
            self.edge(role, JOB_ZONE_ID, "requirement", importance="optional", level=int(zone))

    def interests(self) -> None:
        path = self.path("interests")
        if path is None:
            return
        for line, (code, element, name, scale, value) in read_tsv(
            path, ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value")
        ):
            role = self.role(code, path, line)
            if scale == "IH":
                continue  # high-point codes: the same information as the OI ratings
            if scale != "OI":
                raise FormatError(f"unknown scale {scale!r} (expected OI or IH)", path=path, line=line)
            if element not in _INTEREST_IDS:
                raise FormatError(f"unknown interest element {element!r}", path=path, line=line)
            number = _number(value, path, line, "Data Value")
            if number >= MIN_INTEREST:
                target = f"onet:{element}"
                label = f"{name} interests"
                self.node(target, kind="concept", label=label, area="onet-interests",
                          description=self.elements.get(element, ("", ""))[1])  # fmt: skip
                level = max(1, min(5, 1 + round(4 * (number - 1) / 6)))
                self.edge(role, target, "requirement", importance="optional", level=level)

    def work_activities(self) -> None:
        path = self.path("dwas")
        if path is None:
            return
        iwa_of: dict[str, tuple[str, str, str, str]] = {}
        reference = self.path("dwa_reference")
        if reference is not None:
            columns = ("Element ID", "Element Name", "IWA ID", "IWA Title", "DWA ID")
            for _, (gwa, gwa_name, iwa, iwa_title, dwa) in read_tsv(reference, columns):
                iwa_of[dwa] = (gwa, gwa_name, iwa, iwa_title)
        for line, (code, dwa, title) in read_tsv(path, ("O*NET-SOC Code", "DWA ID", "DWA Title")):
            role = self.role(code, path, line)
            if not dwa:
                raise FormatError("empty DWA ID", path=path, line=line)
            node_id = f"onet:{dwa}"
            if node_id not in self.nodes:
                self.node(node_id, kind="skill", label=title or dwa, area="onet-work-activities")
                if dwa in iwa_of:
                    gwa, gwa_name, iwa, iwa_title = iwa_of[dwa]
                    self.node(f"onet:{iwa}", kind="skill", label=iwa_title or iwa, area="onet-work-activities")
                    self.node(f"onet:{gwa}", kind="skill", label=gwa_name or gwa, area="onet-work-activities",
                              description=self.elements.get(gwa, ("", ""))[1])  # fmt: skip
                    self.edge(node_id, f"onet:{iwa}", "broader", importance="optional")
                    self.edge(f"onet:{iwa}", f"onet:{gwa}", "broader", importance="optional")
            self.edge(role, node_id, "requirement", importance="optional", level=3)

    # ------------------------------------------------------------------ occupations without ratings
    def impute(self, rated: set[str]) -> None:
        """Skill and knowledge requirements for unrated occupations, from the nearest rated one (see module doc)."""
        rated_kinds = ("onet-skills", "onet-knowledge")
        profile: dict[str, set[str]] = defaultdict(set)
        rated_edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (source, target, relation), edge in self.edges.items():
            if relation != "requirement":
                continue
            if self.nodes[target].get("area") in rated_kinds:
                rated_edges[source].append(edge)
            elif target != JOB_ZONE_ID:
                profile[source].add(target)
        for code in sorted(self.codes):
            if code in rated:
                continue
            role = f"onet:{code}"
            mine = profile.get(role, set())
            best: tuple[float, str] | None = None
            for prefix in (code[:7], code[:5], code[:2]):
                for other in rated:
                    if other.startswith(prefix) and rated_edges.get(f"onet:{other}"):
                        theirs = profile.get(f"onet:{other}", set())
                        union = len(mine | theirs)
                        score = len(mine & theirs) / union if union else 0.0
                        if best is None or (score, other) > best:
                            best = (score, other)
                if best is not None:
                    break
            if best is None:
                continue
            other = best[1]
            for edge in rated_edges[f"onet:{other}"]:
                fields = {k: edge[k] for k in ("importance", "level")}
                self.edge(role, edge["target"], "requirement", sources=(IMPUTED_ID,), **fields)
            node = self.nodes[role]
            node["description"] = (
                f"{node['description']} [O*NET 29.2 has no skill or knowledge ratings for this occupation; "
                f"mlgraph takes them from {self.codes[other]} ({other}), the nearest rated occupation in the same "
                "SOC group.]"
            ).strip()
            node["sources"] = (SOURCE_ID, IMPUTED_ID)


def _digest(folder: Path) -> str:
    """Content hash of the release files and of mlgraph's code (any change is a new cache entry)."""
    from mlgraph.io.ontology import code_digest

    h = hashlib.sha256(f"onet {code_digest()}\n".encode())
    for name in sorted({*FILES.values(), "Scales Reference.txt"}):
        path = folder / name
        if path.is_file():
            h.update(name.encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def read_onet(folder: str | Path) -> CompetencyGraph:
    """Parse an O*NET release without the cache (see :func:`load_onet`)."""
    root = Path(folder)
    if not root.is_dir():
        raise FormatError("not a directory", path=root, hint="give the unzipped O*NET text release")
    if not any(root.glob("*.txt")):
        raise FormatError("no O*NET files in this folder (empty?)", path=root, hint="expected 'Occupation Data.txt'")
    reader = _Reader(root)
    reader.occupations()
    reader.content_model()
    rated = reader.ratings("skills", "skill", "onet-skills")
    rated |= reader.ratings("knowledge", "concept", "onet-knowledge")
    reader.technology()
    reader.work_activities()
    reader.interests()
    reader.job_zones()
    reader.titles()
    reader.impute(rated)
    drop_shared_aliases(list(reader.nodes.values()))  # a title several occupations share names none of them
    return CompetencyGraph.from_records(
        list(reader.nodes.values()),
        trusted_edge_rows(reader.edges.values()),
        sources=[with_license(x, LICENSE) for x in _source_records()],
        origin=str(root),
    )


_MEMO: dict[str, CompetencyGraph] = {}


def load_onet(folder: str | Path) -> CompetencyGraph:
    """Every O*NET occupation as a role, with its rated skills and knowledge, technology, work activities,
    interests and job zone.

    The parsed graph is cached by the content of the release files and of the importer (in memory, and on disk
    where :func:`mlgraph.io.ontology.cache_dir` says), so a second load skips parsing.

    Parameters
    ----------
    folder : str or Path
        The unzipped O*NET text release (``Occupation Data.txt``, ``Skills.txt`` ...); files other than
        ``Occupation Data.txt`` and ``Content Model Reference.txt`` are optional.

    Returns
    -------
    CompetencyGraph
        Roles ``onet:<SOC code>``; see the module documentation for the rest and for the rating rule.

    Raises
    ------
    FormatError
        A missing file or column, a truncated row, an unknown scale or code, an empty folder: naming the file
        and line. Nothing is returned or cached half-read.

    Examples
    --------
    >>> import mlgraph
    >>> from mlgraph.io.importers.onet import fixture_path
    >>> g = mlgraph.load_onet(fixture_path())
    >>> g.resolve("Actuary").id
    'onet:15-2011.00'
    >>> sorted((r.target, r.importance, r.level) for r in g.requirements("onet:15-2011.00"))[:2]
    [('onet:1.B.1.b', 'optional', 3), ('onet:1.B.1.f', 'optional', 4)]
    """
    root = Path(folder)
    if not root.is_dir():
        return read_onet(root)  # raises
    from mlgraph.io import ontology
    from mlgraph.io.importers.cache import read_cached, write_cached

    digest = _digest(root)
    if (g := _MEMO.get(digest)) is not None:
        return g
    where = ontology.cache_dir()
    file = where / f"onet-{digest}.json" if where else None
    g = read_cached(file, str(root)) if file and file.exists() else None
    if g is None:
        g = read_onet(root)
        if file:
            write_cached(file, g)
    _MEMO[digest] = g
    return g


def fixture_path() -> Path:
    """The small O*NET fixture in the official layout that the tests and doctests use (in a source checkout)."""
    for root in (Path(__file__).resolve().parents[4], Path.cwd()):  # the source tree, or a checkout run from
        folder = root / "tests" / "data" / "onet-mini"  # its top (pytest on an installed wheel)
        if folder.is_dir():
            return folder
    return Path(__file__).resolve().parents[4] / "tests" / "data" / "onet-mini"
