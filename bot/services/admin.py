"""Staff commands in the bot: /stats and /broadcast (reply to a message); admins only."""

from __future__ import annotations

import logging
from typing import Any

from bot.core.callbacks import BroadcastDrop, BroadcastSend
from bot.core.content import pick
from bot.core.events import Command
from bot.core.replies import Message, Reply, Toast, button
from bot.services.context import Ctx

log = logging.getLogger("antifraud.admin")
TEXT_MAX = 3500
ADMIN_COMMANDS = ("stats", "broadcast", "reports")


def is_admin(c: Ctx) -> bool:
    """Whether the user is listed in ADMIN_IDS."""
    return c.user.id in c.defaults.admin_ids


def refuse(c: Ctx, what: str) -> list[Reply]:
    """The same polite refusal for every admin action, logged."""
    log.warning("user %s tried admin action %s: refused", c.user.id, what)
    return [Message("admin.refused", {})]


async def stats(c: Ctx) -> list[Reply]:
    """Figures for staff."""
    if not is_admin(c):
        return refuse(c, "stats")
    log.info("admin %s viewed /stats", c.user.id)
    await c.store.staff.record_admin_action(c.user.id, "stats", None, c.actor.now)
    figures = await c.store.staff.admin_stats(c.actor.now)
    names = {k: pick(v.name, c.locale) for k, v in c.bank.scam_types.items()}
    accuracy = [{"name": names.get(t, t), "accuracy": round((row["accuracy"] or 0) * 100),
                 "answers": row["answers"]}
                for t, row in sorted(figures["accuracy_by_type"].items(),
                                     key=lambda kv: kv[1]["accuracy"] or 0)]
    ctx: dict[str, Any] = {k: figures[k] for k in (
        "users", "active_7d", "active_30d", "blocked", "subscribers", "rounds", "answers",
        "broadcasts")}
    checks = [{"name": names.get(t, t), "n": n,
               "verdict": t if t in ("unsure", "none") else "scam"}
              for t, n in sorted(figures["checks_30d"].items(), key=lambda kv: -kv[1])]
    ctx |= {"accuracy": accuracy[:12], "missed": figures["most_missed"],
            "deliveries": figures["deliveries"], "checks": checks}
    return [Message("admin.stats", ctx)]


async def broadcast(c: Ctx, cmd: Command) -> list[Reply]:
    """Reply /broadcast to a message: preview it and ask for confirmation."""
    if not is_admin(c):
        return refuse(c, "broadcast")
    text = (cmd.reply_text or "").strip()
    if not text:
        return [Message("admin.broadcast_help", {})]
    if len(text) > TEXT_MAX:
        return [Message("admin.broadcast_long", {"max": TEXT_MAX})]
    bid = await c.store.staff.create_broadcast({
        "kind": "text", "text": text, "status": "draft", "scheduled_at": c.actor.now,
        "created_by": f"telegram:{c.user.id}", "created_at": c.actor.now,
    })
    recipients = await c.store.staff.count_recipients(None, None)
    log.info("admin %s drafted broadcast %s for %s users", c.user.id, bid, recipients)
    await c.store.staff.record_admin_action(c.user.id, "broadcast_draft",
                                      f"broadcast {bid} to {recipients} users", c.actor.now)
    keyboard = ((button("admin.send", BroadcastSend(bid), n=recipients),
                 button("admin.cancel", BroadcastDrop(bid))),)
    return [Message("admin.broadcast_confirm", {"text": text, "recipients": recipients},
                    keyboard)]


async def confirm(c: Ctx, action: BroadcastSend | BroadcastDrop) -> list[Reply]:
    """The confirmation buttons: send (the scheduler picks it up) or drop it."""
    if not is_admin(c):
        return refuse(c, "broadcast confirm")
    bid, send = action.broadcast_id, isinstance(action, BroadcastSend)
    status = "scheduled" if send else "cancelled"
    if not await c.store.staff.set_broadcast_status(bid, status, ("draft",), c.actor.now):
        return [Toast("toast.expired")]
    log.info("admin %s %s broadcast %s", c.user.id, "queued" if send else "dropped", bid)
    what = "broadcast_send" if send else "broadcast_drop"
    await c.store.staff.record_admin_action(c.user.id, what, f"broadcast {bid}", c.actor.now)
    return [Toast("toast.saved"),
            Message("admin.broadcast_queued" if send else "admin.broadcast_dropped",
                    {"id": bid}, edit=True)]
