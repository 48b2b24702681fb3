"""Importer figures: load_onet cold and cached on the real O*NET 29.2 release (when ../shared has it), ranking
every occupation, and load_esco on a synthetic full-size ESCO download (3,000 occupations x 14,000 skills x
130,000 relations, generated into a temporary folder)."""

from __future__ import annotations

import csv
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import mlgraph
from mlgraph.io.importers import onet
from timing import best_of, report

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def make_esco(folder: Path, occupations: int = 3000, skills: int = 14000, relations: int = 130_000) -> None:
    """A synthetic ESCO download in the official column layout (the files load_esco reads)."""
    rng = random.Random(13)
    base = "http://data.europa.eu/esco/"
    occ = [f"{base}occupation/{uuid.UUID(int=rng.getrandbits(128))}" for _ in range(occupations)]
    sk = [f"{base}skill/{uuid.UUID(int=rng.getrandbits(128))}" for _ in range(skills)]
    groups = [f"{base}isced-f/{i:04d}" for i in range(400)]

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write(
        "occupations_en.csv",
        ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
         "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code"],
        [["Occupation", u, "2511", f"occupation {i}", f"job {i}\nworker {i}", "", "released", "", "", "", "", "",
          f"Does the work of occupation {i}.", f"2511.{i}"] for i, u in enumerate(occ)],
    )  # fmt: skip
    write(
        "skills_en.csv",
        ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
         "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"],
        [["KnowledgeSkillCompetence", u, rng.choice(["knowledge", "skill/competence"]), "sector-specific",
          f"skill {i}", f"ability {i}\ncompetence {i}", "", "released", "", "", "", "", f"Skill number {i}."]
         for i, u in enumerate(sk)],
    )  # fmt: skip
    write(
        "skillGroups_en.csv",
        ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status", "modifiedDate",
         "scopeNote", "inScheme", "description", "code"],
        [["SkillGroup", u, f"group {i}", "", "", "released", "", "", "", "", f"{i:04d}"] for i, u in enumerate(groups)],
    )  # fmt: skip
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < relations:
        pairs.add((rng.randrange(occupations), rng.randrange(skills)))
    write(
        "occupationSkillRelations_en.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [[occ[a], rng.choice(["essential", "optional"]), "skill/competence", sk[b]] for a, b in sorted(pairs)],
    )
    write(
        "broaderRelationsSkillPillar_en.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        [["KnowledgeSkillCompetence", u, "SkillGroup", groups[i % len(groups)]] for i, u in enumerate(sk)],
    )
    write(
        "skillSkillRelations_en.csv",
        ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"],
        [[sk[i], "knowledge", rng.choice(["essential", "optional"]), "knowledge", sk[(i * 7 + 1) % skills]]
         for i in range(0, skills, 2)],
    )  # fmt: skip


def cpu(fn: object, repeat: int = 3) -> float:
    """Best CPU time of `fn` (process time: what the figure would be on an idle machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times include waiting for the CPU)")
    cache = tempfile.mkdtemp(prefix="mlgraph-bench-")
    os.environ["MLGRAPH_CACHE_DIR"] = cache
    try:
        release = SHARED / "onet-29.2"
        if release.is_dir():

            def cold() -> object:
                onet._MEMO.clear()
                shutil.rmtree(cache, ignore_errors=True)
                return mlgraph.load_onet(release)

            report("load_onet, real O*NET 29.2, no cache (parse, validate, write the cache)", best_of(cold, 3), 5.0,
                   unit="s")  # fmt: skip
            report("  the same, CPU time", cpu(cold, 2), 5.0, unit="s")
            mlgraph.load_onet(release)

            def cached() -> object:
                onet._MEMO.clear()
                return mlgraph.load_onet(release)

            report("load_onet, real O*NET 29.2, from the cache", best_of(cached, 5), 0.5, unit="s")
            report("  the same, CPU time", cpu(cached, 5), 0.5, unit="s")
            from mlgraph.plan.occupations import dissimilarity_penalty, similar_occupations, similarity_pairs

            roles = [n.id for n in mlgraph.load_onet(release).nodes(kind="role")]

            def rank_all() -> None:
                g = cached()  # a fresh graph object: nothing derived yet
                for role in roles:
                    similar_occupations(g, role)

            report(f"similar_occupations for all {len(roles):,} occupations (matrix built once)",
                   best_of(rank_all, 3), 2.0, unit="s")  # fmt: skip
            report("  the same, CPU time", cpu(rank_all, 2), 2.0, unit="s")
            try:
                from mlgraph.plan.ranking import rank_transitions
            except ImportError:
                rank_transitions = None
            if rank_transitions is not None:

                def rank_hooks() -> None:
                    g = cached()
                    for role in roles:
                        rank_transitions(g, role, similarity=similarity_pairs, penalty=dissimilarity_penalty)

                report(f"rank_transitions(similarity=, penalty=) for all {len(roles):,} occupations",
                       best_of(rank_hooks, 1), 2.0, unit="s")  # fmt: skip
                report("  the same, CPU time", cpu(rank_hooks, 1), 2.0, unit="s")
        else:
            print(f"(no O*NET release at {release}: load_onet and ranking figures skipped)")
        folder = Path(tempfile.mkdtemp(prefix="mlgraph-bench-esco-"))
        try:
            start = time.perf_counter()
            make_esco(folder)
            print(f"(synthetic ESCO download written in {time.perf_counter() - start:.1f} s)")
            g = mlgraph.load_esco(folder)
            report(
                f"load_esco, synthetic full size ({g.count_by_kind()['role']:,} occupations, "
                f"{len(g.edge_rows('requirement')):,} relations, {len(g):,} nodes)",
                best_of(lambda: mlgraph.load_esco(folder), 2),
                10.0,
                unit="s",
            )
            report("  the same, CPU time", cpu(lambda: mlgraph.load_esco(folder), 1), 10.0, unit="s")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        os.environ.pop("MLGRAPH_CACHE_DIR", None)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
