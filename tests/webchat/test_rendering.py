"""What the page draws for each kind of bot output; the test plays the bot over the Bot API."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest_asyncio
from PIL import Image
from playwright.async_api import Browser, Page, expect

from tests.webchat.conftest import BROWSER_LOOP, FIRST_USER, Shots, page_on, web_only
from tgemu import Emulator

TOKEN = "123456:TEST-token_secret"
RICH = (
    "<b>bold</b> <i>italic</i> <u>under</u> <s>struck</s> <code>x = 1</code> "
    "<tg-spoiler>secret</tg-spoiler> <a href=\"https://example.org/case\">case</a> "
    "<a href=\"javascript:alert(1)\">bad link</a>\n"
    "<pre><code class=\"language-python\">print('hi')</code></pre>"
    "<blockquote>quoted &lt;img src=x onerror=alert(1)&gt;</blockquote>"
)
KEYS = {"inline_keyboard": [[{"text": "Press me", "callback_data": "p"},
                             {"text": "Open site", "url": "https://example.org/"}]]}

pytestmark = BROWSER_LOOP


class FakeBot:
    """Bot API calls from the test, as a bot would make them."""

    def __init__(self, emu: Emulator, session: aiohttp.ClientSession) -> None:
        self.emu, self.session, self.offset = emu, session, 0

    async def call(self, method: str, data: Any = None, **params: Any) -> Any:
        url = f"{self.emu.base_url}/bot{TOKEN}/{method}"
        async with self.session.post(url, data=data, json=None if data else params) as resp:
            body = await resp.json()
        assert body["ok"], body
        return body["result"]

    async def next_query(self) -> dict[str, Any]:
        """The next callback_query the user made on the page."""
        updates = await self.call("getUpdates", offset=self.offset, timeout=5)
        self.offset = updates[-1]["update_id"] + 1
        return dict(updates[-1]["callback_query"])


@pytest_asyncio.fixture(loop_scope="module")  # the tests' loop (BROWSER_LOOP)
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


def png() -> bytes:
    """A small real PNG."""
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (51, 144, 236)).save(out, "PNG")
    return out.getvalue()


async def check_formatting(page: Page) -> None:
    text = page.locator(".row.bot .text").first
    for tag, inner in (("b", "bold"), ("i", "italic"), ("u", "under"), ("s", "struck"),
                       ("code", "x = 1"), (".spoiler", "secret"), ("pre code", "print('hi')")):
        await expect(text.locator(tag).first).to_have_text(inner)
    await expect(text.locator("pre code")).to_have_attribute("data-language", "python")
    link = text.locator("a.link")
    await expect(link).to_have_attribute("href", "https://example.org/case")
    await expect(link).to_have_attribute("target", "_blank")
    await expect(text.locator(".link-refused")).to_have_text("bad link")  # javascript: refused
    await expect(text.locator("blockquote")).to_have_text("quoted <img src=x onerror=alert(1)>")
    assert await page.locator("#messages img").count() == 0
    await expect(page.get_by_role("link", name="Open site")).to_have_attribute(
        "href", "https://example.org/")


async def test_formatting_keyboards_toasts_polls_files(
        browser: Browser, session: aiohttp.ClientSession, shots: Shots) -> None:
    async with web_only() as (emu, url), page_on(browser, url) as page:
        bot = FakeBot(emu, session)
        sent = await bot.call("sendMessage", chat_id=FIRST_USER, text=RICH, parse_mode="HTML",
                              reply_markup=KEYS)
        await check_formatting(page)
        await shots.take(page, "formatting")

        await page.get_by_role("button", name="Press me").click()
        query = await bot.next_query()
        assert query["data"] == "p" and query["from"]["id"] == FIRST_USER
        await bot.call("answerCallbackQuery", callback_query_id=query["id"], text="Saved ✓")
        await expect(page.locator("#toast")).to_have_text("Saved ✓")
        await page.get_by_role("button", name="Press me").click()
        query = await bot.next_query()
        await bot.call("answerCallbackQuery", callback_query_id=query["id"],
                       text="Careful: this is an alert", show_alert=True)
        await expect(page.locator("#alert")).to_be_visible()
        await expect(page.locator("#alert-text")).to_have_text("Careful: this is an alert")
        await shots.take(page, "alert")
        await page.locator("#alert-ok").click()

        mid = sent["message_id"]
        await bot.call("sendChatAction", chat_id=FIRST_USER, action="typing")
        await expect(page.locator("#chat-status")).to_contain_text("typing")
        await bot.call("editMessageText", chat_id=FIRST_USER, message_id=mid,
                       text="<b>Edited</b> in place", parse_mode="HTML")
        row = page.locator(f'.row[data-mid="{mid}"]')
        await expect(row.locator(".text")).to_have_text("Edited in place")
        await expect(row.locator(".meta")).to_contain_text("edited")
        await expect(row.locator(".keyboard")).to_have_count(0)  # the edit dropped the keys
        await expect(page.locator("#messages .row")).to_have_count(1)

        await bot.call("sendPoll", chat_id=FIRST_USER, question="Which one is the scam?",
                       options=json.dumps(["A parcel photo", "A 'safe account' transfer"]),
                       type="quiz", correct_option_ids=json.dumps([1]),
                       explanation="<b>Police</b> never ask you to move money",
                       explanation_parse_mode="HTML", is_anonymous=False)
        await page.get_by_role("button", name="A parcel photo").click()
        poll = page.locator(".poll")
        await expect(poll.locator(".poll-explanation")).to_contain_text("never ask you")
        await expect(poll.locator(".poll-result").nth(0)).to_contain_text("❌")
        await expect(poll.locator(".poll-result").nth(1)).to_contain_text("✅")
        await expect(poll.locator(".poll-footer")).to_contain_text("1")
        votes = [p.votes for p in emu.state.polls.values()]
        assert votes == [{FIRST_USER: [0]}]

        form = aiohttp.FormData({"chat_id": str(FIRST_USER), "caption": "Poster"})
        form.add_field("document", png(), filename="poster.png", content_type="image/png")
        await bot.call("sendDocument", data=form)
        image = page.locator("img.photo")
        await expect(image).to_be_visible()
        assert await image.evaluate("img => img.complete && img.naturalWidth") == 120
        await shots.take(page, "poll-and-image")

        await bot.call("deleteMessage", chat_id=FIRST_USER, message_id=mid)
        await expect(row).to_have_count(0)
