"""Who administers a group, asked of the Bot API (getChatMember) for admin-only commands."""

from __future__ import annotations

import logging

import aiohttp

log = logging.getLogger(__name__)
ADMIN_STATUSES = ("creator", "administrator")


class ChatMembers:
    """Implements bot.core.ports.Members against any Bot API server (Telegram or the emulator)."""

    def __init__(self, base_url: str, token: str, timeout: float = 10.0) -> None:
        self.url = f"{base_url.rstrip('/')}/bot{token}/getChatMember"
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is the group's creator or an administrator; False when unsure."""
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as http, http.post(
                    self.url, json={"chat_id": chat_id, "user_id": user_id}) as resp:
                body = await resp.json()
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("getChatMember failed: %s", type(exc).__name__)
            return False
        if not body.get("ok"):
            log.info("getChatMember refused: %s", body.get("description"))
            return False
        return body["result"].get("status") in ADMIN_STATUSES
