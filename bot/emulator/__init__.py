"""A local Telegram Bot API emulator for tests, benchmarks and the sandbox."""

from bot.emulator.errors import ApiError
from bot.emulator.server import Emulator
from bot.emulator.sim import SimGroup, SimUser

__all__ = ["ApiError", "Emulator", "SimGroup", "SimUser"]
