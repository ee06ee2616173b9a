"""The "is this a scam?" checker: pure, offline, over a hand-written lexicon and examples."""

from bot.core.scamcheck.checker import NONE, Checker, Verdict, build_checker, prepare
from bot.core.scamcheck.lexicon import Lexicon
from bot.core.scamcheck.model import Model, train

__all__ = ["NONE", "Checker", "Lexicon", "Model", "Verdict", "build_checker", "prepare", "train"]
