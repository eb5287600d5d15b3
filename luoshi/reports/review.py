"""The year's review draft (一年来): its figures, read from the data for a plan's year.

`gather` returns plain JSON: `sources`, the numbered references (数据来源), each saying what the number
is, its value, the query that produced it in words, the link to the list of its rows and the rows'
ids (their count); and `sections`, the draft's paragraphs, where "{#n}" stands for the number of
reference n. A quantity the data cannot give is never guessed: its paragraph says "（暂无数据：…）"
instead. `review_doc.build` lays the JSON out as a Word draft with the 数据来源 table as its appendix,
and `tests/test_year_review.py` counts every number in it again from the database.

What each of the seed speech's review quantities is read from (the registers where the product keeps
one, else the plan's indicator whose actual the field reported, found by the words of its name):
communities, roads, idle land and fiscal revenue: indicators; collective income: the 村级集体经济
register; dividends, 雨露计划, 危房改造, 防贫保, 孝善基金: the households' benefits; 亿元项目: the
projects register's measure; doctors: the talent engagements; donations: the 新乡贤 of the talent
pool; commitments: 实事承诺 and their tasks; discipline: counts without names (party.selectors)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.assessment import selectors as assessment
from luoshi.assessment.models import AssessedKind, Commitment
from luoshi.economy import selectors as economy_selectors
from luoshi.economy.models_income import CollectiveIncome, ThresholdKind
from luoshi.economy.models_talent import Degree, Talent, TalentEngagement, TalentKind
from luoshi.extraction.numformat import format_number
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Unit
from luoshi.party import selectors as party
from luoshi.people.models import Benefit, BenefitKind
from luoshi.plans import measures
from luoshi.plans import selectors as plan_selectors
from luoshi.plans.models import Indicator, Plan, TaskStatus
from luoshi.progress.rollups import indicator_sources

# The plan's indicators the review reads a seed quantity from, by the words of their names.
INDICATOR_WORDS = {
    "communities": ("新建社区", "社区"),  # i18n: input (words of an indicator's name)
    "roads": ("农村公路", "公路", "道路"),  # i18n: input
    "land": ("闲散土地", "土地"),  # i18n: input
    "revenue": ("地方财政收入", "财政收入"),  # i18n: input
}
PARTY_SANCTIONS = ("warning", "serious_warning", "removal", "probation", "expulsion")  # 党纪处分
TEN_THOUSAND = Decimal(10000)
MARK = re.compile(r"\{#(\d+)\}")  # where a paragraph writes reference n's number


def number(value) -> str:
    """A figure as the draft writes it: 12, 12.5, 1234.57 (no trailing zeros, no exponent)."""
    value = Decimal(value).quantize(Decimal("0.01"))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _list(ledger: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return get_ledger(ledger).list_url() + (f"?{query}" if query else "")


class Sources:
    """The numbered references as they are added; `add` returns the "{#n}" a paragraph writes."""

    def __init__(self):
        self.rows: list[dict] = []

    def add(self, *, key: str, label: str, value, unit: str, query: str, link: str, ids=None, count=None) -> str:
        ids = sorted(ids) if ids is not None else None
        self.rows.append({"n": len(self.rows) + 1, "key": key, "label": label, "value": number(value), "unit": unit,
                          "query": query, "link": link, "ids": ids,
                          "count": count if count is not None else (len(ids) if ids is not None else None)})
        return f"{{#{len(self.rows)}}}"


def missing(reason: str) -> str:
    return _("（暂无数据：%(reason)s）") % {"reason": reason}


def gather(*, actor, plan: Plan, township: Unit, today: dt.date | None = None) -> dict:
    """The review's figures for `plan`'s year as `actor` (the office) reads them on `today`."""
    today = today or timezone.localdate()
    year, refs = plan.year, Sources()
    sections = [
        {"heading": _("一、总体情况"), "paragraphs": _overview(actor, plan, refs)},
        {"heading": _("二、各工作专线完成情况"), "paragraphs": _lines(actor, plan, refs)},
        {"heading": _("三、主要工作成效"), "paragraphs": _achievements(actor, plan, township, refs)},
        {"heading": _("四、考核排名"), "paragraphs": _ranking(actor, year, refs)},
    ]
    sources = _in_reading_order(sections, refs.rows)
    return {"year": year, "plan": plan.pk, "plan_title": plan.title, "township": township.name,
            "as_of": today.isoformat(), "sections": sections, "sources": sources}


def _in_reading_order(sections: list[dict], rows: list[dict]) -> list[dict]:
    """Number the references as the draft reads (a paragraph may add a total before the counts it
    writes first); each reference is written once."""
    order = [int(m.group(1)) for s in sections for p in s["paragraphs"] for m in MARK.finditer(p)]
    new = {old: i for i, old in enumerate(dict.fromkeys(order), 1)}
    for section in sections:
        section["paragraphs"] = [MARK.sub(lambda m: f"{{#{new[int(m.group(1))]}}}", p) for p in section["paragraphs"]]
    by_old = {r["n"]: r for r in rows}
    return [by_old[old] | {"n": n} for old, n in new.items()]


# -- tasks and indicators, by line -------------------------------------------------------------------


def _task_refs(actor, plan, refs: Sources, *, line=None, key: str, name: str) -> tuple[str, str]:
    tasks = plan_selectors.whole_tasks(actor=actor, plan=plan)
    if line is not None:
        tasks = tasks.filter(line=line)
    all_ids = list(tasks.values_list("pk", flat=True))
    done_ids = list(tasks.filter(status=TaskStatus.COMPLETED).values_list("pk", flat=True))
    params = {"plan": plan.pk, "line": line.pk if line else None, "whole": 1}
    link = reverse("plans:task_list") + "?" + urlencode({k: v for k, v in params.items() if v})
    total = refs.add(key=f"{key}.tasks", label=_("%(name)s部署任务") % {"name": name}, value=len(all_ids), unit=_("项"),
                     query=_("“%(plan)s”中%(name)s已部署的整项任务（拆分到村的任务计一项）") % {
                         "plan": plan.title, "name": name}, link=link, ids=all_ids)
    done = refs.add(key=f"{key}.done", label=_("%(name)s已办结任务") % {"name": name}, value=len(done_ids),
                    unit=_("项"), query=_("同上任务中状态为“已办结”（已验收）的"),
                    link=link + "&" + urlencode({"status": TaskStatus.COMPLETED}), ids=done_ids)
    return total, done


def _overview(actor, plan, refs: Sources) -> list[str]:
    total, done = _task_refs(actor, plan, refs, key="plan", name=_("全镇"))
    lines = plan_selectors.plan_lines(actor=actor, plan=plan).count()
    return [_("%(year)d年，全镇围绕“%(plan)s”部署%(lines)s条工作专线，共部署任务 %(total)s 项，"
              "已办结 %(done)s 项。") % {"year": plan.year, "plan": plan.title, "lines": _count_words(lines),
                                      "total": total, "done": done}]


def _count_words(n: int) -> str:
    """Small counts in words, as a speech says them ("十一条专线"): no figure to reference."""
    return format_number(n, "chineseCounting") or str(n)


def _indicator_ref(indicator: Indicator, refs: Sources, *, key: str) -> str:
    """The reference of an indicator's actual: its register's rows when bound, else its reported values."""
    link = reverse("progress:indicator_rows", args=[indicator.pk])
    measure = measures.get(indicator.register_measure)
    if measure is not None:
        ids = list(measure.rows(year=indicator.plan.year, path=indicator.unit.path).values_list("pk", flat=True))
        query = _("按台账统计：%(label)s（%(unit)s，%(year)d年）") % {
            "label": measure.label, "unit": indicator.unit.name, "year": indicator.plan.year}
    else:
        ids = [s.report_id for s in indicator_sources(indicator) if s.report_id]
        query = _("指标“%(name)s”的完成值：各单位最近一次上报的数值之和（上报记录编号）") % {"name": indicator.name}
    return refs.add(key=key, label=_("%(name)s完成值") % {"name": indicator.name}, value=indicator.actual,
                    unit=indicator.measure, query=query, link=link, ids=ids)


def _indicator_text(indicator: Indicator, refs: Sources) -> str:
    key = f"indicator.{indicator.pk}"
    if indicator.target is not None:
        target = refs.add(key=f"{key}.target", label=_("%(name)s目标值") % {"name": indicator.name},
                          value=indicator.target, unit=indicator.measure,
                          query=_("工作计划中指标“%(name)s”的目标值") % {"name": indicator.name},
                          link=reverse("plans:plan_detail", args=[indicator.plan_id]), ids=[indicator.pk])
        planned = _("目标 %(v)s %(m)s") % {"v": target, "m": indicator.measure}
    else:
        planned = _("未定目标值")
    if indicator.actual is None:
        achieved = _("完成值") + missing(_("指标“%(name)s”尚无完成值") % {"name": indicator.name})
    else:
        achieved = _("完成 %(v)s %(m)s") % {"v": _indicator_ref(indicator, refs, key=f"{key}.actual"),
                                           "m": indicator.measure}
    return _("%(name)s：%(planned)s，%(achieved)s") % {"name": indicator.name, "planned": planned,
                                                    "achieved": achieved}


def _top_indicators(actor, plan):
    return (Indicator.objects.visible_to(actor).filter(plan=plan, parent__isnull=True)
            .select_related("plan", "unit").order_by("line__sort_order", "id"))


def _lines(actor, plan, refs: Sources) -> list[str]:
    indicators = list(_top_indicators(actor, plan))
    out = []
    for n, line in enumerate(plan_selectors.plan_lines(actor=actor, plan=plan), 1):
        total, done = _task_refs(actor, plan, refs, line=line, key=f"line.{line.pk}", name=line.name)
        text = _("（%(n)s）%(line)s。部署任务 %(total)s 项，已办结 %(done)s 项。") % {
            "n": _count_words(n), "line": line.name, "total": total, "done": done}
        own = [i for i in indicators if i.line_id == line.pk]
        if own:
            text += _("目标任务：") + "；".join(_indicator_text(i, refs) for i in own) + _("。")
        out.append(text)
    return out


# -- the seed's review quantities ------------------------------------------------------------------


def _find_indicator(indicators: list[Indicator], key: str) -> Indicator | None:
    for word in INDICATOR_WORDS[key]:
        for indicator in indicators:
            if word in indicator.name:
                return indicator
    return None


def _from_indicator(indicators, key: str, what: str, refs: Sources) -> str:
    """An indicator's achieved value with its reference, or what is missing."""
    indicator = _find_indicator(indicators, key)
    if indicator is None:
        return missing(_("工作计划中没有“%(what)s”指标") % {"what": what})
    if indicator.actual is None:
        return missing(_("指标“%(name)s”尚无上报的完成值") % {"name": indicator.name})
    return _indicator_ref(indicator, refs, key=key) + " " + indicator.measure


