"""A local Telegram Bot API emulator for tests, benchmarks and the sandbox."""

from tgemu.errors import ApiError
from tgemu.server import Emulator
from tgemu.sim import SimGroup, SimUser

__all__ = ["ApiError", "Emulator", "SimGroup", "SimUser"]
