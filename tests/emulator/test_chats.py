"""Group administrators (getChatMember, getChatAdministrators) and sendPhoto uploads."""

from __future__ import annotations

import io

import aiohttp
from PIL import Image

from tests.emulator.conftest import TOKEN, Call
from tgemu import Emulator


async def test_chat_member_status_follows_the_sim(call: Call, emu: Emulator) -> None:
    group = emu.group(-100200, "反诈群")
    boss, member = emu.user(11, "Boss"), emu.user(12, "Member")
    group.make_admin(boss)
    _, body = await call("getChatMember", chat_id=-100200, user_id=11)
    assert body["result"]["status"] == "administrator"
    assert body["result"]["can_manage_chat"] is True
    _, body = await call("getChatMember", chat_id=-100200, user_id=member.id)
    assert body["result"]["status"] == "member"
    group.make_admin(member, creator=True)
    group.remove_admin(boss)
    _, body = await call("getChatAdministrators", chat_id=-100200)
    assert [(m["status"], m["user"]["id"]) for m in body["result"]] == [("creator", 12)]


async def test_unknown_member_is_a_bad_request(call: Call, emu: Emulator) -> None:
    emu.group(-100201, "g")
    status, body = await call("getChatMember", chat_id=-100201, user_id=999)
    assert status == 400 and "user not found" in body["description"]
    assert [v.method for v in emu.violations] == ["getChatMember"]
    emu.violations.clear()


async def test_send_photo_upload_is_stored_with_caption(emu: Emulator) -> None:
    user = emu.user(21)
    buf = io.BytesIO()
    Image.new("RGB", (320, 200), "red").save(buf, "PNG")
    form = aiohttp.FormData()
    form.add_field("chat_id", "21")
    form.add_field("caption", "<b>证书</b>")
    form.add_field("parse_mode", "HTML")
    form.add_field("photo", buf.getvalue(), filename="cert.png", content_type="image/png")
    url = f"{emu.base_url}/bot{TOKEN}/sendPhoto"
    async with aiohttp.ClientSession() as http, http.post(url, data=form) as resp:
        body = await resp.json()
    assert body["ok"], body
    assert body["result"]["caption"] == "证书"
    msg = user.last_bot_message()
    assert msg is not None and msg["photo"][-1]["width"] == 320
    assert emu.file(msg["photo"][-1]["file_id"]).content == buf.getvalue()


async def test_send_photo_without_photo_is_refused(call: Call, emu: Emulator) -> None:
    emu.user(22)
    status, body = await call("sendPhoto", chat_id=22, caption="x")
    assert status == 400 and "no photo" in body["description"]
    emu.violations.clear()


async def test_send_photo_follows_attach_references(emu: Emulator) -> None:
    """aiogram sends photo=attach://<field> with the file in that multipart field."""
    user = emu.user(23)
    form = aiohttp.FormData()
    form.add_field("chat_id", "23")
    form.add_field("photo", "attach://f1")
    form.add_field("f1", b"\x89PNG not really", filename="x.png", content_type="image/png")
    url = f"{emu.base_url}/bot{TOKEN}/sendPhoto"
    async with aiohttp.ClientSession() as http, http.post(url, data=form) as resp:
        assert (await resp.json())["ok"]
    msg = user.last_bot_message()
    assert msg is not None and emu.file(msg["photo"][-1]["file_id"]).content.startswith(b"\x89")
