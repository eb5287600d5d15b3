"""A user's own column mapping, and the signature that remembers it per layout."""

import pytest

from luoshi.exchange.workbook import layout_signature, read_workbook
from luoshi.plans.specs import TASKS_SPEC

from .builders import Sheet, save

HEADER = ["序号", "所办事情", "落实方", "完成时限", "联系电话"]
ROW = [1, "招引项目", "经济发展办", "2024年6月底", "12345"]


def read(tmp_path, rows, **options):
    return read_workbook(save(tmp_path / "ledger.xlsx", Sheet("任务", rows)), TASKS_SPEC, **options)


def test_mapping_by_header_text_adds_an_unknown_wording(tmp_path):
    result = read(tmp_path, [HEADER, ROW], mapping={"task": "所办事情", "lead_unit": "落实 方"})
    assert result.tables[0].columns == {"task": "B", "lead_unit": "C", "deadline": "D"}
    assert (result.rows[0]["task"], result.rows[0]["lead_unit"]) == ("招引项目", "经济发展办")
    assert result.errors == []


def test_mapping_by_column_letter_overrides_the_automatic_choice(tmp_path):
    header = ["工作任务", "牵头单位", "实际牵头单位", "完成时限"]
    rows = [header, ["招引项目", "镇政府", "经济发展办", "2024年6月底"]]
    result = read(tmp_path, rows, mapping={"lead_unit": "C"})
    assert result.tables[0].columns["lead_unit"] == "C"
    assert result.tables[0].unmapped == {"B": "牵头单位"}
    assert result.rows[0]["lead_unit"] == "经济发展办"


def test_mapping_a_field_to_none_leaves_it_out(tmp_path):
    header = ["工作任务", "牵头单位", "完成时限", "备注"]
    result = read(tmp_path, [header, ["招引项目", "经济发展办", "2024年6月底", "内部"]], mapping={"note": None})
    assert "note" not in result.tables[0].columns
    assert result.rows[0]["note"] is None


def test_mapping_to_a_header_the_table_lacks_is_reported(tmp_path):
    header = ["工作任务", "牵头单位", "完成时限"]
    result = read(tmp_path, [header, ["招引项目", "经济发展办", "2024年6月底"]], mapping={"note": "说明事项"})
    assert result.rows == []
    assert [(e["column"], e["row"]) for e in result.errors] == [("备注", 1)]


def test_mapping_an_unknown_field_is_a_programming_error(tmp_path):
    with pytest.raises(KeyError):
        read(tmp_path, [HEADER, ROW], mapping={"colour": "A"})


def test_layout_signature_ignores_spacing_marks_and_width(tmp_path):
    plain = read(tmp_path, [["工作任务", "牵头单位", "完成时限"], ["甲", "经济发展办", "年底"]], year=2024)
    messy_header = ["工作\n任务", "*牵 头 单 位（必填）", "完成时限"]
    messy = read(tmp_path, [messy_header, ["甲", "经济发展办", "年底"]], year=2024)
    assert layout_signature(plain.tables[0]) == layout_signature(messy.tables[0])


def test_layout_signature_differs_for_another_column_order(tmp_path):
    first = read(tmp_path, [["工作任务", "牵头单位", "完成时限"], ["甲", "经济发展办", "年底"]], year=2024)
    second = read(tmp_path, [["牵头单位", "工作任务", "完成时限"], ["经济发展办", "甲", "年底"]], year=2024)
    assert layout_signature(first.tables[0]) != layout_signature(second.tables[0])
