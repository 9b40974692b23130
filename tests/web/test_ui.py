"""The desk's pages in headless Chromium (Debian's package, driven by Playwright).

Screenshots go to ``$WIRETRACE_TEST_OUTPUT/ui`` (default ``test-output/ui``). Skipped,
loudly, when no Chromium is installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.server import HOSTILE_TEXT, TOKEN, Server, run_server

CHROMIUM = os.environ.get("WIRETRACE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("WIRETRACE_TEST_OUTPUT", "test-output")) / "ui"
HOSTILE_ID = "https://news.example/2026/03/ferry?ref=a b"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(
            f"!!! UI TESTS SKIPPED: no Chromium at {CHROMIUM} "
            "(apt-get install chromium, or set WIRETRACE_CHROMIUM) !!!"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Page:
    """A browser page that records console errors, page errors and dialogs."""

    def __init__(self, browser: Any, server: Server, *, width: int = 1280) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def open(self, path: str) -> Any:
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("load")
        return self.page

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        self.context.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Page]:
    opened = Page(browser, server)
    yield opened
    opened.close()


def _main_story(page: Page) -> str:
    p = page.open("/?sort=-size")
    href = p.locator("table.stories tbody tr a").first.get_attribute("href")
    assert href and href.startswith("/stories/")
    return str(href)


def test_story_list_loads_filters_and_draws_sparklines(page: Page) -> None:
    p = page.open("/")
    assert p.locator("table.stories tbody tr").count() >= 4
    assert p.locator("svg.spark polyline").count() >= 1
    page.shot("stories")
    p.fill("input[name=q]", "solvent leak")
    p.click("form.filters button")
    p.wait_for_load_state("load")
    rows = p.locator("table.stories tbody tr")
    assert rows.count() == 1 and "Chemical leak" in rows.first.inner_text()
    p = page.open("/?since=2026-03-05&until=2026-03-31")
    assert "Chemical leak" not in p.locator("main").inner_text()
    p = page.open("/?outlet=" + quote("Valley Courier"))
    assert p.locator("table.stories tbody tr").count() == 1


def test_story_page_draws_the_graph_and_the_change_summary(page: Page) -> None:
    p = page.open(_main_story(page))
    graph = p.locator("svg#graph")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    assert p.locator("svg#graph a.node").count() == 6
    assert p.locator("svg#graph a.edge").count() == 5
    assert p.locator("svg#graph a.node.role-earliest").count() == 1
    label = p.locator("svg#graph a.edge text").first.text_content() or ""
    assert "·" in label and any(ch.isdigit() for ch in label)  # kind · confidence
    assert p.locator("table.changes tbody tr").count() > 3
    assert p.locator("ul.claims li").count() >= 1
    assert p.locator("table.quotes tbody tr").count() >= 1
    assert p.locator("details.edge-detail").count() == 5
    page.shot("story")


def test_an_edge_click_opens_the_side_by_side_view(page: Page) -> None:
    p = page.open(_main_story(page))
    p.locator("svg#graph a.edge").first.click()
    p.wait_for_url("**/compare?*")
    p.wait_for_load_state("load")
    assert p.locator(".sbs-row").count() > 3
    assert p.locator(".sbs-row.aligned").count() >= 1
    marks = p.locator("#sbs mark[data-kinds]")
    assert marks.count() >= 1
    page.shot("compare")
    kind = marks.first.get_attribute("data-kinds").split()[0]
    for box in p.locator("#kind-filter input").all():
        if box.get_attribute("value") != kind:
            box.uncheck()
    p.locator(f"#kind-filter input[value={kind}]").uncheck()
    assert p.locator("#sbs mark.off").count() == marks.count()  # the filter hides them all
    assert p.locator("#findings tr.hidden").count() == p.locator("#findings tr[data-kind]").count()


def test_keyboard_reaches_and_opens_an_edge(page: Page) -> None:
    p = page.open(_main_story(page))
    for _ in range(40):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement?.classList.contains('edge') ?? false"):
            break
    else:
        raise AssertionError("no edge of the graph is reachable by Tab")
    p.keyboard.press("Enter")
    p.wait_for_url("**/compare?*")


def test_paste_form_compares_two_texts(page: Page) -> None:
    p = page.open("/paste")
    page.shot("paste")
    p.fill("#a", "Police said 12 people were hurt in the crash on Monday. The road reopened.")
    p.fill("#b", "Police said 21 people were hurt in the crash on Monday. The road reopened.")
    p.click("form.paste button")
    p.wait_for_load_state("load")
    assert "number changed" in p.locator("#findings").inner_text()


def test_article_page_and_narrow_screen(browser: Any, server: Server) -> None:
    narrow = Page(browser, server, width=390)
    try:
        p = narrow.open("/articles/demo-wire")
        assert "Continental Press Wire" in p.locator("dl.info").inner_text()
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= 400  # no sideways scrolling of the page itself
        narrow.shot("article-narrow")
        p = narrow.open(_main_story(narrow))
        narrow.shot("story-narrow")
        p.locator("svg#graph a.edge").first.click()
        p.wait_for_url("**/compare?*")
        assert p.evaluate("document.documentElement.scrollWidth") <= 400
        narrow.shot("compare-narrow")
    finally:
        narrow.close()


def test_hostile_text_is_shown_never_run(page: Page) -> None:
    p = page.open("/articles/" + quote(HOSTILE_ID, safe=""))
    text = p.locator(".article-text").inner_text()
    assert "<script>" in text and "onerror=" in text
    assert "<script>" in p.locator("h1").inner_text()
    assert p.title() != "pwned" and p.locator("main img").count() == 0
    page.shot("hostile-article")
    story = p.locator("dl.info a").first.get_attribute("href")
    p = page.open(str(story))
    assert p.title() != "pwned"
    assert p.locator("svg#graph b, main b[onmouseover]").count() == 0
    p = page.open("/paste")
    p.fill("#a", HOSTILE_TEXT)
    p.fill("#b", HOSTILE_TEXT.replace("40 crossings", "60 crossings"))
    p.click("form.paste button")
    p.wait_for_load_state("load")
    assert p.title() != "pwned" and p.locator("#sbs img, #sbs script").count() == 0
    assert "<script>" in p.locator("#sbs").inner_text()
    page.shot("hostile-compare")
    p = page.open("/?q=" + quote("<script>alert(1)</script>"))
    assert p.locator("input[name=q]").input_value() == "<script>alert(1)</script>"


def test_api_docs_render_under_the_csp(page: Page) -> None:
    p = page.open("/docs")
    p.wait_for_selector(".opblock", timeout=30_000)
    assert p.locator(".opblock").count() >= 7
    page.shot("docs")


def test_error_pages_are_pages(page: Page) -> None:
    response = page.page.goto(page.server.url + "/stories/s9999")
    assert response is not None and response.status == 404
    assert "no story" in page.page.locator("main").inner_text()
    page.errors.clear()  # the browser logs the 404 status itself


def test_read_token_desk_works_in_a_browser_after_signing_in(
    browser: Any, seeded_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "locked.db"
    db.write_bytes(seeded_db.read_bytes())
    env = {"WIRETRACE_TOKEN": TOKEN, "WIRETRACE_READ_TOKEN": "reader-token"}
    with run_server(db, env=env) as locked:
        page = Page(browser, locked)
        try:
            p = page.page
            p.goto(locked.url + "/?sort=-size")  # sent to the login form
            p.wait_for_url("**/login?next=*")
            page.shot("login")
            p.fill("#token", "wrong")
            p.click("form.login button")
            p.wait_for_load_state("load")
            assert "not right" in p.locator(".problem").inner_text()
            page.errors.clear()  # the browser logs the 401 of the refused form itself
            p.fill("#token", "reader-token")
            p.click("form.login button")
            p.wait_for_url("**/?sort=-size")
            story = p.locator("table.stories tbody tr a").first.get_attribute("href")
            assert story and story.startswith("/stories/")
            p = page.open(story)
            assert p.locator("svg#graph a.edge").count() == 5
            p.locator("svg#graph a.edge").first.click()
            p.wait_for_url("**/compare?*")
            assert p.locator(".sbs-row").count() > 3
            p = page.open("/paste")
            p.fill("#a", "Police said 12 people were hurt in the crash on Monday.")
            p.fill("#b", "Police said 21 people were hurt in the crash on Monday.")
            p.click("form.paste button")
            p.wait_for_load_state("load")
            assert "number changed" in p.locator("#findings").inner_text()
            p = page.open("/docs")
            p.wait_for_selector(".opblock", timeout=30_000)
            # the page's own requests carry the session; its scripts cannot read it
            status = p.evaluate("fetch('/api/v1/stories?limit=1').then(r => r.status)")
            assert status == 200
            assert p.evaluate("document.cookie") == ""
            (cookie,) = page.context.cookies()
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
            assert "reader-token" not in cookie["value"]
            # signing out ends the session
            p = page.open("/")
            p.click("form.signout button")
            p.wait_for_url("**/login")
            assert page.context.cookies() == []
            p.goto(locked.url + str(story))
            p.wait_for_url("**/login?next=*")
        finally:
            page.close()
