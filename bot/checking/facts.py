"""Phone numbers in a message, found with `phonenumbers`, as facts for the pure checker."""

from __future__ import annotations

import logging

import phonenumbers

from bot.core.scamcheck import Fact

log = logging.getLogger(__name__)
COUNTRY = {"cn": "CN", "tw": "TW", "hk": "HK", "sg": "SG"}
MAX_NUMBERS = 5  # a paste full of numbers is not worth reading all of


def phone_facts(text: str, region: str) -> list[Fact]:
    """Valid phone numbers in the text; a number from another country is marked foreign."""
    home = COUNTRY.get(region)
    facts: list[Fact] = []
    try:
        matcher = phonenumbers.PhoneNumberMatcher(text[:4096], home or "US",
                                                  leniency=phonenumbers.Leniency.VALID)
        for match in matcher:
            where = phonenumbers.region_code_for_number(match.number)
            facts.append(Fact("phone", match.raw_string,
                              foreign=home is not None and where not in (home, None)))
            if len(facts) >= MAX_NUMBERS:
                break
    except Exception as exc:  # the library on hostile input must not cost a verdict
        log.warning("phone number extraction failed: %r", exc)
    return facts
