"""Which quantities of a clause are targets, and which are names, ranks, scopes or counts.

Not targets: ranks (第4名, 前3名), quoted slogans and names (“十一条”), scope counts (全镇23个村),
counts that describe the plan's own structure (三个方面, 十项重点: see counts.py),
durations (两个月), articles (一批, 一个), negations (不漏一人, 一户不落), idioms (一户一档),
numbers that only describe the indicator ("×万元以上项目×个": the first is part of the
indicator), conditions of a rule or of the counted units (连续三个月, 排名后两位, "4个收入超50万元
的村": the 村 are counted), a phase in a project's name (三期工程, 安置小区（二期）), a heading
naming a project, a share described after 其中 (其中19个村由县统一采买…) and a state opening
with 有 (有12个村收入超过10万元).
"""

import re

from .counts import delivers_programme, is_descriptive_count
from .framing import names_campaign
from .indicator import strip_marker
from .numbers import Quantity, find_quantities

# "其中19个村…": a share of units named before, classified, not a target of its own.
_SCOPE_BEFORE = re.compile(
    r"(?:全[镇县市乡村区省]|[镇乡县]域内?|[镇乡县]内|共有|现有|下辖|辖|辖区内?|涉及[\u4e00-\u9fff]{0,4}|其中有?)"
    r"(?:\d+(?:\.\d+)?[户个家名人])?$"
)  # "为辖区431户684人低保对象投保": both counts give the scope; "对镇内7条河流加强管理", "镇域47个行政村" too
# Things a work is done on in the area ("对辖区270余座化粪池进行清掏"): counted as its amount, not its scope.
_AREA_ONLY = re.compile(r"辖区内?$")
_SCOPE_UNITS = {"户", "个", "家", "名", "人", "位", "万人", "万户", "所"}
_SHARE_OPENING = re.compile(r"其中有?(?:\d|[一二两三四五六七八九十百千]+[个家户所座项名村])")
_STATE_OPENING = re.compile(
    r"(?:[一二三四五六七八九十\d]+[、.]|（[一二三四五六七八九十\d]+）)?(?:已|现)?有(?=\d|[一二两三四五六七八九十]+[个家户所座名村])"
)
_BOUND = re.compile(r"不少于|不低于|至少|不超过|不高于|力争|确保|达到|要")
# A condition of a rule or a ranking, not an amount: "连续三个月", "排名后两位".
_CONDITION_BEFORE = re.compile(r"(?:连续|累计超过|排名(?:在|处于)?(?:后|末|倒数)|倒数)$")
# A project's phase in its name: "三期工程", "2期项目", "二期建设".
_PHASE_AFTER = re.compile(r"^(?:工程|项目|建设|改造|续建|厂房)")
_EVENT_VERB = re.compile(r"举办|开展|组织|培训|召开|开办|办班|编印|出版|发布|刊发")
# A heading that names a project ("二、六个行政村垦造耕地项目"): a name, not a task.
_NAMED_PROJECT_LINE = re.compile(r"^[^，。；：]*?(?:项目|工程)$")
_VERB_OF_WORK = re.compile(
    r"新建|建成|建设|改建|扩建|实施|完成|开工|推进|启动|争取|引进|招引|签约|计划|确保|力争|改造|整治|治理|打造|培育|创建|新增|"
    r"开展|铺设|硬化|安装|配备|实现|达到"
)
# The counted units' condition, written after the count: "4个集体经济收入超50万元的村".
_CONDITION_AFTER = re.compile(r"^(?:以上|以下|以内)?的[\u4e00-\u9fff]{1,8}$")
_COUNT_BEFORE = re.compile(r"(?:以下|如下|下面|这|那|讲|谈)$")
_ARTICLE_UNITS = {"个", "批", "些", "种", "项", "轮", "次", "条", "场", "件", "道", "线", "张", "口", "箱", "份"}
_DURATION_AFTER = re.compile(r"^(?:月|年|季度|星期|小时|工作日|周)")
_DURATION_UNITS = {"小时", "天"}
# "24小时值班", "7天无理由退货": a duration naming the kind of thing, not an amount.
_NOUN_AFTER = re.compile(r"^(?![内以之前后左])[\u4e00-\u9fff]")
_PLACE_AFTER = re.compile(r"^(?:街|路|里|巷|桥|村|坊|大道)")
_NEGATION = re.compile(r"(?:不|不漏|不落|不让|不丢|无|没有|未)$")
_BOUNDARY = "，。；：、！？）”\n"
# also the last places of a ranking rule ("前3名奖2分，后2名罚1分，最后1名发1面黑旗")
_RANK_BEFORE = re.compile(r"(?:前|(?<![之以然])后|最后|末|排名(?:在|保持在|进入)?|位次|位列|名次)$")
# A project's size as it is described, not a target: "该项目占地60亩", "总长7400米的…".
_ATTRIBUTE_BEFORE = re.compile(
    r"(?:占地|占地面积|总长|全长|长约|建筑面积|总建筑面积|规划面积|设计面积|用地面积|藏书)约?(?:\d+(?:\.\d+)?[—\-－~～至到])?$"
)
# A size given as length and width ("建设长1575米宽40米的休闲绿道"): the thing built is described.
_WIDTH_AFTER = re.compile(r"^宽(?:约)?\d")
_WIDTH_BEFORE = re.compile(r"米宽(?:约)?$")
# A project's total, opening its clause with no verb ("总投资为324亿元"), describes the project.
# Also the project named as the subject and an estimate's word ("该项目总投资预计300余万元", "总投资估算1.5亿元").
# So is the year's planned total ("年计划总投资1.3亿元，…实施…项目10个"), with the share after it ("政府投入240万元").
_TOTAL = r"(?:[该本此]?项目)?(?:全?年度?计划)?总投资(?:预计|估算|预算)?(?:为|约|达|近|超)?"
_TOTAL_OPENING = re.compile(rf"^{_TOTAL}$")
_TOTAL_CLAUSE = re.compile(rf"^{_TOTAL}[\d.]+[万亿千百]?元$")
_FUNDER_SHARE = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?:投入|出资|配套|自筹|补助)(?:资金)?(?:约|近|达)?$")
# A first estimate of a work's cost ("…拓宽辅助车道达2公里，初步测算60万元"): it describes the work.
_ESTIMATE_BEFORE = re.compile(r"(?:初步)?(?:测算|估算|匡算|概算)(?:投资|资金|总投资)?(?:约|为|达|需)?$")
# A width or length before the surface built ("改造…砂石路面为8米宽白色路面"): the surface is described.
_SIZE_OF_NOUN = re.compile(r"^[宽长高深](?!度)[\u4e00-\u9fff]")
# Households a work is done on, counted after 辖区 ("完成辖区50户…困难家庭老年人的适老化改造"): its amount, not a scope.
_WORK_ON_HOUSEHOLDS = re.compile(r"[^，。；：]{0,20}?的[^，。；：的]{0,10}?(?:改造|修缮|整治|安装|提升|维修|加固)$")
# An investment naming the project it is of ("引进总投资8500万元的…项目"): described, whatever the verb.
_INVESTMENT_OF = re.compile(r"(?:总投资|投资)(?:约|近|超过?|逾|达)?$")
# A congress or session named by its number ("县十六次党代会", "十九届六中全会"): a name, no amount.
_SESSION_AFTER = re.compile(r"^(?:党代会|党员代表大会|代表大会|人代会|全会|全体会议|全委会)")
# A session of a numbered congress ("县十八届人大四次会议", "市委三届七次（扩大）会议"): a name, no frequency.
_SESSION_MEETING = re.compile(r"^(?:[（(]扩大[）)])?(?:全体)?会议")
# What a clause is set against, not what it asks for: "结合20万亩粮食高产示范区建设", "依托3个产业园".
_CONTEXT_BEFORE = re.compile(r"(?:结合|依托|借助|借力|立足)$")
# Units whose leaders a body gathers to hold a meeting ("组织班子成员及16个社区主要领导，召开…会议"): who met (round 16).
_LEADERS_AFTER = re.compile(r"^[^，。；：]{0,10}?(?:主要领导|主要负责人|负责人|负责同志|书记|主任|干部|代表)$")
_MEETING_NEXT = re.compile(r"[，,](?:召开|参加|出席|列席)")
# A Chinese-numeral count in what a clause is set against, after a noun ("要结合城市运行三份答卷"): no amount (round 16).
_CONTEXT_PHRASE = re.compile(r"(?:结合|依托|借助|立足)[^，。；：]{1,10}$")
# Units a policy favours ("对两个扶持村在…立项上给予照顾"): its scope, no work counted (round 16).
_FAVOURED = re.compile(r"给予(?:照顾|倾斜|支持|优先|奖励|补助|奖补|扶持|关心|关照)")
# The units a structure reaches ("…三级组织架构，辐射带动328家链上企业、13个党组织…"): its reach, no work (round 16).
_REACH_OPENING = re.compile(r"辐射(?:带动)?")
# A project's definition ("X工程就是针对…46户群众实施搬迁"): it describes the project (round 16).
_DEFINED_PROJECT = re.compile(r"[^，。；：]{0,30}?(?:工程|项目)(?:就是|即是|是指|主要是)")
# Deputies counted as they attend ("47名正式代表参与讨论并票选出…"): who met, not work to do.
_ATTENDING_AFTER = re.compile(
    r"^(?:正式|人大|党)?(?:代表|委员)[^，。；]{0,2}?(?:参加|参与|出席|列席|投票|表决|票决)"
    # deputies counted by their body ("69名基层议事代表和12名区人大代表，围绕…协商议政"): who met
    r"|^[\u4e00-\u9fff]{0,6}(?:议事代表|人大代表|党代表|政协委员|居民代表|村民代表)(?:和|、|与|及|，|共同|围绕|参加|出席|$)"
)
_FUNDED_WORK = re.compile(r"(?:推进|推动|用于|实施|建设|新建|改造|打造)")
# Who attends a meeting ("各村书记、主任等近120人参加会议"): the meeting's attendance, no work to do.
_MEETING_AFTER = re.compile(r"^(?:参加|出席|列席|参与)了?(?:会议|大会|本次会议|此次会议|会)")
# A size opening its clause after the thing built ("新建3处口袋公园，建设面积7600平方米"): it describes it.
_SIZE_OPENING = re.compile(r"^(?:总)?(?:建设|建筑|占地|用地)(?:总)?(?:面积|规模)(?:为|约|达|共)?$")
# Whom a work serves, opening its clause ("为8000名独居老人安装…报警器"): a scope of persons, as "为辖区431户684人
# 低保对象投保" is.
_FOR_WHOM = re.compile(r"^(?:计划|拟|将|要|力争|确保)?为(?:辖区|全[镇县区乡市街])?(?:内|的)?$")
_PERSON_UNITS = {"名", "户", "人", "位", "万人", "万户"}
# A capacity before the thing built ("建好1万头规模育肥场"): part of its name.
_SCALE_AFTER = re.compile(r"^规模(?!化)的?[\u4e00-\u9fff]")
# A plant's capacity in its name ("新建100兆瓦光伏发电站项目"): part of what is built.
_CAPACITY_UNITS = {"兆瓦", "千瓦", "万千瓦", "吨", "万吨"}
_NAMED_PLANT = re.compile(r"^[^，。；：、]{0,15}(?:项目|工程|电站|生产线)$")
# A gloss on a quoted slogan's part ("（“x”是完成九个城建和民生项目）"): it explains a name.
_GLOSS_OPENING = re.compile(r"[（(]?[“‘\"][^”’\"]{1,8}[”’\"](?:是|指)")
# "投资6000万元的X建设项目", "投资1000万元、总长7400米的X项目": the clause names a project.
# What a project consists of, described: "该项目建设内容是…五条道路的路面…".
_CONTENTS = re.compile(r"(?:建设)?内容(?:是|为|包括)|主要包括")
_PROJECT_NAME = re.compile(r"的[^，。；：]{2,30}(?:项目|工程)$")
# The project right after "投资…元的", whatever is asked of it: "力争投资逾2亿元的X项目主体框架竣工".
_PROJECT_NAMED = re.compile(r"^的[^，。；：]{2,30}?(?:项目|工程|商城|市场|广场|学校|医院)")
_DOING = re.compile(r"(?:新建|建成|建设|实施|完成|开工|推进|启动|争取|引进|招引|签约|计划|确保|力争|加快)")


