"""The explorer page, driven as a person would in headless Chromium: search, cards, roadmap ticks, roles, download.

The browser tests need Debian's ``chromium`` and ``chromium-driver`` and the ``selenium`` package (the ``test``
extra); without them they skip with the reason. One browser serves the whole module. Set
``MLGRAPH_SCREENSHOTS=DIR`` to keep screenshots of the roadmap, a card and the role view.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mlgraph
from mlgraph.cli import main
from mlgraph.viz.explorer import explore

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
GOAL = "Machine Learning Engineer"


@pytest.fixture(scope="module")
def g() -> mlgraph.CompetencyGraph:
    return mlgraph.load()


@pytest.fixture(scope="module")
def page(g: mlgraph.CompetencyGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("explorer") / "roadmap.html"
    explore(g, goal=GOAL, known={"python": 3}, path=out)
    return out


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip(
            "no browser: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as exc:  # pragma: no cover - a broken browser install
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium would not start: {str(exc).splitlines()[0]}")
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: Any, path: Path) -> None:
    browser.get(path.as_uri())
    deadline = time.monotonic() + 10
    while browser.execute_script("return document.documentElement.getAttribute('data-ready')") != "1":
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.05)


def shot(browser: Any, name: str) -> None:
    folder = os.environ.get("MLGRAPH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / f"{name}.png"))


def by(selector: str) -> tuple[str, str]:
    return ("css selector", selector)


# ---------------------------------------------------------------------------------------------- the file


def test_the_page_is_one_small_file_that_fetches_nothing(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert page.stat().st_size < 1_000_000
    script = text[text.index("<script>") :]
    for needle in ("<script src", "<link ", "@import", "fetch(", "XMLHttpRequest", "import(", "cdn."):
        assert needle not in text.replace(script, "") and needle not in script, needle
    assert text.count("<script") == 2  # the data and the code, both inline


def test_python_api_saves_and_shows_inline(g: mlgraph.CompetencyGraph, tmp_path: Path) -> None:
    page = mlgraph.explore(g, goal="Data Analyst")
    assert page.data["label"][page.data["plans"][0]["goal"]] == "Data Analyst"
    inline = page._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "&lt;!doctype html&gt;" in inline
    out = page.save(tmp_path / "x.html")
    assert out.read_text(encoding="utf-8") == page.html
    assert "Data Analyst" in repr(page) or "nodes" in repr(page)


def test_cli_explore_takes_the_goal_from_the_profile(
    tmp_path: Path, g: mlgraph.CompetencyGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("goal: Data Scientist\nknown:\n  - python\n")
    out = tmp_path / "me.html"
    assert main(["explore", "--profile", str(profile), "-o", str(out)]) == 0
    assert f"explorer written to {out}" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "<title>Roadmap to Data Scientist</title>" in text


# ---------------------------------------------------------------------------------------------- in the browser


def test_search_by_alias_opens_a_card_with_links_that_open_other_cards(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, page)
    shot(browser, "roadmap")
    box = browser.find_element(*by("#q"))
    box.send_keys("torch")  # an alias of PyTorch
    options = browser.find_elements(*by("#results [role=option]"))
    assert options and options[0].text.startswith("PyTorch")
    box.send_keys(Keys.ENTER)
    card = browser.find_element(*by("#card"))
    assert card.find_element(*by("h2")).text == "PyTorch"
    assert browser.switch_to.active_element.get_attribute("id") == "card-title"  # focus moved to the card
    text = card.text
    for heading in ("HOURS BY LEVEL", "NEEDS FIRST", "UNLOCKS", "ROLES THAT NEED IT", "SOURCES"):
        assert heading in text
    assert "Machine Learning Engineer" in text
    shot(browser, "card")
    prerequisite = card.find_element(*by("a.link"))
    name = prerequisite.text
    prerequisite.click()
    assert browser.find_element(*by("#card h2")).text == name


def test_search_keyboard_moves_through_results(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, page)
    box = browser.find_element(*by("#q"))
    box.send_keys("learning")
    second = browser.find_elements(*by("#results [role=option]"))[1].text.split("\n")[0]
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == "opt-1"
    box.send_keys(Keys.ENTER)
    assert browser.find_element(*by("#card h2")).text == second


def test_roadmap_shows_stages_steps_hours_and_arrows_on_focus(
    browser: Any, page: Path, g: mlgraph.CompetencyGraph
) -> None:
    open_page(browser, page)
    full = mlgraph.learning_order(g, GOAL, {"python": 3}, include_optional=True)
    essential = set(mlgraph.learning_order(g, GOAL, {"python": 3}).ids)
    steps = browser.find_elements(*by(".step"))
    assert len(steps) == len(full.steps)
    assert len(browser.find_elements(*by(".stage"))) == len(full.stages)
    optional = {s.get_attribute("id")[3:] for s in browser.find_elements(*by(".step.opt"))}
    index = browser.execute_script("return mlgraphExplorer.data.id")
    assert {index[int(i)] for i in optional} == set(full.ids) - essential
    # focus a step with prerequisites in the plan: one arrow from each (core parts count, as for the planner)
    members = set(full.ids)
    parts: dict[str, list[str]] = {}
    for row in g.edge_rows("broader"):
        if row.core:
            parts.setdefault(row.target, []).append(row.source)

    def before(i: str) -> set[str]:
        return {p for p in [*g.prerequisites(i), *parts.get(i, ())] if p in members}

    target = next(s for s in full.steps if len(before(s.id)) >= 2)
    n = index.index(target.id)
    browser.execute_script(f"document.querySelector('#st-{n} .name').focus()")
    arrows = browser.find_elements(*by("#arrows path.pre"))
    assert len(arrows) == len(before(target.id))
    pre = {index[int(e.get_attribute("data-i"))] for e in browser.find_elements(*by(".step.is-pre"))}
    assert pre == before(target.id)
    # every label fits its box
    overflowing = browser.execute_script(
        "return [...document.querySelectorAll('.step .name')].filter(b => b.scrollWidth > b.clientWidth + 1).length"
    )
    assert overflowing == 0


def test_ticks_survive_a_reload_and_download_as_a_profile_the_cli_reads(
    browser: Any, page: Path, downloads: Path, g: mlgraph.CompetencyGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    open_page(browser, page)
    browser.execute_script("localStorage.clear()")
    open_page(browser, page)
    boxes = browser.find_elements(*by(".step input[type=checkbox]"))[:3]
    ticked = [b.get_attribute("data-i") for b in boxes]
    for b in boxes:
        b.click()
    before = browser.find_element(*by("#summary strong")).text
    browser.refresh()
    open_page(browser, page)
    kept = [b.get_attribute("data-i") for b in browser.find_elements(*by(".step input:checked"))]
    assert kept == ticked
    assert browser.find_element(*by("#summary strong")).text == before != "0% done"
    assert len(browser.find_elements(*by(".step.done"))) == 3
    for old in downloads.glob("*"):
        old.unlink()
    browser.find_element(*by("#download")).click()
    deadline = time.monotonic() + 10
    while not list(downloads.glob("*.yaml")):
        assert time.monotonic() < deadline, "no profile was downloaded"
        time.sleep(0.05)
    profile = next(downloads.glob("*.yaml"))
    index = browser.execute_script("return mlgraphExplorer.data.id")
    ids = {index[int(i)] for i in ticked}
    known = mlgraph.read_profile(g, profile)
    assert ids | {"python"} == set(known.known)
    assert known.goal == g.id_of(GOAL)
    assert main(["path", GOAL, "--profile", str(profile), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert not ids & {s["id"] for s in plan["steps"]}
    assert main(["progress", "--profile", str(profile)]) == 0
    assert capsys.readouterr().out.startswith(f"Progress towards {GOAL}: ")
    assert main(["done", "docker", "--profile", str(profile)]) == 0  # the CLI adds to the downloaded file
    assert "docker" in mlgraph.read_profile(g, profile).known
    browser.execute_script("localStorage.clear()")


def test_role_view_hours_match_the_library(browser: Any, page: Path, g: mlgraph.CompetencyGraph) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(browser, page)
    browser.find_element(*by("#tab-roles")).click()
    index = browser.execute_script("return mlgraphExplorer.data.id")
    Select(browser.find_element(*by("#role-from"))).select_by_visible_text("Data Scientist")
    Select(browser.find_element(*by("#role-to"))).select_by_visible_text(GOAL)
    move = mlgraph.transition(g, "Data Scientist", GOAL)
    summary = browser.find_element(*by(".role-sum")).text
    assert summary.startswith(f"Data Scientist → {GOAL}: ")
    assert f"{len(move.shared)} of {len(move.shared) + len(move.gap)} essential requirements carry over" in summary
    shot(browser, "roles")
    roles = [n.id for n in g.nodes(kind="role")]
    pairs = [(a, b) for a in roles[::3] for b in roles[1::4]]
    got = browser.execute_script(
        "return arguments[0].map(p => mlgraphExplorer.transition(p[0], p[1]).total)",
        [[index.index(a), index.index(b)] for a, b in pairs],
    )
    expected = [mlgraph.transition(g, a, b).total_hours for a, b in pairs]
    assert got == pytest.approx(expected, abs=0.02)


def test_print_stylesheet_keeps_the_roadmap_only(browser: Any, page: Path) -> None:
    open_page(browser, page)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "return ['#card', '.search', '.roadmap-head .controls', '.stage']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown[:3] == ["none", "none", "none"] and shown[3] != "none"


# ---------------------------------------------------------------------------------------------- large graphs


def _many_roles(n_roles: int = 40, n_items: int = 2_100) -> mlgraph.CompetencyGraph:
    text = "A first sentence about this item. " + "A long second sentence that the page leaves out. " * 8
    nodes = [
        {"id": f"c{i}", "kind": "skill", "label": f"Skill {i}", "description": text, "effort_hours": 5}
        for i in range(n_items)
    ]
    nodes += [{"id": f"r{r}", "kind": "role", "label": f"Role {r}"} for r in range(n_roles)]
    edges = [{"source": f"c{i - 1}", "target": f"c{i}", "relation": "prerequisite"} for i in range(1, n_items, 7)]
    edges += [
        {"source": f"r{r}", "target": f"c{(r * 37 + k * 11) % n_items}", "relation": "requirement", "level": 1 + k % 5}
        for r in range(n_roles)
        for k in range(12)
    ]
    return mlgraph.CompetencyGraph.from_records(nodes, edges)


def test_a_large_graph_embeds_short_descriptions_and_no_roadmap_unless_asked() -> None:
    big = _many_roles()
    page = explore(big)
    assert page.data["plans"] == []  # 40 roles: no roadmap for each
    assert page.data["desc"][0] == "A first sentence about this item."
    assert len(explore(big, goal="r3").data["plans"]) == 1


def test_a_compressed_page_searches_and_compares_roles_like_a_plain_one(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlgraph.viz.explorer as explorer_module

    big = _many_roles()
    monkeypatch.setattr(explorer_module, "COMPRESS_ABOVE", 0)
    out = tmp_path / "big.html"
    page = explore(big, goal="r1", path=out)
    assert 'data-encoding="gzip+base64"' in page.html
    open_page(browser, out)
    box = browser.find_element(*by("#q"))
    box.send_keys("skill 204")
    assert browser.find_elements(*by("#results [role=option]"))[0].text.startswith("Skill 204")
    index = browser.execute_script("return mlgraphExplorer.data.id")
    got = browser.execute_script(
        "return mlgraphExplorer.transition(arguments[0], arguments[1]).total", index.index("r2"), index.index("r5")
    )
    assert got == pytest.approx(mlgraph.transition(big, "r2", "r5").total_hours, abs=0.02)


def test_steps_are_reached_and_ticked_with_the_keyboard(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, page)
    browser.execute_script("localStorage.clear()")
    open_page(browser, page)
    first = browser.find_element(*by(".step .name"))
    browser.execute_script("arguments[0].focus()", first)
    browser.switch_to.active_element.send_keys(Keys.TAB)  # from the step's name to its tick box
    tick = browser.switch_to.active_element
    assert tick.get_attribute("type") == "checkbox"
    tick.send_keys(Keys.SPACE)
    assert tick.is_selected()
    assert browser.find_element(*by(".step")).get_attribute("class").split().count("done") == 1
    first.send_keys(Keys.ENTER)  # the name opens the card
    assert browser.find_element(*by("#card h2")).text == first.text.lstrip("✓ ").strip()
    browser.execute_script("localStorage.clear()")
