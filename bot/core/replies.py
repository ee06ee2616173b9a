"""Reply values that use cases return and adapters render and deliver."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.callbacks import Action, encode


@dataclass(frozen=True)
class Label:
    """A button label: a template key, or literal content text when raw."""

    key: str
    ctx: Mapping[str, Any] = field(default_factory=dict)
    raw: bool = False


@dataclass(frozen=True)
class Button:
    """An inline button carrying callback data or a URL."""

    label: Label
    data: str | None = None
    url: str | None = None


Keyboard = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Message:
    """A message to send, or to edit in place of the message a button was pressed on."""

    template: str
    ctx: Mapping[str, Any] = field(default_factory=dict)
    keyboard: Keyboard = ()
    edit: bool = False


@dataclass(frozen=True)
class Toast:
    """The answer to a button press, shown as a toast or an alert."""

    template: str
    ctx: Mapping[str, Any] = field(default_factory=dict)
    alert: bool = False


@dataclass(frozen=True)
class Article:
    """An inline result: a title and description to pick from, the message it posts."""

    id: str
    title: Label
    description: Label
    message: Message
    start: str | None = None  # deep-link payload of the button back to the bot


@dataclass(frozen=True)
class InlineAnswer:
    """The answer to an inline query (answerInlineQuery)."""

    query_id: str
    articles: tuple[Article, ...]
    cache_time: int = 300
    is_personal: bool = True  # results follow the user's language: no cache shared by all


@dataclass(frozen=True)
class Picture:
    """An image to send as a photo with a caption; `kind` names what media draws."""

    kind: str
    ctx: Mapping[str, Any]
    caption: Message



@dataclass(frozen=True)
class Document:
    """A file to send (e.g. a user's data export), with a template caption."""

    filename: str
    content: bytes
    caption: str
    ctx: Mapping[str, Any] = field(default_factory=dict)


Reply = Message | Toast | InlineAnswer | Picture | Document


def button(key: str, action: Action, **ctx: Any) -> Button:
    """A callback button with a template label, pressing it sends the typed action."""
    return Button(Label(key, ctx), data=encode(action))
