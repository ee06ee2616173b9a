"""Open data: redacted reports and their clusters as JSON Lines, with a schema and a data card;
the same reports always give the same bytes (no export time, fixed order, sorted keys)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from bot.core.reports import PLACEHOLDER, ReportRecord
from bot.radar.radar import _HOST, Radar

SCHEMA_VERSION = 1
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "antifraud reports export, one JSON object per line",
    "oneOf": [
        {"type": "object", "required": ["type", "id", "cluster", "text", "created_day"],
         "properties": {
             "type": {"const": "report"}, "id": {"type": "integer"},
             "cluster": {"type": "integer", "description": "id of the cluster's first report"},
             "reporter": {"type": "string",
                          "description": "sha256 of the keyed reporter hash, 16 hex"},
             "text": {"type": "string", "description": "redacted: see the data card"},
             "verdict": {"enum": ["scam", "unsure", "benign"]},
             "scam_type": {"type": "string"}, "confidence": {"type": "number"},
             "source": {"enum": ["text", "photo"]}, "language": {"type": "string"},
             "created_day": {"type": "string", "format": "date"}}},
        {"type": "object", "required": ["type", "id", "size", "reports"],
         "properties": {
             "type": {"const": "cluster"}, "id": {"type": "integer"},
             "size": {"type": "integer"}, "reports": {"type": "array"},
             "first_day": {"type": "string"}, "last_day": {"type": "string"},
             "verdicts": {"type": "object"}, "domains": {"type": "object"},
             "placeholders": {"type": "object"}}}],
}
DATA_CARD = """# Data card: 反诈答题 bot public reports

- **What**: messages people received and chose to submit after the bot checked them (the
  📣 button), one report per line, plus the near-duplicate clusters the radar found.
- **Licence**: CC BY-SA 4.0. Credit "反诈答题 bot reports".
- **Consent**: only messages whose recipient pressed the report button; nothing else is kept.
- **Removed before storage**: phone numbers, ID-card numbers (mainland, Taiwan, US SSN),
  bank-card numbers (Luhn), verification codes, e-mail addresses, QQ and WeChat ids, @handles,
  personal names (after cue words such as 我是/姓名/Dear), query values and path parts of links
  that look like ids or tokens; each became a typed placeholder such as 〔手机号〕. Links and
  domains are kept: they are the evidence.
- **Reporter**: only as sha256 of an HMAC of the Telegram id with a secret key, so the same
  person's reports can be grouped, but not traced to them. Times are given to the day.
- **Known biases**: only people who use this Telegram bot and chose to report; Chinese-language
  scams dominate; the checker's verdict is a machine guess, not ground truth; redaction errs
  towards removing words (some non-names after cue words are removed too); names without a cue
  word may survive; reports are deleted after the retention period, so old variants fade out.
- **Clusters**: MinHash LSH (64 permutations, Jaccard ≥ 0.45 over character 3-grams of the
  normalised text) plus exact matches; a cluster's id is its first report's id.
"""


def public_reporter(reporter: str) -> str:
    """The reporter as published: a hash of the keyed hash, short."""
    return hashlib.sha256(f"export:{reporter}".encode()).hexdigest()[:16]


def export_lines(reports: list[ReportRecord]) -> list[str]:
    """Reports then clusters, one JSON object per line, in a fixed order."""
    ordered = sorted(reports, key=lambda r: (r.created_at, r.id or 0))
    radar = Radar()
    radar.add_all(ordered)
    clusters = radar.clusters()
    cluster_of = {r.id: c[0].id for c in clusters for r in c}
    lines = [_line({"type": "report", "id": r.id, "cluster": cluster_of[r.id],
                    "reporter": public_reporter(r.reporter), "text": r.text, "verdict": r.kind,
                    "scam_type": r.scam_type, "confidence": r.confidence, "source": r.source,
                    "language": r.language, "created_day": r.created_at.date().isoformat()})
             for r in ordered]
    for c in clusters:
        text = " ".join(r.text for r in c)
        lines.append(_line({
            "type": "cluster", "id": c[0].id, "size": len(c), "reports": [r.id for r in c],
            "first_day": c[0].created_at.date().isoformat(),
            "last_day": c[-1].created_at.date().isoformat(),
            "verdicts": dict(sorted(Counter(r.kind for r in c).items())),
            "domains": dict(sorted(Counter(h.lower() for h in _HOST.findall(text)).items())),
            "placeholders": dict(sorted(Counter(PLACEHOLDER.findall(text)).items()))}))
    return lines


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_export(reports: list[ReportRecord], out: Path) -> list[Path]:
    """Write FILE (JSON Lines), FILE.schema.json and FILE.card.md; the paths written."""
    lines = export_lines(reports)
    schema = out.with_name(out.name + ".schema.json")
    card = out.with_name(out.name + ".card.md")
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    schema.write_text(json.dumps(SCHEMA | {"version": SCHEMA_VERSION}, ensure_ascii=False,
                                 indent=2, sort_keys=True) + "\n", encoding="utf-8")
    card.write_text(DATA_CARD, encoding="utf-8")
    return [out, schema, card]
