"""Where the user is, for help lines: mainland China, Taiwan, Hong Kong, Singapore, elsewhere."""

from __future__ import annotations

REGIONS = ("cn", "tw", "hk", "sg", "other")
# Help lines the content names: shown in mainland China only (elsewhere the region's own).
MAINLAND_ONLY = ("96110", "110", "国家反诈中心", "National Anti-Fraud Center")


def default_region(locale: str, language_code: str | None = None) -> str:
    """The region a new user most likely lives in, from Telegram's language code and locale."""
    code = (language_code or "").lower()
    if code in ("zh-hk", "zh-mo"):
        return "hk"
    if code in ("zh-tw", "zh-hant"):
        return "tw"
    if code in ("en-sg", "zh-sg"):
        return "sg"
    if locale == "zh-Hans":
        return "cn"
    if locale == "zh-Hant":
        return "tw"
    return "other"


def region_of(region: str | None, locale: str) -> str:
    """A stored region, or the default for the user's language when none was chosen."""
    return region if region in REGIONS else default_region(locale)


def local_steps(steps: tuple[str, ...] | list[str], region: str) -> list[str]:
    """Content steps that name mainland help lines are kept for mainland users only."""
    if region == "cn":
        return list(steps)
    return [s for s in steps if not any(word in s for word in MAINLAND_ONLY)]
