"""Case narratives: paragraphs about a named person, with money at stake and an outcome."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.content.cleaning import GARBLED
from bot.content.ingest.places import place_in
from bot.content.ingest.text import sentences, year_of

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞"
    "敖巩明佘池查麻苑迟邝"
)
# What follows a name in a news story: a verb, a particle or punctuation ("小徐在", "王某称").
_AFTER_NAME = (r"(?=[在的是说称接收被向和与因通过深表发立遂随便就也却才已又缴将把给等于到"
               r",，。、“(（\s]|$)")
_TITLE = (r"(?:女士|先生|大爷|大妈|阿姨|奶奶|爷爷|老伯|大叔|大姐|大哥|小姐|同学|老师|师傅"
          rf"|老汉|老太|某某?{_AFTER_NAME})")
_NAMED = re.compile(rf"[{SURNAMES}]{_TITLE}")
_NICK = re.compile(rf"[小老阿][{SURNAMES}]{_AFTER_NAME}")
_NOT_NICK = {"小时", "小程", "小康", "小白", "小费", "小米", "小金", "小黄", "小方", "小高",
             "老师", "小学", "老家", "阿里", "小于"}
_UNNAMED = re.compile(r"(?:一名|一位|某|一)(?:\d{1,3}岁)?(?:男子|女子|市民|村民|居民|老人|大学生"
                      r"|学生|网友|女士|先生|事主|宝妈|会计|小伙|姑娘)")
MONEY = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
                   r"(?:余|多)?(?:万|亿)?(?:港|美|澳|台|日|欧)?元")
OUTCOMES = {
    "recovered": re.compile(r"冻结|返还|追回|挽回|止付|退还|归还|追缴"),
    "stopped": re.compile(r"拦截|劝阻|避免|识破|醒悟|未转账|没有转账|没被|险些|差点|幸好"
                          r"|及时止损|止损|未遭受|未造成"),
    "lost": re.compile(r"被骗|骗走|损失|受骗|上当|骗取|转账|汇款|被诈骗"),
    "reported": re.compile(r"报警|报案|求助"),
}


@dataclass(frozen=True)
class Case:
    """A real case the article tells: who, the money, the outcome, and the paragraph itself."""

    person: str
    people: tuple[str, ...]
    amounts: tuple[str, ...]
    outcome: str
    outcomes: tuple[str, ...]
    scam_type: str | None
    year: int | None
    region: str | None
    place: str | None
    quote: str
    text: str


def people_in(text: str) -> list[str]:
    """Private people a passage names ("潘女士", "小徐", "王某"), in order, each once."""
    found = [(m.start(), m.group(0)) for m in _NAMED.finditer(text)]
    found += [(m.start(), m.group(0)) for m in _NICK.finditer(text) if m.group(0) not in _NOT_NICK]
    found += [(m.start(), m.group(0)) for m in _UNNAMED.finditer(text)]
    return list(dict.fromkeys(name for _, name in sorted(found)))


def _outcome(text: str) -> tuple[str, tuple[str, ...]]:
    words = tuple(dict.fromkeys(w for rx in OUTCOMES.values() for w in rx.findall(text)))
    label = next((k for k in ("recovered", "stopped", "lost") if OUTCOMES[k].search(text)), "")
    return label or ("reported" if words else ""), words


def _groups(paragraphs: list[str]) -> list[tuple[list[str], str]]:
    """Paragraphs that name a person; the next paragraph about the same person is joined on."""
    groups: list[tuple[list[str], str]] = []
    last = -2
    for i, para in enumerate(paragraphs):
        names = people_in(para)
        if not names:
            continue
        if groups and last == i - 1 and names[0] in groups[-1][0]:
            groups[-1] = ([*groups[-1][0], *names], groups[-1][1] + "\n" + para)
        else:
            groups.append((names, para))
        last = i
    return groups


def _quote(text: str, person: str) -> str:
    """The sentence that best tells the case: the person with money, else the person."""
    said = [s for para in text.split("\n") for s in sentences(para)]
    # The bank's quotes may not cross a garbled passage: prefer clean sentences (sort is stable).
    said = sorted(said, key=lambda s: GARBLED in s)
    return next((s for s in said if person in s and MONEY.search(s)),
                next((s for s in said if person in s), said[0] if said else text))


def find_cases(paragraphs: list[str], typer: Callable[[str], str | None],
               article_year: int | None = None, region: str | None = None) -> list[Case]:
    """Every case narrative: a named person with an amount or an outcome (被骗, 拦截, 返还…)."""
    cases = []
    for names, text in _groups(paragraphs):
        amounts = tuple(dict.fromkeys(MONEY.findall(text)))
        outcome, words = _outcome(text)
        if not amounts and not outcome:
            continue
        people = tuple(dict.fromkeys(names))
        cases.append(Case(
            person=people[0], people=people, amounts=amounts, outcome=outcome, outcomes=words,
            scam_type=typer(text), year=year_of(text, article_year),
            region=region, place=place_in(text), quote=_quote(text, people[0]), text=text,
        ))
    return cases
