"""Ingest results as JSON, as a readable report, and as a draft source file (never overwritten)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from bot.content.ingest import Ingested

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


def draft_id(result: Ingested) -> str:
    """A stable id for the draft: its date and a digest of its text."""
    digest = hashlib.sha1(result.text.encode("utf-8")).hexdigest()[:6]
    return f"draft-{result.metadata.date or 'undated'}-{digest}"


def valid_id(source_id: str) -> bool:
    """Whether an id fits the bank's source ids (lower-case letters, digits, dashes)."""
    return bool(_ID.match(source_id))


def as_dict(result: Ingested, file: str = "") -> dict[str, Any]:
    """Everything found, as plain JSON data."""
    return {
        "file": file,
        "status": "draft",
        "metadata": asdict(result.metadata),
        "counts": {"paragraphs": len(result.paragraphs), "characters": len(result.text),
                   "scam_types": len(result.scam_types), "slogans": len(result.slogans),
                   "cases": len(result.cases), "figures": len(result.figures)},
        "scam_types": [asdict(h) for h in result.scam_types],
        "mentioned": [asdict(h) for h in result.mentioned],
        "slogans": [asdict(s) for s in result.slogans],
        "cases": [asdict(c) for c in result.cases],
        "figures": [asdict(f) for f in result.figures],
        "warnings": list(result.warnings),
        "text": result.text,
    }


def _section(title: str, rows: list[str]) -> list[str]:
    return ["", f"{title} ({len(rows) if rows else 0})", *(rows or ["  —"])]


def render(result: Ingested, file: str = "") -> str:
    """A report for a reviewer: metadata, findings, warnings, then the cleaned text."""
    m = result.metadata
    out = [f"DRAFT for review: {file}" if file else "DRAFT for review"]
    for label, value in (("标题 title", m.title), ("副标题 subtitle", m.subtitle),
                         ("日期 date", m.date), ("来源 publisher", m.publisher),
                         ("网站 site", m.site), ("地区 region", m.region)):
        out.append(f"  {label:<16} {value or '—'}")
    size = f"{len(result.paragraphs)} paragraphs, {len(result.text)} chars"
    out.append(f"  {'正文 text':<16} {size}")
    out += _section("诈骗类型 scam types", [
        f"  {h.id} {h.name} (score {h.score}): {'、'.join(h.terms)}\n"
        + "\n".join(f"      · {e}" for e in h.evidence) for h in result.scam_types])
    out += _section("仅提及 mentioned in passing", [
        f"  {h.id} {h.name}: {'、'.join(h.terms)}" for h in result.mentioned])
    out += _section("标语 slogans", [
        f"  · {s.text}  [{s.how}{', ' + s.scam_type if s.scam_type else ''}]"
        for s in result.slogans])
    out += _section("案例 cases", [
        f"  · {c.person} ({'、'.join(c.people)}) {'、'.join(c.amounts) or '—'}"
        f" → {c.outcome or '?'}"
        f" [{c.scam_type or 'type unclear'}; {c.year or '—'}; {c.place or c.region or '—'}]\n"
        f"      “{c.quote}”" for c in result.cases])
    out += _section("数据 figures", [
        f"  · [{f.year or '—'} {f.region or '—'}] {'、'.join(f.quantities)}: {f.text}"
        for f in result.figures])
    out += _section("请核对 warnings", [f"  ! {w}" for w in result.warnings])
    out += ["", "—— 清洗后的正文 cleaned text ——", result.text]
    return "\n".join(out) + "\n"


class _Dumper(yaml.SafeDumper):
    """The bank's YAML style: block lists, multi-line text as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def draft_source(result: Ingested, source_id: str, seed: str) -> str:
    """A source file in the bank's format, marked draft, with a note for the reviewer."""
    m = result.metadata
    title = m.title or ""
    if m.title and m.subtitle:
        title = f"{m.title}——{m.subtitle}"
    data = {
        "id": source_id, "status": "draft", "title": title, "title_en": None,
        "publisher": m.publisher, "publisher_en": None,
        "via": m.site if m.site and m.site != m.publisher else None,
        "date": m.date, "region": m.region, "region_en": None, "seed": seed,
        "text": result.text + "\n",
    }
    note = (f"# DRAFT made by `antifraud content ingest` from {seed}. Nothing is published:\n"
            "# check every field against the original page and fill in the *_en fields first.\n")
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return note + body


def write_draft(result: Ingested, out_dir: Path, source_id: str, seed: str) -> list[Path]:
    """Write <id>.yaml and <id>.report.json; refuse (FileExistsError) if either exists."""
    paths = [out_dir / f"{source_id}.yaml", out_dir / f"{source_id}.report.json"]
    taken = [p for p in paths if p.exists()]
    if taken:
        raise FileExistsError(", ".join(str(p) for p in taken))
    out_dir.mkdir(parents=True, exist_ok=True)
    report = json.dumps(as_dict(result, seed) | {"id": source_id}, ensure_ascii=False, indent=2)
    for path, content in zip(paths, (draft_source(result, source_id, seed), report + "\n"),
                             strict=True):
        with path.open("x", encoding="utf-8") as fh:  # "x": never replace a file
            fh.write(content)
    return paths
