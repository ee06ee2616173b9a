"""The marks of fraud as patterns over folded text (lower-case, half-width, Simplified).

Each rule: kind, weight, decisive, pattern. Chinese and English alike; Traditional and Cantonese
input reaches these patterns converted to Simplified characters (戶口 → 户口, 過數 → 过数).
"""

from __future__ import annotations

_PAY = r"(?:支付(?!宝|支出)|缴纳|补缴|交纳|缴交|缴|付|先交|先付|先充|先转|先过)"
_RELEASE_ZH = (r"(?:才能|才可|才会|方可|后方|解冻|提现|领奖|放款|激活|发放|到账|退回|返还|兑换"
               r"|释放|寄出|发货)")
_FEES_ZH = (r"(?:保证金|税费|税金|所得税|手续费|押金|定金|订金|托运费|保险金|保险费|律师费|鉴定费"
            r"|工本费|激活金|认证费|服务费|审核费|行政费)")
_GOODS = (r"(?:funds|prize|money|grant|winnings|payment|parcel|package|balance|inheritance"
          r"|reward|item)")

RULES: tuple[tuple[str, float, bool, str], ...] = (
    ("fee", 1.5, False,
     _PAY + r"[^，。！,!.\n]{0,8}?(?:费|元|税|\d)"
     r"|\d+(?:\.\d+)?\s*元[^，。]{0,3}费|pay(?:ing)? (?:the |a |your |now)?[^.,\n]{0,30}?"
     r"(?:fee|charge|duty|toll|invoice|balance)|(?:fee|charge|duty|toll) of [$£€]?\d"
     r"|settle (?:it )?(?:now|today)|outstanding (?:toll|balance|charge)"
     r"|[$£€]\d[\d.,]* (?:\w+ )?(?:fee|charge|postage)"),
    ("release_fee", 3.0, False,
     r"公证费|解冻费|解冻金|激活费|通道费|清关费"
     rf"|{_FEES_ZH}[^，。]{{0,10}}{_RELEASE_ZH}"
     r"|(?:领奖|提现|解冻|放款|发放|领取|到账|兑奖|提款)前[^，。]{0,6}(?:交|付|缴)"
     r"|先(?:交|付|缴)[^，。]{0,12}(?:才能|才可|方可)"
     r"|(?:unfreeze|unlock|unlocking|release|clearance|notary|activation) (?:and \w+ )?fee"
     rf"|fee[^.]{{0,40}}(?:before you can|to release|to unlock|to withdraw|to claim|to receive)"
     rf"|(?:deposit|pay|paid|send)[^.]{{0,40}}to (?:release|unlock|withdraw|claim|receive)"
     rf" (?:the |your |it|them)?{_GOODS}?"),
    ("pay_first", 2.0, False,
     r"先(?:付|转|交|打|过|汇)[^，。]{0,8}(?:全款|全数|定金|订金|押金|按金|货款|款|钱|数|费)"
     r"|(?:定金|订金|押金|按金|全款)[^，。]{0,8}(?:转|打|汇|过|付)(?:到|去|入)?我"
     r"|pay (?:me )?(?:first|upfront|up front|in advance)"
     r"|(?:pay|paid) [^.]{0,40}(?:upfront|first)\b"
     r"|(?:send|transfer|pay) (?:me )?(?:the |a )?deposit"),
    ("gift_card", 3.0, True,
     r"礼品卡|购物卡|充值卡|游戏点卡|苹果卡|卡密|gift ?cards?|itunes cards?|steam cards?"
     r"|claim codes?"),
    ("crypto", 2.0, False,
     r"usdt|泰达币|虚拟币|比特币|bitcoin|\bbtc\b|加密货币|钱包地址|wallet address"),
    ("install_app", 2.0, False,
     r"(?:下载|安装)[^，。,.]{0,10}(?:app|软件|客户端)|会议软件|远程软件|向日葵|todesk|anydesk"
     r"|teamviewer|(?:download|install)(?:ing)? (?:the |an |our |this )?(?:\w+ ){0,2}"
     r"(?:app|application|software)\b"),
    ("share_screen", 3.0, True,
     r"屏幕共享|共享屏幕|开启共享|share (?:your |the )?screen|screen ?shar"),
    ("read_code", 3.0, True,
     r"(?:验证码|动态码|校验码)[^，。]{0,6}(?:发给|告诉|报给|念给|读给)(?:我|他|对方|客服)"
     r"|(?:告诉|报|念|读|发)(?:给)?(?:我|他|客服)[^，。]{0,4}(?:验证码|动态码)"
     r"|(?:read|send|give|tell|forward|text)(?: it)?(?: me| us)?(?: back)? (?:the |your |that )?"
     r"(?:\w+ )?(?:code|otp|pin)s?\b"),
    ("secrecy", 1.5, False,
     r"不要告诉|别告诉|勿告诉|不要声张|别声张|保密|不能告诉|不许告诉|别跟(?:别人|任何人|家人)说"
     r"|家人问起|don't tell|do not tell|tell no one|keep (?:this|it) "
     r"(?:confidential|secret|between us|quiet)|between us|strictly confidential|don't mention"),
    ("urgency", 1.0, False,
     r"今日内|今天内|即日|\d+小时内|今晚\d*点|逾期|否则将|立即|尽快|限时|名额有限|今天截止|速报名"
     r"|马上|即刻|立刻|越快越好|来不及|今天不|今天就|下一个人|下一位"
     r"|within \d+ (?:hours?|minutes?|h)\b|within \d+h|immediately|urgent(?:ly)?"
     r"|final (?:notice|reminder)"
     r"|right (?:now|away)|today only|before it expires|ends tonight|every hour counts"
     r"|only \d+ left|next buyer|will be (?:suspended|closed|returned|destroyed|cancelled|lost)"),
    ("personal_account", 2.5, False,
     r"个人账户|私人账户|个人银行卡|个人卡|私户|我的个人|私人户口|私人户头|个人户口"
     r"|我(?:的)?户口"
     r"|(?:转|打|汇|过|付)[^，。]{0,8}(?:到|去|入)(?:我|我的)(?:个人)?(?:卡|账户|支付宝|微信|户口)"
     r"|(?:职员|员工|工作人员|经办人|专员)(?:的)?(?:个人)?(?:账户|户口|卡)|(?:我的)?另一张卡"
     r"|personal (?:bank |paypal )?account|my personal|(?:friend|mate|agent)'s account"
     r"|(?:transfer|send|pay|wire|deposit)[^.]{0,30}(?:to|into) my (?:\w+ )?account"
     r"|my other account"),
    ("job_abroad", 2.0, False,
     r"(?:海外|境外|出国|国外|泰国|柬埔寨|缅甸|迪拜|菲律宾|老挝)[^，。]{0,10}(?:工作|招聘|高薪|客服|务工)"
     r"|包机票|机票[^，。]{0,4}(?:全包|报销|公司)|边境|overseas (?:job|work)|work(?:ing)? abroad"
     r"|jobs? (?:in|abroad|overseas|offer in)|(?:free )?flights? (?:and|&) (?:visa|accommodation)"
     r"|visa arranged|free flights?|at the border"),
    ("passport_kept", 3.0, True,
     r"护照[^，。]{0,12}(?:保管|交给|上交|扣|统一办理|收走)"
     r"|(?:keep|hold|take|collect)s? (?:your|the) passport|hand over your passport"
     r"|passport[^.]{0,25}(?:kept|held|safe with us)"),
    ("donation", 1.5, False, r"捐款|募捐|捐助|善款|donate|donation|relief appeal"),
    ("transfer_ask", 1.0, False,
     r"转账|转到|汇款|打款|过数|transfer|wire|send (?:me )?[$£€]\d"),
    ("move_chat", 1.0, False,
     r"加(?:我)?(?:微信|qq|line)|text me on|whatsapp me|message me on|私聊"),
    ("unexpected_money", 1.5, False,
     r"退税|补贴待领取|待领取|领取补贴|(?:补贴|津贴)[^，。]{0,12}(?:领取|发放)|符合[^，。]{0,12}(?:补贴|津贴)"
     r"|tax (?:refund|rebate)|eligible for|refund of|pending (?:tax )?refund|qualify for"
     r"|due a (?:tax )?(?:refund|rebate)"),
    ("prize", 1.5, False,
     r"中奖|抽中|幸运观众|一等奖|二等奖|头奖|抽奖[^，。]{0,10}获|获得[^，。]{0,6}奖"
     r"|you(?:'ve| have)? won|lottery|prize|selected in|lucky draw|sweepstake"),
    ("new_number", 2.0, False,
     r"新号码|换号了|换了新号|这是我(?:的)?新|新换的号|新手机号|临时号码|新电话号码|换咗新"
     r"|手机(?:坏了|丢了|掉|摔坏|没电)|(?:my )?new (?:number|mobile|phone|sim)|temporary number"
     r"|old (?:phone|number|one) (?:stopped|broke|is broken|isn't|died)|phone (?:broke|is broken|"
     r"got stolen|was stolen|died)|dropped my phone|lost my phone|using a friend's"),
    ("bank_details", 1.5, False,
     r"银行卡信息|银行卡号|bank details|card details|billing (?:details|info)|sort code|\bcvv\b"
     r"|payment (?:details|info)"),
    ("threat", 1.0, False,
     r"冻结|停机|停用|失效|清零|异常|扣分|滞纳金|suspended|late fee|closed in|returned to sender"
     r"|penalty|restricted|frozen|locked"),
    ("inheritance", 1.5, False,
     r"遗产[^，。]{0,20}(?:美元|万|英镑|欧元)|远房亲戚|远亲|estate of your late|late relative"
     r"|next of kin|unclaimed (?:funds|inheritance)|beneficiary of"),
    ("customs_hold", 1.5, False,
     r"海关[^，。]{0,6}(?:扣|滞留|查扣)|被海关|罚没|held (?:at|by) customs|seized goods"),
    ("emergency", 1.5, False,
     r"(?:孩子|儿子|女儿|你仔|个仔|your (?:son|daughter|child|kid))[^。]{0,24}"
     r"(?:受伤|摔伤|住院|车祸|出事|手术|急救|抢救|accident|hospital|surgery|injured)"
     r"|手术费|医药费"),
    ("wrong_transfer", 3.0, False,
     r"误转|转错|打错钱|错转|(?:sent|transferred)[^.]{0,30}(?:by mistake|in error)"
     r"|accidentally (?:sent|transferred)"),
)
