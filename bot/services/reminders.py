"""Tip reminders: /subscribe (daily or weekly at a chosen local time), /unsubscribe, /timezone."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.callbacks import (
    PickTimezone,
    RemindAt,
    RemindDaily,
    RemindWeekly,
    SetBooster,
    StopReminders,
)
from bot.core.records import SubscriptionRecord
from bot.core.replies import Keyboard, Message, Reply, Toast, button
from bot.core.schedule import DEFAULT_MINUTE, TIME_CHOICES, format_time, next_due, parse_time
from bot.services.context import Ctx

MINUTES_PER_DAY = 1440
# `/subscribe booster` (or 加练) opts in to the one-question booster.
BOOSTER_WORDS = ("booster", "boost", "加练", "加練")
TIMEZONE_CHOICES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Europe/London",
                    "America/New_York", "Australia/Sydney")


def _keyboard(sub: SubscriptionRecord) -> Keyboard:
    freq = tuple(button(f"sub.{f}", action, current=sub.frequency == f)
                 for f, action in (("daily", RemindDaily()), ("weekly", RemindWeekly())))
    times = [
        button("sub.time", RemindAt(parse_time(t) or 0), time=t,
               current=format_time(sub.minute) == t)
        for t in TIME_CHOICES
    ]
    # three to a row: five in one row cut "✓ 08:00" to "✓08:0" on a phone
    rows = tuple(tuple(times[i:i + 3]) for i in range(0, len(times), 3))
    boost = button("sub.booster", SetBooster(not sub.booster), on=sub.booster)
    return (freq, *rows, (boost,), (button("sub.off", StopReminders()),))


def timezone_keyboard(current: str) -> Keyboard:
    """The common zones as buttons, two to a row."""
    keys = [button(f"tz.{z}", PickTimezone(i), current=z == current)
            for i, z in enumerate(TIMEZONE_CHOICES)]
    return tuple(tuple(keys[i:i + 2]) for i in range(0, len(keys), 2))


def _view(c: Ctx, sub: SubscriptionRecord, *, edit: bool = False, key: str = "sub.panel"
          ) -> Message:
    due = sub.next_due_at.astimezone(ZoneInfo(c.user.timezone))
    ctx = {"frequency": sub.frequency, "time": format_time(sub.minute),
           "weekday": sub.weekday if sub.weekday is not None else -1,
           "timezone": c.user.timezone, "next": due.strftime("%Y-%m-%d %H:%M"),
           "booster": sub.booster}
    return Message(key, ctx, _keyboard(sub), edit=edit)


def _plan(c: Ctx, frequency: str, minute: int, booster: bool = False) -> SubscriptionRecord:
    if c.defaults.quiet.contains(minute):
        minute = c.defaults.quiet.end  # never wake anyone: move to when quiet hours end
    zone = ZoneInfo(c.user.timezone)
    weekday = c.actor.now.astimezone(zone).weekday() if frequency == "weekly" else None
    due = next_due(c.actor.now, minute, zone, frequency, weekday, c.defaults.quiet)
    return SubscriptionRecord(c.user.id, frequency, minute, due, weekday, c.actor.now, booster)


async def subscribe(c: Ctx, args: tuple[str, ...]) -> list[Reply]:
    """Subscribe (or change the plan): `/subscribe [daily|weekly] [HH:MM]`."""
    current = await c.store.reminders.get(c.user.id)
    frequency = current.frequency if current else "daily"
    minute = current.minute if current else DEFAULT_MINUTE
    booster = current.booster if current else False
    for arg in args:
        low = arg.lower()
        if low in BOOSTER_WORDS:
            booster = True
        elif low in ("daily", "weekly", "每天", "每周", "每週"):
            frequency = "weekly" if low in ("weekly", "每周", "每週") else "daily"
        elif (m := parse_time(arg)) is not None:
            minute = m
        else:
            return [Message("sub.bad_args", {"arg": arg})]
    sub = _plan(c, frequency, minute, booster)
    await c.store.reminders.save(sub)
    replies: list[Reply] = [_view(c, sub, key="sub.panel" if current else "sub.started")]
    if sub.minute != minute:
        q = c.defaults.quiet
        replies.append(Message("sub.quiet", {"asked": format_time(minute),
                                             "start": format_time(q.start),
                                             "end": format_time(q.end)}))
    return replies


async def change(c: Ctx, action: RemindDaily | RemindWeekly | RemindAt) -> list[Reply]:
    """A frequency or time button on the reminder panel."""
    current = await c.store.reminders.get(c.user.id)
    if current is None:
        return [Toast("toast.expired")]
    frequency, minute = current.frequency, current.minute
    if isinstance(action, RemindDaily):
        frequency = "daily"
    elif isinstance(action, RemindWeekly):
        frequency = "weekly"
    elif action.minute < MINUTES_PER_DAY:
        minute = action.minute
    else:
        return [Toast("toast.expired")]
    sub = _plan(c, frequency, minute, current.booster)
    await c.store.reminders.save(sub)
    return [Toast("toast.saved"), _view(c, sub, edit=True)]


async def set_booster(c: Ctx, action: SetBooster) -> list[Reply]:
    """The booster toggle on the panel: one question on an unpractised technique per reminder."""
    current = await c.store.reminders.get(c.user.id)
    if current is None:
        return [Toast("toast.expired")]
    sub = replace(current, booster=action.on)
    await c.store.reminders.save(sub)
    return [Toast("toast.saved"), _view(c, sub, edit=True)]


async def stop_from_button(c: Ctx) -> list[Reply]:
    """The "stop" button on the panel or under a tip."""
    return await unsubscribe(c, edit=True)


async def unsubscribe(c: Ctx, *, edit: bool = False) -> list[Reply]:
    """Stop reminders at once."""
    existed = await c.store.reminders.delete(c.user.id)
    return [Message("sub.stopped" if existed else "sub.none", {}, edit=edit)]


async def set_timezone(c: Ctx, args: tuple[str, ...]) -> list[Reply]:
    """`/timezone Area/City`: change the local time used for reminders and streaks."""
    if not args:
        return [Message("tz.ask", {"timezone": c.user.timezone},
                        timezone_keyboard(c.user.timezone))]
    name = args[0]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return [Message("tz.unknown", {"name": name}, timezone_keyboard(c.user.timezone))]
    return await _save_timezone(c, name)


async def pick_timezone(c: Ctx, action: PickTimezone) -> list[Reply]:
    """A zone button under /timezone."""
    if action.index >= len(TIMEZONE_CHOICES):
        return [Toast("toast.expired")]
    return [Toast("toast.saved"),
            *await _save_timezone(c, TIMEZONE_CHOICES[action.index], edit=True)]


async def _save_timezone(c: Ctx, name: str, *, edit: bool = False) -> list[Reply]:
    c.user = replace(c.user, timezone=name)
    replies: list[Reply] = [Message("tz.saved", {"timezone": name},
                                    timezone_keyboard(name) if edit else (), edit=edit)]
    current = await c.store.reminders.get(c.user.id)
    if current is not None:
        sub = _plan(c, current.frequency, current.minute, current.booster)
        await c.store.reminders.save(sub)
        replies.append(_view(c, sub))
    return replies