def _achievements(actor, plan, township, refs: Sources) -> list[str]:
    indicators = list(_top_indicators(actor, plan))
    year = plan.year
    base = [
        _("小城镇建设：新建社区 %(c)s。") % {"c": _from_indicator(indicators, "communities", _("新建社区"), refs)},
        _("农村基础设施：完成“四好”农村公路建设 %(r)s。") % {"r": _from_indicator(indicators, "roads", _("农村公路"), refs)},
        _("闲散土地清理：全镇共清理出闲散土地 %(l)s。") % {"l": _from_indicator(indicators, "land", _("闲散土地"), refs)},
        _income(actor, township, year, refs),
        _benefits(actor, township, year, refs),
        _economy(actor, township, indicators, year, refs),
        _talent(actor, township, year, refs),
        _commitments(actor, township, year, refs),
        _discipline(township, year, refs),
    ]
    return base


def _income(actor, township, year: int, refs: Sources) -> str:
    rows = CollectiveIncome.objects.visible_to(actor).filter(scope_path__under=township.path, year=year)
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return _("村级集体经济：%(m)s。") % {"m": missing(_("村级集体经济台账没有%(y)d年的收入记录") % {"y": year})}
    link = reverse("economy:income_year", args=[year])
    total = refs.add(key="income.total", label=_("村级集体经济收入总额"), value=rows.aggregate(s=Sum("amount"))["s"],
                     unit=_("万元"), query=_("村级集体经济台账中%(y)d年各村收入金额之和") % {"y": year}, link=link,
                     ids=ids)
    villages = sorted(set(rows.values_list("village", flat=True)))
    text = _("村级集体经济：全镇 %(v)s 个村有集体收入") % {"v": refs.add(
        key="income.villages", label=_("有集体收入的村"), value=len(villages), unit=_("个"),
        query=_("同上记录涉及的村（村编号）"), link=link, ids=villages)}
    year_data = economy_selectors.income_year(actor=actor, year=year)
    for count in year_data.thresholds:
        line = count.threshold
        if line.township_id != township.pk or line.kind != ThresholdKind.AT_LEAST:
            continue
        held = economy_selectors.income_year(actor=actor, year=year, threshold=line.pk).villages
        ref = refs.add(key=f"income.threshold.{line.pk}", label=_("达到“%(l)s”标准的村") % {"l": line.label},
                       value=count.count, unit=_("个"),
                       query=_("%(y)d年收入合计达到“%(l)s”标准（%(a)s万元）的村（村编号）") % {
                           "y": year, "l": line.label, "a": number(line.amount)},
                       link=f"{link}?threshold={line.pk}", ids=[r.village.pk for r in held])
        text += _("，%(n)s 个村达到“%(l)s”标准") % {"n": ref, "l": line.label}
    return text + _("，集体经济总量达到 %(s)s 万元。") % {"s": total}


