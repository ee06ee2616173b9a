"""Links as evidence: look-alike brand domains, throwaway TLDs, IP hosts, IDN tricks."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LETTER = r"a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
# Common TLDs, so "e.g" or "3.5" are not links; any host with a scheme or www. is one anyway.
KNOWN_TLDS = _words(
    "com net org edu gov mil info biz pro name cn hk tw mo sg my uk us au ca de fr jp kr ru "
    "io me co app dev link click top xyz vip icu cc club shop store online site live work "
    "rest fun lol buzz cyou sbs tk ml ga cf gq cfd bond life asia monster today win bid loan "
    "men party review ink ltd group tech space website mobi tv ws la ly gd gl im is su to in "
    "ph th vn id")
THROWAWAY_TLDS = _words(
    "top xyz vip icu cc club shop online site live work rest fun lol buzz cyou sbs tk ml ga "
    "cf gq cfd bond life monster today win bid loan men party review ink space website")
SHORTENERS = _words(
    "bit.ly t.cn tinyurl.com is.gd goo.gl ow.ly t.co cutt.ly rb.gy dwz.cn url.cn suo.im s.id "
    "shorturl.at tiny.cc reurl.cc lihi.cc ppt.cc bit.do")
_SECOND_LEVEL = frozenset(["com", "gov", "org", "net", "edu", "co", "ac"])
GOV_SUFFIXES = ("gov.cn", "gov.uk", "gov", "gov.au", "gov.hk", "gov.tw", "gov.sg", "gov.mo")
GOV = "gov"
# Words that name a brand or agency inside a host, and the registrable domains that are its own.
BRANDS: dict[str, tuple[str, ...]] = {
    "usps": ("usps.com",),
    "royalmail": ("royalmail.com",),
    "dhl": ("dhl.com", "dhl.de"),
    "fedex": ("fedex.com",),
    "ups": ("ups.com",),
    "ezpass": (),
    "sunpass": ("sunpass.com",),
    "thetollroads": ("thetollroads.com",),
    "hsbc": ("hsbc.com", "hsbc.co.uk", "hsbc.com.hk"),
    "barclays": ("barclays.co.uk", "barclays.com"),
    "chase": ("chase.com",),
    "netflix": ("netflix.com",),
    "disneyplus": ("disneyplus.com",),
    "spotify": ("spotify.com",),
    "paypal": ("paypal.com",),
    "apple": ("apple.com",),
    "icloud": ("icloud.com",),
    "amazon": ("amazon.com", "amazon.co.uk", "amazon.cn"),
    "google": ("google.com",),
    "microsoft": ("microsoft.com",),
    "whatsapp": ("whatsapp.com",),
    "10086": ("10086.cn",),
    "10010": ("10010.com",),
    "189": ("189.cn",),
    "zto": ("zto.com",),
    "sf": ("sf-express.com",),
    "sfexpress": ("sf-express.com",),
    "ems": ("ems.com.cn",),
    "chinapost": ("chinapost.com.cn",),
    "alipay": ("alipay.com",),
    "zfb": ("alipay.com",),
    "taobao": ("taobao.com",),
    "jd": ("jd.com",),
    "wx": ("qq.com",),
    "weixin": ("qq.com",),
    "wechat": ("wechat.com",),
    "icbc": ("icbc.com.cn",),
    "ccb": ("ccb.com",),
    "cmbchina": ("cmbchina.com",),
    "711": ("7-11.com.tw",),
    "etc": (GOV,),
    "12123": (GOV,),
    "122": (GOV,),
    "jtgl": (GOV,),
    "ybj": (GOV,),
    "yibao": (GOV,),
    "gov": (GOV,),
    "hmrc": (GOV,),
    "irs": (GOV,),
    "ato": (GOV,),
    "police": (GOV,),
    "12306": ("12306.cn",),
    "lloyds": ("lloydsbank.com", "lloyds.com", "lloydsbank.co.uk"),
    "natwest": ("natwest.com",),
    "santander": ("santander.co.uk", "santander.com"),
    "halifax": ("halifax.co.uk",),
    "monzo": ("monzo.com",),
    "revolut": ("revolut.com",),
    "nationwide": ("nationwide.co.uk",),
    "tsb": ("tsb.co.uk",),
    "wellsfargo": ("wellsfargo.com",),
    "bankofamerica": ("bankofamerica.com",),
    "bofa": ("bankofamerica.com",),
    "citi": ("citi.com", "citibank.com"),
    "capitalone": ("capitalone.com", "capitalone.co.uk"),
    "boc": ("boc.cn", "bochk.com"),
    "bochk": ("bochk.com",),
    "hangseng": ("hangseng.com",),
    "dbs": ("dbs.com.sg", "dbs.com"),
    "ocbc": ("ocbc.com",),
    "uob": ("uob.com.sg",),
    "posb": ("posb.com.sg",),
    "evri": ("evri.com",),
    "dpd": ("dpd.co.uk", "dpd.com"),
    "parcelforce": ("parcelforce.com",),
    "auspost": ("auspost.com.au",),
    "canadapost": ("canadapost-postescanada.ca", "canadapost.ca"),
    "mygov": (GOV,),
    "dvla": (GOV,),
    "shuiwu": (GOV,),
    "chinatax": (GOV,),
}
# Letters from other scripts that look like Latin ones (an IDN "pаypal" with a Cyrillic а).
CONFUSABLES = str.maketrans("асеіјоорхуԁѕɡντ", "aceijoopxydsgvt")
_HOST = (
    rf"(?:[{_LETTER}](?:[{_LETTER}-]{{0,62}})?\.)+(?:xn--[a-z0-9-]{{2,59}}|[a-z\u0400-\u04ff]"
    r"{2,24})"
)
_IP = r"\d{1,3}(?:\.\d{1,3}){3}"
URL = re.compile(
    rf"(?<![{_LETTER}@.])(?P<scheme>https?://)?(?P<host>{_IP}|{_HOST})"
    r"(?::\d{1,5})?(?P<path>/[^\s，。、；！？）)】\]\"'<>]*)?",
    re.I,
)


@dataclass(frozen=True)
class Link:
    """A link found in the text, its span, and what is wrong with it."""

    start: int
    end: int
    host: str
    problems: tuple[str, ...]  # lookalike, homoglyph, punycode, ip, throwaway_tld, shortener
    official: bool = False


def registrable(host: str) -> str:
    """The domain a registrant owns: "a.b.example.com.cn" -> "example.com.cn"."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _official(domain: str, owners: tuple[str, ...]) -> bool:
    return any(domain == o or (o == GOV and domain.endswith(GOV_SUFFIXES)) for o in owners)


