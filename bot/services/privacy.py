"""Privacy use cases: /mydata exports everything stored about the user; /forget deletes it."""

from __future__ import annotations

import json
import logging
import math
from datetime import timedelta

from bot.core.callbacks import ForgetCancel, ForgetConfirm
from bot.core.replies import Document, Message, Reply, Toast, button
from bot.services import reports
from bot.services.context import Ctx

log = logging.getLogger("antifraud.privacy")
# An export reads every table about the user: one per user per this long is plenty.
MYDATA_COOLDOWN = timedelta(minutes=10)


async def my_data(c: Ctx) -> list[Reply]:
    """Everything stored about the user, as a JSON document (once per cooldown)."""
    allowed_at = await c.store.privacy.claim_export(c.user.id, c.actor.now, MYDATA_COOLDOWN)
    if allowed_at is not None:
        minutes = max(1, math.ceil((allowed_at - c.actor.now).total_seconds() / 60))
        log.info("user %s asked for their data again within the cooldown", c.user.id)
        return [Message("privacy.mydata_wait", {"minutes": minutes})]
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
