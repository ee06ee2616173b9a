"""Redaction holds: 1,000+ synthetic identities (Faker zh_CN, zh_TW, en_US) planted in realistic
messages in all three languages; not one planted value survives, and the evidence does."""

from __future__ import annotations

import random
import re

import pytest
from faker import Faker

from bot.radar.redact import clean_link, luhn, redact

SEED = 20261207  # tuned on; HELDOUT below was run once, after the rules were fixed
HELDOUT = 777001
IDENTITIES = 1200

ZH = (
    "【{bank}】尊敬的客户，您的账户存在异常，请联系{name}专员，电话{phone}，并提供验证码{code}。",
    "你好，我是{name}，你的快递丢了，理赔请加微信{wechat}，或QQ{qq}，退款到卡号{card}。",
    "我是公安局的{name}警官，你的身份证{id}涉嫌洗钱，请把钱转到安全账户{card}，户名：{name}。",
    "亲爱的{name}，恭喜中奖！领奖请发邮件到{email}并回复您的手机号{phone}，链接 {link}",
    "妈，我换号了，这是我新号码{phone}，我同学{name}急用钱，打到{card}。",
    "【ETC】您的ETC已失效，请在 {link} 更新，登记人：{name}，身份证号{id}，联系电话：{phone}",
    "收款人：{name}\n账号：{card}\n验证码：{code}\n有问题加我vx：{wechat}",
    "{name}同学你好，我是学校财务处的，助学金要先交保证金，加QQ群{qq}办理，电话 {phone}。",
)
TW = (
    "【{bank}】親愛的{name}您好，您的帳戶異常，請撥{phone}並提供驗證碼{code}。",
    "我是{name}，你的網購訂單設定錯誤，請加LINE或微信{wechat}，提供卡號{card}與身分證{id}。",
    "聯絡人：{name}，電話{phone}，請於 {link} 登入解除分期，寄信到{email}。",
    "媽，我手機壞了，這是新號碼{phone}，幫我匯款到{card}，戶名{name}。",
)
EN = (
    "Dear {name}, your {bank} account is locked. Call {phone} and read us the code {code}.",
    "Hi, this is {name} from the parcel service. Verify at {link} and email {email}.",
    "I'm {name}, your investment mentor. Send USDT, then text me on {phone}. SSN {id} needed.",
    "Hello {name}, a refund of $300 is waiting. Reply with card {card} and your OTP {code}.",
    "Mom, I lost my phone, my new number is {phone}. My friend {name} needs cash, "
    "WeChat {wechat}.",
    "Regards,\n{name}\nCustomer Care {phone}\n{email}",
)
TLDS = ("com", "net", "top", "xyz", "cn", "tw")


def card(rng: random.Random) -> str:
    """A Luhn-valid 16 to 19 digit bank card number starting like a UnionPay or Visa card."""
    body = rng.choice(("62", "4", "5")) + "".join(rng.choice("0123456789")
                                                  for _ in range(rng.choice((14, 15, 17))))
    check = next(d for d in "0123456789" if luhn(body + d))
    digits = body + check
    return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4)) if rng.random() < .3 \
        else digits


def identity(fake: Faker, rng: random.Random, locale: str) -> dict[str, str]:
    """One synthetic person: every value that must not survive redaction."""
    token = "".join(rng.choice("abcdef0123456789") for _ in range(24))
    uid = str(rng.randint(10**6, 10**10))
    return {
        "name": fake.name(), "phone": fake.phone_number(), "email": fake.email(),
        "id": fake.ssn(), "card": card(rng), "code": str(rng.randint(1000, 999999)).zfill(6),
        "qq": str(rng.randint(10**5, 10**10)),
        "wechat": fake.user_name() + rng.choice(("", str(rng.randint(1, 999)))),
        "link": f"https://{fake.domain_word()}-verify.{rng.choice(TLDS)}/login?uid={uid}"
                f"&token={token}&lang=zh",
        "bank": rng.choice(("工商银行", "招商銀行", "Chase", "中国银行")),
        "_token": token, "_uid": uid,
    }


def planted(person: dict[str, str]) -> list[str]:
    """The values to look for: each as planted, and phone/card/id digits without separators."""
    values = [v for k, v in person.items() if k not in ("bank", "link")]
    for k in ("phone", "card", "id"):
        digits = re.sub(r"\D", "", person[k].split("x")[0])
        if len(digits) >= 6:
            values.append(digits)
    return values


def cases(seed: int = SEED) -> list[tuple[str, dict[str, str]]]:
    """Messages with one planted identity each, reproducible from the seed."""
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in ("zh_CN", "zh_TW", "en_US")}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed + i)
    out = []
    for i in range(IDENTITIES):
        loc = ("zh_CN", "zh_TW", "en_US")[i % 3]
        person = identity(fakers[loc], rng, loc)
        templates = {"zh_CN": ZH, "zh_TW": TW, "en_US": EN}[loc]
        # A few people write in another language than their name's (emigrants, tourists).
        if rng.random() < 0.15:
            templates = rng.choice((ZH, TW, EN))
        out.append((rng.choice(templates).format(**person), person))
    return out


@pytest.mark.parametrize("seed", [SEED, HELDOUT])
def test_no_planted_value_survives(seed: int) -> None:
    leaks = []
    for text, person in cases(seed):
        out = redact(text)
        digits_out = re.sub(r"[\s\-.()]", "", out)
        for value in planted(person):
            if value in out or (value.isdigit() and value in digits_out):
                leaks.append((value, text, out))
    assert IDENTITIES >= 1000
    assert leaks == [], f"{len(leaks)} leaks, e.g. {leaks[:3]}"


def test_evidence_is_kept() -> None:
    out = redact("【工商银行】您的账户异常，请登录 https://icbc-verify.top/login?uid=88123456&"
                 "token=ab12cd34ef56ab78cd&lang=zh 并提供验证码 482913，转账 5000 元。")
    assert "https://icbc-verify.top/login?lang=zh" in out
    assert "88123456" not in out and "ab12cd34" not in out
    assert "〔验证码〕" in out and "5000 元" in out and "工商银行" in out


@pytest.mark.parametrize(("text", "placeholder"), [
    ("我是张伟，打我电话13812345678", "〔手机号〕"),
    ("卡号 6222 0212 3456 7890 128", "〔银行卡号〕"),
    ("身份证号11010519491231002X", "〔身份证号〕"),
    ("加微信 zhang_san88 领取", "〔微信号〕"),
    ("QQ：123456789", "〔QQ号〕"),
    ("email me at a.b@example.org", "〔邮箱〕"),
    ("Dear John Smith, your parcel", "〔姓名〕"),
    ("我叫欧阳娜娜", "〔姓名〕"),
])
def test_each_kind_has_its_placeholder(text: str, placeholder: str) -> None:
    assert placeholder in redact(text)


def test_links_lose_tokens_in_the_path() -> None:
    assert clean_link("https://t.cn/u/a1b2c3d4e5f6g7h8/claim") == "https://t.cn/u/〔令牌〕/claim"
    assert clean_link("www.example.com/x?id=12345") == "www.example.com/x"
