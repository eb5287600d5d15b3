"""The demo township's party registers, written through their services so the rules and the audit run:
paths at every stage in a few villages (one 积极分子 proposed as 发展对象 too early: the refusal is in
the path's history), discipline cases that only the demo's 纪委 login sees, last year's honours with
their decision (its Word file attached), and this year's 先进集体 proposed from the assessment's
published ranking. Built once; dates are counted back from the day the demo is loaded."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from luoshi.core.errors import ServiceError
from luoshi.ledgers.registry import get_ledger
from luoshi.org.models import Unit, UnitKind, User
from luoshi.party import flow, selectors, services
from luoshi.party.models import PartyPath

# (name, gender, birth year, village, years ago applied, [(action, days after the application)])
PATHS = [
    ("赵晓雨", "female", 1999, "路村", 0.3, []),
    ("钱志远", "male", 2001, "大屯村", 0.5, []),
    ("孙丽娜", "female", 1996, "路村", 2.0, [("activist", 60)]),  # a year passed: due as 发展对象
    ("李明辉", "male", 1997, "庙口村", 0.9, [("activist", 60)]),  # proposed too early below
    ("周建军", "male", 1990, "前郭村", 2.5, [("activist", 40), ("candidate", 420)]),
    ("吴晓燕", "female", 1994, "路村", 2.6, [("activist", 40), ("candidate", 420), ("admit", 560)]),
    ("郑海涛", "male", 1992, "大屯村", 2.2, [("activist", 30), ("candidate", 400), ("admit", 500)]),
    ("王立新", "male", 1988, "庙口村", 3.0, [("activist", 30), ("candidate", 400), ("admit", 480), ("confirm", 850)]),
    ("冯春梅", "female", 1985, "前郭村", 6.0, [("activist", 30), ("candidate", 400), ("admit", 480),
                                              ("confirm", 850)]),
    ("陈国庆", "male", 1980, "东张村", 7.0, [("activist", 30), ("candidate", 400), ("admit", 480),
                                            ("confirm", 850)]),
    ("韩学军", "male", 1993, "东张村", 1.5, [("activist", 60), ("stop", 300)]),
]
INTRODUCERS = "王建华、李秀兰"

# (name, village, post, cadre, facts, source, days ago received, sanction, status)
CASES = [
    ("马某某", "大屯村", "村委会委员", True, "违规为亲属办理低保，造成不良影响", "petition", 200, "serious_warning", "closed"),
    ("杨某", "前郭村", "村党支部副书记", True, "落实人居环境整治责任不力，被县里通报", "supervision", 150, "admonition",
     "closed"),
    ("许某某", "东张村", "党员", False, "违规操办婚丧喜庆事宜", "inspection", 120, "warning", "closed"),
    ("田某某", "路村", "村报账员", True, "挪用村集体资金，正在审查", "audit", 40, "", "filed"),
]


def load_party(*, today: dt.date | None = None) -> None:
    """Once: skipped when the township already has paths on its register."""
    today = today or timezone.localdate()
    users = {u.username: u for u in User.objects.unscoped("the demo's logins").filter(
        username__in=("office", "discipline")).select_related("person")}
    office, discipline = users["office"], users.get("discipline")
    if PartyPath.objects.visible_to(office).exists():
        return
    villages = {u.name: u for u in Unit.objects.visible_to(office).filter(kind=UnitKind.VILLAGE)}
    _paths(office, villages, today)
    if discipline is not None:
        _cases(discipline, villages, today)
    _honours(office, villages, today)


def _paths(office, villages, today: dt.date) -> None:
    ledger = get_ledger("party-paths")
    for name, gender, born, village, years_ago, steps in PATHS:
        applied = today - dt.timedelta(days=int(years_ago * 365))
        path = ledger.create(actor=office, name=name, gender=gender, birth_date=dt.date(born, 5, 1),
                             branch=villages[village], applied_on=applied, introducers=INTRODUCERS,
                             note="向村党支部递交入党申请书")
        for action, days in steps:
            path = flow.path_step(actor=office, path=path, action=action, date=applied + dt.timedelta(days=days),
                                  note=_NOTES[action])
        if name == "李明辉":  # the branch proposed him a few months early: refused, and kept in his record
            with contextlib.suppress(ServiceError):
                flow.path_step(actor=office, path=path, action="candidate", date=today - dt.timedelta(days=3),
                               note="支部委员会研究拟列为发展对象")


_NOTES = {
    "activist": "党员推荐、支部委员会研究确定，指定培养联系人",
    "candidate": "听取党小组、培养联系人和群众意见，支委会讨论同意并报镇党委备案",
    "admit": "支部大会讨论通过，镇党委审批同意",
    "confirm": "预备期满，支部大会讨论通过转为正式党员，镇党委审批同意",
    "stop": "本人外出务工，长期不参加组织生活，支委会研究终止发展",
}


def _cases(discipline, villages, today: dt.date) -> None:
    ledger = get_ledger("discipline-cases")
    for index, (name, village, post, cadre, facts, source, days, sanction, status) in enumerate(CASES, start=1):
        received = today - dt.timedelta(days=days)
        decided = received + dt.timedelta(days=45) if sanction else None
        ledger.create(actor=discipline, name=name, unit=villages[village], post=post, is_cadre=cadre, facts=facts,
                      source=source, received_on=received, filed_on=received + dt.timedelta(days=7),
                      sanction=sanction, decided_on=decided, status=status,
                      decision_no=f"河纪发〔{decided.year}〕{index}号" if decided else "")


def _decision_file(decision: dict, honours) -> SimpleUploadedFile:
    """The 表彰决定 as the office would upload it: a Word file naming what the register holds."""
    document = Document()
    document.add_heading(decision["decision_title"], level=1)
    document.add_paragraph(decision["decision_no"])
    for honour in honours:
        document.add_paragraph(f"{honour.title}：{honour.person_name or honour.unit.name}（{honour.unit.name}）")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("表彰决定.docx", buffer.getvalue(),
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _honours(office, villages, today: dt.date) -> None:
    ledger = get_ledger("honours")
    year = today.year - 1
    decided = dt.date(today.year, 1, 20) if today >= dt.date(today.year, 1, 20) else today
    decision = {"status": "awarded", "decision_no": f"河发〔{today.year}〕3号", "decided_on": decided,
                "decision_title": f"中共河口镇委 河口镇人民政府关于表彰{year}年度先进集体和先进个人的决定"}
    made = [ledger.create(actor=office, year=year, kind="collective", title=title, unit=villages[village],
                          **decision)
            for village, title in (("路村", "先进基层党组织"), ("前郭村", "乡村振兴先进集体"))]
    for person, village, post, title in (("王立新", "庙口村", "党员", "优秀共产党员"),
                                         ("刘海燕", "路村", "村党支部书记", "优秀党务工作者"),
                                         ("陈国庆", "东张村", "村委会主任", "乡村振兴先进个人")):
        made.append(ledger.create(actor=office, year=year, kind="individual", title=title, unit=villages[village],
                                  person_name=person, post=post, **decision))
    services.honour_attach(actor=office, honour=made[0], files=[_decision_file(decision, made)])
    for proposal in selectors.honour_proposals(actor=office):
        units = [row["ranking"].unit_id for row in proposal["rows"] if not row["held"]]
        if units:
            services.honour_propose(actor=office, run_id=proposal["run"].pk, unit_ids=units, title="先进集体")
