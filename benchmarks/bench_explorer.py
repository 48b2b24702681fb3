"""Explorer figures: file size, time to ready in headless Chromium, search and role-view times on a large graph.

The large graph is synthetic (``synthetic.make_records``: 9,000 competencies and 1,000 roles with 40 requirements
each, descriptions of about 200 characters), the size of a merged O*NET graph. Browser figures need Debian's
chromium and chromium-driver and selenium; without them they are reported as skipped.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import mlgraph
from mlgraph.viz.explorer import explore
from synthetic import make_records
from timing import report

ONET = Path(__file__).resolve().parents[2] / "shared" / "data" / "onet-29.2"
"""The O*NET release, when present: the bundled graph with it merged in is measured too."""
QUERIES = ("comp 12", "competency 4", "python", "c", "role 9", "9999", "synthetic number", "zz")


SEARCH_TIMES = (
    "const qs = arguments[0], out = [];"
    "for (const q of qs) { const t = performance.now();"
    "  for (let k = 0; k < 5; k++) mlgraphExplorer.search(q, 30);"
    "  out.push((performance.now() - t) / 5); }"
    "return out;"
)


def _browser() -> Any:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if not (os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver")):
        return None
    options = webdriver.ChromeOptions()
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.profile_dir = profile  # removed after quit()
    return driver


def _ready_ms(driver: Any, path: Path, repeat: int = 5) -> float:
    """Median time from navigation start to the page's ready mark (data parsed, indexes built, views drawn)."""
    times = []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(path.as_uri())
        deadline = time.monotonic() + 30
        while driver.execute_script("return document.documentElement.getAttribute('data-ready')") != "1":
            if time.monotonic() > deadline:
                raise RuntimeError("the page never became ready")
            time.sleep(0.02)
        times.append(driver.execute_script("return mlgraphExplorer.readyMs"))
    return statistics.median(times)


def _large_graph() -> mlgraph.CompetencyGraph:
    nodes, edges = make_records(n_competencies=9_000, n_roles=1_000, requirements_per_role=40)
    filler = " It is described at the length of an O*NET element, with a second sentence that the page shortens."
    for n in nodes:
        n["description"] = (n.get("description") or n["label"] + ".") + filler * 2
    return mlgraph.CompetencyGraph.from_records(nodes, edges)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    g = mlgraph.load()
    start = time.perf_counter()
    small = explore(g, goal="Machine Learning Engineer", path=folder / "bundled.html")
    report("explore(bundled graph, MLE roadmap): build", time.perf_counter() - start, unit="s")
    size = (folder / "bundled.html").stat().st_size
    verdict = "ok" if size <= 1 << 20 else "MISSED"
    print(f"bundled explorer file: {size / 1024:,.0f} KB  (target <= 1,024 KB: {verdict})")
    everything = explore(g, path=folder / "all-roles.html")
    print(f"bundled explorer with every role's roadmap: {len(everything.html.encode()) / 1024:,.0f} KB")

    big = _large_graph()
    start = time.perf_counter()
    large = explore(big, goal="r0", path=folder / "large.html", name="synthetic")
    report(f"explore(synthetic {len(big):,} nodes, 1,000 roles): build", time.perf_counter() - start, unit="s")
    size = (folder / "large.html").stat().st_size
    print(f"large explorer file: {size / 1024:,.0f} KB")

    merged_file = None
    if ONET.is_dir():
        from mlgraph.cli import build_parser, graph_from_args

        start = time.perf_counter()
        merged = graph_from_args(build_parser().parse_args(["explore", "--graph", str(ONET), "-o", "x.html"]))
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        merged_file = folder / "merged.html"
        explore(merged, goal="Machine Learning Engineer", path=merged_file, name="merged")
        report(
            f"explore(bundled + O*NET 29.2: {len(merged):,} nodes): build (load {loaded:.1f} s apart)",
            time.perf_counter() - start,
            unit="s",
        )
        print(f"merged O*NET explorer file: {merged_file.stat().st_size / 1024:,.0f} KB")

    driver = _browser()
    if driver is None:
        print("browser figures: skipped (needs chromium, chromium-driver and selenium)")
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        pages = [("bundled", "bundled.html"), ("large", "large.html")]
        if merged_file is not None:
            pages.append(("merged O*NET", "merged.html"))
        for label, file in pages:
            report(f"{label} page: ready in the browser (median of 5)", _ready_ms(driver, folder / file) / 1000, 1.0)
        if merged_file is not None:
            _ready_ms(driver, merged_file, repeat=1)
            per_query = driver.execute_script(SEARCH_TIMES, ["data scientist", "python", "statistics", "nurse", "a"])
            report("merged O*NET page: search, slowest of 5 queries (mean of 5 each)", max(per_query) / 1000, 0.100)
            _ready_ms(driver, folder / "large.html", repeat=1)
        per_query = driver.execute_script(SEARCH_TIMES, list(QUERIES))
        report(f"large page: search, slowest of {len(QUERIES)} queries (mean of 5 each)", max(per_query) / 1000, 0.100)
        report("large page: search, median query", statistics.median(per_query) / 1000)
        role_ms = driver.execute_script(
            "const ids = mlgraphExplorer.data.id, t = performance.now();"
            "for (let k = 0; k < 50; k++)"
            "  mlgraphExplorer.transition(ids.indexOf('r' + k), ids.indexOf('r' + (k + 500)));"
            "return (performance.now() - t) / 50;"
        )
        report("large page: one role-to-role gap (mean of 50)", role_ms / 1000, 0.100)
        from selenium.webdriver.common.by import By

        box = driver.find_element(By.ID, "q")
        start = time.perf_counter()
        box.send_keys("competency 42")
        driver.find_element(By.CSS_SELECTOR, "#results [role=option]")
        report("large page: typing a query to results shown, through WebDriver", time.perf_counter() - start)
    finally:
        driver.quit()
        shutil.rmtree(driver.profile_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    del small, large
