"""The marks of fraud as patterns over folded text (lower-case, half-width, Simplified).

Each rule: kind, weight, decisive, pattern. Chinese and English alike; Traditional and Cantonese
input reaches these patterns converted to Simplified characters (戶口 → 户口, 過數 → 过数).
"""

from __future__ import annotations

_PAY = r"(?:支付(?!宝|支出)|缴纳|补缴|交纳|缴交|缴|付|先交|先付|先充|先转|先过)"
_RELEASE_ZH = (r"(?:才能|才可|才会|方可|后方|解冻|提现|领奖|放款|激活|发放|到账|退回|返还|兑换"
               r"|释放|寄出|发货|出金|提款|解除)")
_FEES_ZH = (r"(?:保证金|税费|税金|所得税|手续费|押金|定金|订金|托运费|保险金|保险费|律师费|鉴定费"
            r"|工本费|激活金|认证费|服务费|审核费|行政费)")
_GOODS = (r"(?:funds|prize|money|grant|winnings|payment|parcel|package|balance|inheritance"
          r"|reward|item)")

RULES: tuple[tuple[str, float, bool, str], ...] = (
    ("fee", 1.5, False,
     _PAY + r"[^，。！,!.\n]{0,8}?(?:费|元|税|\d)"
     r"|\d+(?:\.\d+)?\s*元[^，。]{0,3}费|pay(?:ing)? (?:the |a |your |now)?[^.,\n]{0,30}?"
     r"(?:fee|charge|duty|toll|invoice|balance|tax)|(?:fee|charge|duty|toll) of [$£€]?\d"
     r"|交[\d一二三四五六七八九十两]+[万千百]?元?[^，。]{0,4}费|pay [$£€]\d"
     r"|settle (?:it )?(?:now|today)|outstanding (?:toll|balance|charge)"
     r"|[$£€]\d[\d.,]* (?:\w+ ){0,3}(?:fee|charge|postage)"),
    ("release_fee", 3.0, False,
     r"公证费|解冻费|解冻金|激活费|通道费|清关费"
     rf"|{_FEES_ZH}[^，。]{{0,10}}{_RELEASE_ZH}"
     r"|(?:领奖|提现|解冻|放款|发放|领取|到账|兑奖|提款)前[^，。]{0,6}(?:交|付|缴)"
     r"|先(?:交|付|缴)[^，。]{0,12}(?:才能|才可|方可)"
     r"|(?:充值|存入|存款|转入|补足)[^，。]{0,16}(?:提现|提款|出金|解冻|解除|取出)"
     r"|(?:unfreeze|unlock|unlocking|release|clearance|notary|activation) (?:and \w+ )?fee"
     rf"|fee[^.]{{0,40}}(?:before you can|to release|to unlock|to withdraw|to claim|to receive)"
     rf"|(?:deposit|pay|paid|send)[^.]{{0,40}}to (?:release|unlock|withdraw|claim|receive|verify)"
     rf" (?:the |your |it|them)?{_GOODS}?"),
    ("pay_first", 2.0, False,
     r"先(?:付|转|交|打|过|汇|俾|畀)[^，。]{0,8}(?:全款|全数|定金|订金|押金|按金|货款|款|钱|数|费)"
     r"|(?:付款|收款|收到款|过数)后(?:即|马上|再)?(?:发|寄)|看房前|睇楼前"
     r"|(?:定金|订金|押金|按金|全款)[^，。]{0,8}(?:转|打|汇|过|付)(?:到|去|入)?我"
     r"|pay (?:me )?(?:first|upfront|up front|in advance)"
     r"|(?:pay|paid) [^.]{0,40}(?:upfront|first)\b"
     r"|(?:send|transfer|pay) (?:me )?(?:the |a )?deposit|payment first|pay(?:ment)? up ?front"
     r"|deposit (?:is )?(?:required )?(?:before viewing|up ?front)|then i (?:ship|send|post)"
     r"|once (?:it|the payment|payment) clears"),
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
     r"|my other account|直接转(?:钱|账)?(?:给|俾|畀)?我|转(?:给)?我(?:微信|支付宝)"
     r"|(?:directly|straight) to (?:me|my)\b"),
    ("job_abroad", 2.0, False,
     r"(?:海外|境外|出国|国外|泰国|柬埔寨|缅甸|迪拜|菲律宾|老挝|金边|西港|妙瓦底|马尼拉)"
     r"[^，。]{0,10}(?:工作|招聘|高薪|客服|务工)"
     r"|overseas (?:job|work)|work(?:ing)? abroad|jobs? (?:abroad|overseas|offer in)"
     r"|(?:job|work|salary)[^.]{0,40}(?:phnom penh|cambodia|myanmar|laos|sihanoukville|dubai"
     r"|bangkok|thailand|manila)|(?:phnom penh|cambodia|myanmar|laos|dubai|thailand)"
     r"[^.]{0,30}(?:job|salary|work)"),
    ("travel_arranged", 2.0, False,
     r"包机票|机票[^，。]{0,4}(?:全包|报销|公司)|边境|安排行程|(?:到了|落机|落地|下机|到咗)"
     r"[^，。]{0,4}有专?人接|专人接送|flights? (?:and|&) (?:visa|accommodation)"
     r"|(?:visa|travel|flights?)(?: and visa)? (?:is |are )?arranged|free flights?|at the border"
     r"|(?:meet|pick) you up at the (?:airport|border)|meet you at the (?:airport|border)"),
    ("passport_kept", 3.0, True,
     r"护照[^，。]{0,12}(?:保管|交给|上交|扣|统一办理|收走)"
     r"|(?:keep|hold|take|collect)s? (?:your|the) passport|hand over your passport"
     r"|passport[^.]{0,25}(?:kept|held|safe with us)"),
    ("donation", 1.5, False,
     r"捐款|募捐|捐助|善款|爱心款|赈灾|灾区|灾民|donate|donation|relief appeal|disaster relief"
     r"|(?:flood|fire|earthquake|hurricane|typhoon) victims"),
    ("bypass_official", 2.0, False,
     r"官方渠道[^，。]{0,4}(?:太慢|慢)|(?:红十字会|慈善机构|基金会)[^，。]{0,4}太慢|不走官方"
     r"|official channels? (?:are|is) (?:too )?slow|charities (?:are|take) too (?:slow|long)"),
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
    ("off_platform", 2.0, False,
     r"不走(?:平台|闲鱼|咸鱼|大麦|淘宝|转转|猫眼|官方)|平台外交易|私下交易|不面交|唔面交|唔交收"
     r"|不支持货到付款|off[- ]platform|outside (?:the )?(?:app|platform)|don't use the app"
     r"|no paypal|not through the (?:app|platform)"),
    ("pay_only", 1.5, False,
     r"只(?:收|接受|限)[^，。]{0,4}(?:转账|转帐|过数|fps|转数快|微信|支付宝|现金)"
     r"|(?:bank transfer|fps|zelle|cash app|wire|crypto|western union) only"
     r"|only (?:accept )?(?:bank transfer|fps|zelle|cash app|wire|crypto)"
     r"|payment via (?:zelle|fps|wire|bank transfer) only"),
    ("no_viewing", 2.0, False,
     r"没法带看|不能看房|无法看房|没法看房|唔可以睇|唔睇得|不能当面看|人在(?:国外|外地|海外)|人喺海外"
     r"|can't do viewings?|no viewings?\b|without (?:a )?viewing|unable to show|i'm abroad"
     r"|before (?:a |the )?viewing|看房前|睇楼前"
     r"|i am abroad"),
    ("tech_support", 4.0, False,
     r"(?:电脑|计算机|系统|浏览器)[^，。]{0,4}(?:被|已)(?:锁定|封锁|锁|冻结|感染|入侵)|检测到病毒|病毒入侵"
     r"|(?:致电|拨打|联系)[^，。]{0,6}(?:微软|苹果|windows)|微软(?:客服|技术支持|技术支援)"
     r"|(?:computer|pc|device|browser|windows)(?: has been| is| was)? (?:blocked|locked|infected"
     r"|compromised)|call (?:microsoft|apple|windows)|microsoft (?:support|technician)"
     r"|certified technician|infected with (?:a )?(?:virus|spyware|malware)"),
    ("overpayment", 4.0, False,
     r"支票[^。]{0,20}多(?:写|开|了|咗|出|付)|多(?:出来|出嚟|咗|付)的?(?:钱|部分|差价|嘅钱)[^。]{0,12}"
     r"(?:转回|退回|转返|还给|转给)|(?:send|wire|transfer|pay|return) (?:back )?the (?:difference"
     r"|extra|excess)|(?:check|cheque)[^.]{0,40}(?:more than|extra for|over the)"),
    ("fixer", 3.0, False,
     r"包过|不用考试|唔使考|免考|内部指标|内部学位|保送名额|疏通费|打点费|走后门"
     r"|guaranteed (?:driving )?licen[cs]e|licen[cs]e (?:with )?(?:no|without)(?: a)? test"
     r"|no test needed|guaranteed (?:admission|place|pass)"),
    ("credentials", 4.0, True,
     r"(?:账号|账户)?密码[^，。]{0,6}(?:和|同|及|跟|与|、|加)[^，。]{0,6}(?:验证码|动态码)"
     r"|(?:提供|发给我|告诉我|发我|给我)[^，。]{0,8}(?:账号)?密码"
     r"|(?:send|give|tell|share|provide)(?: me| us)? (?:with )?your (?:account |login )?"
     r"(?:password|passcode)|password and (?:the |your )?(?:login |verification |sms )?code"),
    ("job_fee", 3.0, False,
     r"(?:入职|上班|报到|上岗|开工)前[^。]{0,12}(?:交|缴|付|俾)|培训费|工装费|服装费|制服费|入职费"
     r"|(?:training|uniform|onboarding|starter kit)(?: materials)?(?: and (?:the )?\w+)? "
     r"(?:fee|cost|deposit)|pay[^.]{0,30}(?:training|uniform)\b"
     r"|before (?:you can start|your first (?:shift|day))"),
    ("payment_held", 2.5, False,
     r"(?:payment|transfer|transaction)[^.]{0,30}(?:held|on hold|blocked|paused)"
     r"|did you (?:attempt|make|authori[sz]e|try)"
     r"|(?:stopped|blocked|held|paused) (?:a |an |your )?[^\n]{0,24}?"
     r"(?:payment|transfer|transaction)"
     r"|(?:转账|交易|付款|汇款)[^，。]{0,10}(?:被|已)(?:拦截|暂停|挂起)|是否本人操作"),
    ("reply_code", 2.0, False,
     r"reply (?:yes|no|y|1)\b|回复(?:1|y|是|否)|回覆(?:1|y)"),
    ("call_back", 1.5, False,
     r"(?:致电|拨打|联络|联系)[^，。]{0,6}(?:电话|热线|客服|我们)|请(?:即)?致电"
     r"|(?:call (?:us|this number|our (?:fraud|security) (?:team|line))|call (?:us )?(?:on|at) "
     r"\+?[\d(]|call \+?1?-?\d{3})(?![^.]{0,30}(?:back of your card|official))"),
    ("toll", 1.5, False,
     r"通行费|过路费|隧道费|易通行|路桥费|unpaid toll|toll (?:balance|due|notice|charge)"),
)
