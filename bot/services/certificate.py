"""The mastery certificate: sent as a photo once every scam type is mastered, else what's left."""

from __future__ import annotations

from bot.core.callbacks import StartTopic
from bot.core.content import pick
from bot.core.progress import MASTERY_THRESHOLD
from bot.core.regions import region_of
from bot.core.replies import Message, Picture, Reply, button
from bot.services.context import Ctx
from bot.services.profile import topic_mastery


async def certificate(c: Ctx) -> list[Reply]:
    """`/certificate`: the certificate image, or the topics still below mastery."""
    if c.actor.chat_type != "private":
        return [Message("cert.private_only")]
    levels = topic_mastery(c.bank, await c.store.progress.stats(c.user.id))
    missing = [t for t in c.bank.scam_types if levels.get(t, 0.0) < MASTERY_THRESHOLD]
    if not c.bank.scam_types:
        return [Message("cert.missing", {"missing": [], "done": 0, "total": 0})]
    if missing:
        rows = [{"name": pick(c.bank.scam_types[t].name, c.locale),
                 "percent": round(levels.get(t, 0.0) * 100)} for t in missing]
        ctx = {"missing": rows, "done": len(levels) - len(missing), "total": len(levels),
               "threshold": round(MASTERY_THRESHOLD * 100)}
        practise = ((button("btn.practice_weak", StartTopic(missing[0]), topic=rows[0]["name"]),),)
        return [Message("cert.missing", ctx, practise)]
    names = [pick(st.name, c.locale) for st in c.bank.scam_types.values()]
    ctx = {"name": c.user.display_name or c.actor.first_name, "date": c.today().isoformat(),
           "score": c.user.points, "topics": names,
           "region": region_of(c.user.region, c.locale)}
    return [Picture("certificate", ctx, Message("cert.caption", {"count": len(names)}))]
