"""The 责任人 of a target: the one person who does the work, kept apart from the bodies.

Like a leader, an owner is a person the draft matches against the township's people, so
the names are in `owners` as written, never among `responsible` (the bodies the draft
guesses as units), whether a task table's 责任人 / 联系人 / 经办人 column or a note says it.
"""

import pytest

from luoshi.extraction import extract_text
from luoshi.extraction.outline import render_outline

HEAD = "2024年全镇工作要点\n二、今年重点工作\n"


def who(text: str) -> list[tuple[list[str], list[str], list[str]]]:
    """(responsible, leaders, owners) of each target."""
    return [(t["responsible"], t["leaders"], t["owners"]) for t in extract_text(text)["targets"]]


@pytest.mark.parametrize("label", ["责任人", "联系人", "经办人", "具体责任人", "负责人"])
def test_an_owner_note_names_the_owner_apart_from_the_bodies_and_the_leader(label):
    note = f"（牵头单位：经发办；责任领导：张三；{label}：王五）"
    assert who(HEAD + f"1.工业经济。新增规上企业20家。{note}") == [(["经发办"], ["张三"], ["王五"])]


def test_an_owner_line_under_an_item_is_its_owner():
    body = "（一）招商。确保新上亿元项目3个。\n牵头单位：经发办\n责任人：王五、赵六\n（二）民生。年底前完成路村厕所建设。\n"
    assert who(HEAD + body) == [(["经发办"], [], ["王五", "赵六"]), ([], [], [])]


def test_a_phone_number_beside_the_owner_is_not_part_of_the_name():
    body = "（一）招商。确保新上亿元项目3个（联系人：王五，联系电话：0537-7281234）。"
    assert who(HEAD + body) == [([], [], ["王五"])]


def test_a_name_with_he_in_it_stays_one_person():
    assert who(HEAD + "（一）招商。确保新上亿元项目3个（责任人：王和平）。") == [([], [], ["王和平"])]


def test_the_notices_own_contact_line_at_its_end_is_nobodys_owner():
    body = "（一）请各村于3月底前报送台账。\n联系人：张敏，联系电话：0537-7281234\n"
    assert who(HEAD + body) == [([], [], [])]


@pytest.mark.parametrize("column", ["责任人", "联系人", "经办人", "具体负责人"])
def test_a_task_tables_owner_column_gives_the_owners_of_each_row(column):
    table = (
        f"序号\t工作任务\t责任领导\t牵头单位\t配合单位\t{column}\t完成时限\n"
        "1\t新建高标准农田5000亩\t分管副镇长\t农业办\t各村\t王五\t10月底前\n"
        "2\t培育规上企业2家\t张三\t经发办\t\t赵六、孙七（13812345678）\t年底前\n"
    )
    assert who(table) == [(["农业办", "各村"], ["分管副镇长"], ["王五"]), (["经发办"], ["张三"], ["赵六", "孙七"])]


def test_a_speech_target_repeated_by_a_table_row_keeps_the_owners_of_both():
    text = (
        "2024年工作要点\n一、项目\n确保6月底前完成项目用地组卷报批（责任人：张华）。\n"
        "序号\t工作任务\t责任人\t牵头单位\t完成时限\n1\t完成项目用地组卷报批\t王立新\t自然资源所\t6月底前\n"
    )
    assert who(text) == [(["自然资源所"], [], ["王立新", "张华"])]


def test_the_outline_shows_the_owner():
    plan = extract_text(HEAD + "（一）招商。确保新上亿元项目3个（牵头单位：经发办；责任人：王五）。")
    assert "责任：经发办；责任人：王五" in render_outline(plan)
