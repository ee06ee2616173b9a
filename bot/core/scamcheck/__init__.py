"""The "is this a scam?" checker: pure, offline, over a hand-written lexicon."""

from bot.core.scamcheck.checker import NONE, Checker, Verdict, build_checker
from bot.core.scamcheck.lexicon import Lexicon

__all__ = ["NONE", "Checker", "Lexicon", "Verdict", "build_checker"]
