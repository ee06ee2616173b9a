"""Simulated quiz players for load and fault tests: deterministic choices, self-recovering."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.harness import buttons
from tgemu import Emulator, SimUser

STEP_TIMEOUT = 8.0  # longer than any retry chain a fault starts (4 tries, 1 s waits, 2 s backoff)
DONE = ("本轮结束", "Round over")
MAX_STUCK = 40  # a player that keeps getting no reply fails the test instead of hanging it


def _datas(msg: dict[str, Any]) -> list[str]:
    return [b.get("callback_data") or "" for b in buttons(msg)]


@dataclass
class Player:
    """One user playing whole rounds; picks options by a rule that ignores timing."""

    emu: Emulator
    user: SimUser
    updates: int = 0
    stuck: int = 0
    rounds: int = 0
    counted: set[int] = field(default_factory=set)  # summary messages already seen
    finished: set[str] = field(default_factory=set)  # rounds whose summary was seen
    finishing: str | None = None  # the round whose results were last asked for

    def _version(self) -> tuple[int, int]:
        msgs = self.user.bot_messages()
        return len(msgs), sum(m["edit_count"] for m in msgs)

    def _newest(self) -> dict[str, Any] | None:
        """The newest question, feedback or summary not yet counted; None: time for /quiz.

        Answered questions stay in the chat without buttons, and so do old summaries: the
        newest message with a button to press, or a fresh summary, is where the player is.
        """
        for msg in reversed(self.user.bot_messages()):
            if any(d[:2] in ("a:", "n:", "s:") for d in _datas(msg)):
                return msg
            if any(t in msg["text"] for t in DONE):
                return None if msg["message_id"] in self.counted else msg
        return None

    async def _do(self, press: tuple[int, str] | None) -> bool:
        """Send /quiz or press a button; wait for the chat to change. False on a timeout."""
        before = self._version()
        self.updates += 1
        if press is None:
            await self.user.send("/quiz")
        else:
            await self.user.press(*press)
        try:
            await self.emu.state.notifier.wait_for(
                lambda: True if self._version() != before else None, STEP_TIMEOUT, "a reply")
        except TimeoutError:
            self.stuck += 1
            return False
        # A press may answer with two messages (the feedback kept, then the next question).
        for _ in range(50):
            if self._newest() is not None:
                break
            await asyncio.sleep(0.01)
        return True

    def _action(self, msg: dict[str, Any] | None, retry: bool) -> tuple[int, str] | None:
        """What to press next (None: send /quiz)."""
        if msg is None or any(t in msg["text"] for t in DONE):
            return None
        datas = _datas(msg)
        answers = [d for d in datas if d.startswith("a:")]
        if answers:
            _, rid, pos, _ = answers[0].split(":")
            if retry and int(pos) == 4 and self.stuck % 2:
                # The last feedback was lost and the round is over, or the answer was lost:
                # ask for the results and answer again by turns (/quiz could start a new round).
                return msg["message_id"], f"s:{rid}"
            if retry and int(pos) < 4:
                return None  # /quiz resumes the round and shows where it stands
            choice = (self.user.id + self.rounds + int(pos)) % len(answers)
            return msg["message_id"], answers[choice]
        follow = next(d for d in datas if d[:2] in ("n:", "s:"))
        return (msg["message_id"], follow) if not (retry and follow.startswith("n:")) else None

    async def play(self, rounds: int) -> None:
        """Play until `rounds` rounds are over."""
        retry = False
        while self.rounds < rounds:
            msg = self._newest()
            if msg is not None and any(t in msg["text"] for t in DONE):
                # A summary sent twice (a send retried after its reply was lost) counts once.
                self.counted.add(msg["message_id"])
                if self.finishing is not None and self.finishing not in self.finished:
                    self.finished.add(self.finishing)
                    self.rounds += 1
                continue
            press = self._action(msg, retry)
            if press is not None and press[1].startswith("s:"):
                self.finishing = press[1][2:]
            retry = not await self._do(press)
            assert self.stuck <= MAX_STUCK, f"user {self.user.id} is stuck: {msg}"
