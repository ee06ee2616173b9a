"""`antifraud content ingest` end to end: five seeds, two unseen articles, drafts, bad input."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content.cleaning import GARBLED
from tests.cli.test_cli import ROOT, antifraud

SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():
    SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")


@cache
def report(path: str) -> dict[str, Any]:
    """The JSON report for one file, computed once per test session."""
    res = antifraud("content", "ingest", path, "--json")
    assert res.returncode == 0, res.stderr
    return dict(json.loads(res.stdout))


def seed(name: str) -> dict[str, Any]:
    return report(str(next(SEEDS.glob(f"{name}_*.txt"))))


def slogans(r: dict[str, Any]) -> set[str]:
    return {s["text"] for s in r["slogans"]}


def types(r: dict[str, Any]) -> set[str]:
    """The types the article is about."""
    return {h["id"] for h in r["scam_types"]}


def mentioned(r: dict[str, Any]) -> set[str]:
    """The types it only lists in passing."""
    return {h["id"] for h in r["mentioned"]}


def cases(r: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["person"]: c for c in r["cases"]}


def figure(r: dict[str, Any], quantity: str) -> dict[str, Any]:
    return next(f for f in r["figures"] if quantity in f["quantities"])


def assert_clean(r: dict[str, Any]) -> None:
    """No HTML, pinyin annotation, spam or page furniture left in the text."""
    text = r["text"]
    for leftover in ("<", "&nbsp;", "(guó)", "(qū)", "无码", "责任编辑", "评论", "版权",
                     "相关新闻"):
        assert leftover not in text, leftover
    assert all(h["evidence"] and set(h["evidence"]) <= set(_sentences(text))
               for h in r["scam_types"])
    assert all(s["text"] in text for s in r["slogans"])
    assert all(c["quote"] in text and f["text"] in text for c in r["cases"] for f in r["figures"])


def _sentences(text: str) -> list[str]:
    from bot.content.ingest.text import sentences

    return [s for p in text.splitlines() for s in sentences(p)]


@needs_seeds
def test_seed_000_guangxi_traditional_with_spam() -> None:
    r = seed("000")
    m = r["metadata"]
    assert m["title"] == "筑牢反诈“防火墙” 守好群众“钱袋子”"
    assert m["subtitle"] == "广西公安纵深推进打击治理电信网络诈骗工作"
    assert (m["date"], m["region"], m["site"]) == ("2024-04-02", "广西", "中国西藏网")
    assert m["publisher"] == f"法治日{GARBLED}"  # garbled in the page: marked, not guessed
    assert types(r) == {"fake_investment"}
    assert {"黄花菜娃娃菜花椰菜,不要做被割的韭菜", "握指成拳,合力致远"} <= slogans(r)
    pan = cases(r)["潘女士"]
    assert (pan["amounts"], pan["outcome"], pan["scam_type"], pan["year"]) == (
        ["29万元"], "recovered", "fake_investment", 2023)
    assert {"冻结", "返还"} <= set(pan["outcomes"])
    assert (figure(r, "947万人次")["year"], figure(r, "8.8亿元")["region"]) == (2023, "广西")
    assert_clean(r)


@needs_seeds
def test_seed_001_tongwei_many_scam_types() -> None:
    r = seed("001")
    m = r["metadata"]
    assert m["title"] == "定西通渭公安“五位一体” 推动反诈工作见实效"
    assert (m["date"], m["publisher"], m["region"]) == ("2023-09-11", "甘肃政法网", "甘肃定西通渭")
    assert types(r) == {"card_renting"}  # its "断卡" section; the rest is a list of campaigns
    assert mentioned(r) == {"order_brushing", "fake_loan", "impersonate_boss", "sextortion",
                            "romance_pig_butchering", "fake_investment"}
    assert {"事前防范胜于事后打击", "快破案不如不发案", "多追赃不如不受骗",
            "村不漏户、户不漏人"} <= slogans(r)
    assert r["cases"] == []
    assert figure(r, "21.81万元")["quantities"][:2] == ["8起", "49人"]
    assert_clean(r)


@needs_seeds
def test_seed_002_qingdao_elderly() -> None:
    r = seed("002")
    m = r["metadata"]
    assert m["title"] == "青岛:电信网络诈骗发案数持续下降,全民反诈“防火墙”越筑越牢"
    assert (m["date"], m["publisher"], m["region"]) == (None, "青岛财经日报", "青岛")
    assert types(r) == {"elderly_pension", "fake_customer_service"}  # 王大爷's 网购退款 case
    assert mentioned(r) == {"card_renting", "impersonate_boss"}
    assert {"养老钱不能轻易动,陌生来电要多核实", "哪里有群众,哪里就有反诈宣传",
            "严禁买卖、出租‘两卡’及网络账号"} <= slogans(r)
    wang = cases(r)["王大爷"]
    assert (wang["outcome"], wang["region"]) == ("stopped", "青岛")
    assert "339.9万人" in figure(r, "1.44万个")["quantities"]
    assert "date not detected" in r["warnings"]
    assert_clean(r)


@needs_seeds
def test_seed_003_wuxi_cases() -> None:
    r = seed("003")
    m = r["metadata"]
    assert m["title"] == "江苏无锡:多方联动织密“防护网”,反诈宣防筑牢群众“心盾”"  # from a link list
    assert m["region"] == "江苏无锡"
    assert types(r) == {"impersonate_officials", "fake_investment"}
    assert {"涉及钱款的不管是什么理由,一定是不闻其声、不得转账", "劝到点子上,宣到关键处",
            "电诈犯罪可防可控"} <= slogans(r)
    found = cases(r)
    assert (found["曹先生"]["amounts"], found["曹先生"]["outcome"],
            found["曹先生"]["scam_type"]) == (["20万元"], "stopped", "fake_investment")
    assert (found["张女士"]["amounts"], found["张女士"]["scam_type"]) == (
        ["114万元"], "impersonate_officials")
    assert "小徐" in found["张女士"]["people"]
    assert (found["华先生"]["amounts"], found["华先生"]["outcome"]) == (["8万元"], "stopped")
    assert figure(r, "38.8%")["region"] == "江苏无锡"
    assert "北约" not in r["text"] and "关键词" not in r["text"]
    assert_clean(r)


@needs_seeds
def test_seed_004_tibet_six_types() -> None:
    r = seed("004")
    assert r["metadata"]["title"] is None and "title not detected" in r["warnings"]
    assert r["metadata"]["region"] == "西藏"
    assert types(r) == set()  # one sentence lists the six types the region reports
    assert mentioned(r) == {"fake_loan", "order_brushing", "fake_customer_service",
                            "impersonate_military_purchase", "fake_investment",
                            "fake_credit_repair"}
    assert "快破案不如不发案,多追赃不如不受骗" in slogans(r)
    assert figure(r, "543起")["year"] == 2022
    assert "最近更新" not in r["text"] and "资料图片" not in r["text"]
    assert_clean(r)


TRADITIONAL_HTML = """<html><head><title>警方提醒：「安全帳戶」都是騙局_閩江新聞網</title>
<meta property="og:site_name" content="閩江新聞網">
<script>var tpl = "<p>不要轉賬到安全帳戶</p>";</script><style>.a{color:red}</style></head>
<body><div class="nav">首頁 &gt; 社會 &gt; 法治</div>
<h1>警方提醒：「安全帳戶」都是騙局</h1>
<div class="info">發佈時間：2024年3月8日 10:20　來源：福州晚報</div>
<p>&nbsp;&nbsp;近日，福州市民林女士接到自稱「公安民警」的電話，對方稱她名下的銀行卡涉嫌洗錢，
要求她將存款轉入「安全帳戶」配合調查。林女士信以為真，先後轉賬15萬元。</p>
<p>福州市公安局鼓樓分局接到報警後迅速開展止付工作，成功凍結涉案資金12萬元，並已返還林女士。</p>
<p>警方提醒：「公檢法機關不會電話辦案，更沒有安全帳戶！」凡是要求轉賬到安全帳戶的，都是詐騙。</p>
<p>此外，今年以來，福州市共發生冒充公檢法類詐騙案件126起，同比下降21.5%，涉案金額3200餘萬元。</p>
<p>「陌生來電不輕信，安全帳戶不存在」，警方呼籲市民下載「國家反詐中心」APP，遇到可疑情況及時撥打96110。</p>
<div class="share">分享到：微信 微博</div><div>責任編輯：陳某某</div>
<ul class="related"><li>相關新聞</li><li><a href="#">福州破獲一起跨境電詐案</a></li></ul>
</body></html>
"""

PINYIN_SPAM = """久久精品国产_亚洲无码一区二区_激情福利视频在线_成人影院
当前位置：首页 > 反诈专栏
大学生兼职刷单被骗，警方提醒：天上不会掉馅饼
2023-11-20 15:32:10  来源：新华网
近日，湖南长沙某高校学生小李在社交平台看到“足不出户、日结佣金”的兼职广(guǎng)告(gào)，\
按照对方要求下载了一款App做点赞任务。前几单小李很快收到佣金，随后对方以“连单”为由要求他垫付资金，\
小李先后转账3.6万元后，对方以“操作失误”为由要求继续充值(zhí)，小李才意识到被骗，随即报警。
长沙市公安局岳麓分局民警介绍，刷单返利类诈骗是当前发案量最高的诈骗类型之一，2023年前三季度，\
全市共接报此类案件1200余起，占电信网络诈骗案件总数的三成以上，受害人以在校学生和待业青年为主。
民警提醒广大学生：“刷单就是诈骗，先垫付的都是骗局。”凡是要求先交钱的兼职都是诈骗，切勿轻信。
免费看片 无码精品 激情福利 点击进入
下载“国家反诈中心”APP，遇到可疑情况请拨打96110。
上一篇：警方破获一起电诈案
"""


def test_unseen_traditional_article_with_html(tmp_path: Path) -> None:
    path = tmp_path / "fuzhou.html"
    path.write_text(TRADITIONAL_HTML, encoding="big5", errors="strict")
    r = report(str(path))
    m = r["metadata"]
    assert (m["title"], m["date"]) == ("警方提醒：「安全帐户」都是骗局", "2024-03-08")
    assert (m["publisher"], m["site"], m["region"]) == ("福州晚报", "闽江新闻网", "福州")
    assert types(r) == {"impersonate_officials"}
    assert "陌生来电不轻信，安全帐户不存在" in slogans(r)
    lin = cases(r)["林女士"]
    assert (lin["amounts"], lin["outcome"]) == (["15万元", "12万元"], "recovered")
    assert figure(r, "126起")["year"] == 2024  # 今年 in an article dated 2024
    assert "轉" not in r["text"] and "tpl" not in r["text"] and "分享到" not in r["text"]
    assert_clean(r)


def test_unseen_article_with_pinyin_and_spam(tmp_path: Path) -> None:
    path = tmp_path / "changsha.txt"
    path.write_text(PINYIN_SPAM, encoding="utf-8")
    r = report(str(path))
    m = r["metadata"]
    assert m["title"] == "大学生兼职刷单被骗，警方提醒：天上不会掉馅饼"
    assert (m["date"], m["publisher"], m["region"]) == ("2023-11-20", "新华网", "湖南长沙")
    assert types(r) == {"order_brushing"}
    assert slogans(r) == {"刷单就是诈骗，先垫付的都是骗局"}  # not the scam's own "日结佣金"
    li = cases(r)["小李"]
    assert (li["amounts"], li["outcome"], li["scam_type"]) == (
        ["3.6万元"], "lost", "order_brushing")
    assert figure(r, "1200余起") == {**figure(r, "1200余起"), "year": 2023, "region": "长沙"}
    assert "兼职广告，" in r["text"] and "(gào)" not in r["text"] and "激情" not in r["text"]
    assert_clean(r)


@needs_seeds
def test_draft_files_are_written_once_and_never_overwritten(tmp_path: Path) -> None:
    article = str(next(SEEDS.glob("001_*.txt")))
    out = tmp_path / "drafts"
    res = antifraud("content", "ingest", article, "-o", str(out), "--id", "tongwei-draft")
    assert res.returncode == 0, res.stderr
    source = yaml.safe_load((out / "tongwei-draft.yaml").read_text(encoding="utf-8"))
    assert (source["status"], source["date"], source["publisher"]) == (
        "draft", "2023-09-11", "甘肃政法网")
    assert source["text"].startswith("夏季治安打击整治行动开展以来")
    data = json.loads((out / "tongwei-draft.report.json").read_text(encoding="utf-8"))
    assert data["id"] == "tongwei-draft" and len(data["scam_types"]) == 1 \
        and len(data["mentioned"]) == 6
    before = (out / "tongwei-draft.yaml").read_bytes()
    again = antifraud("content", "ingest", article, "-o", str(out), "--id", "tongwei-draft")
    assert again.returncode == 1 and "not overwriting" in again.stderr
    assert (out / "tongwei-draft.yaml").read_bytes() == before


def test_readable_report_and_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PINYIN_SPAM, encoding="utf-8")
    res = antifraud("content", "ingest", str(path))
    assert res.returncode == 0, res.stderr
    for heading in ("标题 title", "诈骗类型 scam types (1)", "仅提及 mentioned in passing (0)",
                    "标语 slogans (1)", "案例 cases (1)", "数据 figures", "清洗后的正文"):
        assert heading in res.stdout
    missing = antifraud("content", "ingest", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    (tmp_path / "junk.txt").write_text("首页 > 新闻\n<div></div>\n", encoding="utf-8")
    empty = antifraud("content", "ingest", str(tmp_path / "junk.txt"))
    assert empty.returncode == 1 and "no article text" in empty.stderr
    bad_id = antifraud("content", "ingest", str(path), "-o", str(tmp_path), "--id", "Bad Id")
    assert bad_id.returncode == 1 and "bad id" in bad_id.stderr
    assert not list(tmp_path.glob("*.yaml"))
