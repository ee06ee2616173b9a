"""Who administers a group, asked through the Bot API port (getChatMember)."""

from __future__ import annotations

import logging

from bot.telegram.api import ApiFailure, BotApi, with_retries

log = logging.getLogger(__name__)
ADMIN_STATUSES = ("creator", "administrator")


class ChatMembers:
    """Implements bot.core.ports.Members over the Bot API port (Telegram or the emulator)."""

    def __init__(self, api: BotApi) -> None:
        self.api = api

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is the group's creator or an administrator; False when unsure."""
        try:
            status = await with_retries(lambda: self.api.member_status(chat_id, user_id))
        except ApiFailure as exc:
            log.warning("getChatMember failed: %s: %s", type(exc).__name__, exc)
            return False
        return status in ADMIN_STATUSES
