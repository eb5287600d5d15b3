"""One Recurrence vocabulary (plans.models.Recurrence) for models, the import and extraction: a
完成时限 of 每日 / 每半年 / 每年 keeps its recurrence through an import, and every recurrence phrase
extraction reports as written maps to the value the import gives the same words."""

import openpyxl
import pytest

from luoshi.exchange import deadlines
from luoshi.exchange.importing import import_ledger
from luoshi.extraction import extract_text
from luoshi.ledgers.registry import get_ledger
from luoshi.plans.drafts import deadline_fields
from luoshi.plans.models import Recurrence, Task
from luoshi.plans.periods import RECURRING, recurrence_of
from luoshi.plans.tests.factories import make_plan
from luoshi.supervision.models import Problem

HEADER = ["序号", "工作专线", "工作任务", "工作要求", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限", "备注"]

DOCUMENT = """河口镇2024年重点工作要点
一、安全生产
（一）强化巡查。各村每日巡查重点部位，安全办每周一三五调度进展。
（二）落实责任。每季度开展一次联合检查，每周一召开例会。
（三）开展观摩。每半年组织一次现场观摩，每年开展一次考核评比。
（四）长期坚持网格化管理，按月通报，每个月调度一次，逐日报告疫情，按天统计。
（五）一月一调度，半年一考核，一周一通报，每个季度总结。
"""


def _import(world, tmp_path, words: list[str]) -> list[str]:
    """The recurrence of each task imported from a 任务分解表 whose 完成时限 cells hold `words`."""
    plan, _line = make_plan(world)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(["××镇2024年重点工作任务分解表"])
    sheet.append(HEADER)
    for n, written in enumerate(words, 1):
        sheet.append([n, "安全生产专线", f"第{n}项任务", "按要求完成", None, "经济发展办公室", None, None, written, None])
    book.save(tmp_path / "t.xlsx")
    outcome = import_ledger(actor=world.user("office"), ledger=get_ledger("tasks"), path=tmp_path / "t.xlsx",
                            options={"plan": plan})
    assert outcome.errors == []
    return list(Task.objects.unscoped("reading back in a test").filter(plan=plan).order_by("id")
                .values_list("recurrence", flat=True))


@pytest.mark.django_db
def test_an_imported_daily_half_yearly_or_yearly_task_keeps_its_recurrence(world, tmp_path):
    words = ["每日巡查", "每半年", "每年", "每年，2024年12月31日前", "一月一调度", "2024年6月底"]
    assert _import(world, tmp_path, words) == ["daily", "semiannual", "yearly", "yearly", "monthly", ""]


@pytest.mark.django_db
def test_extraction_reports_recurrence_words_the_import_maps_to_the_same_values(world, tmp_path):
    words = [t["recurrence"] for t in extract_text(DOCUMENT)["targets"] if t["recurrence"]]
    drafted = [deadline_fields({"recurrence": w}, 2024)["recurrence"] for w in words]
    assert _import(world, tmp_path, words) == drafted == [recurrence_of(w) for w in words]
    assert dict(zip(words, drafted, strict=True)) == {
        "每日": "daily", "每周一三五": "mon_wed_fri", "每季度": "quarterly", "每周一": "weekly",
        "每半年": "semiannual", "每年": "yearly", "长期坚持": "ongoing", "按月": "monthly", "每个月": "monthly",
        "逐日": "daily", "按天": "daily", "一月一": "monthly", "半年一": "semiannual", "一周一": "weekly",
        "每个季度": "quarterly"}


def test_the_reader_speaks_recurrence_values_and_reads_each_label_back():
    assert {name for name, _pattern in deadlines._RECURRENCES} <= RECURRING
    assert {value: recurrence_of(str(label)) for value, label in Recurrence.choices} == {
        value: value for value in Recurrence.values}


@pytest.mark.parametrize("written", ["每半月", "每旬", "二四六", "定期"])
def test_words_that_name_no_recurrence_are_not_read_as_one(written):
    assert recurrence_of(written) == ""


def test_problems_use_the_same_vocabulary():
    assert Problem._meta.get_field("recurrence").choices == Recurrence.choices
