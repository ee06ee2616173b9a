"""Browser tests: real Chromium (Debian's package, driven by Playwright) on the web chat."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Dialog, Page, async_playwright

from bot.config import Framework
from bot.sandbox.web import seed
from tests.e2e.harness import Harness, running
from tgemu import Emulator
from tgemu.webchat import WebChat

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "webchat"
CANDIDATES = ("chromium", "chromium-browser", "/usr/lib/chromium/chromium")
FIRST_USER = 10001
VIEWPORT = {"width": 1100, "height": 760}
BROWSER_LOOP = pytest.mark.asyncio(loop_scope="module")  # the `browser` fixture's loop


def chromium_path() -> str:
    """The system Chromium (CHROMIUM_PATH overrides); fails loudly, never skips, if missing."""
    given = os.environ.get("CHROMIUM_PATH")
    for name in ((given,) if given else CANDIDATES):
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    pytest.fail(
        "Chromium not found: the browser tests need Debian's chromium package. Install it with "
        "`make system-deps` (as root; it reads system-packages.txt) or point CHROMIUM_PATH at a "
        "Chromium binary. Playwright's own browser downloads are not used.",
        pytrace=False,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Browser]:
    """A headless system Chromium, one per module (starting it is a test's slowest step); each
    test opens its own context (page_on), so no cookies, storage or tabs carry over. A module
    that uses it runs its tests on the module's event loop (BROWSER_LOOP)."""
    executable = chromium_path()
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=executable, headless=True)
        yield chromium
        await chromium.close()


class Shots:
    """Screenshots of one test, numbered in order, under artifacts/webchat/<test>/."""

    def __init__(self, test_name: str) -> None:
        """Start an empty folder for this test."""
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test_name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    async def take(self, page: Page, step: str) -> Path:
        """Save the page as NN-step.png."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        await page.screenshot(path=str(path))
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """The screenshot folder of the running test."""
    return Shots(request.node.name)


@asynccontextmanager
async def page_on(browser: Browser, url: str, viewport: dict[str, int] | None = None,
                  bypass_csp: bool = False) -> AsyncIterator[Page]:
    """A fresh tab on the web chat; fails the test on any script error or native dialog.
    bypass_csp lets a test inject axe-core, which the page's own policy would refuse."""
    context = await browser.new_context(viewport=viewport or VIEWPORT,  # type: ignore[arg-type]
                                        locale="zh-CN", bypass_csp=bypass_csp)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"script error: {exc}"))

    async def refuse(dialog: Dialog) -> None:
        errors.append(f"native dialog: {dialog.message}")
        await dialog.dismiss()

    page.on("dialog", refuse)
    await page.goto(url)
    await page.locator("#connection.live").wait_for()
    yield page
    await context.close()
    assert errors == [], errors


@asynccontextmanager
async def web_bot(framework: Framework, db_url: str) -> AsyncIterator[tuple[Harness, str]]:
    """The real bot on a fresh emulator (as in the e2e tests), the sandbox's users, the page."""
    async with running(framework, db_url) as h:
        seed(h.emu, FIRST_USER, "zh-hans")
        chat = WebChat(h.emu)
        url = await chat.start("127.0.0.1", 0)
        try:
            yield h, url
        finally:
            await chat.stop()


@asynccontextmanager
async def web_only() -> AsyncIterator[tuple[Emulator, str]]:
    """An emulator with the page and no bot: the test plays the bot over the Bot API."""
    emu = Emulator(bot_username="antifraud_test_bot", bot_first_name="Test bot")
    await emu.start()
    seed(emu, FIRST_USER, "zh-hans")
    chat = WebChat(emu)
    url = await chat.start("127.0.0.1", 0)
    try:
        yield emu, url
    finally:
        await chat.stop()
        await emu.stop()
