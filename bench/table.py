"""Write the benchmark summary (bench/results/latest.json) into docs/development.md as a table.

`python -m bench.table [results.json]` replaces what stands between that file's
`<!-- bench-table -->` and `<!-- /bench-table -->` markers; `make bench` runs it afterwards.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench-table -->", "<!-- /bench-table -->"


def _quiz(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for fw, name in (("ptb", "python-telegram-bot"), ("aiogram", "aiogram")):
        f = r["frameworks"][fw]
        yield (f"quiz answer, {name}",
               f"{f['quiz_answer']['median_ms']} ms median, {f['quiz_answer']['p99_ms']} ms p99",
               f"{f['ratio_median']}× its bare echo bot (echo {f['echo']['median_ms']} ms)")


def _outbox(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    cap, comp, due = r["capacity"], r["compliance"], r["due_reminders_query"]
    yield ("broadcast capacity, limit lifted", f"{cap['messages_per_s']} messages/s",
           f"{cap['users']:,} users, one process (target ≥ {cap['target_per_s']}/s)")
    yield ("broadcast compliance at 30/s",
           f"{comp['share_of_limit_used']:.1%} of the limit used",
           f"{comp['responses_429']} 429s, at most {comp['max_in_any_1s_window']} in any second")
    yield ("due reminders query", f"{due['median_ms']} ms median, {due['p99_ms']} ms p99",
           f"{due['users']:,} subscribed users (target < {due['target_ms']} ms)")


def _database(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    users = f"{r['users']:,} users, {r['rounds']:,} rounds"
    for key, name in (("leaderboard_all_time", "all-time leaderboard query"),
                      ("leaderboard_weekly", "weekly leaderboard query"),
                      ("profile", "profile (/me) queries"),
                      ("bot_me_round_trip", "/me through the real bot"),
                      ("bot_top_round_trip", "/top through the real bot")):
        yield name, f"{r[key]['median_ms']} ms median, {r[key]['p99_ms']} ms p99", users
    yield "bot memory on that database", f"{r['bot_peak_rss_mb']} MB peak RSS", users


def _scam_check(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield ("scam check", f"{r['checks_per_s']:,} checks/s, {r['p99_ms']} ms p99",
           f"one core; index built in {r['index_build_s']} s, {r['index_mb']} MB")


def _workers(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    one, two = r["one_worker"]["updates_per_s"], r["two_workers"]["updates_per_s"]
    yield (f"webhook updates on PostgreSQL ({r['framework']}), 1 → 2 workers",
           f"{one} → {two} updates/s",
           f"{r['speedup']}× with two workers, {r['cores']} cores shared with the emulator")


def _radar(r: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    q, sp, v = r["quality"], r["speed"], r["verdict"]
    yield ("variant radar, simulated stream",
           f"pairwise precision {q['precision']}, recall {q['recall']}",
           f"{q['reports']:,} reports; the injected variant marked new after "
           f"{q['new_variant_marked_after']} of its reports")
    yield (f"variant radar, {sp['reports']:,} reports", f"{sp['cpu_seconds']} s CPU",
           f"one core, {sp['wall_seconds']} s wall, load {sp['load_before'][0]} on "
           f"{sp['cores']} cores")
    yield ("report button's work before a verdict", f"{v['button_us']} µs",
           f"{v['button_share']:.1%} of a check ({v['check_us']} µs)")


SECTIONS = {"quiz_answer": _quiz, "outbox": _outbox, "database": _database,
            "scam_check": _scam_check, "workers": _workers, "radar": _radar}


def render(results: dict[str, Any]) -> str:
    """The summary as a Markdown table."""
    rows = ["| benchmark | result | context |", "|---|---|---|"]
    for key, section in SECTIONS.items():
        if key in results:
            rows += [f"| {a} | {b} | {c} |" for a, b, c in section(results[key])]
    started = results.get("started", "?")
    return "\n".join([f"Measured {started} on a 2-core machine (`make bench`):", "", *rows])


def write_readme(results: dict[str, Any],
                 readme: Path = ROOT / "docs" / "development.md") -> None:
    """Replace the table between the markers."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    tail = rest.partition(END)[2] if END in rest else rest
    readme.write_text(f"{head}{START}\n{render(results)}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results" / "latest.json"
    write_readme(json.loads(path.read_text(encoding="utf-8")))
