"""The radar panel of `antifraud stats --chart` through the real CLI on the real database (SQLite,
or PostgreSQL with TEST_DATABASE=postgresql): drawn from the same clusters `antifraud reports
clusters --json` prints, readable (read back by OCR, Chinese samples included), and an honest
"no reports" panel on an empty database."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image

from bot.core.reports import ReportRecord, fingerprint
from bot.reports.chart import LEARNING_H, RADAR_H, H, W
from bot.storage.engine import make_engine
from bot.storage.store import store_factory
from tests.cli.test_cli import antifraud
from tests.databases import on_postgres
from tests.e2e.harness import OCR

ETC = "您的ETC已失效，请登录 https://etc-gov.top/renew 更新，否则今日停用，联系〔手机号〕"
MED = ("【医保服务】您的医保卡电子凭证未完成年度认证，将于今日24点停用，请立即点击 "
       "https://ybj-renzheng.top 完成升级认证")
LOAN = "您好，您申请的贷款已审批通过，请先缴纳保证金 2000 元到〔银行卡号〕才能放款"


async def seed(url: str) -> None:
    """Three variants (one the checker is unsure of), a lone message and one too old for 7d."""
    now = datetime.now(UTC)
    rows = [(ETC + "！" * i, "unsure", timedelta(hours=3 + 7 * i, minutes=20)) for i in range(9)]
    rows += [(MED + "。" * i, "scam", timedelta(hours=2 + 20 * i, minutes=20)) for i in range(5)]
    rows += [(LOAN + "!" * i, "scam", timedelta(hours=30 + 25 * i, minutes=20)) for i in range(4)]
    rows += [("今晚一起吃饭吗？我在楼下等你", "benign", timedelta(days=2)),
             (ETC + "旧", "unsure", timedelta(days=10))]
    engine = make_engine(url)
    async with store_factory(engine)() as s:
        for i, (text, kind, age) in enumerate(rows):
            await s.reports.add(ReportRecord(
                reporter=f"{i:064x}", text=text, fingerprint=fingerprint(text), kind=kind,
                scam_type="none", confidence=0.4, source="text", language="zh-Hans",
                created_at=now - age))
        await s.commit()
    await engine.dispose()


def run_both(db_url: str, chart: Path) -> tuple[dict[str, Any], dict[str, Any], Image.Image]:
    """`stats --json --chart` and `reports clusters --json` on the same database."""
    env = {"DATABASE_URL": db_url}
    stats = antifraud("stats", "--json", "--chart", str(chart), env=env)
    assert stats.returncode == 0, stats.stderr
    clusters = antifraud("reports", "clusters", "--json", env=env)
    assert clusters.returncode == 0, clusters.stderr
    image = Image.open(io.BytesIO(chart.read_bytes()))
    return json.loads(stats.stdout)["radar"], json.loads(clusters.stdout), image


async def read_panel(image: Image.Image) -> str:
    """The radar panel as OCR reads it, without spaces."""
    out = io.BytesIO()
    image.crop((0, H + LEARNING_H, W, image.height)).save(out, "PNG")
    return "".join((await OCR.read_text(out.getvalue())).split())


async def test_the_chart_draws_the_clusters_reports_clusters_lists(
        db_url: str, tmp_path: Path) -> None:
    await seed(db_url)
    radar, listed, image = run_both(db_url, tmp_path / "stats.png")
    assert radar == listed  # one source: the same clusters, sizes, days, samples
    assert (listed["reports"], len(listed["clusters"])) == (19, 3)  # the 10-day-old one is out
    assert image.size == (W, H + LEARNING_H + RADAR_H)
    drawn = json.loads(image.text["radar"])
    by_size = sorted(listed["clusters"], key=lambda c: (-c["size"], c["id"]))
    assert drawn["reports"] == 19 and drawn["rows"] == [
        {k: c[k] for k in ("id", "size", "per_day", "growth_24h", "new")} for c in by_size]
    assert [r["size"] for r in drawn["rows"]] == [9, 5, 4]
    assert [r["new"] for r in drawn["rows"]] == [True, False, False]
    assert all(sum(r["per_day"].values()) == r["size"] for r in drawn["rows"])
    if not on_postgres():  # the drawing is the same code on any database: read it back once
        text = await read_panel(image)
        assert "Variantradar" in text and "ETC已失效" in text and "etc-gov.top" in text, text
        assert "医保卡电子凭证" in text and "ybj-renzheng.top" in text, text
        assert f"#{drawn['rows'][0]['id']}NEW" in text, text
    summary = antifraud("stats", env={"DATABASE_URL": db_url})
    assert "radar (7 days): 19 reports, 3 clusters, 1 new" in summary.stdout


async def test_an_empty_database_draws_an_honest_no_reports_panel(
        db_url: str, tmp_path: Path) -> None:
    radar, listed, image = run_both(db_url, tmp_path / "empty.png")
    assert radar == listed == {"reports": 0, "days": 7, "min_size": 2, "clusters": []}
    assert image.size == (W, H + LEARNING_H + RADAR_H)
    assert json.loads(image.text["radar"]) == {"reports": 0, "days": 7, "rows": []}
    if not on_postgres():
        assert "Noreportsinthelast7days" in await read_panel(image)
