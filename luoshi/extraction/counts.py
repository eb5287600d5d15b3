"""Counts that describe how the work is organised, not how much work is to be done.

Deployment speeches count their own structure: "三项重点工作", "四个方面", "两个防火关键期",
"一个中心、两个基本点", "守住两条底线", "打赢三场硬仗". These are a small number, a
classifier (个/项/条/点…) and an abstract noun; a target counts concrete things:
"完成5个村污水治理", "建成3个工作站", "新建3个重点项目". Three signals tell them apart:

1. the counted phrase is headed by an abstract noun. Some abstract nouns never modify a
   concrete one (方面, 关键期, 原则, 底线), so they count wherever they sit in the phrase;
   others are also modifiers (重点项目, 工作站, 目标村), so they count only when nothing
   follows them inside the phrase, and, with Arabic digits, not after a verb asking for
   them to be done ("解决10个历史遗留问题", "完成3项重点任务" are amounts). A slogan
   verb or a quoted slogan counted as a whole ("四个到位", "三个‘更加’") is the same;
2. the phrase opens a list: a colon, "即", or "一是" comes right after it;
3. the idiom "抓好/聚焦/围绕/守住 + 三个 + X": a framing verb, a Chinese numeral, and a
   short phrase closing the clause.
Signals 2 and 3 hold only for a small Chinese numeral, as such counts are written, and
not after a verb that asks for something made or done ("建设三个示范村：张村、李村…").
No signal overrides a concrete noun right after the classifier ("5个村…").
"""

import re

from .numbers import Quantity

MAX_DESCRIPTIVE = 20  # nobody announces "二十一个方面"; larger counts are real amounts.
COUNT_UNITS = {"项", "件", "个", "条", "点", "场", "种", "篇"}

# Abstract heads that do not modify concrete nouns: they count anywhere in the phrase.
_STRICT = (
    "方面", "关键期", "窗口期", "时期", "阶段", "环节", "基本点", "原则", "抓手", "举措", "措施",
    "要求", "意见", "理念", "意识", "观念", "底线", "红线", "短板", "弱项", "难点", "堵点",
    "痛点", "维度", "层面", "关系", "导向", "思路", "路径", "定位", "硬仗", "攻坚战", "战役",
    "规定", "机遇", "挑战", "风险", "矛盾", "大事", "实事", "专线", "条线", "作用", "能力", "精神",
    "议程", "议题", "主线",
)  # fmt: skip
# Abstract when they end the phrase, modifiers when a noun follows (重点项目, 工作站).
_LOOSE = (
    "重点", "目标", "任务", "工作", "行动", "部分", "问题", "责任", "核心", "关键", "领域",
    "板块", "机制", "制度", "体系", "格局", "改革", "资源", "基础", "文章", "节点", "内容", "事",
    "指标",  # "X项指标要力争减少扣分": the indicators a clause is about (round 15); "完成3项指标" stays an amount
)  # fmt: skip
# Slogan verbs turned nouns by a count ("四个到位", "两个确保"): right after the count.
_SLOGAN = (
    "到位", "确保", "坚持", "必须", "务必", "优先", "不动摇", "毫不动摇", "全覆盖", "全面",
    "统筹", "结合", "融合", "转变", "提升", "突破", "翻番", "一",
)  # fmt: skip

