"""`antifraud content ingest FILE`: a raw web article → a draft for review (nothing published)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import fail, print_json, settings
from bot.cli.content import AsJson, content_app

OutDir = Annotated[Path | None, typer.Option(
    "--out", "-o", help="Write a draft source file and a report JSON into this folder")]
SourceId = Annotated[str | None, typer.Option(
    "--id", help="Id of the draft (default: draft-<date>-<digest of the text>)")]


def read_article(file: Path) -> str:
    """The file's text (UTF-8, GB18030 or Big5); undecodable bytes end up marked as garbled."""
    from bot.content.cleaning import decode_article
    from bot.content.safety import MAX_ARTICLE_BYTES, ContentError, read_capped

    try:
        return decode_article(read_capped(file, MAX_ARTICLE_BYTES))
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}") from exc
    except ContentError as exc:
        raise fail(f"{exc}; save just the article") from exc


def _red_flags() -> dict[str, list[str]]:
    """Each scam type's red flags from the bank, as extra evidence (none if it can't be read)."""
    from bot.content.entries import ContentError, read_yaml

    try:
        items: Any = read_yaml(settings().content_dir / "scam_types.yaml") or []
    except ContentError as exc:
        typer.secho(f"warning: scam types not read, lexicon only ({exc})", fg="yellow", err=True)
        return {}
    return {str(t.get("id")): [str(f) for f in (t.get("red_flags") or {}).get("zh") or []]
            for t in items if isinstance(t, dict)}


def _write(result: Any, out_dir: Path, source_id: str, seed: str, as_json: bool) -> None:
    from bot.content.ingest.report import valid_id, write_draft

    if not valid_id(source_id):
        raise fail(f"bad id {source_id!r}: use lower-case letters, digits and dashes")
    try:
        paths = write_draft(result, out_dir, source_id, seed)
    except FileExistsError as exc:
        raise fail(f"not overwriting existing file(s): {exc}. Choose another --id or folder.") \
            from exc
    except OSError as exc:
        raise fail(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    if as_json:
        print_json({"id": source_id, "status": "draft", "files": [str(p) for p in paths]})
        return
    typer.echo(f"draft {source_id} (status draft, nothing published):")
    for p in paths:
        typer.echo(f"  {p}")


@content_app.command("ingest")
def content_ingest(
    file: Annotated[Path, typer.Argument(help="A raw article: text or HTML, 简体 or 繁體")],
    as_json: AsJson = False,
    out_dir: OutDir = None,
    source_id: SourceId = None,
) -> None:
    """Clean a raw web article and find its metadata, scam types, slogans, cases and figures."""
    from bot.content.ingest import ingest
    from bot.content.ingest.report import as_dict, draft_id, render

    result = ingest(read_article(file), _red_flags())
    if not result.paragraphs:
        raise fail(f"{file}: no article text found (is it a news article?)")
    if out_dir is not None:
        _write(result, out_dir, source_id or draft_id(result), file.name, as_json)
    elif as_json:
        print_json(as_dict(result, file.name))
    else:
        typer.echo(render(result, file.name), nl=False)

