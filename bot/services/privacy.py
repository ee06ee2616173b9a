"""Privacy use cases: /mydata exports everything stored about the user; /forget deletes it."""

from __future__ import annotations

import json
import logging

from bot.core.callbacks import ForgetCancel, ForgetConfirm
from bot.core.replies import Document, Message, Reply, Toast, button
from bot.services import reports
from bot.services.context import Ctx

log = logging.getLogger("antifraud.privacy")


async def my_data(c: Ctx) -> list[Reply]:
    """Everything stored about the user, as a JSON document."""
    data = await c.store.privacy.export(c.user.id)
    data["reports"] = await reports.mine(c)  # stored under a keyed hash, not the user id
    rows = sum(len(v) for v in data.values())
    doc = {"user_id": c.user.id, "exported_at": c.actor.now.isoformat(), "tables": data}
    content = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode()
    log.info("user %s exported their data (%s rows)", c.user.id, rows)
    return [Document(f"mydata-{c.user.id}.json", content, "privacy.mydata_caption",
                     {"rows": rows})]


async def forget(c: Ctx) -> list[Reply]:
    """Ask before deleting everything."""
    keyboard = ((button("privacy.forget_yes", ForgetConfirm()),
                 button("privacy.forget_no", ForgetCancel())),)
    return [Message("privacy.forget_confirm", {}, keyboard)]


async def keep_data(c: Ctx) -> list[Reply]:
    """The "no" button: nothing is deleted."""
    return [Toast("toast.cancelled"), Message("privacy.forget_kept", edit=True)]


async def confirm_forget(c: Ctx) -> list[Reply]:
    """The "yes" button: delete every row about the user."""
    counts = await c.store.privacy.forget(c.user.id)
    counts["reports"] = await reports.forget_mine(c)
    c.forgotten = True
    rows = sum(counts.values())
    log.info("user %s deleted their data (%s rows)", c.user.id, rows)
    return [Toast("toast.deleted"), Message("privacy.forgotten", {"rows": rows}, edit=True)]
