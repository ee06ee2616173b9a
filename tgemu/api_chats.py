"""Bot API methods about chats and their members, and sendPhoto."""

from __future__ import annotations

from typing import Any

from tgemu.api_messages import Handler, _reply_extra, _stored_file
from tgemu.errors import bad_request
from tgemu.files import picture_size
from tgemu.models import ChatInfo, Json, StoredFile, UserInfo
from tgemu.params import Params
from tgemu.state import State
from tgemu.validation import check_reply_markup, format_text

# The rights Telegram lists for an administrator; PTB and aiogram require every one of them.
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
    "can_delete_stories", "can_pin_messages",
)
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def _group(state: State, p: Params) -> ChatInfo:
    """The chat of the call."""
    return state.chat(p.chat_id())


def member_json(chat: ChatInfo, user: UserInfo) -> Json:
    """The ChatMember object for a user of a chat."""
    status = chat.admins.get(user.id, "member")
    out: Json = {"status": status, "user": user.to_api()}
    if status == "creator":
        out["is_anonymous"] = False
    elif status == "administrator":
        out.update(can_be_edited=False, is_anonymous=False, can_promote_members=False,
                   can_send_welcome_messages=False)
        out.update({right: True for right in _ADMIN_RIGHTS})
    return out


async def get_chat_member(state: State, p: Params) -> Json:
    """getChatMember: creator, administrator or member (any user the emulator knows)."""
    chat = _group(state, p)
    user_id = p.require_int("user_id", "user_id is empty")
    if user_id == state.bot.id:
        return member_json(chat, state.bot_user())
    user = state.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    if chat.type == "private" and chat.id != user_id:
        raise bad_request("member not found")
    return member_json(chat, user)


async def get_chat_administrators(state: State, p: Params) -> list[Json]:
    """getChatAdministrators (groups only; no bots in the list)."""
    chat = _group(state, p)
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    return [member_json(chat, state.users[uid]) for uid in chat.admins if uid in state.users]


def _photo_sizes(stored: StoredFile) -> list[Json]:
    """PhotoSize objects for an uploaded picture (a thumbnail and the original)."""
    width, height = picture_size(stored.content)
    ids = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
    thumb = {"file_id": f"{stored.file_id}_s", "file_unique_id": f"{stored.file_unique_id}_s",
             "file_size": 0, "width": min(width, 90), "height": min(height, 90)}
    return [thumb, {**ids, "file_size": len(stored.content), "width": width, "height": height}]


def attached(p: Params, name: str) -> Any:
    """A file parameter, following "attach://<field>" to the multipart field (aiogram's way)."""
    value = p.values.get(name)
    if isinstance(value, str) and value.startswith("attach://"):
        return p.values.get(value.removeprefix("attach://"))
    return value


def _photo(state: State, value: Any) -> StoredFile:
    """The picture of a sendPhoto call: an upload, a known file_id or a URL."""
    if value is None or value == "":
        raise bad_request("there is no photo in the request")
    stored = _stored_file(state, value)
    if len(stored.content) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return stored


async def send_photo(state: State, p: Params) -> Json:
    """sendPhoto (multipart upload, file_id or URL)."""
    chat = state.chat(p.chat_id())
    caption, entities = format_text(p, "caption", caption=True)
    markup = check_reply_markup(p.values.get("reply_markup"))
    extra = _reply_extra(chat, p)
    stored = _photo(state, attached(p, "photo"))
    extra["photo"] = _photo_sizes(stored)
    msg = state.add_message(chat, state.bot_user(), text=caption, entities=entities,
                            reply_markup=markup, extra=extra)
    return msg.to_api()


HANDLERS: dict[str, Handler] = {
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "sendPhoto": send_photo,
}
