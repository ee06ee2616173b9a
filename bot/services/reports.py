"""Opt-in reports: the button after a verdict, storing on press, /mydata and /forget of
reports, and the variant radar for admins (/reports)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from bot.core.callbacks import SubmitReport
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.core.reports import ReportRecord, fingerprint
from bot.core.scamcheck import Verdict
from bot.radar.redact import redact
from bot.services.admin import is_admin, refuse
from bot.services.context import Ctx

log = logging.getLogger("antifraud.reports")
RADAR_DAYS = 7
RADAR_SHOWN = 8


def offer(c: Ctx, text: str, verdict: Verdict, source: str) -> Keyboard:
    """Remember the checked text in memory only and give the report button that points to it."""
    if c.desk is None or not text.strip():
        return ()
    ref = c.desk.recent.remember(c.user.id, text, verdict.kind, verdict.scam_type,
                                 verdict.confidence, source, c.actor.now)
    return ((button("btn.report", SubmitReport(ref)),),)


async def submit(c: Ctx, action: SubmitReport) -> list[Reply]:
    """The report button: redact the remembered text, then store it under the reporter hash."""
    item = None if c.desk is None else c.desk.recent.take(c.user.id, action.ref, c.actor.now)
    if c.desk is None or item is None:
        return [Toast("report.gone_toast"), Message("report.gone", {})]
    text = redact(item.text)
    record = ReportRecord(reporter=c.desk.reporter(c.user.id), text=text,
                          fingerprint=fingerprint(text), kind=item.kind,
                          scam_type=item.scam_type, confidence=round(item.confidence, 3),
                          source=item.source, language=c.locale, created_at=c.actor.now)
    added = await c.store.reports.add(record)
    log.info("report stored=%s kind=%s type=%s", added, item.kind, item.scam_type)
    key = "report.saved" if added else "report.duplicate"
    return [Toast("toast.saved"), Message(key, {"text": text})]


async def mine(c: Ctx) -> list[dict[str, Any]]:
    """The user's reports for /mydata (found by their hash)."""
    if c.desk is None:
        return []
    rows = await c.store.reports.by_reporter(c.desk.reporter(c.user.id))
    return [asdict(r) | {"created_at": r.created_at.isoformat()} for r in rows]


async def forget_mine(c: Ctx) -> int:
    """/forget: delete the user's reports and any text waiting for the button."""
    if c.desk is None:
        return 0
    c.desk.recent.drop(c.user.id)
    return await c.store.reports.forget_reporter(c.desk.reporter(c.user.id))


async def clusters(c: Ctx) -> list[Reply]:
    """/reports for admins: the radar's clusters of the last week."""
    if not is_admin(c):
        return refuse(c, "reports")
    await c.store.staff.record_admin_action(c.user.id, "reports", None, c.actor.now)
    reports = await c.store.reports.since(c.actor.now - timedelta(days=RADAR_DAYS))
    # datasketch brings scipy (about 0.8 s of imports): paid by the admin who asks, not by
    # every bot start.
    from bot.radar.radar import radar_views

    views = radar_views(reports, c.actor.now, RADAR_DAYS)[:RADAR_SHOWN]
    return [Message("reports.clusters", {"total": len(reports), "days": RADAR_DAYS,
                                         "clusters": [v.as_dict() for v in views]})]
