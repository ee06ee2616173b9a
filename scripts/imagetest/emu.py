"""The Bot API emulator's /_emu/ control API, as a user of the bot would drive it."""

from __future__ import annotations

import json
from typing import Any

from imagetest.tools import Failed, http, wait

DONE = ("本轮结束", "Round over")

class Emu:
    """The emulator's /_emu/ control API through its published port."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}/_emu"

    def ready(self) -> bool:
        return http("GET", f"{self.base}/chats")[0] == 200

    def send(self, user: int, text: str) -> None:
        status, body = http("POST", f"{self.base}/users/{user}/messages", {"text": text})
        if status != 200:
            raise Failed(f"the emulator refused a message: {status} {body}")

    def press(self, user: int, message_id: int, data: str) -> None:
        status, body = http("POST", f"{self.base}/users/{user}/press",
                            {"message_id": message_id, "data": data})
        if status != 200:
            raise Failed(f"the emulator refused a button press: {status} {body}")

    def bot_messages(self, user: int) -> list[dict[str, Any]]:
        status, body = http("GET", f"{self.base}/chats/{user}/messages")
        return [m for m in body["result"] if m["from_bot"]] if status == 200 else []

    def reply_to_start(self, user: int, timeout: float = 60) -> str:
        """Send /start; the bot's first new message's text."""
        before = len(self.bot_messages(user))
        self.send(user, "/start")
        msgs = wait(f"the bot's answer to /start (user {user})",
                    lambda: self.bot_messages(user)[before:], timeout)
        return str(msgs[0]["text"])

    def play_round(self, user: int, steps: int = 40) -> str:
        """/quiz, then press the first answer (or next) on the newest question until the round
        is over; the summary's text."""
        self.send(user, "/quiz")
        for _ in range(steps):
            msg = wait("a question", lambda: self._newest(user), 60)
            if any(t in msg["text"] for t in DONE):
                return str(msg["text"])
            datas = [b["callback_data"] for row in (msg.get("reply_markup") or {})
                     .get("inline_keyboard", []) for b in row if "callback_data" in b]
            press = next((d for d in datas if d.startswith("a:")), None) or next(
                (d for d in datas if d[:2] in ("n:", "s:")), None)
            if press is None:
                raise Failed(f"a bot message with nothing to press: {msg['text'][:200]!r}")
            self._press_and_wait(user, msg["message_id"], press)
        raise Failed(f"the round was not over after {steps} steps")

    def _press_and_wait(self, user: int, message_id: int, data: str) -> None:
        """Press a button; wait for a new or edited bot message."""
        before = self._version(user)
        self.press(user, message_id, data)
        wait("the bot's answer to a button", lambda: self._version(user) != before, 60)

    def _version(self, user: int) -> tuple[int, int]:
        msgs = self.bot_messages(user)
        return len(msgs), sum(m["edit_count"] for m in msgs)

    def _newest(self, user: int) -> dict[str, Any] | None:
        for msg in reversed(self.bot_messages(user)):
            markup = json.dumps(msg.get("reply_markup") or {})
            if any(f'"{p}' in markup for p in ("a:", "n:", "s:")) or any(
                    t in msg["text"] for t in DONE):
                return dict(msg)
        return None


