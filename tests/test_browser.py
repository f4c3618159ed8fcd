"""The chat page in a real chromium with the real default model: an example question streams a cited answer,
a crisis message raises the banner, HTML typed by the user is shown as text, nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import free_port
from ui.app import build_app, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting", "ignore:The copy keyword"),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CONFLICT = "How do we handle unresolved conflict?"
CRISIS = "Since she left I don't want to be alive anymore"


@pytest.fixture(scope="module")
def page_url(indexed_settings, embedder) -> Iterator[str]:
    """The page on a free loopback port with the real default model."""
    from coach.service import build_coach

    app = build_app(build_coach(indexed_settings, embedder=embedder))
    yield serve(app, indexed_settings.model_copy(update={"port": free_port()}), block=False)
    app.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (`make browser`) to run these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, page_url):
    """A fresh tab on the page, recording the host of every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.hosts = set()
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).hostname))
    page.goto(page_url)
    page.wait_for_selector("#chat")
    yield page
    assert page.hosts <= LOOPBACK, f"the page fetched from {page.hosts - LOOPBACK}"
    context.close()


def send(page, message: str) -> None:
    box = page.locator("#message textarea")
    box.fill(message)
    box.press("Enter")


def wait_for_reply(page, count: int) -> None:
    """Until the coach has finished its `count`-th reply (no typing mark left)."""
    page.wait_for_function(
        "n => { const r = document.querySelectorAll('#chat .reply');"
        " return r.length >= n && !document.querySelector('#chat .typing'); }",
        arg=count,
        timeout=90_000,
    )


def test_example_question_streams_a_cited_answer_beside_its_sources(page):
    page.get_by_role("button", name=CONFLICT).click()
    page.wait_for_selector("#chat .typing", timeout=10_000)  # the reply is on its way, shown as it streams
    wait_for_reply(page, 1)
    sources = page.locator("#sources")
    assert "Address Unresolved Conflicts" in sources.inner_text()
    assert sources.locator(".source").count() >= 1
    reply = page.locator("#chat .reply").last.inner_text()
    assert len(reply.split()) >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)

    send(page, '<b>hi</b><img src=x onerror="window.pwned=1"><script>window.pwned=2</script> How to listen?')
    wait_for_reply(page, 2)
    assert page.evaluate("window.pwned") is None
    assert "<b>hi</b><img src=x" in page.locator("#chat .said").last.inner_text()


def test_the_crisis_resources_are_one_click_away_before_anything_is_typed(page):
    help_now = page.locator("#help-now details.help-now")
    help_now.locator("summary").click()
    assert help_now.locator('a[href="tel:988"]').is_visible()


def test_crisis_message_raises_the_banner_until_a_new_conversation(page):
    send(page, CRISIS)
    banner = page.locator("#safety-banner .banner.crisis")
    banner.wait_for(timeout=60_000)
    wait_for_reply(page, 1)
    assert "988" in banner.inner_text()
    assert banner.locator('a[href="tel:988"]').count() == 1
    assert banner.locator('a[href^="sms:"]').count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "crisis.png"), full_page=True)

    send(page, CONFLICT)
    wait_for_reply(page, 2)
    assert banner.is_visible(), "the banner stays for the rest of the conversation"
    page.get_by_role("button", name="New conversation").click()
    banner.wait_for(state="detached", timeout=10_000)
    assert page.locator("#chat .said").count() == 0
