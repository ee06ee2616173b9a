"""Pictures users send, stored like the bot's uploads so getFile and downloads serve them."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from tgemu.models import Json, StoredFile
from tgemu.state import State


def picture_size(content: bytes) -> tuple[int, int]:
    """Width and height, or (0, 0) for bytes that are not a picture (users send those too)."""
    try:
        with Image.open(io.BytesIO(content)) as img:
            return img.width, img.height
    except (UnidentifiedImageError, OSError, ValueError):
        return 0, 0


def photo_fields(state: State, content: bytes, mime_type: str, as_file: bool) -> Json:
    """Store the bytes and return the message fields: `photo` sizes or an image `document`."""
    n = state.new_id()
    stored = StoredFile(f"AgAC{n}", f"AQAD{n}", f"photo_{n}.png", content, mime_type)
    state.files[stored.file_id] = stored
    ids = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
           "file_size": len(content)}
    if as_file:
        return {"document": {**ids, "file_name": stored.filename, "mime_type": mime_type}}
    width, height = picture_size(content)
    thumb = {"file_id": f"{stored.file_id}_s", "file_unique_id": f"{stored.file_unique_id}_s",
             "file_size": 0, "width": min(width, 90), "height": min(height, 90)}
    return {"photo": [thumb, {**ids, "width": width, "height": height}]}
