"""A newcomer in the browser: /start, audience, a whole quiz round by clicking, the summary."""

from __future__ import annotations

import re

from playwright.async_api import Browser, expect

from tests.webchat.conftest import BROWSER_LOOP, FIRST_USER, Shots, page_on, web_bot

FEEDBACK = re.compile("你选了：.*(回答正确|正确答案|判断正确|判断错了|拿不准很正常)", re.S)
FALLBACK = "点下面的按钮开始吧"
SCAM = (
    "【市公安局】您好，我是刑侦支队民警。你的身份证涉嫌一起跨境洗钱案，已被列为嫌疑人。\n"
    "请立即将名下全部资金转入我们指定的“安全账户”配合资金核查，否则明天冻结你所有银行卡。\n"
    "此案保密，不要告诉家人。核查编号：GA-2024-0917"
)

pytestmark = BROWSER_LOOP


async def test_start_audience_quiz_round_and_summary(
        browser: Browser, db_url: str, shots: Shots) -> None:
    async with web_bot("ptb", db_url) as (h, url), page_on(browser, url) as page:
        await shots.take(page, "open")
        await expect(page.locator("#start-bar")).to_be_visible()
        await page.locator("#input").fill("/start")
        await page.locator("#input").press("Enter")
        await expect(page.locator(".row.bot", has_text="欢迎来到反诈答题")).to_be_visible()
        await expect(page.locator(".row.bot b", has_text="反诈答题")).to_be_visible()  # <b>
        question = page.locator(".row.bot", has_text="请问你是")
        ask = page.locator(f'.row[data-mid="{await question.get_attribute("data-mid")}"]')
        await shots.take(page, "start")

        await ask.get_by_role("button", name="老年人").click()
        await expect(ask).to_contain_text("已记下")  # the same bubble, edited in place
        await expect(ask.locator(".meta")).to_contain_text("edited")
        await expect(page.locator("#toast")).to_be_visible()  # answerCallbackQuery text
        await shots.take(page, "audience")
        assert await h.rows(f"select audience from users where id={FIRST_USER}") == [("elderly",)]

        await page.get_by_role("button", name="开始答题").last.click()
        question = page.locator(".row.bot", has_text="第 1/5 题")
        await expect(question).to_be_visible()
        await shots.take(page, "question-1")
        for number in range(1, 6):
            # Each question is its own bubble; answered ones stay readable above the next.
            row = page.locator(".row.bot", has_text=f"第 {number}/5 题").last
            await row.locator(".keyboard .key").nth(number % 2).click()
            await expect(row).to_contain_text(FEEDBACK)
            await expect(row).to_contain_text("💡")
            await shots.take(page, f"answer-{number}")
            label = "下一题 ▶" if number < 5 else "查看成绩 📊"
            await row.get_by_role("button", name=label).click()
            await expect(row.get_by_role("button", name=label)).to_have_count(0)
        summary = page.locator(".row.bot", has_text="本轮结束")
        await expect(summary).to_be_visible()
        await expect(summary.get_by_role("button", name="再来一轮")).to_be_visible()
        await shots.take(page, "summary")

        rounds = await h.rows(f"select status from rounds where user_id={FIRST_USER}")
        answers = await h.rows(f"select count(*) from answers where user_id={FIRST_USER}")
        assert rounds == [("finished",)] and answers == [(5,)]


async def test_pasted_scam_message_gets_a_verdict(
        browser: Browser, db_url: str, shots: Shots) -> None:
    async with web_bot("ptb", db_url) as (_h, url), page_on(browser, url) as page:
        await page.locator("#input").fill(SCAM)  # as pasted: several lines at once
        await page.locator("#send").click()
        sent = page.locator(".row.out", has_text="安全账户")
        await expect(sent).to_be_visible()
        verdict = page.locator(".row.out:has-text('安全账户') ~ .row.bot").last
        await expect(verdict).to_be_visible(timeout=10_000)
        await expect(verdict).not_to_contain_text(FALLBACK)
        await expect(verdict).to_contain_text("这很可能是诈骗：冒充公检法")
        await expect(verdict).to_contain_text("“安全账户”")
        await expect(verdict.locator("button", has_text="了解这种骗局")).to_be_visible()
        await shots.take(page, "verdict")
