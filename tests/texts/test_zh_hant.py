"""zh-Hant a reader in Taiwan or Hong Kong finds natural, and the per-locale review export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.content.cleaning import to_simplified
from bot.content.hant import phrases, to_traditional
from bot.content.loader import load_bank
from bot.texts.catalog import Texts
from tests.cli.test_cli import ROOT, antifraud

# (zh-Hans, what a Taiwan / Hong Kong reader expects). Each one went wrong before: s2twp swapped
# in Taiwan IT words that change the meaning, and every OpenCC config split some phrases wrongly.
PITFALLS = [
    ("请勿注销账户", "請勿註銷賬戶"),  # s2twp: 登出 "log out"
    ("诈骗分子的对象", "詐騙分子的對象"),  # s2twp: 物件 "object (code)"
    ("社区网格员", "社區網格員"),  # s2twp: 社群 "online community"
    ("视频办案", "視頻辦案"),  # s2twp: 影片 "film"
    ("立即挂断电话", "立即掛斷電話"),  # s2twp: 結束通話
    ("诈骗类型", "詐騙類型"),  # s2twp: 型別 "data type"
    ("添加好友", "添加好友"),  # s2twp: 新增
    ("银行窗口", "銀行窗口"),  # s2twp: 視窗 "GUI window"
    ("发布虚假信息", "發佈虛假信息"),  # s2twp: 釋出 "release (software)"
    ("诈骗程序", "詐騙程序"),  # s2twp: 程式
    ("信息", "信息"),  # s2twp: 資訊
    ("软件", "軟件"),  # s2twp: 軟體
    ("行长发现该公司", "行長發現該公司"),  # all configs: 長髮 "long hair"
    ("向大学生发放贷款", "向大學生發放貸款"),  # 生髮 "hair growth"
    ("在街头发传单", "在街頭發傳單"),  # 頭髮 "hair"
    ("留学生发“刑事”通知", "留學生發“刑事”通知"),
    ("学生发现", "學生發現"),
    ("从贷款里扣掉", "從貸款裡扣掉"),  # 里 "mile" left in place
    ("补偿款里扣掉", "補償款裡扣掉"),
    ("税款不能从余额里扣", "稅款不能從餘額裡扣"),
    ("都从卡里扣", "都從卡裡扣"),
    ("不签合同", "不簽合同"),  # 籤 "lot, label"
    ("让你签不买卖承诺书", "讓你簽不買賣承諾書"),
    ("通过后签劳动合同", "通過後簽勞動合同"),
    ("面签", "面簽"),
    ("日结高佣", "日結高佣"),  # 傭 "hired servant"
    ("借款合同里写明了年化利率", "借款合同裡寫明了年化利率"),  # 明瞭 "clear"
    # What must not change: the lot and the label stay 籤, hair stays 髮, 公里 stays 里.
    ("贴标签", "貼標籤"),
    ("抽签", "抽籤"),
    ("头发", "頭髮"),
    ("五十公里", "五十公里"),
    ("雇佣", "僱傭"),
    ("简单明了", "簡單明瞭"),
]
# Taiwan IT words s2twp swapped in; derived text must not gain them.
TAIWAN_IT = ("登出", "物件", "社群", "影片", "結束通話", "型別", "新增", "視窗", "釋出", "程式",
             "資訊", "軟體")
# Characters that were only ever wrong in this bank (hair, lot, servant).
NEVER = re.compile(r"[髮籤傭]")


@pytest.mark.parametrize(("hans", "hant"), PITFALLS)
def test_known_pitfalls(hans: str, hant: str) -> None:
    assert to_traditional(hans) == hant


def test_protected_phrases_keep_their_edges_and_ascii() -> None:
    text = "{% if n %}群发短信{{ n }}条：行长发现<b>签</b>约{% endif %}"
    assert to_traditional(text) == "{% if n %}群發短信{{ n }}條：行長發現<b>簽</b>約{% endif %}"
    assert all(len(k) == len(v) for k, v in phrases().items())  # one character for one


def _bank_texts() -> list[tuple[str, str]]:
    """(zh-Hans, derived zh-Hant) for every localised string in the bank."""
    bank = load_bank(ROOT / "content")
    out = []
    for group in (bank.scam_types, bank.questions, bank.cases, bank.tips, bank.figures,
                  bank.sources, bank.techniques):
        for item in group.values():
            for value in vars(item).values():
                out += _pairs(value)
                for part in value if isinstance(value, tuple) else (value,):
                    for inner in vars(part).values() if hasattr(part, "__dict__") else ():
                        out += _pairs(inner)  # option texts, a scam-or-genuine message
    return out


def _pairs(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, dict) or "zh-Hant" not in value:
        return []
    hans, hant = value["zh-Hans"], value["zh-Hant"]
    if isinstance(hans, tuple):
        return list(zip(hans, hant, strict=True))
    return [(hans, hant)]


def test_the_whole_bank_and_every_template_read_naturally() -> None:
    texts = Texts()
    pairs = _bank_texts() + [
        (texts.sources["zh-Hans"][kind][key], value)
        for kind, table in texts.sources["zh-Hant"].items() for key, value in table.items()]
    assert len(pairs) > 1500
    bad = [(s, t) for s, t in pairs if NEVER.search(t)
           or any(w in t and to_simplified(w) not in s for w in TAIWAN_IT)
           or "里扣" in t or "款里" in t or ("明瞭" in t and "简单明了" not in s)]
    assert bad == []


def test_export_per_locale_through_the_cli(tmp_path: Path) -> None:
    bank = load_bank(ROOT / "content")
    q = next(iter(bank.questions.values()))
    for locale in ("zh-Hant", "en", "zh-Hans"):
        out = tmp_path / f"{locale}.md"
        res = antifraud("content", "export", "--locale", locale, "-o", str(out))
        assert res.returncode == 0, res.stderr
        text = out.read_text(encoding="utf-8")
        assert text.count("\n### ") == sum(len(getattr(bank, k)) for k in (
            "techniques", "scam_types", "questions", "cases", "tips", "figures", "sources"))
        assert q.question[locale] in text and q.options[0].text[locale] in text
    hant = (tmp_path / "zh-Hant.md").read_text(encoding="utf-8")
    assert not NEVER.search(hant) and "行長發現" in hant
    assert q.question["zh-Hans"] not in hant or q.question["zh-Hans"] == q.question["zh-Hant"]
    bad = antifraud("content", "export", "--locale", "fr")
    assert bad.returncode == 1 and "unknown locale" in bad.stderr
