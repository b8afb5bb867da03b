"""Browser tests: Debian's Chromium driven by Playwright against `live_server`, on the demo
region, with axe-core (WCAG 2.1 A/AA) run on every page a test visits."""

import io
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}


@pytest.fixture
def demo(transactional_db):
    """The demo region of `make run`, loaded into the test database."""
    call_command("seed_demo", stdout=io.StringIO())


CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`csp-violation ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));"""


class A11y:
    """Runs axe on a page and remembers which URLs were checked; at the end of the test every
    URL the page navigated to must have been checked (a test cannot skip a page)."""

    def __init__(self, page):
        self.page = page
        self.axe = Axe()
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.csp_violations: list[str] = []
        page.on("framenavigated", self._navigated)
        # quality.md: no page breaks the Content Security Policy (an inline script or style,
        # eval, a foreign source). Chromium reports each violation on the console.
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "csp-violation" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def _navigated(self, frame):
        if frame == self.page.main_frame and frame.url.startswith("http"):
            self.visited.append(frame.url.split("#")[0])

    def check(self, page=None):
        page = page or self.page
        page.wait_for_load_state()
        # an HTMX request still in flight (a tab, a sort) swaps and pushes its URL later: axe
        # would check the page before it, and the URL would count as visited, not checked
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"
        self.checked.add(page.url.split("#")[0])

    def assert_all_checked(self):
        assert not self.csp_violations, "CSP violations:\n" + "\n".join(self.csp_violations)
        missing = [url for url in dict.fromkeys(self.visited) if url not in self.checked]
        assert not missing, f"pages visited without an axe check: {missing}"


@pytest.fixture
def a11y(page):
    checker = A11y(page)
    yield checker
    checker.assert_all_checked()


@pytest.fixture
def login(page, live_server, a11y):
    """login("audionom") → logs in through the login form; the login page is axe-checked."""

    def do(username, password="demo"):
        page.goto(f"{live_server.url}/logga-in/")
        a11y.check()
        page.get_by_label("RS-id").fill(username)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")
        a11y.check()
        return page

    return do
