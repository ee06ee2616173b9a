"""Bot API methods that send, edit and delete messages."""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from tgemu.errors import NOT_MODIFIED, bad_request
from tgemu.models import ChatInfo, Json, PollState, StoredFile, StoredMessage, now
from tgemu.params import Params, Upload
from tgemu.polls import check_poll
from tgemu.state import State
from tgemu.validation import check_reply_markup, format_text

Handler = Callable[[State, Params], Awaitable[Any]]
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _inline(markup: Json | None) -> Json | None:
    """The markup if it is an inline keyboard, else None."""
    return markup if markup is not None and "inline_keyboard" in markup else None


def _reply_extra(chat: ChatInfo, p: Params) -> Json:
    """reply_to_message for reply_to_message_id / reply_parameters."""
    target = p.integer("reply_to_message_id")
    allow = p.flag("allow_sending_without_reply")
    params = p.nested("reply_parameters")
    if isinstance(params, dict):
        target = params.get("message_id")
        allow = bool(params.get("allow_sending_without_reply", allow))
    if target is None:
        return {}
    msg = chat.messages.get(target) if isinstance(target, int) else None
    if msg is None or msg.deleted:
        if allow:
            return {}
        raise bad_request("message to be replied not found")
    inner = {k: v for k, v in msg.to_api().items() if k != "reply_to_message"}
    return {"reply_to_message": inner}


async def send_message(state: State, p: Params) -> Json:
    """sendMessage."""
    chat = state.chat(p.chat_id())
    text, entities = format_text(p)
    markup = check_reply_markup(p.values.get("reply_markup"))
    extra = _reply_extra(chat, p)
    msg = state.add_message(
        chat, state.bot_user(), text=text, entities=entities, reply_markup=markup, extra=extra
    )
    return msg.to_api()


def _editable(state: State, p: Params) -> StoredMessage:
    """The bot message an edit refers to."""
    if p.has("inline_message_id"):
        raise bad_request("message to edit not found")
    chat_id = p.chat_id()
    message_id = p.require_int("message_id", "message identifier is not specified")
    msg = state.message(chat_id, message_id, "message to edit not found")
    if not msg.from_bot:
        raise bad_request("message can't be edited")
    return msg


def _set_markup(msg: StoredMessage, markup: Json | None) -> None:
    """Replace the inline keyboard; a reply keyboard stays as it is."""
    if markup is not None or _inline(msg.reply_markup) is not None:
        msg.reply_markup = markup


async def edit_message_text(state: State, p: Params) -> Json:
    """editMessageText."""
    msg = _editable(state, p)
    if msg.poll is not None or msg.document is not None:
        raise bad_request("there is no text in the message to edit")
    text, entities = format_text(p)
    markup = check_reply_markup(p.values.get("reply_markup"), inline_only=True)
    if (text, entities, markup) == (msg.text, msg.entities, _inline(msg.reply_markup)):
        raise bad_request(NOT_MODIFIED)
    msg.text, msg.entities = text, entities
    _set_markup(msg, markup)
    state.edited(msg)
    return msg.to_api()


async def edit_message_reply_markup(state: State, p: Params) -> Json:
    """editMessageReplyMarkup."""
    msg = _editable(state, p)
    markup = check_reply_markup(p.values.get("reply_markup"), inline_only=True)
    if markup == _inline(msg.reply_markup):
        raise bad_request(NOT_MODIFIED)
    _set_markup(msg, markup)
    state.edited(msg)
    return msg.to_api()


async def delete_message(state: State, p: Params) -> bool:
    """deleteMessage."""
    chat = state.chat(p.chat_id())
    message_id = p.require_int("message_id", "message identifier is not specified")
    msg = state.message(chat.id, message_id, "message to delete not found")
    msg.deleted = True
    state.emit("delete", chat_id=chat.id, message_id=message_id)
    return True


async def send_chat_action(state: State, p: Params) -> bool:
    """sendChatAction."""
    chat = state.chat(p.chat_id())
    action = p.text("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.emit("chat_action", chat_id=chat.id, action=action)
    return True


async def send_poll(state: State, p: Params) -> Json:
    """sendPoll (regular and quiz)."""
    chat = state.chat(p.chat_id())
    spec = check_poll(p, now())
    markup = check_reply_markup(p.values.get("reply_markup"))
    extra = _reply_extra(chat, p)
    close_date = spec.close_date
    if spec.open_period is not None:
        close_date = now() + spec.open_period
    poll = PollState(
        state.new_id(),
        chat.id,
        chat.next_id,
        spec.question,
        spec.options,
        spec.type,
        spec.is_anonymous,
        spec.allows_multiple_answers,
        spec.allows_revoting,
        spec.correct_option_ids,
        spec.explanation,
        spec.explanation_entities,
        spec.open_period,
        close_date,
        closed=spec.is_closed,
    )
    msg = state.add_message(chat, state.bot_user(), poll=poll, reply_markup=markup, extra=extra)
    state.add_poll(poll)
    return msg.to_api()


async def stop_poll(state: State, p: Params) -> Json:
    """stopPoll."""
    chat_id = p.chat_id()
    message_id = p.require_int("message_id", "message identifier is not specified")
    msg = state.message(chat_id, message_id, "message with poll to stop not found")
    if msg.poll is None:
        raise bad_request("message with poll to stop not found")
    if not msg.from_bot:
        raise bad_request("poll can't be stopped")
    if msg.poll.is_closed():
        raise bad_request("poll has already been closed")
    markup = check_reply_markup(p.values.get("reply_markup"), inline_only=True)
    _set_markup(msg, markup)
    state.close_poll(msg.poll)
    return msg.poll.to_api()


def _stored_file(state: State, value: Any) -> StoredFile:
    """The document of a sendDocument call: an upload, a known file_id or a URL."""
    if isinstance(value, Upload):
        file_id = state.new_id()
        name = value.filename or "document"
        mime = mimetypes.guess_type(name)[0] or value.content_type or "application/octet-stream"
        stored = StoredFile(f"BQAC{file_id}", f"AgAD{file_id}", name, value.content, mime)
        state.files[stored.file_id] = stored
        return stored
    if not isinstance(value, str) or not value:
        raise bad_request("there is no document in the request")
    if value in state.files:
        return state.files[value]
    if urlsplit(value).scheme in ("http", "https"):
        name = urlsplit(value).path.rsplit("/", 1)[-1] or "document"
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        file_id = state.new_id()
        stored = StoredFile(f"BQAC{file_id}", f"AgAD{file_id}", name, b"", mime)
        state.files[stored.file_id] = stored
        return stored
    raise bad_request("wrong file identifier/HTTP URL specified")


async def send_document(state: State, p: Params) -> Json:
    """sendDocument (multipart upload, file_id or URL)."""
    chat = state.chat(p.chat_id())
    caption, entities = format_text(p, "caption", caption=True)
    markup = check_reply_markup(p.values.get("reply_markup"))
    extra = _reply_extra(chat, p)
    stored = _stored_file(state, p.values.get("document"))
    msg = state.add_message(
        chat,
        state.bot_user(),
        text=caption,
        entities=entities,
        document=stored,
        reply_markup=markup,
        extra=extra,
    )
    return msg.to_api()


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "sendChatAction": send_chat_action,
    "sendPoll": send_poll,
    "stopPoll": stop_poll,
    "sendDocument": send_document,
}
