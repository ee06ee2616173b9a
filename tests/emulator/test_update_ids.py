"""Update ids go on from where the bot's database left off, as Telegram's do after a pause."""

from __future__ import annotations

import pytest

from tgemu import Emulator


async def test_ids_start_where_told_and_rise_by_one() -> None:
    emu = Emulator(first_update_id=123_456)
    user = emu.user(5, first_name="A")
    await user.send("/start")
    await user.send("/me")
    assert [u["update_id"] for u in emu.state.updates.items] == [123_456, 123_457]


@pytest.mark.parametrize("first", [0, -1, 2**31])
def test_ids_outside_telegrams_range_are_refused(first: int) -> None:
    with pytest.raises(ValueError):
        Emulator(first_update_id=first)