_NOUN = re.compile("|".join(sorted(_STRICT + _LOOSE, key=len, reverse=True)))
# The slogan must end the phrase ("四个到位"), or name a campaign ("五个一工程"), so that
# "两个一级站" or "三个全面改造的村" stay amounts.
_SLOGAN_HEAD = re.compile(
    f"(?:{'|'.join(sorted(_SLOGAN, key=len, reverse=True))})(?:$|[，。；：、！？）”’的和与及上中是要]|工程|活动|行动)"
)
# A count of a quoted slogan that ends the phrase: 三个“更加”, 两个“确保”上.
_QUOTED_HEAD = re.compile(r"[“‘\"][^”’\"]{1,12}[”’\"](?:$|[的上中里和与及是要])")
# Concrete things targets count, right after the classifier: then it is an amount.
_CONCRETE = re.compile(
    r"(?:行政)?(?:村|社区|组(?!织)|户|企业|公司|项目|乡镇|镇|街道|学校|单位|部门|合作社|基地|园区|小区|厂|站|点位|网点)"
)
# What may follow an abstract head: the phrase has ended.
_HEAD_END = set("，。；：、！？）”’\n的和与及并上中里是即为要都也就着了以来")
_PREFIX_STOP = set("“”‘’的")
_PHRASE = re.compile(r"[^、，。；：！？（）\n]*")
_MAX_PREFIX = 5
_MAX_PHRASE = 6
_FRAMING = re.compile(
    r"(?:抓好|抓实|抓住|抓牢|做好|做到|做实|聚焦|围绕|紧扣|紧盯|突出|把握|把握好|处理好|统筹好|"
    r"坚持|牢记|坚守|守住|守牢|树牢|树立|强化|增强|用好|念好|下好|打好|打赢|强调|讲|谈|明确|"
    r"实现|夯实|发挥|扛起|压实)$"
)
# Verbs that ask for things to be made or done: what they count is an amount.
_PRODUCING = re.compile(
    r"(?:建设|新建|建成|改建|扩建|打造|培育|创建|创成|完成|实施|改造|引进|新增|组建|举办|开展|"
    r"培训|招引|签约|开工|竣工|投产|发展|设立|新设|配备|安装|铺设|硬化|整治|治理|新上|争创|"
    r"解决|化解|整改|办结|撰写|发表|编写|刊发)$"
)
_LIST_AFTER = re.compile(r"(?:：|，(?:即|就是|分别是|包括|一是|第一|首先))")


def is_descriptive_count(text: str, q: Quantity, end: int) -> bool:
    """Whether quantity `q` (ending a count like "三项") names parts of the plan, not an amount.

    `end` is the end of q's clause in the compact `text`; the character there (，：。…)
    says whether a list follows.
    """
    if q.unit in _TALLY_NOUN_UNITS and _counts_document(text, q):
        return True
    if q.unit in COUNT_UNITS and _NAMED_AFTER.match(text, q.end) and not _asked_in_clause(text, q):
        return True  # "确定的民生实事项目有3个，分别为A、B、C": the count of a list that follows
    if q.unit in _TALLY_NOUN_UNITS and _CATEGORIES.search(text, max(0, q.start - 5), q.start):
        return not _asked_in_clause(text, q)  # "明确…等7大类32项职责": the list's own tally
    if q.unit not in COUNT_UNITS:
        return False
    if q.chinese and _DEPLOYED.search(text, max(0, q.start - 3), q.start):
        return True  # "周密部署两项涉及面广的惠民利民工作": the works a meeting deploys, counted
    phrase = _PHRASE.match(text, q.end, end).group()
    if _is_tally(text, q, phrase):
        return True
    if delivers_programme(text, q, end):
        return False
    if q.value is not None and q.value > MAX_DESCRIPTIVE:
        return False
    if q.chinese and _FUNDED_LIST_BEFORE.search(text, max(0, q.start - 40), q.start):
        return True  # "投资3亿元的童车生产和7亿元的粮油加工两个项目": the projects just named, counted again
    if _CONCRETE.match(phrase):
        return False
    if q.chinese and _counts_list_before(text, q):
        return True
    head = _abstract_head(phrase)
    if head == "strict" or _SLOGAN_HEAD.match(phrase) or _QUOTED_HEAD.match(phrase):
        return True
    asked = _PRODUCING.search(text, max(0, q.start - 4), q.start) is not None
    if head == "loose":
        return q.chinese or not asked
    if not q.chinese or not phrase or len(phrase) > _MAX_PHRASE or asked:
        return False
    follows_list = _LIST_AFTER.match(text, q.end + len(phrase))
    return bool(follows_list or _FRAMING.search(text, max(0, q.start - 3), q.start))


# The things just listed, counted again in Chinese numerals ("抓好生物医药和机械设备制造两个核心产业"):
# the count sums up the list; nothing more is asked for.
_LIST_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,}(?:和|与|及|、)[\u4e00-\u9fff]{2,}$")