def _benefit_rows(actor, township, year: int, kind: str):
    return Benefit.objects.visible_to(actor).filter(scope_path__under=township.path, kind=kind,
                                                    received_on__year=year)


def _households(actor, township, year, kind, refs: Sources, *, label: str) -> str | None:
    rows = _benefit_rows(actor, township, year, kind)
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        return None
    households = rows.values("household").distinct().count()
    return refs.add(key=f"benefit.{kind}", label=label, value=households, unit=_("户"),
                    query=_("帮扶措施台账中“%(kind)s”、享受日期在%(y)d年的记录所涉户数（记录编号）") % {
                        "kind": BenefitKind(kind).label, "y": year},
                    link=_list("household-benefits", kind=kind), ids=ids, count=len(ids))


def _benefits(actor, township, year: int, refs: Sources) -> str:
    none = _("帮扶措施台账没有%(y)d年的“%(kind)s”记录")
    parts = []
    for kind, text, label in (
        (BenefitKind.DIVIDEND, _("完成 %(n)s 户的收益分红"), _("享受产业分红的户数")),
        (BenefitKind.HOUSING, _("实施贫困户危房改造 %(n)s 户"), _("危房改造户数")),
        (BenefitKind.INSURANCE, _("办理防贫保救助 %(n)s 户"), _("防贫保救助户数")),
    ):
        ref = _households(actor, township, year, kind, refs, label=label)
        parts.append(text % {"n": ref or missing(none % {"y": year, "kind": BenefitKind(kind).label})})
    yulu = list(_benefit_rows(actor, township, year, BenefitKind.YULU).values_list("pk", flat=True))
    if yulu:
        ref = refs.add(key="benefit.yulu", label=_("申报雨露计划人次"), value=len(yulu), unit=_("名"),
                       query=_("帮扶措施台账中“雨露计划”、享受日期在%(y)d年的记录（每条一名学生）") % {"y": year},
                       link=_list("household-benefits", kind=BenefitKind.YULU), ids=yulu)
        parts.insert(1, _("为 %(n)s 名贫困学生申报雨露计划") % {"n": ref})
    else:
        parts.insert(1, _("为贫困学生申报雨露计划 %(n)s") % {
            "n": missing(none % {"y": year, "kind": BenefitKind.YULU.label})})
    filial = _benefit_rows(actor, township, year, BenefitKind.FILIAL)
    ids = list(filial.values_list("pk", flat=True))
    if ids:
        link = _list("household-benefits", kind=BenefitKind.FILIAL)
        people = refs.add(key="benefit.filial", label=_("发放孝善基金人次"), value=len(ids), unit=_("名"),
                          query=_("帮扶措施台账中“孝善基金”、享受日期在%(y)d年的记录") % {"y": year}, link=link, ids=ids)
        amount = refs.add(key="benefit.filial_amount", label=_("孝善基金发放金额"),
                          value=(filial.aggregate(s=Sum("amount"))["s"] or 0) / TEN_THOUSAND, unit=_("万元"),
                          query=_("同上记录金额（元）之和，折合万元"), link=link, ids=ids)
        parts.append(_("为 %(p)s 名贫困老人发放孝善扶贫基金 %(a)s 万元") % {"p": people, "a": amount})
    else:
        parts.append(_("发放孝善扶贫基金 %(n)s") % {"n": missing(none % {"y": year, "kind": BenefitKind.FILIAL.label})})
    return _("脱贫攻坚：") + "，".join(parts) + _("。")