# Figures defining a class of event ("一次死亡3人以上或直接经济损失1000万元以上的较大安全生产事故"): its name.
_EVENT_CLASS_AFTER = re.compile(
    r"(?:或[^，。；]{0,20}?)?的(?:较大|重大|特大|一般)?[^，。；的]{0,8}?(?:事故|事件|案件|火灾)"
)


# A count closing its clause with 中: the set the sentence picks from ("41个重点项目中，涉及工贸行业11个").
_AMONG_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}中$")


def target_quantities(text: str, start: int, end: int, quotes, recurring: bool) -> list[Quantity]:
    """The quantities of compact text[start:end] that are targets."""
    if _STATE_OPENING.match(text, start, end):  # "（全镇30个村中，）有12个村收入超过10万元": a state
        return []
    if _GLOSS_OPENING.match(text, start, end):
        return []
    if _SHARE_OPENING.match(text, start, end) and not _BOUND.search(text, start, end):
        return []  # "其中19个村由县统一采买共计1249盏": a share described, not "其中…不少于8个"
    found = [
        q for q in find_quantities(text[start:end], start) if not _excluded(text, q, quotes, recurring, start, end)
    ]
    found = [
        q
        for index, q in enumerate(found)
        if not (index and (_is_condition(text, q, end) or _is_threshold(text, found[index - 1], q, end)))
    ]
    return [q for index, q in enumerate(found) if not _is_modifier(text, q, found[index + 1 :], end)]


