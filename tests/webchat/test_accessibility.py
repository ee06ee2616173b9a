"""Accessibility of the web chat in real Chromium: axe-core finds no serious or critical
violation, text has 4.5:1 contrast and is 16 px or more, CJK is never slanted by a synthetic
italic, a "new messages" pill shows what arrived below, and a phone can switch user and chat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Browser, Page, expect

from bot.sandbox.web import GROUP_TITLE
from tests.webchat.conftest import (
    ARTIFACTS,
    BROWSER_LOOP,
    FIRST_USER,
    Shots,
    page_on,
    web_bot,
    web_only,
)
from tests.webchat.test_rendering import FakeBot
from tgemu import Emulator

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
SCAM = ("【市公安局】你的身份证涉嫌一起跨境洗钱案，请立即将名下全部资金转入我们指定的“安全账户”"
        "配合资金核查，否则明天冻结你所有银行卡。此案保密，不要告诉家人。")

# Contrast of every visible text element against the first opaque background behind it
# (WCAG relative luminance); translucent layers are blended over what lies below.
MEASURE = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g) || [0, 0, 0, 0];
    return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const blend = (top, under) =>
    top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
  const background = (node) => { const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.backgroundImage !== "none" && !layers.length) return null;  // a gradient: axe's job
      const c = parse(s.backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let base = [255, 255, 255];
    for (const c of layers.reverse()) base = blend(c, base);
    return base; };
  const out = [];
  for (const n of document.querySelectorAll("body *")) {
    const own = [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
    const box = n.getBoundingClientRect();
    if (!own || !box.width || !box.height || n.closest("[hidden], dialog:not([open])")) continue;
    const s = getComputedStyle(n);
    const bg = background(n);
    const fg = parse(s.color);
    const ratio = bg ? (() => { const a = lum(blend(fg, bg)), b = lum(bg);
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); })() : null;
    out.push({ selector: n.id ? `#${n.id}` : `${n.tagName.toLowerCase()}.${n.className}`,
      text: n.textContent.trim().slice(0, 24), size: parseFloat(s.fontSize), ratio,
      style: s.fontStyle, synthesis: s.fontSynthesisStyle || s.fontSynthesis });
  }
  return out;
}"""

pytestmark = BROWSER_LOOP


def axe_source() -> str:
    """axe-core's script, installed from the npm registry by scripts/webchat-deps."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): run `make webchat-deps` (npm ci in "
                    "tests/webchat; needs the npm Debian package from `make system-deps`).",
                    pytrace=False)
    return AXE.read_text(encoding="utf-8")


async def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.x A and AA rules)."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.add_script_tag(content=axe_source())
    result = await page.evaluate("""async () => {
      const r = await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}});
      return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
    }""")
    return list(result)


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the violations axe rates serious or critical."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]


async def measured(page: Page, step: str, report: dict[str, Any]) -> list[dict[str, Any]]:
    """Run axe and the contrast/size measure; keep both in the report; the measure's rows."""
    violations = await run_axe(page)
    rows: list[dict[str, Any]] = await page.evaluate(MEASURE)
    report[step] = {"violations": violations,
                    "min_contrast": min((r["ratio"] for r in rows if r["ratio"]), default=None),
                    "min_text_px": min((r["size"] for r in rows), default=None),
                    "bubble_text_px": sorted({r["size"] for r in rows
                                              if r["selector"].startswith("div.text")})}
    assert serious(violations) == [], json.dumps(violations, ensure_ascii=False, indent=1)
    return rows


def check_readable(rows: list[dict[str, Any]]) -> None:
    """4.5:1 for every measured text, 16 px bubble text, 13 px at least anywhere."""
    low = [r for r in rows if r["ratio"] is not None and r["ratio"] < 4.5]
    assert low == [], low
    small_body = [r for r in rows if r["selector"].startswith("div.text") and r["size"] < 16]
    assert small_body == [], small_body
    tiny = [r for r in rows if r["size"] < 13]
    assert tiny == [], tiny


