"""Each ingest extractor on small texts, from cleaning to the draft file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.cleaning import (
    GARBLED,
    clean_lines,
    is_junk_line,
    normalise_lines,
    strip_annotations,
    strip_markup,
    to_simplified,
)
from bot.content.entries import Entry
from bot.content.ingest import ingest
from bot.content.ingest.cases import find_cases, people_in
from bot.content.ingest.figures import find_figures
from bot.content.ingest.layout import split_article, title_from_listing
from bot.content.ingest.metadata import detect_metadata, html_hints
from bot.content.ingest.places import region_of
from bot.content.ingest.report import draft_source, write_draft
from bot.content.ingest.scam_types import compile_terms, detect_scam_types, likely_type
from bot.content.ingest.slogans import find_slogans
from bot.content.loader import bank_from_entries


def _ids(sentences: list[str], **flags: list[str]) -> set[str]:
    return {h.id for h in detect_scam_types(sentences, compile_terms(flags or None))}


# --- cleaning ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "clean"), [
    ("中國(guó)西藏網(wǎng)", "中国西藏网"),
    ("錢(qián)袋子（dài）", "钱袋子"),
    ("下載手機(app)看看", "下载手机(app)看看"),       # not pinyin: kept
    ("這是真的嗎?", "这是真的吗?"),                    # a real question mark stays
    ("法治日?qǐng)?bào)記者", f"法治日{GARBLED}记者"),  # lost characters are marked
    ("格局?!苯眨易∏鄭u市北區", f"格局{GARBLED}市北区"),  # bytes out of step are marked
    ("前文\ue3d3\ufffd後文", f"前文{GARBLED}后文"),
])
def test_annotations_removed_and_garbling_marked(raw: str, clean: str) -> None:
    assert to_simplified(strip_annotations(raw)) == clean


def test_markup_drops_scripts_and_splits_blocks() -> None:
    html = ("<head><title>T</title></head><script>var a='<p>不要</p>'</script>"
            "<p>第一段&nbsp;文字</p><div>第二段<br>第三段</div><!-- 注释 -->")
    lines = [ln.strip() for ln in strip_markup(html).splitlines() if ln.strip()]
    assert lines == ["第一段\xa0文字", "第二段", "第三段"]


@pytest.mark.parametrize("line", [
    "国产精品福利在线无码卡一,亚洲欧洲无码中文字幕", "中国西藏网 > 即时新闻 > 时政",
    "(资料图片仅供参考)", "评论 0人参与,0条评论", "相关新闻", "- 去年西藏破获案件543起2023-04-15",
])
def test_junk_lines(line: str) -> None:
    assert is_junk_line(line)


def test_clean_lines_keep_article_text() -> None:
    raw = "首頁 > 新聞 > 社會\n近日,某市民接到自稱客服的電話,被騙5萬元。\n"
    assert clean_lines(raw) == ["近日,某市民接到自称客服的电话,被骗5万元。"]


# --- layout and metadata ----------------------------------------------------------------------

PAGE = """欢迎访问平安江城网 今天是 2024年12月22日 星期日
江城警方破获一起冒充客服诈骗案
来源:江城日报 责任编辑:李某 发布时间:2023-06-01
近日,江城市公安局破获一起冒充电商客服诈骗案件,抓获犯罪嫌疑人5名,为群众挽回损失30万元。
民警提醒:“陌生来电要警惕,退款理赔不轻信。”
江城日报记者 王五
责任编辑:李某
相关新闻
另一篇新闻标题很长很长的新闻
"""


def test_layout_finds_title_body_and_tail() -> None:
    layout = split_article(normalise_lines(PAGE))
    assert layout.title == "江城警方破获一起冒充客服诈骗案"
    assert layout.body[0].startswith("近日,江城市公安局") and len(layout.body) == 2
    assert "江城日报记者 王五" in layout.meta and layout.tail[0].startswith("责任编辑")


def test_metadata_prefers_labelled_date_over_today() -> None:
    layout = split_article(normalise_lines(PAGE))
    meta = detect_metadata(layout, {})
    assert (meta.date, meta.publisher, meta.site) == ("2023-06-01", "江城日报", "平安江城网")
    assert meta.region == "江城"


def test_title_from_a_listing_that_quotes_the_article() -> None:
    body = "今年以来,无锡公安深入推进两大反诈专项行动,成效明显。"
    listing = ["江苏无锡:多方联动织密防护网 今年以来,无锡公安深入推进两大反诈专项"]
    assert title_from_listing(body, listing) == "江苏无锡:多方联动织密防护网"


def test_html_hints_and_dateline_publisher() -> None:
    raw = ('<meta property="og:site_name" content="新華網"><title>標題_新華網</title>'
           '<meta name="publishdate" content="2022-01-05">')
    assert html_hints(raw) == {"site": "新华网", "date": "2022-01-05", "page_title": "标题"}
    layout = split_article(["新华社北京5月12日电 记者从公安部获悉,全国公安机关破获案件43.7万起。"])
    assert detect_metadata(layout, {}).publisher == "新华社"


def test_region_from_title_prefix_or_province_and_police() -> None:
    assert region_of(["青岛市公安局开展宣传。"], "青岛:反诈宣传") == "青岛"
    text = ["欢迎访问甘肃政法网", "定西通渭公安开展行动。", "通渭公安破获案件。"]
    assert region_of(text) == "甘肃定西通渭"
    assert region_of(["全区公安机关破获案件,结合西藏实际。"]) == "西藏"


# --- scam types -------------------------------------------------------------------------------

def test_decisive_phrase_is_enough_and_weak_words_are_not() -> None:
    assert _ids(["对方称其涉嫌洗钱,要求转入安全账户。"]) == {"impersonate_officials"}
    assert _ids(["引导严防落入“裸聊”“杀猪盘”等骗局。"]) == {"sextortion", "romance_pig_butchering"}
    assert _ids(["市民在银行办理业务,领导前来视察。"]) == set()


def test_strong_phrase_needs_support() -> None:
    one = ["他计划投资理财。"]
    assert _ids(one) == set()
    assert _ids(["他向某公司汇款用于投资理财,发现该公司不具备投资理财资质,怀疑遭遇诈骗。"]) == {
        "fake_investment"}


def test_traditional_wording_and_bank_red_flags_count() -> None:
    assert "impersonate_officials" in _ids([to_simplified("請將存款轉入安全帳戶配合調查。")])
    flags = {"fake_loan": ["秒到账"]}
    assert "fake_loan" in _ids(["贷款秒到账,先交费再放款。"], **flags)


def test_likely_type_of_a_case() -> None:
    assert likely_type("小徐收到一张“刑事逮捕令”,对方自称是国内警察。") == "impersonate_officials"
    assert likely_type("王大爷去公园散步。") is None


# --- slogans ----------------------------------------------------------------------------------

def test_slogans_quoted_mottos_and_mirrored_pairs() -> None:
    paragraphs = [
        "民警牢固树立“事前防范胜于事后打击”“快破案不如不发案”的理念。",
        "“养老钱不能轻易动,陌生来电要多核实。”志愿者向老人讲解。",
        "劝到点子上,宣到关键处。民警组建劝阻团队。",
        "我们认为,快破案不如不发案,多追赃不如不受骗。",
    ]
    found = {s.text: s.how for s in find_slogans(paragraphs)}
    assert found == {
        "事前防范胜于事后打击": "quoted", "快破案不如不发案": "quoted",
        "养老钱不能轻易动,陌生来电要多核实": "quoted", "劝到点子上,宣到关键处": "motto",
        "快破案不如不发案,多追赃不如不受骗": "parallel",
    }


def test_names_testimony_and_scam_scripts_are_not_slogans() -> None:
    paragraphs = [
        "公安推出“守护银龄、远离诈骗”专项行动。",
        "“我儿子可能遇到了诈骗,和你宣讲的情况很相似!”张女士说。",
        "他看到“足不出户、日结佣金”的兼职广告。",
        "形成“齐抓共管、协同联动”的工作格局。",
    ]
    assert find_slogans(paragraphs) == []


def test_slogan_whose_closing_quote_was_garbled() -> None:
    found = find_slogans([f"“黄花菜娃娃菜花椰菜,不要做被割的韭菜{GARBLED}市场里标语随处可见。"])
    assert [s.text for s in found] == ["黄花菜娃娃菜花椰菜,不要做被割的韭菜"]


# --- cases and figures ------------------------------------------------------------------------

def test_people_are_named_persons_not_words() -> None:
    text = "曹先生欲向某公司汇款,小徐在国外,民警劝阻2个多小时,小时候的事,王某称被骗。"
    assert people_in(text) == ["曹先生", "小徐", "王某"]


def test_cases_join_paragraphs_and_read_the_outcome() -> None:
    paragraphs = [
        "2023年底,柳州市民潘女士投资炒股时遭遇诈骗,被诱导多次转账。潘女士报警。",
        "柳州市公安局民警迅速止付,成功冻结29万元,并将被骗资金返还至潘女士的账户。",
        "全市共破获案件8起。",
        "华先生已提取8万元现金,民警驾车拦截,确认还未转账。",
    ]
    cases = find_cases(paragraphs, likely_type, None, "广西")
    assert [(c.person, c.amounts, c.outcome) for c in cases] == [
        ("潘女士", ("29万元",), "recovered"), ("华先生", ("8万元",), "stopped")]
    assert cases[0].scam_type == "fake_investment" and cases[0].year == 2023
    assert "返还" in cases[0].outcomes and cases[0].place == "柳州"


def test_figures_with_year_and_place() -> None:
    paragraphs = [
        "2023年,广西公安机关破获案件数同比上升114.6%,避免群众经济损失8.8亿元。",
        "今年以来,全市共开展宣传40余次,发放资料3.8万余份。民警经过2个多小时劝阻。",
        "小李被骗3.6万元。",
        "全国接获2,456宗,42家单位损失8.6亿港元。",
    ]
    figures = find_figures(paragraphs, article_year=2024, region="江城")
    assert [(f.quantities, f.year, f.region) for f in figures] == [
        (("114.6%", "8.8亿元"), 2023, "广西"), (("40余次", "3.8万余份"), 2024, "江城"),
        (("2,456宗", "42家", "8.6亿港元"), None, "全国")]


# --- draft file -------------------------------------------------------------------------------

def test_draft_source_loads_as_a_source_and_never_overwrites(tmp_path: Path) -> None:
    result = ingest(PAGE)
    text = draft_source(result, "draft-test", "page.txt")
    data = yaml.safe_load(text)
    assert data["status"] == "draft" and data["title"] == "江城警方破获一起冒充客服诈骗案"
    assert data["text"].startswith("近日,江城市公安局")
    bank = bank_from_entries([Entry("source", "sources/draft-test.yaml", data)])
    assert bank.sources["draft-test"].date == "2023-06-01"
    paths = write_draft(result, tmp_path, "draft-test", "page.txt")
    before = [p.read_bytes() for p in paths]
    with pytest.raises(FileExistsError):
        write_draft(result, tmp_path, "draft-test", "page.txt")
    assert [p.read_bytes() for p in paths] == before