def _economy(actor, township, indicators, year: int, refs: Sources) -> str:
    revenue = _from_indicator(indicators, "revenue", _("地方财政收入"), refs)
    measure = measures.get("projects.yi_signed")
    if measure is None:
        projects = missing(_("没有项目台账"))
    else:
        ids = list(measure.rows(year=year, path=township.path).values_list("pk", flat=True))
        projects = refs.add(key="projects.yi", label=_("招引过亿元项目"), value=len(ids), unit=_("个"),
                            query=_("按台账统计：%(label)s（%(y)d年）") % {"label": measure.label, "y": year},
                            link=_list("projects", yi_project="True"), ids=ids) + " " + _("个")
    return _("经济发展：完成地方财政收入 %(r)s；招引过亿元项目 %(p)s。") % {"r": revenue, "p": projects}


def _talent(actor, township, year: int, refs: Sources) -> str:
    doctors = list(TalentEngagement.objects.visible_to(actor).filter(
        unit__path__under=township.path, degree=Degree.DOCTOR, starts_on__year=year).values_list("pk", flat=True))
    if doctors:
        doctor = refs.add(key="talent.doctors", label=_("引进博士"), value=len(doctors), unit=_("名"),
                          query=_("人才引进台账中学历为博士、引进时间在%(y)d年的记录（含柔性引进）") % {"y": year},
                          link=_list("talent-engagements", degree=Degree.DOCTOR), ids=doctors) + " " + _("名")
    else:
        doctor = missing(_("人才引进台账没有%(y)d年引进的博士") % {"y": year})
    sages = Talent.objects.visible_to(actor).filter(village__path__under=township.path, kind=TalentKind.SAGE,
                                                    donation__gt=0)
    ids = list(sages.values_list("pk", flat=True))
    if ids:
        given = refs.add(key="talent.donations", label=_("新乡贤捐资"), value=sages.aggregate(s=Sum("donation"))["s"],
                         unit=_("万元"), query=_("人才库中类别为新乡贤的人员登记的捐资（万元）之和（台账不记捐资年度）"),
                         link=_list("talents", kind=TalentKind.SAGE), ids=ids) + " " + _("万元")
    else:
        given = missing(_("人才库没有新乡贤的捐资登记"))
    return _("招才引智：引进博士 %(d)s；新乡贤捐资 %(g)s。") % {"d": doctor, "g": given}


