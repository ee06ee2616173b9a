"""`antifraud run` and `antifraud sandbox`: the bot itself."""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

import typer

from bot.cli.common import app, config_error, fail, settings
from bot.config import Framework, Settings

FrameworkOption = Annotated[
    Framework | None,
    typer.Option(help="python-telegram-bot or aiogram 3 (default: BOT_FRAMEWORK, else ptb)"),
]


def _settings(framework: Framework | None, webhook: str | None = None) -> Settings:
    """Settings from the environment, options taking precedence (validated again)."""
    from pydantic import ValidationError

    cfg = settings()
    given = {k: v for k, v in (("bot_framework", framework), ("webhook_url", webhook)) if v}
    if not given:
        return cfg
    try:
        return Settings.model_validate({**dict(cfg), **given})
    except ValidationError as exc:
        typer.secho(config_error(exc), fg="red", err=True)
        raise typer.Exit(2) from exc


PortOption = Annotated[
    int, typer.Option(envvar="WEBCHAT_PORT", help="Web chat port on 127.0.0.1 (0 = any free)")
]
OpenOption = Annotated[
    bool, typer.Option("--open/--no-open", help="Open the web chat in the desktop's browser")
]


WebhookOption = Annotated[
    str | None,
    typer.Option("--webhook", metavar="URL",
                 help="Webhook mode: Telegram posts updates to this public URL, served on "
                      "WEBHOOK_LISTEN:WEBHOOK_PORT (default: WEBHOOK_URL, else polling)"),
]


SandboxOption = Annotated[
    bool, typer.Option("--sandbox/--no-sandbox",
                       help="Without a token: the offline sandbox, or (--no-sandbox, as in the "
                            "container image) one error line and exit 2")
]


RequireWebhookOption = Annotated[
    bool, typer.Option("--require-webhook",
                       help="Exit with an error unless WEBHOOK_URL (or --webhook) is set: for "
                            "workers behind a proxy, which must never poll")
]


@app.command()
def run(framework: FrameworkOption = None, port: PortOption = 8088,
        open_browser: OpenOption = True, webhook: WebhookOption = None,
        allow_sandbox: SandboxOption = True, require_webhook: RequireWebhookOption = False,
        ) -> None:
    """Run the bot with long polling (or a webhook); without a token, the offline sandbox."""
    from bot.logs import setup_logging
    from bot.runner import StartupError, run_bot

    cfg = _settings(framework, webhook)
    if cfg.telegram_bot_token is None and not allow_sandbox:
        raise fail("TELEGRAM_BOT_TOKEN is not set (nor TELEGRAM_BOT_TOKEN_FILE): give the bot's "
                   "token from @BotFather.", code=2)
    if require_webhook and not cfg.webhook_url:
        raise fail("WEBHOOK_URL is not set: a worker behind the proxy takes updates by webhook "
                   "(the public https URL that reaches the proxy).", code=2)
    if cfg.telegram_bot_token is None:
        typer.echo("TELEGRAM_BOT_TOKEN is not set: starting the offline sandbox instead.")
        sandbox(framework=framework, web=True, port=port, open_browser=open_browser)
        return
    setup_logging(cfg.log_level, [cfg.telegram_bot_token.get_secret_value(),
                                  cfg.webhook_secret_value()], cfg.log_level_libraries)
    logging.getLogger("bot").info("%d admin(s) from ADMIN_IDS", len(cfg.admin_ids))
    try:
        asyncio.run(run_bot(cfg))
    except StartupError as exc:
        raise fail(f"{exc}\nCheck TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL.") from None


@app.command()
def sandbox(
    user_id: Annotated[int, typer.Option(help="The simulated user's id")] = 10001,
    language: Annotated[str, typer.Option(help="The simulated user's language_code")] = "zh-hans",
    framework: FrameworkOption = None,
    web: Annotated[bool, typer.Option("--web", help="A chat page in the browser")] = False,
    port: PortOption = 8088,
    host: Annotated[str, typer.Option(help="Web chat address (loopback unless you mean it)")]
    = "127.0.0.1",
    open_browser: OpenOption = False,
) -> None:
    """Chat with the real bot offline: local Bot API emulator + bot + a terminal or web chat."""
    from bot.logs import setup_logging
    from bot.sandbox.session import run_sandbox

    cfg = _settings(framework)
    setup_logging("WARNING", [])
    if not web:
        asyncio.run(run_sandbox(cfg, user_id=user_id, language=language))
        return
    from bot.sandbox.web import PortBusy, WebOptions, run_web_sandbox

    options = WebOptions(host, port, user_id, language, open_browser)
    try:
        asyncio.run(run_web_sandbox(cfg, options))
    except PortBusy as exc:
        raise fail(f"{exc}: pick another port with --port or WEBCHAT_PORT.") from exc
