"""`antifraud content …`: validate, stats, list, show, export and import the content bank."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import app, fail, print_json, settings
from bot.content.entries import KIND_NAMES, ContentError, Entry

content_app = typer.Typer(help="The content bank.", no_args_is_help=True)
app.add_typer(content_app, name="content")

FromDb = Annotated[bool, typer.Option("--from-db", help="Read the database, not content/")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON")]
ItemId = Annotated[str, typer.Argument(metavar="ID", help="Item id (see `content list`)")]


def read(from_db: bool = False) -> list[Entry]:
    """Every item from the content directory or the database."""
    if from_db:
        from bot.storage.content_store import export_entries

        return asyncio.run(_with_engine(export_entries))
    from bot.content.entries import read_entries

    try:
        return read_entries(settings().content_dir)
    except ContentError as exc:
        raise fail(str(exc)) from exc


async def _with_engine(work: Any, *args: Any, **kwargs: Any) -> Any:
    from bot.app import migrate_async
    from bot.storage.engine import make_engine

    url = settings().database_url
    await migrate_async(url)
    engine = make_engine(url)
    try:
        return await work(engine, *args, **kwargs)
    finally:
        await engine.dispose()


@content_app.command("validate")
def content_validate() -> None:
    """Check every content file; exits non-zero on any problem."""
    from bot.content.validate import validate_dir

    problems = validate_dir(settings().content_dir)
    for p in problems:
        typer.secho(str(p), fg="red", err=True)
    if problems:
        raise fail(f"{len(problems)} problem(s)")
    typer.echo("content ok")


@content_app.command("stats")
def content_stats(as_json: AsJson = False, from_db: FromDb = False) -> None:
    """Counts per scam type, kind, audience and language, and the grounded share."""
    from bot.content.stats import content_stats as compute

    stats = compute(read(from_db))
    if as_json:
        print_json(stats)
        return
    q = stats["questions"]
    typer.echo(f"sources {stats['sources']}, scam types {stats['scam_types']}, "
               f"questions {q['total']}, cases {stats['cases']['total']}, "
               f"tips {stats['tips']['total']} ({stats['tips']['slogans']} slogans), "
               f"figures {stats['figures']}  (published)")
    typer.echo(f"grounded questions {q['grounded']}/{q['total']} ({q['grounded_share']:.0%})")
    kinds = list(q["by_kind"])
    typer.echo(f"{'scam type':32}" + "".join(f"{k:>11}" for k in [*kinds, "total"]))
    for t, row in q["by_type"].items():
        typer.echo(f"{t:32}" + "".join(f"{row[k]:>11}" for k in [*kinds, "total"]))
    typer.echo("audiences: " + ", ".join(f"{a} {n}" for a, n in q["by_audience"].items()))
    langs = stats["languages"]
    typer.echo(f"languages: zh-Hans {langs['zh-Hans']}/{langs['items']}, "
               f"en {langs['en']}/{langs['items']}, zh-Hant derived")
    typer.echo("review states: " + "; ".join(
        f"{k} " + ", ".join(f"{s} {n}" for s, n in v.items())
        for k, v in stats["by_status"].items()))


def _summary(e: Entry) -> str:
    d = e.data
    for key in ("question", "text", "name", "title"):
        if isinstance(d.get(key), dict):
            return str(d[key].get("zh") or "")
        if isinstance(d.get(key), str):
            return str(d[key])
    return ""


def _matches(e: Entry, f: dict[str, Any]) -> bool:
    d = e.data
    types = {d.get("scam_type"), *(d.get("scam_types") or ())}
    return all((
        f["kind"] is None or e.kind == f["kind"],
        f["status"] is None or e.status == f["status"],
        f["scam_type"] is None or f["scam_type"] in types or d.get("id") == f["scam_type"],
        f["audience"] is None or f["audience"] in (d.get("audiences") or ()),
        f["question_kind"] is None or (e.kind, d.get("kind")) == ("question", f["question_kind"]),
        f["search"] is None or f["search"].lower() in json.dumps(d, ensure_ascii=False).lower(),
    ))


@content_app.command("list")
def content_list(
    kind: Annotated[str | None, typer.Option(help=f"One of {', '.join(KIND_NAMES)}")] = None,
    scam_type: Annotated[str | None, typer.Option("--type", help="Scam type id")] = None,
    status: Annotated[str | None, typer.Option(help="draft, published or retired")] = None,
    audience: Annotated[str | None, typer.Option(help="elderly, student, finance…")] = None,
    question_kind: Annotated[str | None, typer.Option(help="single, true_false…")] = None,
    search: Annotated[str | None, typer.Option(help="Text anywhere in the item")] = None,
    as_json: AsJson = False, from_db: FromDb = False,
) -> None:
    """List items, filtered by kind, scam type, status, audience, question kind or text."""
    if kind is not None and kind not in KIND_NAMES:
        raise fail(f"unknown kind {kind!r}; use one of {', '.join(KIND_NAMES)}")
    filters = {"kind": kind, "scam_type": scam_type, "status": status, "audience": audience,
               "question_kind": question_kind, "search": search}
    found = [e for e in read(from_db) if _matches(e, filters)]
    if as_json:
        print_json([{"id": e.id, "kind": e.kind, "status": e.status, "file": e.file,
                     "summary": _summary(e)} for e in found])
        return
    for e in found:
        typer.echo(f"{e.id:32} {e.kind:9} {e.status:9} {_summary(e)[:60]}")
    typer.echo(f"{len(found)} item(s)", err=True)


@content_app.command("show")
def content_show(item_id: ItemId, as_json: AsJson = False, from_db: FromDb = False) -> None:
    """Show one item as stored (YAML, or JSON with --json)."""
    from bot.content.repo import dump

    entry = next((e for e in read(from_db) if e.id == item_id), None)
    if entry is None:
        raise fail(f"no item {item_id!r}; try `antifraud content list --search …`")
    if as_json:
        print_json({"kind": entry.kind, "file": entry.file, "data": entry.data})
        return
    typer.echo(f"# {entry.kind} in {entry.file}")
    typer.echo(dump(entry.data), nl=False)


@content_app.command("export")
def content_export(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default stdout)")]
    = None,
    from_db: FromDb = False,
    locale: Annotated[str | None, typer.Option(
        help="zh-Hans, zh-Hant or en: the bank as users of that locale see it (for review)")]
    = None,
) -> None:
    """Write the whole bank as one JSON bundle (import restores it), or one locale for review."""
    from bot.content.bundle import dumps

    text = _for_review(read(from_db), locale) if locale is not None else dumps(read(from_db))
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"exported to {output}", err=True)


def _for_review(entries: list[Entry], locale: str) -> str:
    from bot.content.loader import bank_from_entries
    from bot.content.review import LOCALES, render_bank

    if locale not in LOCALES:
        raise fail(f"unknown locale {locale!r}; use one of {', '.join(LOCALES)}")
    try:
        return render_bank(bank_from_entries(entries), locale)
    except ContentError as exc:
        raise fail(str(exc)) from exc


@content_app.command("import")
def content_import(
    bundle: Annotated[Path, typer.Argument(metavar="FILE",
                                           help="A bundle written by `content export`")],
    into: Annotated[Path | None, typer.Option(help="Write YAML files into this empty folder")]
    = None,
    replace: Annotated[bool, typer.Option(help="Replace content already in the database")]
    = False,
) -> None:
    """Load a bundle into the database (default) or into an empty content folder."""
    from bot.content.bundle import loads
    from bot.content.loader import bank_from_entries
    from bot.content.safety import MAX_BUNDLE_BYTES, read_capped

    try:
        entries = loads(read_capped(bundle, MAX_BUNDLE_BYTES).decode("utf-8"))
        bank_from_entries(entries)
    except (OSError, UnicodeDecodeError, ContentError, RecursionError) as exc:
        raise fail(f"{bundle}: {exc}") from exc
    if into is not None:
        from bot.content.repo import write_entries

        if into.exists() and any(into.iterdir()):
            raise fail(f"{into} is not empty; import into an empty folder")
        typer.echo(f"imported {write_entries(into, entries)} items into {into}")
        return
    from bot.storage.content_store import import_entries

    try:
        n = asyncio.run(_with_engine(import_entries, entries, replace=replace))
    except ValueError as exc:
        raise fail(f"{exc}; use --replace to overwrite") from exc
    typer.echo(f"imported {n} items into the database")
