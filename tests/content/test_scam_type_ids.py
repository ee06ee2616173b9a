"""Scam-type ids have one source, the content bank: everything that names one refers to it."""

from __future__ import annotations

from bot.config import ROOT
from bot.content.ingest.lexicon import LEXICON
from bot.content.ingest.scam_types import type_names
from bot.content.loader import load_bank
from bot.content.validate import validate

BANK = load_bank(ROOT / "content")


def test_every_scam_type_reference_is_in_the_bank() -> None:
    ids = set(BANK.scam_types)
    assert set(type_names()) == ids
    assert set(LEXICON) <= ids
    assert {q.scam_type for q in BANK.questions.values()} <= ids
    assert validate(BANK) == []


def test_names_come_from_the_bank() -> None:
    assert type_names()["impersonate_officials"] == BANK.scam_types[
        "impersonate_officials"].name["zh-Hans"]
