"""Several simulated users and a group; hostile names and text stay text (on aiogram)."""

from __future__ import annotations

from playwright.async_api import Browser, Page, expect

from tests.webchat.conftest import BROWSER_LOOP, Shots, page_on, web_bot

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = "<script>window.pwned=1</script><b>not bold</b>"
GROUP = -1001000000001
INJECTED = "#messages img, #messages script, #messages .row.out b, #user-select img"

pytestmark = BROWSER_LOOP


async def send(page: Page, text: str) -> None:
    """Type a message and press Enter."""
    await page.locator("#input").fill(text)
    await page.locator("#input").press("Enter")


async def become(page: Page, user_id: int) -> None:
    """Pick a simulated user in the switcher."""
    await page.locator("#user-select").select_option(str(user_id))
    await expect(page.locator("#user-select")).to_have_value(str(user_id))


async def test_hostile_name_and_text_never_run(browser: Browser, db_url: str,
                                               shots: Shots) -> None:
    async with web_bot("aiogram", db_url) as (h, url), page_on(browser, url) as page:
        await page.locator("#add-user").click()
        await page.locator("#new-name").fill(HOSTILE)
        await page.locator("#new-ok").click()
        await expect(page.locator("#user-select")).to_have_value("10004")
        await page.locator("#start-btn").click()
        await expect(page.locator(".row.bot").first).to_contain_text(f"👋 {HOSTILE}，欢迎")
        await send(page, HOSTILE_TEXT)
        await expect(page.locator(".row.out", has_text=HOSTILE_TEXT)).to_be_visible()
        await expect(page.locator(".row.bot", has_text="没认出已知的诈骗套路")).to_be_visible()
        await shots.take(page, "hostile-name")
        assert await page.locator(INJECTED).count() == 0
        assert await page.evaluate("window.pwned === undefined")
        assert await h.rows("select count(*) from users where id=10004") == [(1,)]


async def test_switch_users_and_group_chat(browser: Browser, db_url: str, shots: Shots) -> None:
    async with web_bot("ptb", db_url) as (_h, url), page_on(browser, url) as page:
        await send(page, "/start")
        await expect(page.locator(".row.bot", has_text="访客，欢迎")).to_be_visible()

        await become(page, 10002)  # 王阿姨: her own chat, empty until she starts it
        await expect(page.locator("#messages .row")).to_have_count(0)
        await expect(page.locator("#start-bar")).to_be_visible()
        await page.locator("#start-btn").click()
        await expect(page.locator(".row.bot", has_text="王阿姨，欢迎")).to_be_visible()
        await shots.take(page, "second-user")

        await become(page, 10003)  # Alice speaks English
        await send(page, "/start")
        await expect(page.locator(".row.bot", has_text="Alice, welcome")).to_be_visible()
        await become(page, 10001)
        await expect(page.locator(".row.bot", has_text="访客，欢迎")).to_have_count(1)

        await page.locator(f'.chat-item[data-chat="{GROUP}"]').click()
        await expect(page.locator("#chat-title")).to_have_text("反诈学习群")
        await send(page, "大家好，今天有人自称客服让我退款")
        await become(page, 10003)  # still in the group, now as Alice
        others = page.locator(".row.in", has_text="自称客服")
        await expect(others.locator(".sender")).to_have_text("访客")
        await send(page, "/help")
        await expect(page.locator(".row.bot")).to_have_count(1)
        await shots.take(page, "group")
