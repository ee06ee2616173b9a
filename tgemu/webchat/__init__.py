"""A local web page that looks like a Telegram chat, onto the Bot API emulator (the sandbox)."""

from tgemu.webchat.server import WebChat

__all__ = ["WebChat"]
