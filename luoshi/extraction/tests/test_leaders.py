"""The 责任领导 of a target: a person, kept apart from the bodies that carry it out.

A leader's name is never one of `responsible` (the draft would guess it as a unit); it is
in `leaders`, as written, whether a task table's leader column or a note in the text says it.
"""

import pytest

from luoshi.extraction import extract_text
from luoshi.extraction.outline import render_outline

HEAD = "2024年全镇工作要点\n二、今年重点工作\n"


def who(body: str) -> list[tuple[list[str], list[str]]]:
    """(responsible, leaders) of each target of the body."""
    return [(t["responsible"], t["leaders"]) for t in extract_text(HEAD + body)["targets"]]


def test_a_leader_note_beside_the_unit_note_names_the_leader_apart():
    assert who("1.工业经济。新增规上企业20家。（牵头单位：经发办；责任领导：张三）") == [(["经发办"], ["张三"])]


@pytest.mark.parametrize("label", ["责任领导", "分管领导", "包保领导", "牵头领导", "联系领导", "分管"])
def test_every_leader_label_names_leaders_not_bodies(label):
    assert who(f"（一）招商。确保新上亿元项目3个（{label}：李四）。") == [([], ["李四"])]


def test_note_lines_under_an_item_give_its_lead_unit_and_its_leaders():
    body = "（一）招商。确保新上亿元项目3个。\n牵头单位：经发办\n分管领导：李四、王五\n（二）民生。年底前完成路村厕所建设。\n"
    assert who(body) == [(["经发办"], ["李四", "王五"]), ([], [])]


def test_a_leader_line_alone_under_an_item_is_its_leader():
    assert who("（一）招商。确保新上亿元项目3个。\n责任领导：张三\n") == [([], ["张三"])]


def test_a_leader_written_as_a_title_is_kept_as_written():
    assert who("（一）招商。确保新上亿元项目3个（分管领导：分管副镇长）。") == [([], ["分管副镇长"])]


def test_a_responsible_person_note_is_no_leader_and_no_body():
    assert who("（一）招商。确保新上亿元项目3个（责任单位：经发办；责任人：赵六）。") == [(["经发办"], [])]


def test_a_task_tables_leader_column_gives_the_leaders_of_each_row():
    table = (
        "序号\t工作任务\t分管领导\t牵头单位\t配合单位\t完成时限\n"
        "1\t新建高标准农田5000亩\t分管副镇长\t农业办\t各村\t10月底前\n"
        "2\t培育规上企业2家\t张三、李四\t经发办\t\t年底前\n"
    )
    assert who(table) == [(["农业办", "各村"], ["分管副镇长"]), (["经发办"], ["张三", "李四"])]


def test_a_speech_target_repeated_by_a_table_row_keeps_the_leaders_of_both():
    text = (
        "2024年工作要点\n一、项目\n确保6月底前完成项目用地组卷报批（责任领导：张华）。\n"
        "序号\t工作任务\t责任领导\t牵头单位\t完成时限\n1\t完成项目用地组卷报批\t王立新\t自然资源所\t6月底前\n"
    )
    [target] = extract_text(text)["targets"]
    assert (target["responsible"], target["leaders"]) == (["自然资源所"], ["王立新", "张华"])


def test_the_outline_shows_the_leader():
    plan = extract_text(HEAD + "（一）招商。确保新上亿元项目3个（牵头单位：经发办；责任领导：张三）。")
    assert "责任：经发办；责任领导：张三" in render_outline(plan)