# Projects named by their sums, then counted again: "…投资3亿元的童车生产和7亿元的粮油加工两个项目".
_FUNDED_LIST_BEFORE = re.compile(
    r"[\d.]+[万亿千百]?元的[\u4e00-\u9fff]{2,12}(?:和|与|及|、)(?:投资)?[\d.]+[万亿千百]?元的[\u4e00-\u9fff]{2,12}$"
)


_DEPLOYED = re.compile(r"(?:部署|审议|听取)了?$")
_NAMED_AFTER = re.compile(r"[，,]?(?:分别为|分别是)")
# Items counted by kind and number ("7大类32项职责", "三类12项"): a tally of the list.
_CATEGORIES = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})大?类$")


def _asked_in_clause(text: str, q: Quantity) -> bool:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, max(0, q.start - 30), q.start)]
    return bool(_PRODUCING_ANYWHERE.search(text, starts[-1] if starts else max(0, q.start - 30), q.start))


def _counts_list_before(text: str, q: Quantity) -> bool:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, max(0, q.start - 30), q.start)]
    before = text[starts[-1] if starts else max(0, q.start - 30) : q.start]
    listed = _LIST_BEFORE.search(before)  # the verb governing the list, not the items' own (道路建设), decides
    return bool(listed) and not _PRODUCING_ANYWHERE.search(before[: listed.start()])


def _abstract_head(phrase: str) -> str | None:
    """ "strict" or "loose": the kind of abstract noun heading the counted phrase, if any."""
    for index in range(min(_MAX_PREFIX, len(phrase)) + 1):
        if index and phrase[index - 1] in _PREFIX_STOP:
            return None
        match = _NOUN.match(phrase, index)
        if match is None:
            continue
        last, stop = match.group(), match.end()
        while (more := _NOUN.match(phrase, stop)) is not None:
            last, stop = more.group(), more.end()
        if last in _STRICT:
            return "strict"
        if stop == len(phrase) or phrase[stop] in _HEAD_END:
            return "loose"
    return None


# A document counting its own tasks, whatever their number: "共149项", "（分解任务15项）",
# "分解为五个方面79项重点工作任务", "分解为7大方面、80项", "本次共梳理重点任务86项", "产业开发有五项：一是…".
_TALLY_BEFORE = re.compile(
    r"(?:共|共计|合计|总计|分解任务|(?:分解|细化|划分|归纳|梳理)(?:为|成|出)?|明确|涉及|有|方面、?)$"
)
_TALLY_UNITS = {"项", "件", "条"}
# A count of practical things a government promises (民生实事, 惠民实事, 为民办实事项目), asked to be delivered:
# the things are the target, quoted or not ("全面兑现“20件惠民实事”", "办好十件民生实事").
_PROGRAMME = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:实事|好事)")
_DELIVERING = re.compile(r"(?:办好|办成|办实|兑现|完成|实施|落实|推进)[“‘\"]?$")


# The programme's items listed further on in the paragraph: its count names that list.
_LISTED_LATER = re.compile(r"(?:包括|如下|分别是|分别为|有)[：:]")


def _line_end(text: str, start: int) -> int:
    stop = text.find("\n", start)
    return len(text) if stop < 0 else stop


def delivers_programme(text: str, q: Quantity, end: int) -> bool:
    """ "兑现“20件惠民实事”": the count of a programme to deliver, unless the clause is the topic of a
    judgment ("办好8项民生实事，是一项重大决策")."""
    if text.startswith(("，是", "是"), end):
        return False
    if _LISTED_LATER.search(text, end, _line_end(text, end)):
        return False  # "将实施十件民生实事项目。…项目内容具体包括：…": the count of the list the document gives
    phrase = _PHRASE.match(text, q.end, end).group()
    return bool(_PROGRAMME.match(phrase.lstrip("”’"))) and bool(_DELIVERING.search(text, max(0, q.start - 5), q.start))