def _is_phase_name(text: str, q: Quantity, clause_start: int) -> bool:
    """ "安置小区（二期）", "启动工业园区三期": a phase, unless events are held ("举办培训班三期")."""
    if text[q.start - 1 : q.start] == "（":
        return True
    return q.chinese and not _EVENT_VERB.search(text, clause_start, q.start)


def _is_condition(text: str, q: Quantity, end: int) -> bool:
    """A later quantity in a 的-phrase closing the clause qualifies what an earlier one counts."""
    return bool(_CONDITION_AFTER.match(text[q.end : end]))


# Units counted, then what each must reach: "新增3个村集体收入超过10万元", "培育2家企业年产值达到1亿元以上".
_THRESHOLD_BETWEEN = re.compile(r"^(?:村|社区|家|户|个)?[\u4e00-\u9fff]{1,10}?(?:超过|超|达到|达|突破)$")
_THRESHOLD_END = re.compile(r"^(?:以上)?$")


def _is_threshold(text: str, counted: Quantity, q: Quantity, end: int) -> bool:
    """A sum closing the clause that the units counted just before must each reach: a condition of the count."""
    if counted.unit not in ("个", "家", "户") or not q.unit or not q.unit.endswith("元"):
        return False
    return bool(_THRESHOLD_BETWEEN.match(text[counted.end : q.num_start])) and bool(
        _THRESHOLD_END.match(text[q.end : end])
    )


