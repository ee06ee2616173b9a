"""The variant radar on a sized-down simulated stream (noisy variants of the scam scripts,
genuine messages, a new variant from mid-stream) with the real checker's verdicts; the
full-size run and the 100,000-report timing are `python -m bench.radar`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench.radar import quality
from bench.radar_stream import NEW_LABEL, stream
from bot.config import ROOT
from bot.content.lexicon import load_checker
from bot.core.reports import ReportRecord, fingerprint
from bot.radar.radar import Radar, radar_views, view

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def rec(i: int, text: str, kind: str = "scam", at: datetime = NOW) -> ReportRecord:
    return ReportRecord(reporter="r", text=text, fingerprint=fingerprint(text), kind=kind,
                        scam_type="x", confidence=0.9, source="text", language="zh-Hans",
                        created_at=at, id=i)


def test_the_new_variant_is_marked_early_and_clusters_are_precise() -> None:
    items = stream(seed=3, per_script=25, genuine_n=150, new_n=40,
                   checker=load_checker(ROOT / "content"))
    assert sum(it.label == NEW_LABEL for it in items) == 40
    q = quality(items)
    assert q["precision"] >= 0.8 and q["recall"] >= 0.7, q
    assert q["new_variant_marked_after"] is not None and q["new_variant_marked_after"] <= 20, q


def test_exact_and_near_duplicates_join_and_unrelated_texts_do_not() -> None:
    radar = Radar()
    a = "您的ETC已失效，请登录 https://etc-gov.top 更新，否则今日停用，联系〔手机号〕"
    radar.add_all([rec(1, a), rec(2, a + "！！"), rec(3, "转发：" + a.replace("今日", "明日")),
                   rec(4, "今晚一起吃饭吗？我在楼下等你，带上伞")])
    assert [[r.id for r in c] for c in radar.clusters()] == [[1, 2, 3], [4]]


def test_a_cluster_is_new_when_the_checker_is_unsure_or_it_grows_fast() -> None:
    texts = [f"医保卡电子凭证今日停用，点击 ybj.top 认证{'！' * i}" for i in range(4)]
    unsure = [rec(i, t, "unsure") for i, t in enumerate(texts, 1)]
    assert view(unsure, NOW).why_new == "unsure"
    steady = [rec(i, texts[0], "scam", NOW - timedelta(days=1 + i % 6, hours=1))
              for i in range(14)]
    assert not view(steady, NOW).new
    burst = [*steady, *(rec(100 + i, texts[0], "scam", NOW - timedelta(hours=i))
                        for i in range(8))]
    v = view(burst, NOW)
    assert v.why_new == "fast" and v.growth_24h == 8
    assert [x.id for x in radar_views([*unsure, rec(9, "无关消息")], NOW)] == [1]