def _brand_problems(host: str, domain: str) -> tuple[str, ...]:
    """A brand's or agency's name on a host whose registrable domain is not its own."""
    tokens = set(re.split(r"[^a-z0-9]+", host.translate(CONFUSABLES)))
    tokens |= {t.rstrip("0123456789") for t in tokens} | {t.lstrip("jgwt") for t in tokens}
    for word, owners in BRANDS.items():
        if word in tokens and not _official(domain, owners):
            return ("lookalike",)
    return ()


def _decode_idn(host: str) -> str:
    """Punycode labels decoded (xn--); a label that will not decode is left as it is."""
    out = []
    for label in host.split("."):
        try:
            out.append(label.encode("ascii").decode("idna") if label.startswith("xn--") else label)
        except UnicodeError:
            out.append(label)
    return ".".join(out)


def assess(host: str) -> tuple[tuple[str, ...], bool]:
    """What is wrong with a host, and whether it is a brand's own domain."""
    host = host.lower().rstrip(".")
    if re.fullmatch(_IP, host):
        return ("ip",), False
    problems: list[str] = []
    shown = _decode_idn(host)
    if "xn--" in host:
        problems.append("punycode")
    if not shown.isascii():
        problems.append("homoglyph")
    domain = registrable(shown.translate(CONFUSABLES))
    problems += _brand_problems(shown, domain)
    if "homoglyph" in problems and "lookalike" not in problems and _is_brand_domain(domain):
        problems.append("lookalike")  # a brand's own name spelled in look-alike letters
    if host.rsplit(".", 1)[-1] in THROWAWAY_TLDS:
        problems.append("throwaway_tld")
    if registrable(host) in SHORTENERS:
        problems.append("shortener")
    return tuple(problems), _is_brand_domain(domain) and not problems


def _is_brand_domain(domain: str) -> bool:
    """A brand's or a government's own registrable domain."""
    return domain.endswith(GOV_SUFFIXES) or any(
        _official(domain, o) for o in BRANDS.values() if o != (GOV,)
    )


_SENDER = re.compile(r"\s*(?:【([^】]{1,20})】|\[([^\]]{1,20})\]|([a-z][a-z0-9&+ -]{1,24}?)\s*:)")


def sender_of(text: str) -> str:
    """The name an SMS opens with ("Lloyds:", "【Evri】"), squashed, if it is Latin."""
    m = _SENDER.match(text)
    name = next((g for g in m.groups() if g), "") if m else ""
    squashed = re.sub(r"[^a-z0-9]", "", name)
    return squashed if len(squashed) >= 3 and squashed.isascii() else ""


def _names_sender(host: str, sender: str) -> bool:
    """The sender's name is a piece of the host but not the whole of its registrable name."""
    label = registrable(host).split(".")[0]
    return label != sender and sender in re.split(r"[.-]", host)


def find_links(text: str) -> list[Link]:
    """Every URL, bare domain or IP link in the text (ASCII-folded, lower-case input)."""
    links = []
    sender = sender_of(text)
    for m in URL.finditer(text):
        host = m.group("host").lower()
        tld = host.rsplit(".", 1)[-1]
        bare = not m.group("scheme") and not host.startswith("www.") and not m.group("path")
        if (
            bare
            and tld not in KNOWN_TLDS
            and not tld.startswith("xn--")
            and not re.fullmatch(_IP, host)
            and tld.isascii()
        ):
            continue
        if re.fullmatch(r"[\d.]+", host) and not re.fullmatch(_IP, host):
            continue  # a number such as 6.8 or 3.402.17
        problems, official = assess(host)
        if sender and not official and "lookalike" not in problems \
                and _names_sender(host, sender):
            problems += ("lookalike",)  # "Lloyds: … lloyds-payee-review.com"
        links.append(Link(m.start(), m.end(), host, problems, official))
    return links
