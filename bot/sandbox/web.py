"""`antifraud sandbox --web`: emulator + the real bot + the web chat, until Ctrl+C."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import webbrowser
from dataclasses import dataclass

from bot.config import Settings
from bot.sandbox.session import sandbox_bot
from tgemu import Emulator
from tgemu.webchat.server import WebChat, is_loopback

DEFAULT_PORT = 8088
GROUP_ID = -1001000000001
GROUP_TITLE = "反诈学习群"
# The people a volunteer can switch between on the page (more can be added there).
EXTRA_USERS = (("王阿姨", "zh-hans"), ("Alice", "en"))


class PortBusy(RuntimeError):
    """The web chat could not listen on the address asked for."""


@dataclass(frozen=True)
class WebOptions:
    """Where to listen and who chats first."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    user_id: int = 10001
    language: str = "zh-hans"
    open_browser: bool = False


def seed(emu: Emulator, first_user: int, language: str) -> None:
    """The simulated users and the group the page starts with."""
    emu.user(first_user, first_name="访客", language_code=language)
    for offset, (name, lang) in enumerate(EXTRA_USERS, start=1):
        emu.user(first_user + offset, first_name=name, language_code=lang)
    group = emu.group(GROUP_ID, GROUP_TITLE, type="supergroup")
    group.make_admin(first_user, creator=True)  # so /contest can be tried in the group


def banner(url: str, host: str, framework: str) -> str:
    """What the command prints once the page is up."""
    if is_loopback(host):
        where = f"Listening on {host} only: other machines cannot connect."
    else:
        where = (f"WARNING: listening on {host}: anyone who can reach this machine can chat "
                 "as any simulated user.")
    return (f"Web chat with the real bot ({framework}) on a local Bot API emulator:\n\n"
            f"    {url}\n\n{where} Nothing leaves the machine. Press Ctrl+C to stop.")


def can_open_browser() -> bool:
    """Whether there is a desktop to open a browser on (never a text browser in a terminal)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


async def run_web_sandbox(settings: Settings, options: WebOptions) -> None:
    """Serve the web chat until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sandbox_bot(settings) as (emu, _runner):
        seed(emu, options.user_id, options.language)
        chat = WebChat(emu)
        try:
            url = await chat.start(options.host, options.port)
        except OSError as exc:
            raise PortBusy(f"cannot listen on {options.host}:{options.port} "
                           f"({exc.strerror or exc})") from exc
        print(banner(url, options.host, settings.bot_framework), flush=True)
        if options.open_browser and can_open_browser():
            await asyncio.to_thread(webbrowser.open, url)
        try:
            await stop.wait()
        finally:
            await chat.stop()
