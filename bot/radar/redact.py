"""Redaction before a reported message is stored: personal data becomes typed placeholders.

Links and domains stay (they are the evidence) but lose query values and path parts that carry
ids or tokens. Order matters: links first (kept aside), then e-mails, ID and bank cards, phone
numbers (libphonenumber, then any long digit run), codes, QQ/WeChat ids, and names.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import phonenumbers

PHONE, ID_CARD, BANK_CARD, CODE = "〔手机号〕", "〔身份证号〕", "〔银行卡号〕", "〔验证码〕"
EMAIL, QQ, WECHAT, NAME, NUMBER, TOKEN = ("〔邮箱〕", "〔QQ号〕", "〔微信号〕", "〔姓名〕",
                                          "〔号码〕", "〔令牌〕")
REGIONS = ("CN", "TW", "HK", "US")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。！？、）》】]+", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CN_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)")
_TW_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?![0-9])")
_US_SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
_DIGITS = re.compile(r"(?<![A-Za-z0-9_])\+?\(?\d[\d\s\-.()]{4,}\d(?:\s?(?:x|ext\.?|#)\s?\d{1,6})?")
_CODE = re.compile(r"((?:验证码|驗證碼|校验码|校驗碼|动态码|動態碼|code|otp|pin|passcode)"
                   r"(?:\s*(?:是|为|為|:|：|is|:\s*))?\s*)([A-Za-z0-9]{4,8})(?![A-Za-z0-9])", re.I)
_QQ = re.compile(r"((?:QQ|扣扣)\s*(?:号|號|群)?\s*(?:[:：是为為]\s*)?)([1-9]\d{4,11})", re.I)
_WECHAT = re.compile(
    r"((?:微信|威信|薇信|vx|wx|v信|wechat|weixin)\s*(?:号|號|id|ID)?\s*(?:[:：是为為]\s*|is\s+)?)"
    r"([A-Za-z][-_A-Za-z0-9.]{1,24})", re.I)
_CARD = re.compile(r"(?<![A-Za-z0-9])\d(?:[ -]?\d){12,18}(?![0-9])")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}")
_SAFE_QUERY = re.compile(r"[a-z]{1,12}")  # lang=zh, page=home: words, not ids
_TOKENISH = re.compile(r"(?=.*\d)[A-Za-z0-9_\-=]{12,}|\d{5,}")

# Common surnames (百家姓 order, simplified and traditional, single and compound).
_SURNAMES_1 = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔"
    "向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦"
    "俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂塗成苗谷盛曲翁冉骆駱蓝藍路游遊辛靳管柴"
    "蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁"
    "窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮"
    "巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞"
    "谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰"
    "豐支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫"
    "杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰"
    "昝智幸奉植衡富尧堯闭閉由阎閻赖賴洪鐘凃粘丘籃留鄞龎")
_COMPOUND = ("欧阳 歐陽 司马 司馬 上官 诸葛 諸葛 东方 東方 皇甫 令狐 慕容 司徒 夏侯 "
             "尉迟 尉遲 长孙 長孫 宇文 公孙 公孫 端木 独孤 獨孤 南宫 南宮 西门 西門 "
             "轩辕 軒轅 万俟 萬俟 范姜 张简 張簡 申屠 闻人 聞人 钟离 鍾離 澹台 澹臺")
_SURNAMES_2 = tuple(_COMPOUND.split())
_SURNAME = "(?:" + "|".join(_SURNAMES_2) + "|[" + _SURNAMES_1 + "])"
_ZH_TRIGGER = (r"我是|我叫|叫我|本人|姓名|名字|收款人|户名|戶名|联系人|聯絡人|聯繫人|持卡人|"
               r"客服|专员|專員|经理|經理|警官|老师|老師|尊敬的|亲爱的|親愛的|致|签名|簽名|家长|家長|是|"
               r"同学|同學|朋友|同事|老板|老闆|领导|領導|表哥|表姐|儿子|兒子|女儿|女兒|老公|老婆|找|给|給|"
               r"和|跟|联系|聯繫|聯絡")
# Institutions that start like a surname (公安局, 平安银行): never a name.
_NOT_NAME = ("(?!公安|公司|公积|公積|司法|国家|國家|国际|國際|海关|海關|金融|安全|平安|"
             "法院|官方|京东|京東|支付|高级|高級|全国|全國|中国|中國|华为|華為|明天|万能|"
             "萬能|时间|時間|学校|學校|财务|財務|银行|銀行|快递|快遞|平台|通知|和你|司机|司機)")
_ZH_NAME = re.compile(rf"((?:{_ZH_TRIGGER})\s*[:：]?\s*){_NOT_NAME}"
                      rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}})")
_ZH_STRONG = re.compile(r"((?:我叫|姓名|名字|收款人|户名|戶名|持卡人|联系人|聯絡人|聯繫人|"
                        r"[登申办辦负負责責經经][记記请請理责責办辦]人)\s*[:：]?\s*)"
                        r"([\u4e00-\u9fff]{2,4})")
_ZH_TITLE = re.compile(rf"({_SURNAME}[\u4e00-\u9fff]{{1,2}})"
                       r"(?=先生|女士|小姐|同学|同學|警官|老师|老師)")
_MIXED = re.compile(rf"((?i:I'm|I am|this is|dear|name is|name:|hi|hello|from|friend|"
                    rf"call me|regards,)\s*)({_SURNAME}[\u4e00-\u9fff]{{1,2}})")
_EN_WORD = r"(?:[A-Z][a-z]*\.?|[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
_EN_NAME = re.compile(
    r"((?:\b(?i:I'm|I am|This is|Dear|my name is|Name:|name is|Regards,|Sincerely,|"
    r"Thanks,|call me|from|agent|Officer|contact|to|Hi|Hello|Hey|friend|son|daughter|"
    r"mentor|manager)\s*)|(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+))"
    rf"((?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?{_EN_WORD}(?:\s+{_EN_WORD}){{0,3}}"
    r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV|V|MD|DDS|PhD|DVM|Esq\.?))?)")
_EN_KEEP = frozenset({"I", "The", "Your", "You", "We", "Our", "This", "It", "A", "An", "Please",
                      "Bank", "Amazon", "PayPal", "Apple", "Microsoft", "Google", "Customer",
                      "Service", "Support", "Team", "Security", "Department", "Police",
                      "Sir", "Madam", "All", "Everyone", "Click", "Call", "Reply", "Visit"})


def redact(text: str) -> str:
    """The text with personal data replaced by typed placeholders; links kept, cleaned."""
    links: list[str] = []

    def keep_link(m: re.Match[str]) -> str:
        links.append(clean_link(m.group(0)))
        return f"\x00{len(links) - 1}\x00"

    out = _URL.sub(keep_link, text)
    out = _EMAIL.sub(EMAIL, out)
    out = _QQ.sub(lambda m: m.group(1) + QQ, out)
    out = _WECHAT.sub(lambda m: m.group(1) + WECHAT, out)
    out = _CODE.sub(lambda m: m.group(1) + CODE, out)
    out = _CN_ID.sub(ID_CARD, out)
    out = _TW_ID.sub(ID_CARD, out)
    out = _US_SSN.sub(ID_CARD, out)
    out = _CARD.sub(lambda m: BANK_CARD if luhn(re.sub(r"\D", "", m.group(0))) else m.group(0),
                    out)
    out = _phones(out)
    out = _DIGITS.sub(_number, out)
    out = _HANDLE.sub(WECHAT, out)
    out = _names(out)
    return re.sub("\x00(\\d+)\x00", lambda m: links[int(m.group(1))], out)


def _phones(text: str) -> str:
    for region in REGIONS:
        matches = list(phonenumbers.PhoneNumberMatcher(text, region,
                                                       leniency=phonenumbers.Leniency.POSSIBLE))
        for m in reversed(matches):
            text = text[:m.start] + PHONE + text[m.end:]
    return text


def luhn(digits: str) -> bool:
    """Whether a digit string passes the Luhn check (bank cards)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _number(m: re.Match[str]) -> str:
    raw = m.group(0)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 6:
        return raw  # amounts, dates and short counts are part of the story
    if 13 <= len(digits) <= 19 and luhn(digits):
        return BANK_CARD
    if len(digits) in (11, 13) and digits.startswith(("1", "861")):
        return PHONE
    return NUMBER