# The document counting its tasks or the bodies they involve, the noun before the number:
# "本次共梳理重点任务86项", "涉及责任单位27家", "细化工作措施35条".
# Also a decision counted ("确定并公布…民生实事项目40项", "累计征集…重点项目10项") and a share of a list
# counted with 共 after its noun ("其中经济发展项目共55个").
_TALLY_VERB = re.compile(
    r"共|合计|总计|本(?:次|方案|计划|要点|通知|清单)|此次|梳理|分解|细化|涉及|筛选|列出|汇总|确定|公布|敲定|票决|表决|征集"
)
_TALLY_NOUN = re.compile(r"(?:任务|事项|工作|指标|项目|单位|部门|问题|举措|措施|清单|条目)(?:共计|共)?$")
_TALLY_NOUN_UNITS = {"项", "件", "条", "个", "家", "类"}
_CLAUSE_START = re.compile(r"[，。；：\n]")
# A heading's tally in brackets: "一、产业发展（6项）", "（共12项）".
_BRACKETED = re.compile(r"（(?:共|计)?$")
_PRODUCING_ANYWHERE = re.compile(_PRODUCING.pattern.removesuffix("$"))


# The document's own list counted as it is named: "《方案》确定的146项工作任务", "共计100个项目",
# "40项民生实事项目包括：…".
_SET_BEFORE = re.compile(r"(?:确定|明确|部署|提出|列出|下达)的$")
_SET_NOUN = re.compile(r"^(?:重点)?(?:工作)?(?:任务|事项|指标)")
_PLAIN_TOTAL = re.compile(r"(?:共|共计|合计|总计)$")
_BARE_LIST = re.compile(r"^(?:重点)?(?:项目|任务|事项)$")
_LIST_OPENING = re.compile(r"^[^，。；：]{1,12}(?:包括|分别是|分别为)$")


_SPLIT_INTO = re.compile(r"(?:分解|细化|划分|拆分)(?:为|成)$")


def _is_tally(text: str, q: Quantity, phrase: str) -> bool:
    if q.unit in _TALLY_UNITS | {"个"} and _names_a_list(text, q, phrase):
        return True
    if q.unit == "个" and _SPLIT_INTO.search(text, max(0, q.start - 4), q.start) and _abstract_head(phrase):
        return True  # "分解…细化为214个具体工作内容": the document's tasks counted as split
    if q.unit not in _TALLY_UNITS:
        return False
    if _BRACKETED.search(text, max(0, q.start - 2), q.start) and text[q.end : q.end + 1] == "）":
        return True
    bare = not phrase or _abstract_head(phrase) is not None
    before = _TALLY_BEFORE.search(text, max(0, q.start - 4), q.start) is not None
    lists = not phrase and text[q.end : q.end + 1] == "："
    return bare and (before or lists)


def _names_a_list(text: str, q: Quantity, phrase: str) -> bool:
    before = text[max(0, q.start - 4) : q.start]
    if q.unit != "个" and _SET_BEFORE.search(before) and _SET_NOUN.match(phrase):
        return True
    if _PLAIN_TOTAL.search(before) and _BARE_LIST.match(phrase):
        return True
    return (
        q.unit != "个"
        and bool(_LIST_OPENING.match(phrase))
        and text[q.end + len(phrase) : q.end + len(phrase) + 1] == "："
    )


def _counts_document(text: str, q: Quantity) -> bool:
    """ "共梳理重点任务86项": a tallying verb, no verb of work, an abstract noun right before."""
    start = max(0, q.start - 20)
    starts = [m.end() for m in _CLAUSE_START.finditer(text, start, q.start)]
    before = text[starts[-1] if starts else start : q.start]
    if not _TALLY_NOUN.search(before) or not _TALLY_VERB.search(before):
        return False
    return not _PRODUCING_ANYWHERE.search(_COMPOUND.sub("", before))


# A verb of work inside the counted noun ("其中经济发展项目共55个", "建设项目共18个") is a kind of item.
_COMPOUND = re.compile(_PRODUCING.pattern.removesuffix("$") + r"(?=项目|任务|工程|事项|类)")
