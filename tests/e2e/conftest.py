"""Browser tests: Debian's Chromium driven by Playwright, every page checked with axe-core.

Every page a test's browser loads must be checked with `page.assert_accessible()`; a page
left unchecked fails the test at teardown, so no page slips past axe-core.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
SKIP_VARIABLE = "FRONTDOOR_SKIP_BROWSER_TESTS"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"browser tests skipped because {SKIP_VARIABLE}=1 was set")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing at {AXE_SCRIPT}: run `make setup`")
    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests
    # make between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


_SCRIPT_TAG = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


class CheckedPage:
    """A Playwright page that counts the documents it loads and which were checked.

    Chromium runs no timers in a page with JavaScript switched off, so axe-core cannot run
    there. For such a page, its HTML (scripts removed, so it stays exactly what a reader
    without JavaScript gets) is served at the same address to a second page that has
    JavaScript, and axe-core checks that.
    """

    def __init__(self, page, base_url: str, checker_factory=None):
        self._page = page
        self.base_url = base_url
        self._checker_factory = checker_factory
        self.loads = 0
        self.checked = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def __getattr__(self, name):
        return getattr(self._page, name)

    def visit(self, path: str):
        response = self._page.goto(self.base_url + path)
        self.assert_accessible()
        return response

    def assert_accessible(self):
        """Run axe-core on the current page; any WCAG 2.2 A or AA violation fails the test."""
        self._page.wait_for_load_state("load")
        target = self._page
        if self._checker_factory is not None:
            target = self._checker_factory()
            html = _SCRIPT_TAG.sub("", self._page.content())
            url = self._page.url
            target.route(
                url,
                lambda route: route.fulfill(
                    status=200, content_type="text/html; charset=utf-8", body=html
                ),
            )
            target.goto(url)
            target.unroute(url)
        results = target.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        self.checked = self.loads
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results["violations"]
        ]
        assert not problems, f"axe-core found on {self._page.url}:\n" + "\n".join(problems)


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a fresh browser context: desktop or phone, with or without JavaScript."""
    contexts = []
    pages: list[CheckedPage] = []
    checkers = {}

    def checker(viewport):
        if viewport not in checkers:
            context = browser.new_context(viewport=VIEWPORTS[viewport])
            context.add_init_script(path=str(AXE_SCRIPT))
            contexts.append(context)
            checkers[viewport] = context.new_page()
        return checkers[viewport]

    def open_(*, viewport: str = "desktop", javascript: bool = True) -> CheckedPage:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            java_script_enabled=javascript,
            is_mobile=viewport == "phone",
        )
        context.set_default_timeout(10_000)
        context.add_init_script(path=str(AXE_SCRIPT))
        contexts.append(context)
        page = CheckedPage(
            context.new_page(), live_server.url, None if javascript else (lambda: checker(viewport))
        )
        pages.append(page)
        return page

    yield open_
    unchecked = [page.url for page in pages if page.checked < page.loads]
    for context in contexts:
        context.close()
    assert not unchecked, f"pages loaded but never checked with axe-core: {unchecked}"


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def staff_sign_in():
    """Sign a member of staff in as a person would: username and password, then the code
    from their authenticator app (set up on the spot if they have none yet)."""
    from django.contrib.auth import get_user_model

    from frontdoor.accounts.tests.factories import totp_code

    def sign_in(page, username: str, password: str, *, next_url: str = ""):
        page.visit("/staff/sign-in/" + (f"?next={next_url}" if next_url else ""))
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.assert_accessible()
        user = get_user_model().objects.get(username=username)
        page.get_by_label("Code from your authenticator app").fill(totp_code(user))
        page.locator("main form button[type=submit]").click()
        page.assert_accessible()

    return sign_in
