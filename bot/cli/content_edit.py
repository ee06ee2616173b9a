"""`antifraud content add | edit | publish | retire | draft`: change the bank under review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli.common import fail, settings
from bot.cli.content import ItemId, content_app
from bot.content.entries import ContentError

FromFile = Annotated[Path | None, typer.Option("--file", "-f", metavar="FILE",
                                               help="YAML or JSON file")]
ItemIds = Annotated[list[str], typer.Argument(metavar="ID", help="One or more item ids")]


def _repo() -> Any:
    from bot.content.repo import ContentRepo

    return ContentRepo(settings().content_dir)


def _edit_in_editor(text: str) -> str | None:
    """Open text in $VISUAL/$EDITOR; None when unchanged."""
    import os
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "item.yaml"
        path.write_text(text, encoding="utf-8")
        if subprocess.call([*shlex.split(editor), str(path)]) != 0:
            raise fail(f"the editor ({editor}) failed; nothing saved")
        edited = path.read_text(encoding="utf-8")
    return None if edited == text else edited


def _load_items(path: Path) -> list[dict[str, Any]]:
    from bot.content.entries import read_yaml

    try:
        data = read_yaml(path)
    except ContentError as exc:
        raise fail(str(exc)) from exc
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(d, dict) and d.get("id") for d in items):
        raise fail(f"{path}: expected an item (or a list of items), each with an id")
    return items


def _save(kind: str, items: list[dict[str, Any]]) -> None:
    from bot.content.repo import Refused

    repo = _repo()
    for data in items:
        try:
            outcome = repo.save(kind, data)
        except Refused as exc:
            for p in exc.problems:
                typer.secho(f"  {p}", fg="red", err=True)
            raise fail(str(exc)) from exc
        typer.echo(f"{outcome} {kind} {data['id']} (status {data.get('status', 'draft')})")


@content_app.command("add")
def content_add(
    kind: Annotated[str, typer.Argument(help="question, tip, case, figure or scam_type")],
    item_id: Annotated[str | None, typer.Option("--id", help="Id of the new item")] = None,
    file: FromFile = None,
) -> None:
    """Add items from a file, or answer prompts for one new draft item."""
    from bot.content.prompts import ASKERS, ask_item

    if kind not in ASKERS and not (kind == "source" and file):
        raise fail(f"unknown kind {kind!r}; use one of {', '.join(ASKERS)}")
    if file is not None:
        _save(kind, _load_items(file))
        return
    new_id = item_id or typer.prompt("id")
    if _repo().find(new_id) is not None:
        raise fail(f"{new_id} already exists; use `antifraud content edit {new_id}`")
    data = ask_item(kind, new_id, lambda label, default: typer.prompt(label, default=default,
                                                                      show_default=bool(default)))
    _save(kind, [data])


@content_app.command("edit")
def content_edit(item_id: ItemId, file: FromFile = None) -> None:
    """Replace an item from a file, or edit it in $EDITOR; checked before saving."""
    from bot.content.repo import dump

    entry = _repo().find(item_id)
    if entry is None:
        raise fail(f"no item {item_id!r}")
    if file is not None:
        items = _load_items(file)
    else:
        edited = _edit_in_editor(dump(entry.data))
        if edited is None:
            typer.echo("no change")
            return
        from bot.content.entries import load_yaml

        try:
            items = [load_yaml(edited, "the edited item")]
        except ContentError as exc:
            raise fail(f"not valid YAML, nothing saved: {exc}") from exc
    if len(items) != 1 or not isinstance(items[0], dict) or items[0].get("id") != item_id:
        raise fail(f"the edited item must keep its id {item_id!r}")
    _save(entry.kind, items)


def _move(ids: list[str], status: str) -> None:
    from bot.content.repo import Refused

    repo, failed = _repo(), False
    for item_id in ids:
        try:
            before = repo.set_status(item_id, status)
        except (Refused, ContentError) as exc:
            failed = True
            typer.secho(f"{item_id}: {exc}", fg="red", err=True)
            for p in getattr(exc, "problems", ()):
                typer.secho(f"  {p}", fg="red", err=True)
            continue
        typer.echo(f"{item_id}: {before} → {status}")
    if failed:
        raise typer.Exit(1)


@content_app.command("publish")
def content_publish(ids: ItemIds) -> None:
    """Publish items (checked first); a running bot serves them within seconds."""
    _move(ids, "published")


@content_app.command("retire")
def content_retire(ids: ItemIds) -> None:
    """Retire items: the bot stops serving them; history that mentions them stays."""
    _move(ids, "retired")


@content_app.command("draft")
def content_draft(
    ids: Annotated[list[str] | None, typer.Argument(help="Items to send back to draft")] = None,
    from_cluster: Annotated[int | None, typer.Option(
        help="Write a draft scam-or-genuine question from this cluster of reports")] = None,
    scam_type: Annotated[str | None, typer.Option(
        help="Its scam type, when the checker could not tell")] = None,
) -> None:
    """Send items back to draft for rework, or draft a question from a cluster of reports."""
    if from_cluster is None:
        if not ids:
            raise fail("give item ids, or --from-cluster ID")
        _move(ids, "draft")
        return
    from collections import Counter

    from bot.cli.reports import cluster_of, technique_names
    from bot.radar.drafts import question

    members, _ = cluster_of(from_cluster)
    types = [t for t, _ in Counter(m.scam_type for m in members).most_common() if t != "none"]
    chosen = scam_type or (types[0] if types else None)
    if chosen is None:
        raise fail("the checker named no scam type for this cluster; give --scam-type")
    _save("question", [question(members, chosen, technique_names())])
