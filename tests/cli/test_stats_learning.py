"""`antifraud stats` on a database with answers: learning per cohort, in text, JSON and chart."""

from __future__ import annotations

import io
import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from tests.cli.test_cli import antifraud
from tests.services.test_learning import real_bank

JOINED = {"student": datetime(2026, 11, 2, 9, tzinfo=UTC),
          "elderly": datetime(2026, 11, 9, 9, tzinfo=UTC)}


def _seed(db: Path) -> None:
    """Two cohorts answering real scam-or-genuine items: students get sharper, elders don't."""
    items = [(q.id, q.verdict, q.scam_type) for q in real_bank().questions.values()
             if q.verdict is not None]
    rng = random.Random(7)
    with sqlite3.connect(db) as conn:
        for n, (audience, joined) in enumerate(JOINED.items()):
            for u in range(20):
                uid = 1000 * (n + 1) + u
                conn.execute("insert into users (id, chat_id, language, timezone, audience, "
                             "round_length, leaderboard, points, blocked, rounds, streak, "
                             "best_streak, created_at, last_seen) values "
                             "(?, ?, 'zh-Hans', 'Asia/Shanghai', ?, 5, 0, 0, 0, 0, 0, 0, ?, ?)",
                             (uid, uid, audience, joined.isoformat(" "), joined.isoformat(" ")))
                rid = conn.execute("insert into rounds (user_id, question_ids, position, correct,"
                                   " points, status, started_at) values (?, '', 0, 0, 0, "
                                   "'finished', ?)", (uid, joined.isoformat(" "))).lastrowid
                for pos in range(24):
                    qid, verdict, scam_type = items[pos % len(items)]
                    week = pos // 8
                    d = 1.0 + (0.6 * week if audience == "student" else 0.0)
                    x = rng.gauss(d / 2 if verdict == "scam" else -d / 2, 1)
                    chosen = 0 if x > 0 else 1
                    right = chosen == (0 if verdict == "scam" else 1)
                    when = joined + timedelta(days=7 * week + 1, minutes=pos)
                    conn.execute("insert into answers (round_id, user_id, position, question_id,"
                                 " scam_type, chosen, correct, points, answered_at) values "
                                 "(?, ?, ?, ?, ?, ?, ?, 0, ?)",
                                 (rid, uid, pos, qid, scam_type, chosen, right,
                                  when.isoformat(" ")))


def test_stats_report_learning_per_cohort(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{db}"}
    assert antifraud("db", "upgrade", env=env).returncode == 0
    _seed(db)
    res = antifraud("stats", "--json", "--chart", str(tmp_path / "c.png"), env=env)
    assert res.returncode == 0, res.stderr
    cohorts = {c["audience"]: c for c in json.loads(res.stdout)["cohorts"]}
    assert set(cohorts) == {"student", "elderly"}
    assert cohorts["student"]["joined_week"] == "2026-11-02" and cohorts["student"]["users"] == 20
    weeks = {w["week"]: w for w in cohorts["student"]["by_week"]}
    assert sorted(weeks) == [0, 1, 2]
    assert weeks[2]["d_prime"] > weeks[0]["d_prime"]
    assert weeks[0]["ci95"][0] < weeks[0]["d_prime"] < weeks[0]["ci95"][1]
    assert cohorts["student"]["first_attempt"]["answers"] > 0
    image = Image.open(io.BytesIO((tmp_path / "c.png").read_bytes()))
    assert image.height > 900  # the learning panel under the two others
    text = antifraud("stats", env=env)
    assert "cohort student joined 2026-11-02: 20 users" in text.stdout
    assert "week 2: d′" in text.stdout
