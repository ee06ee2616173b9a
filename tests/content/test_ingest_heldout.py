"""The ingest on held-out articles it was never tuned on: scam-type F1, clean text, GBK recovery.

tests/data/ingest_heldout holds 14 real-style police and news articles (plain text, HTML, one in
Hong Kong Traditional) written for this evaluation; labels.yaml lists the types each is ABOUT.
Before the "about" rule (types merely listed counted too): precision 0.56, recall 1.00, F1 0.71.
"""

from __future__ import annotations

import pytest

from bot.content.cleaning import GARBLED, clean_lines, decode_article
from bot.content.gbk import recover_gbk
from tests.cli.test_cli import ROOT
from tests.content.heldout import HELDOUT, about, red_flags, results, score
from tests.content.test_ingest_cli import SEEDS, needs_seeds

JUNK = ("<", "&nbsp;", "当前位置", "首页", "责任编辑", "相关新闻", "分享到", "_hmt", "来源：",
        "发布时间", "宁波新闻网", "(wǎng)")


def test_heldout_scam_type_f1() -> None:
    found = results(HELDOUT, red_flags(ROOT / "content"))
    s = score(HELDOUT, {name: about(r) for name, r in found.items()})
    print(f"\ningest held-out ({len(found)} articles): precision {s.precision:.2f}, "
          f"recall {s.recall:.2f}, F1 {s.f1:.2f} (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    print("\n".join(f"  {w}" for w in s.wrong))
    assert len(found) >= 10 and s.f1 >= 0.90


def test_heldout_text_is_clean() -> None:
    for name, r in results(HELDOUT, red_flags(ROOT / "content")).items():
        assert r.paragraphs, name
        for junk in JUNK:
            assert junk not in r.text, (name, junk)
        assert GARBLED not in r.text, name


def test_a_run_read_one_byte_out_of_step_is_put_back() -> None:
    garbled = "我才没被‘网购?fù)丝睢\ue1ea尿_局忽悠?!苯\ue3d3眨\ue0d7易∏鄭u市"
    assert recover_gbk(garbled) == "我才没被‘网购退款’的騙局忽悠?近日，家住青島市"
    for fine in ("你知道吗?我叫A", "刷单?不是兼职", "?qǐng)"):
        assert recover_gbk(fine) == fine


@needs_seeds
def test_qingdao_seed_reads_wanggou_tuikuan() -> None:
    text = "\n".join(clean_lines(decode_article(next(SEEDS.glob("002_*.txt")).read_bytes())))
    assert "我才没被‘网购退款’的骗局忽悠〔乱码〕近日，家住青岛市市北区的王大爷" in text
    assert "上当〔乱码〕历" in text  # here the bytes are lost: marked, not guessed


@pytest.mark.parametrize("name", ["qd-grid", "gx-fazhi-2024-04-02"])
def test_stored_sources_carry_the_recovered_text(name: str) -> None:
    text = (ROOT / "content" / "sources" / f"{name}.yaml").read_text(encoding="utf-8")
    assert "网购〔乱码〕" not in text and "傻瓜〔乱码〕淡村" not in text