def _commitments(actor, township, year: int, refs: Sources) -> str:
    rows = Commitment.objects.visible_to(actor).filter(scope_path__under=township.path, year=year)
    all_ids = list(rows.values_list("pk", flat=True))
    if not all_ids:
        return _("实事承诺：%(m)s。") % {"m": missing(_("没有%(y)d年的实事承诺") % {"y": year})}
    done_ids = list(rows.filter(task__status=TaskStatus.COMPLETED).values_list("pk", flat=True))
    link = _list("commitments", year=year)
    total = refs.add(key="commitments.total", label=_("村党支部书记承诺实事"), value=len(all_ids), unit=_("件"),
                     query=_("实事承诺台账中%(y)d年的承诺") % {"y": year}, link=link, ids=all_ids)
    done = refs.add(key="commitments.done", label=_("已完成的承诺实事"), value=len(done_ids), unit=_("件"),
                    query=_("同上承诺中落实任务已办结（已验收）的"), link=link, ids=done_ids)
    return _("基层党建：村党支部书记承诺实事 %(t)s 件，完成为民承诺实事 %(d)s 件。") % {"t": total, "d": done}


def _discipline(township, year: int, refs: Sources) -> str:
    """Counts only: the cases are 纪委's; the reference names no case and no id."""
    counts = party.discipline_counts(township=township, year=year)
    link = _list("discipline-cases")
    by = {r["sanction"]: r["n"] for r in counts["rows"]}
    labels = dict(party.Sanction.choices)
    sanctioned = sum(by.get(labels[s], 0) for s in PARTY_SANCTIONS)
    note = _("（明细仅纪委可查阅，此处只有人数）")
    party_n = refs.add(key="discipline.party", label=_("受到党纪处分人数"), value=sanctioned, unit=_("人"),
                       query=_("纪律案件中处分决定日期在%(y)d年、处分为党纪处分（警告至开除党籍）的人数") % {"y": year} + note,
                       link=link, count=sanctioned)
    cadres = refs.add(key="discipline.cadres", label=_("处理村（镇）干部人数"), value=counts["cadres"], unit=_("人"),
                      query=_("纪律案件中处分决定日期在%(y)d年、被审查人为村（镇）干部的人数") % {"y": year} + note,
                      link=link, count=counts["cadres"])
    return _("作风建设：全年受到党内警告、严重警告、开除党籍等党纪处分共 %(p)s 人，镇纪委处理村（镇）干部 %(c)s 人。") % {
        "p": party_n, "c": cadres}


def _ranking(actor, year: int, refs: Sources) -> list[str]:
    """Per kind of unit assessed (villages, departments), the latest published ranking's first three."""
    out = []
    for kind in AssessedKind:
        run = assessment.latest_frozen_run(actor=actor, assessed_kind=kind, year=year)
        if run is None:
            continue
        link = reverse("assessment:run_detail", args=[run.pk])
        named = []
        for row in assessment.run_rankings(actor=actor, run=run)[:3]:
            score = refs.add(key=f"ranking.{kind}.{row.unit_id}", label=_("%(unit)s考核总分") % {"unit": row.unit.name},
                             value=row.total, unit=_("分"),
                             query=_("%(scheme)s第%(n)d批次（已发布）排名第%(rank)d名的总分") % {
                                 "scheme": run.scheme.title, "n": run.number, "rank": row.rank},
                             link=link, ids=[row.pk])
            named.append(_("%(unit)s（%(s)s 分）") % {"unit": row.unit.name, "s": score})
        out.append(_("在%(scheme)s中，排名前列的是：%(units)s。") % {"scheme": run.scheme.title,
                                                             "units": "、".join(named)})
    return out or [missing(_("%(y)d年还没有已发布的考核排名") % {"y": year})]