_ZH_LATIN = re.compile(rf"((?:{_ZH_TRIGGER}|[登申办辦负負责責經经][记記请請理责責办辦]人|"
                       rf"收款人|户名|戶名|持卡人|联系人|聯絡人)\s*[:：]?\s*)({_EN_WORD}(?:\s+{_EN_WORD}){{0,3}}"
                       r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV|V|MD|DDS|PhD|DVM|Esq\.?))?)")

_LATIN_TITLE = re.compile(rf"{_EN_WORD}(?:\s+{_EN_WORD}){{0,3}}"
                          r"(?=\s*(?:同学|同學|警官|先生|女士|小姐|老师|老師|专员|專員|经理|經理|您好|你好))")


def _names(text: str) -> str:
    text = _ZH_STRONG.sub(lambda m: m.group(1) + NAME, text)
    text = _ZH_NAME.sub(lambda m: m.group(1) + NAME, text)
    text = _ZH_TITLE.sub(NAME, text)
    text = _MIXED.sub(lambda m: m.group(1) + NAME, text)
    text = _ZH_LATIN.sub(lambda m: m.group(1) + NAME, text)
    text = _LATIN_TITLE.sub(NAME, text)

    def en(m: re.Match[str]) -> str:
        words = m.group(2).split()
        if all(w.strip(".,") in _EN_KEEP for w in words):
            return m.group(0)
        return m.group(1) + NAME

    return _EN_NAME.sub(en, text)


def clean_link(url: str) -> str:
    """A link with its domain and path kept; ids, tokens and personal values removed."""
    trail = ""
    while url and url[-1] in ".,;:!?)":
        trail, url = url[-1] + trail, url[:-1]
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return TOKEN + trail
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if _SAFE_QUERY.fullmatch(v) and not _TOKENISH.search(k)]
    path = "/".join(TOKEN if _TOKENISH.fullmatch(p) or _EMAIL.search(p) else p
                    for p in parts.path.split("/"))
    host = parts.hostname or ""
    if "@" in parts.netloc or ":" in parts.netloc.split("@")[-1]:
        host = host + (f":{parts.port}" if parts.port else "")
    kept = urlunsplit((parts.scheme, host, path, urlencode(query), ""))
    if "://" not in url:
        kept = kept.removeprefix("http://")
    return kept + trail
