"""Where an article is from: provinces by name, cities and counties by their police."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
)
_PROVINCE = re.compile("|".join(PROVINCES))
# A place named by its police: "柳州市公安局", "无锡公安", "新吴公安分局", "青岛警方".
_POLICE = re.compile(
    r"([\u4e00-\u9fff]{2,5}?)(?:省|市|县|区|州|盟|旗)?"
    r"(?:公安局|公安分局|公安厅|公安机关|公安处|公安|警方|反诈中心)"
)
# A city or county named with its districts or offices: "青岛市市北区", "通渭县委".
_NAMED = re.compile(r"([\u4e00-\u9fff]{2})(?:市|县)(?=市|区|县|镇|公安|委|政府|人民|检察|法院)")
# Characters that do not occur in place names but often precede one ("正是青岛市公安局").
_STOP = re.compile(r"[是的了在和与及为将对向从把被也就还又这那其等不正年月日由让使给以之所"
                   r"而并或每一个各全本我该当近今此随组推依据经要已式]")
# Words that precede or follow a place without being one ("近日无锡公安", "广西各级公安机关").
_LEAD = re.compile(r"^(?:近日|今年|目前|同时|此外|随后|组织|推动|会同|联合|依托|由|在|经|据"
                   r"|向|对|与|和|及|是|为|将|全|各|本|我|该|当地|属地|辖区|基层|自治区"
                   r"|省|市|县|区|镇|乡)+")
_TRAIL = re.compile(r"(?:各级|各地|全区|全市|全省|全县|当地|基层|自治区|壮族|维吾尔|回族)+$")
_NOT_PLACE = re.compile(r"(人民|满意|治安|交通|刑侦|经侦|网安|铁路|森林|民航|边防|出入境|机关"
                        r"|部门|系统|自治|反诈|诈|国家|全民|社会|群众|城市|构建)")


# "人民网北京7月13日电": where the news agency filed from, not where the story happened.
_DATELINE = re.compile(r"^[^，,。\n]{0,24}?\d{1,2}月\d{1,2}日电", re.M)


def provinces_in(text: str) -> Counter[str]:
    """How often each province is named (lines naming three or more are lists, not places)."""
    counts: Counter[str] = Counter()
    for line in _DATELINE.sub("", text).splitlines():
        found = _PROVINCE.findall(line)
        if len(set(found)) < 3:
            counts.update(found)
    return counts


def _trim(name: str) -> str:
    name = _TRAIL.sub("", _LEAD.sub("", name))
    return _STOP.split(name)[-1]


def localities_in(text: str) -> Counter[str]:
    """Cities and counties named by their police, a longer name absorbing its own ending."""
    counts: Counter[str] = Counter()
    text = _DATELINE.sub("", text)
    for m in [*_POLICE.finditer(text), *_NAMED.finditer(text)]:
        name = _trim(m.group(1))
        inner = _PROVINCE.search(name)
        if len(name) >= 2 and not _NOT_PLACE.search(name) and not (inner and inner.start()):
            counts[name] += 1
    for short in list(counts):
        longer = [n for n in counts if n != short and n.endswith(short)]
        if longer:
            counts[longer[0]] += counts.pop(short)
    return counts


def is_place(name: str, text: str) -> bool:
    """Whether a short name (a title's "青岛:" prefix) is a place the text knows."""
    if _PROVINCE.search(name) or re.search(re.escape(name) + "(?:省|市|县|区)", text):
        return True
    return any(name.endswith(n) or n.endswith(name) for n in localities_in(text))


def region_of(texts: Iterable[str], title: str | None = None) -> str | None:
    """The article's region: a place prefix on the title, else its province and main locality."""
    text = "\n".join(texts)
    if title:
        m = re.match(r"^([\u4e00-\u9fff]{2,8})[:：]", title)
        if m and is_place(m.group(1), text):
            return m.group(1)
    local = localities_in(text).most_common(1)
    province = provinces_in(text).most_common(1)
    place = local[0][0] if local else None
    prov = province[0][0] if province else None
    if place and prov and not _PROVINCE.search(place):
        return prov + place
    return place or prov


def place_in(sentence: str) -> str | None:
    """A place named in one sentence (province or locality), if any."""
    local = localities_in(sentence).most_common(1)
    if local:
        return local[0][0]
    prov = provinces_in(sentence).most_common(1)
    return prov[0][0] if prov else None
