"""The "is this a scam?" checker: pure, offline, over a hand-written lexicon and examples."""

from bot.core.scamcheck.calibration import Calibration
from bot.core.scamcheck.checker import Checker, build_checker, prepare
from bot.core.scamcheck.lexicon import Lexicon
from bot.core.scamcheck.marks import Fact
from bot.core.scamcheck.model import Model, train
from bot.core.scamcheck.verdict import NONE, OTHER, Verdict

__all__ = ["NONE", "OTHER", "Calibration", "Checker", "Fact", "Lexicon", "Model", "Verdict",
           "build_checker", "prepare", "train"]