def _names_project(text: str, q: Quantity, end: int) -> bool:
    """A whole line naming a project, with no verb of work before the count: a heading's name."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    if end != line_end:
        return False
    line = strip_marker(text[line_start:line_end])
    head = text[line_start : q.start]
    return bool(_NAMED_PROJECT_LINE.match(line)) and not _VERB_OF_WORK.search(head)


# A share of the whole the work is measured against: "占总任务的7.5%", "占全年计划的65%", "占年计划的85%".
_SHARE_OF_WHOLE = re.compile(r"占(?:总|全年|年度?|上半年|本年)[^，。；、]{0,10}的$")
_CLASS_UNITS = {"个", "项", "件", "家", "条"}
# A yield written with 可 ("每年可增收", "可带动…就业"), right before the figure.
# Also what a work can hold or treat once built ("可容纳3至4家企业", "届时可日处理污水2000吨") and a yield it is expected
# to bring ("预计带动村集体经济年增收55万元以上").
YIELD_VERB = r"(?:可|预计)(?:增收|带动|节约|节省|产生|创造|容纳|日处理|处理)"
_YIELD_BEFORE = re.compile(YIELD_VERB + r"[\u4e00-\u9fff]{0,10}$")


# "以…为轴/为依托": the frame a clause sets its work in.
_SET_AGAINST = re.compile(r"以[^，。；：以]{0,12}$")
_SET_AS = re.compile(r"[^，。；：]{0,8}?为(?:轴|主轴|主线|抓手|核心|重点|依托|载体|引领|支撑|突破口|龙头|中心|基础|纽带)")
_BUILDING_UNITS = {"栋", "幢", "号楼"}
_ADDRESS_BEFORE = re.compile(r"(?:村|社|组|社区|小区|苑|园|庄|院|\d[栋幢]、)$")
_FITTED_WITH = re.compile(r"(?:设置|设有|内设|配套建设|配有)$")


def _excluded(text: str, q: Quantity, quotes, recurring: bool, clause_start: int, end: int) -> bool:
    before = text[max(0, q.start - 6) : q.start]
    after = text[q.end : min(end, q.end + 8)]
    if before.endswith("第") or names_campaign(text, q):  # "大干一百天": a campaign's name
        return True
    if q.unit == "%" and _SHARE_OF_WHOLE.search(text, max(0, q.start - 16), q.start):
        return True  # "占总任务的7.5%", "占全年任务1500万的55%": progress reported as a share of the whole
    if q.unit in _CLASS_UNITS and before.endswith("的有"):
        return True  # "欠进度的有16个": a tally of a class of items
    if _YIELD_BEFORE.search(text, clause_start, q.num_start):
        return True  # "预计每年可增收村财30万元", "建成后可带动就业200人": what a work is expected to bring describes it
    if any(a <= q.start < b for a, b in quotes) and not delivers_programme(text, q, end):
        return True
    if q.unit in ("名", "位") and _RANK_BEFORE.search(before):  # a rank: "进入全县前3名", "排名在10名以内"
        return True
    if q.unit in ("次", "届") and _SESSION_AFTER.match(after):
        return True
    session = text[q.end : q.end + 8]  # "三届七次（扩大）会议": the clause may end at the bracket
    if q.unit == "次" and _SESSION_MEETING.match(session) and "届" in text[max(0, q.start - 12) : q.start]:
        return True
    if _CONTEXT_BEFORE.search(before) or (q.unit in ("名", "位", "人") and _ATTENDING_AFTER.match(text[q.end : end])):
        return True
    if q.unit in ("名", "位", "人", "万人") and _MEETING_AFTER.match(text[q.end : end]):
        return True
    if q.unit in ("个", "名", "位") and _LEADERS_AFTER.match(text[q.end : end]) and _MEETING_NEXT.match(text, end):
        return True
    if q.chinese and _CONTEXT_PHRASE.search(text, clause_start, q.start):
        return not _DESCRIBED_WORK.search(text, clause_start, q.start)
    if strip_marker(text[clause_start : q.num_start]) == "对" and _FAVOURED.search(text, q.end, end):
        return True
    if _REACH_OPENING.match(text, _segment_start(text, q.start)) or _defines_project(text, q):
        return True
    if q.unit in _PERSON_UNITS and _FOR_WHOM.match(strip_marker(text[clause_start : q.num_start])):
        return True
    if _SIZE_OPENING.match(text[clause_start : q.num_start]) or _SCALE_AFTER.match(after):
        return True
    if _in_aside(text, q):
        return True
    if _in_project_description(text, q, clause_start):
        return True
    if _WIDTH_AFTER.match(after) or _WIDTH_BEFORE.search(before) or _sized_plant(text, q, end):
        return True
    if _TOTAL_OPENING.match(text[clause_start : q.num_start]) or _invested_in(text, q, end):
        return True
    if q.unit.endswith("元") and (_share_of_total(text, q, clause_start) or _ESTIMATE_BEFORE.search(before)):
        return True
    if q.unit in ("米", "厘米") and _SIZE_OF_NOUN.match(after):
        return True
    if before.endswith("年产") and _PRODUCT_PROJECT.match(text, q.end, end):
        return True  # "年产50万吨建筑垃圾资源化再利用项目": a plant's yearly output names it
    if q.unit.endswith("元") and _FIRM_AFTER.match(text, q.end, end):
        return True  # "年交税不低于2000万元的鹏达电源有限公司": a firm named by its figures
    if (
        _ATTRIBUTE_BEFORE.search(before)
        or _describes_project(text, q, end)
        or _CONTENTS.search(text, clause_start, q.start)
    ):
        return True
    if _SCOPE_BEFORE.search(before) and not (_AREA_ONLY.search(before) and q.unit not in _SCOPE_UNITS):
        return not _worked_on(text, q, clause_start, end, before)
    if _COUNT_BEFORE.search(before) and q.chinese:
        return True
    if _SET_AGAINST.search(text, clause_start, q.start) and _SET_AS.match(text, q.end, end):
        return True  # "以漷河南、北两支为轴", "以3个产业园为依托": what the work is set against
    if q.unit in _BUILDING_UNITS and _ADDRESS_BEFORE.search(before):
        return True  # "对新民二社及协和村4栋、9栋等开展…整治": buildings named by their numbers
    if q.chinese and _FITTED_WITH.search(before):
        return True  # "新建1个卫生服务站，…设置两个全科诊室、一个药房": the station described
    if _CONDITION_BEFORE.search(before) or _names_project(text, q, end):
        return True
    if q.unit == "期" and (_PHASE_AFTER.match(after) or _is_phase_name(text, q, clause_start)):
        return True
    if is_descriptive_count(text, q, end):
        return True
    if _AMONG_AFTER.match(text, q.end, end):  # "全年计划实施的41个重点项目中，…": the set a share is picked from
        return True
    if _EVENT_CLASS_AFTER.match(text, q.end, end):  # "杜绝一次死亡3人以上…的较大事故": the class of event
        return True
    if q.unit == "个" and _DURATION_AFTER.match(after) or after.startswith("性"):
        return True
    if q.unit in _DURATION_UNITS and (_NOUN_AFTER.match(after) or after.startswith("内")):
        return True  # "24小时值班"; "15天内" is a time limit (timing.DEADLINE)
    if q.chinese and q.unit == "元" and _PLACE_AFTER.match(after):  # "三元街", "五元路": a street's name
        return True
    if q.chinese and q.unit == "期" and after[:1] and after[0] not in _BOUNDARY:
        return True
    return q.raw == "一" and _is_article(before, after, q.unit, recurring)


def _segment_start(text: str, position: int) -> int:
    """Where the run of items a quantity sits in starts: after the last "，。；：" or line break (not "、")."""
    return max(text.rfind(c, 0, position) for c in "，。；：\n") + 1


def _defines_project(text: str, q: Quantity) -> bool:
    sentence_start = max(text.rfind(c, 0, q.start) for c in "。；！？\n") + 1
    return bool(_DEFINED_PROJECT.match(text, sentence_start, q.start))


def _is_article(before: str, after: str, unit: str, recurring: bool) -> bool:
    """ "一批", "一人" in "不漏一人", "一户不落", "一户一档": no count meant."""
    if _NEGATION.search(before) or after.startswith(("不", "也不", "都不", "一")):
        return True
    return unit in _ARTICLE_UNITS and not recurring


def _is_modifier(text: str, q: Quantity, later: list[Quantity], end: int) -> bool:
    """A quantity followed by its noun, with the counted quantity still to come; not a sum followed by the
    work it pays for ("计划投入近2亿元推进21个项目建设")."""
    if q.unit and q.unit.endswith("元") and _FUNDED_WORK.match(text, q.end):
        return False
    return bool(later) and q.end < end and text[q.end] not in _BOUNDARY


def _share_of_total(text: str, q: Quantity, clause_start: int) -> bool:
    """ "年计划总投资1.3亿元，政府投入240万元": the share of the total the clause before opens with."""
    if clause_start < 1 or text[clause_start - 1] != "，" or not _FUNDER_SHARE.match(text[clause_start : q.num_start]):
        return False
    previous = max(text.rfind(c, 0, clause_start - 1) for c in "，。；：\n") + 1
    return bool(_TOTAL_CLAUSE.match(strip_marker(text[previous : clause_start - 1])))


def _worked_on(text: str, q: Quantity, clause_start: int, end: int, before: str) -> bool:
    """ "完成辖区50户…的适老化改造": households a verb of work is done on, not the scope a service covers."""
    if q.unit != "户" or not _AREA_ONLY.search(before):
        return False
    head = text[clause_start : q.start]
    return bool(_DESCRIBED_WORK.search(head)) and bool(_WORK_ON_HOUSEHOLDS.match(text, q.end, end))


def _sized_plant(text: str, q: Quantity, end: int) -> bool:
    return q.unit in _CAPACITY_UNITS and bool(_NAMED_PLANT.match(text[q.end : end]))


def _invested_in(text: str, q: Quantity, end: int) -> bool:
    """ "投资8500万元的…项目": the sum names the project the clause is about."""
    if not q.unit.endswith("元") or text[q.end : q.end + 1] not in "的、":
        return False
    # the name may run past an item's end ("投资3亿元的童车生产和7亿元的粮油加工两个项目")
    stops = [i for i in (text.find(c, q.end) for c in "，。；：\n") if i >= 0]
    clause_end = max(end, min(stops)) if stops else len(text)
    named = _PROJECT_NAMED.match(text[q.end : clause_end]) or _FIRM_NAMED.match(text[q.end : clause_end])
    invested = _INVESTMENT_OF.search(text, max(0, q.start - 4), q.start) or _SECOND_INVESTED.search(
        text, max(0, q.start - 30), q.start
    )  # "投资3亿元的童车生产和7亿元的粮油加工两个项目": the second sum shares 投资
    return bool(invested) and bool(named)


_SECOND_INVESTED = re.compile(r"投资[\d.]+[万亿千百]?元的[\u4e00-\u9fff]{2,12}(?:和|与|及|、)$")
_PRODUCT_PROJECT = re.compile(r"[^，。；：]{0,30}?(?:项目|工程|生产线|工厂|加工厂)")
_FIRM_AFTER = re.compile(r"的[^，。；：、]{2,20}?(?:有限公司|公司|集团|工厂)")
# A firm named by its figures ("确保投资5.8亿元、年交利税不低于2500万的X有限公司年底前建成"): described.
_FIRM_NAMED = re.compile(r"^(?:、[^，。；：的]{1,16})?的[^，。；：]{2,30}?(?:项目|工程|公司|企业|工厂)")


# A sentence describing a project in a plan's project list ("该项目占地10亩，预计投资1000余万元", "…冷库库容达15000余立方米，
# 年周转蔬菜达到40000余吨"): its figures describe the project; a clause with a verb of work ("计划投资500万元", "新建厂房…")
# is still its plan.
_PROJECT_DESCRIBED = re.compile(r"(?:[该本此]|[^，。；：]{0,20}?)项目(?:位于|地处|选址|占地|总投资|建设地点)")
_DESCRIBED_WORK = re.compile(
    r"新建|建成|建设|改建|扩建|实施|完成|开工|推进|启动|引进|计划|拟|将|确保|力争|改造|打造|新增|铺设|硬化|安装|达产"
)


def _in_project_description(text: str, q: Quantity, clause_start: int) -> bool:
    sentence_start = max(text.rfind(c, 0, q.start) for c in "。；：\n") + 1
    if not _PROJECT_DESCRIBED.match(text, sentence_start):
        return False
    stops = [i for i in (text.find(c, q.end) for c in "，。；：\n") if i >= 0]
    clause = text[clause_start : min(stops) if stops else len(text)]
    return not _DESCRIBED_WORK.search(clause)


def _in_aside(text: str, q: Quantity) -> bool:
    """Inside brackets opened right after a thing's name ("建成1个城市书房（建筑面积150—300平方米，藏书
    10000册）", "活动阵地（约500平方米）"): the thing is described, no amount is asked for. Brackets right
    after an amount are its breakdown (targets._without_breakdowns) or a phase (安置小区（二期）)."""
    line_start = text.rfind("\n", 0, q.start) + 1
    opening = text.rfind("（", line_start, q.start)
    if opening <= line_start or text.find("）", opening, q.start) >= 0:
        return False
    named = text[opening - 1]
    return "\u4e00" <= named <= "\u9fff" and not re.search(r"[\d万亿千百十余多]$", text[max(0, opening - 3) : opening])


def _describes_project(text: str, q: Quantity, end: int) -> bool:
    """The quantity sits in a clause that only names a project by its figures."""
    clause_start = max(text.rfind(c, 0, q.start) for c in "，。；：\n") + 1
    stops = [i for i in (text.find(c, q.end, end + 40) for c in "，。；：\n") if i >= 0]
    clause = text[clause_start : min(stops) if stops else end]
    return bool(_PROJECT_NAME.search(clause)) and not _DOING.search(text, clause_start, q.start)
