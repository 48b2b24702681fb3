"""What the explorer page embeds: the graph, the goals' roadmaps and each role's needs, as compact JSON.

Only what the page's views use goes in, in columns rather than records (a 10,000-node graph stays small): node
ids, labels, kinds, hours, areas, aliases, descriptions (shortened on large graphs), sources by index, the
prerequisite and hierarchy edges, ``teaches`` and ``related`` edges, each role's requirements, and the roadmap
of each goal. The page computes role-to-role gaps itself from the requirements; where the planner's rules give a
level a simple rule would not (around umbrellas: levels passed down to their core parts), the exception is
embedded, so the page's hours match :func:`mlgraph.transition`. Only roles whose requirements reach an umbrella
are checked against the planner, which keeps building fast on large graphs.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlgraph.model.graph import CompetencyGraph
    from mlgraph.plan.known import Known

__all__ = ["LARGE_GRAPH", "SHORT_DESCRIPTION", "explorer_data"]

LARGE_GRAPH = 2_000
"""Above this many nodes, descriptions are cut to their first sentence (at most :data:`SHORT_DESCRIPTION`)."""
SHORT_DESCRIPTION = 220
WORKING = 3


def _short(text: str, limit: int) -> str:
    """The first sentence of `text`, at most `limit` characters (cut at a word, with an ellipsis)."""
    end = text.find(". ")
    first = text if end < 0 else text[: end + 1]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _round(x: float | None) -> float:
    if not x:
        return 0
    r = round(float(x), 2)
    return int(r) if r == int(r) else r


def _closure(preds: dict[int, list[int]], start: Iterable[int]) -> set[int]:
    seen: set[int] = set()
    stack = list(start)
    while stack:
        i = stack.pop()
        if i in seen:
            continue
        seen.add(i)
        stack.extend(p for p in preds.get(i, ()) if p not in seen)
    return seen


def explorer_data(
    g: CompetencyGraph,
    goals: Iterable[str] = (),
    known: Known = (),
    *,
    name: str | None = None,
    descriptions: str = "auto",
    max_plans: int = 30,
) -> dict[str, Any]:
    """The page's data for `g`: nodes in columns, edges, roles, the roadmap of each goal, the profile.

    Parameters
    ----------
    g : CompetencyGraph
    goals : iterable of str
        Roles or competencies to draw a roadmap for. None given: every role, when there are at most `max_plans`.
    known : names, {name: level} or Profile
        What the learner knows: roadmaps skip it, and the page's downloaded profile keeps it.
    name : str, optional
        The graph's name, shown in the title and keying the ticks kept in the browser (default: its folder).
    descriptions : {"auto", "full", "short"}
        ``"auto"``: full on graphs up to :data:`LARGE_GRAPH` nodes, first sentences above.
    max_plans : int
        With no goal, roadmaps for every role only up to this many roles.

    Returns
    -------
    dict
        JSON-ready.

    Examples
    --------
    >>> import mlgraph
    >>> data = explorer_data(mlgraph.load(), ["Data Analyst"], known=["python"])
    >>> data["label"][data["plans"][0]["goal"]]
    'Data Analyst'
    >>> "python" in [data["id"][i] for i, _ in data["profile"]["known"]]
    True
    """
    from mlgraph.model.records import KINDS, LEVELS
    from mlgraph.plan.known import resolve_known
    from mlgraph.plan.learning import LEVEL_FACTOR, known_levels, learning_order
    from mlgraph.viz.draw import area_title
    from mlgraph.viz.layout import plan_stages

    if descriptions not in ("auto", "full", "short"):
        raise ValueError(f"descriptions is 'auto', 'full' or 'short', not {descriptions!r}")
    nodes = g.nodes()
    index = {n.id: i for i, n in enumerate(nodes)}
    short = descriptions == "short" or (descriptions == "auto" and len(nodes) > LARGE_GRAPH)
    kind_of = {k: n for n, k in enumerate(KINDS)}
    areas: list[str] = []
    area_index: dict[str | None, int] = {}
    area_col = []
    for n in nodes:
        if n.area is None:
            area_col.append(-1)
            continue
        if n.area not in area_index:
            area_index[n.area] = len(areas)
            areas.append(area_title(n.area))
        area_col.append(area_index[n.area])
    source_ids = list(g.sources)
    cited = {s for n in nodes for s in n.sources}
    source_ids += sorted(cited - set(source_ids))
    source_index = {s: k for k, s in enumerate(source_ids)}
    # most nodes of an imported graph cite the same sources: stored once, and only the exceptions per node
    counts = Counter(n.sources for n in nodes)
    common_sources = counts.most_common(1)[0][0] if counts else ()
    sources = []
    for s in source_ids:
        rec = g.sources.get(s)
        sources.append([s, (rec.title if rec and rec.title else s), (rec.url if rec else None) or ""])

    def sparse(pairs: Iterable[tuple[int, int]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for a, b in pairs:
            out.setdefault(str(a), []).append(b)
        return out

    pre = sparse((index[r.target], index[r.source]) for r in g.edge_rows("prerequisite"))
    broader = [[index[r.source], index[r.target], 1 if r.core else 0] for r in g.edge_rows("broader")]
    teach = sparse((index[r.source], index[r.target]) for r in g.edge_rows("teaches"))
    related = sparse((index[r.source], index[r.target]) for r in g.edge_rows("related"))
    progression = sparse((index[r.source], index[r.target]) for r in g.edge_rows("progression"))

    # planning structure the page uses for gaps: prerequisites plus core parts before their umbrella
    plan_preds: dict[int, list[int]] = {}
    for r in g.edge_rows("prerequisite"):
        plan_preds.setdefault(index[r.target], []).append(index[r.source])
    for part, umbrella, core in broader:
        if core:
            plan_preds.setdefault(umbrella, []).append(part)

    # the simple rule the page applies is the planner's rule except around umbrellas (levels passed down to core
    # parts): only roles whose requirements reach an umbrella are checked against the planner
    succs: dict[int, list[int]] = {}
    for v, us in plan_preds.items():
        for u in us:
            succs.setdefault(u, []).append(v)
    touched = _closure(succs, {umbrella for _, umbrella, core in broader if core})

    roles: dict[str, list[int]] = {}
    knows_fix: dict[str, list[int]] = {}
    need_fix: dict[str, list[int]] = {}
    for role in g.nodes(kind="role"):
        r = index[role.id]
        reqs = g.requirements(role.id)
        flat: list[int] = []
        simple: dict[int, int] = {}
        need_simple: dict[int, int] = {}
        for e in reqs:
            t = index[e.target]
            level = e.level or WORKING
            flat += [t, level * 2 + (1 if e.importance == "optional" else 0)]
            simple[t] = max(simple.get(t, 0), level)
            if e.importance != "optional":
                need_simple[t] = max(need_simple.get(t, 0), level)
        roles[str(r)] = flat
        if not reqs or not any(t in touched for t in simple):
            continue
        # what the role knows as the source of a move: the planner's levels, where the simple rule differs
        strong = [t for t, lv in simple.items() if lv >= WORKING]
        for i in _closure(plan_preds, strong):
            simple[i] = max(simple.get(i, 0), WORKING)
        everything = learning_order(g, role.id, include_optional=True, with_resources=False)
        ids = {nodes[i].id for i in simple} | set(everything.ids)
        levels = known_levels(g, {e.target: e.level or WORKING for e in reqs}, sorted(ids))
        fix = []
        for node_id, lv in levels.items():
            lv = 6 if lv is None else lv
            if simple.get(index[node_id], 0) != lv:
                fix += [index[node_id], lv]
        if fix:
            knows_fix[str(r)] = fix
        # what the role needs as the target of a move: the levels of its plan from zero
        zero = learning_order(g, role.id, with_resources=False)
        fix = []
        for s in zero.steps:
            if need_simple.get(index[s.id], WORKING) != s.level:
                fix += [index[s.id], s.level]
        if fix:
            need_fix[str(r)] = fix

    known_map = resolve_known(g, known)
    goal_ids = [g.id_of(x) for x in goals]
    profile_goal = getattr(known, "goal", None)
    if not goal_ids and profile_goal:
        goal_ids = [profile_goal]
    if not goal_ids:
        role_ids = [n.id for n in g.nodes(kind="role")]
        goal_ids = role_ids if len(role_ids) <= max_plans else []
    plans = []
    for goal in dict.fromkeys(goal_ids):
        full = learning_order(g, goal, known_map, include_optional=True, with_resources=False)
        essential = set(learning_order(g, goal, known_map, with_resources=False).ids)
        stages = []
        for stage in plan_stages(full, g):
            steps = [[index[s.id], _round(s.effort_hours), s.level, 0 if s.id in essential else 1] for s in stage.steps]
            stages.append({"t": stage.title, "s": steps})
        plans.append({"goal": index[goal], "stages": stages})

    return {
        "v": 1,
        "name": name or (g.origin.rstrip("/").rsplit("/", 1)[-1] if g.origin else "graph"),
        "made": datetime.date.today().isoformat(),
        "kinds": list(KINDS),
        "levels": [LEVELS[k] for k in sorted(LEVELS)],
        "factor": [LEVEL_FACTOR[k] for k in sorted(LEVEL_FACTOR)],
        "areas": areas,
        "id": [n.id for n in nodes],
        "label": [n.label for n in nodes],
        "kind": [kind_of[n.kind] for n in nodes],
        "hours": [_round(n.effort_hours) for n in nodes],
        "area": area_col,
        "alias": ["|".join(n.aliases) for n in nodes],
        "desc": [_short(n.description, SHORT_DESCRIPTION) if short else n.description for n in nodes],
        "srcDefault": [source_index[s] for s in common_sources],
        "src": {
            str(i): [source_index[s] for s in n.sources] for i, n in enumerate(nodes) if n.sources != common_sources
        },
        "url": {str(i): n.url for i, n in enumerate(nodes) if n.url},
        "rtype": {str(i): n.resource_type for i, n in enumerate(nodes) if n.resource_type},
        "sources": sources,
        # attributions the imported datasets ask for, shown under the page
        "credits": [
            g.sources[sid].note
            for sid in source_ids
            if sid in g.sources
            and g.sources[sid].kind == "dataset"
            and g.sources[sid].note
            and not g.sources[sid].note.startswith("Derived by")
        ],
        "pre": pre,
        "broader": broader,
        "teach": teach,
        "related": related,
        "progression": progression,
        "roles": roles,
        "knowsFix": knows_fix,
        "needFix": need_fix,
        "plans": plans,
        "profile": {
            "known": [[index[k], v] for k, v in known_map.items()],
            "goal": index.get(profile_goal) if profile_goal else None,
        },
    }