async def test_axe_contrast_sizes_and_cjk_italic_on_a_desktop(
        browser: Browser, db_url: str, shots: Shots) -> None:
    report: dict[str, Any] = {}
    async with web_bot("ptb", db_url) as (_h, url), \
            page_on(browser, url, bypass_csp=True) as page:
        check_readable(await measured(page, "open", report))
        await shots.take(page, "open")
        await page.locator("#input").fill("/start")
        await page.locator("#input").press("Enter")
        await expect(page.get_by_role("button", name="老年人")).to_be_visible()
        check_readable(await measured(page, "start", report))
        await shots.take(page, "start")
        slogan = page.locator(".row.bot .text i").first  # the slogan: Chinese in <i>
        await expect(slogan).to_contain_text("96110")
        style = await slogan.evaluate("(n) => [getComputedStyle(n).fontStyle, "
                                      "getComputedStyle(n).fontSynthesisStyle]")
        assert style[0] == "normal" or style[1] == "none", style  # never a slanted CJK glyph
        await page.get_by_role("button", name="老年人").click()
        await expect(page.locator("#toast")).to_be_visible()
        await no_overlap(page, "#toast", "#messages .row")
        await shots.take(page, "toast")
        check_readable(await measured(page, "toast", report))
    (ARTIFACTS / "a11y-report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


async def no_overlap(page: Page, what: str, rows: str) -> None:
    """The element covers none of the visible rows."""
    box = await page.locator(what).bounding_box()
    assert box is not None
    for row in await page.locator(rows).all():
        other = await row.bounding_box()
        if other is None:
            continue
        apart = (box["x"] + box["width"] <= other["x"] or other["x"] + other["width"] <= box["x"]
                 or box["y"] + box["height"] <= other["y"]
                 or other["y"] + other["height"] <= box["y"])
        assert apart, (box, other)


async def test_phone_verdict_card_and_new_message_pill(
        browser: Browser, db_url: str, shots: Shots) -> None:
    async with web_bot("ptb", db_url) as (_h, url), \
            page_on(browser, url, PHONE, bypass_csp=True) as page:
        await page.locator("#input").fill(SCAM)
        await page.locator("#send").click()
        verdict = page.locator(".row.bot", has_text="冒充公检法").last
        await expect(verdict.get_by_role("button", name="了解这种骗局")).to_be_visible()
        await shots.take(page, "verdict")
        await verdict.get_by_role("button", name="了解这种骗局").click()
        card = page.locator(".row.bot", has_text="📘")
        await expect(card).to_be_visible()
        await expect(card).to_be_in_viewport()  # the card comes into view: the tap did something
        lines = await card.locator(".text").evaluate(
            "(n) => Math.round(n.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(n).lineHeight))")
        assert lines <= 8, lines
        for name in ("📰 真实案例", "🛡 怎么办", "做一轮相关测验"):
            await expect(card.get_by_role("button", name=name)).to_be_visible()
        await shots.take(page, "card")
        report: dict[str, Any] = {}
        check_readable(await measured(page, "phone-card", report))

        pill = page.locator("#new-messages")
        await expect(pill).to_be_hidden()
        # scrolled back up to reread, the reader taps (a click that does not scroll the page)
        await card.get_by_role("button", name="📰 真实案例").evaluate(
            "(b) => { b.closest('#messages').scrollTop = 0; b.click(); }")
        await expect(page.locator(".row.bot", has_text="真实案例：")).to_have_count(1)
        await expect(pill).to_be_visible()
        await expect(pill).to_contain_text("新消息")
        await shots.take(page, "new-messages")
        await pill.click()
        await expect(page.locator(".row.bot", has_text="真实案例：")).to_be_in_viewport()
        await expect(pill).to_be_hidden()
        await shots.take(page, "after-pill")


async def test_new_message_pill_when_scrolled_up(browser: Browser, shots: Shots) -> None:
    async with web_only() as (emu, url), aiohttp.ClientSession() as session, \
            page_on(browser, url, PHONE) as page:
        bot = FakeBot(emu, session)
        for n in range(30):
            await bot.call("sendMessage", chat_id=FIRST_USER, text=f"第 {n} 条 message {n}")
        await expect(page.locator("#messages .row")).to_have_count(30)
        await page.locator("#messages").evaluate("(n) => { n.scrollTop = 0; }")
        await bot.call("sendMessage", chat_id=FIRST_USER, text="最新的一条 the newest")
        pill = page.locator("#new-messages")
        await expect(pill).to_be_visible()
        await expect(page.locator(".row", has_text="the newest")).not_to_be_in_viewport()
        await shots.take(page, "pill")
        await pill.click()
        await expect(page.locator(".row", has_text="the newest")).to_be_in_viewport()
        await expect(pill).to_be_hidden()


async def test_phone_switches_user_and_opens_the_group(
        browser: Browser, shots: Shots) -> None:
    async with web_only() as (emu, url), page_on(browser, url, PHONE, bypass_csp=True) as page:
        await switch_on_a_phone(page, emu, shots)


async def switch_on_a_phone(page: Page, emu: Emulator, shots: Shots) -> None:
    """Open the drawer, pick another user, then the group; each step on screen."""
    await expect(page.locator("#sidebar")).to_be_hidden()
    toggle = page.get_by_role("button", name="用户和聊天")
    await expect(toggle).to_be_visible()
    await shots.take(page, "phone")
    await toggle.click()
    await expect(page.locator("#sidebar")).to_be_visible()
    assert serious(await run_axe(page)) == []
    await shots.take(page, "drawer")
    second = emu.state.users[FIRST_USER + 1].first_name
    await page.locator("#user-select").select_option(str(FIRST_USER + 1))
    await expect(page.locator("#user-select")).to_have_value(str(FIRST_USER + 1))
    await page.locator(".chat-item", has_text=GROUP_TITLE).click()
    await expect(page.locator("#sidebar")).to_be_hidden()
    await expect(page.locator("#chat-title")).to_have_text(GROUP_TITLE)
    await page.locator("#input").fill("大家好")
    await page.locator("#input").press("Enter")
    sent = page.locator(".row.out", has_text="大家好")
    await expect(sent).to_be_visible()
    await shots.take(page, "group")
    assert second
