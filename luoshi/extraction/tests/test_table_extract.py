"""Task tables end to end: rows become targets and headings like the speech text's do."""

from luoshi.extraction import extract_path, extract_text
from luoshi.extraction.tests.docx_factory import Tc, build_blocks_docx, table_xml
from luoshi.extraction.tests.test_properties import assert_valid

HEADER = ["序号", "工作任务", "目标要求", "责任领导", "牵头单位", "配合单位", "完成时限"]
SPEECH = [
    "在全镇2024年重点工作部署会上的讲话",
    "同志们：",
    "一、明确目标",
    "今年要确保6月底前完成项目用地组卷报批，力争新增项目贷款2亿元。",
    "附件",
    "2024年重点工作任务分解表",
]


def _row(*cells: str) -> list[str]:
    return list(cells)


def _speech_with_table(tmp_path) -> dict:
    rows = [
        HEADER,
        [Tc("一、产业项目", span=7)],
        _row("1", "食品产业园项目", "4月底前开工建设，年内完成投资3亿元", "王立新", "经发办", "自然资源所、规划办", "12月底前"),
        [Tc("二、要素保障", span=7)],
        _row("2", "项目用地保障", "完成项目用地组卷报批", "张华", "自然资源所", "经发办", "6月底前"),
        _row("3", "项目调度", "建立项目调度台账", "王立新", "党政办", "", "长期坚持"),
    ]  # fmt: skip
    path = build_blocks_docx([*SPEECH, table_xml(rows)], tmp_path / "speech.docx")
    plan = extract_path(path)
    assert_valid(_text(path), plan)
    return plan


def _text(path) -> str:
    from luoshi.extraction import read_document

    return read_document(path)


def _by_text(plan: dict, text: str) -> dict:
    return next(t for t in plan["targets"] if t["text"] == text)


def test_section_rows_are_sections_under_the_attachment(tmp_path):
    plan = _speech_with_table(tmp_path)
    assert [(s["level"], s["number"], s["title"]) for s in plan["sections"]] == [
        (1, "一、", "明确目标"),
        (1, "附件", "2024年重点工作任务分解表"),
        (2, "一、", "产业项目"),
        (2, "二、", "要素保障"),
    ]


def test_a_task_row_gives_its_targets_with_who_and_by_when(tmp_path):
    plan = _speech_with_table(tmp_path)
    start = _by_text(plan, "4月底前开工建设")
    assert start["kind"] == "milestone" and start["deadline"] == "4月底前"
    assert start["indicator"] == "食品产业园项目开工建设"
    assert start["responsible"] == ["经发办", "自然资源所", "规划办"]
    assert start["leaders"] == ["王立新"]  # the 责任领导 column: a person, never taken for a unit
    assert start["section"] == ["附件", "一、"]
    invest = _by_text(plan, "年内完成投资3亿元")
    assert (invest["value"], invest["unit"], invest["deadline"], invest["strength"]) == (3, "亿元", "年内", "完成")


def test_a_row_the_rules_find_nothing_in_is_still_one_task(tmp_path):
    plan = _speech_with_table(tmp_path)
    ledger = _by_text(plan, "建立项目调度台账")
    assert (ledger["kind"], ledger["indicator"], ledger["recurrence"]) == ("recurring", "项目调度", "长期坚持")
    assert (ledger["responsible"], ledger["leaders"]) == (["党政办"], ["王立新"])


def test_a_target_the_table_repeats_is_kept_once_at_the_row_with_the_speech_modal(tmp_path):
    plan = _speech_with_table(tmp_path)
    land = [t for t in plan["targets"] if "组卷报批" in t["text"]]
    assert len(land) == 1
    assert land[0]["text"] == "完成项目用地组卷报批" and land[0]["section"] == ["附件", "二、"]
    assert (land[0]["strength"], land[0]["deadline"], land[0]["kind"]) == ("确保", "6月底前", "milestone")
    assert _by_text(plan, "力争新增项目贷款2亿元")["value"] == 2  # said only in the speech: kept


def test_alike_wording_with_another_value_is_no_repeat():
    text = "2024年工作要点\n一、项目\n确保新上亿元项目3个。\n序号\t工作任务\t牵头单位\n1\t新上亿元项目5个\t经发办\n"
    values = sorted(t["value"] for t in extract_text(text)["targets"])
    assert values == [3, 5]


PASTED = (
    "2024年人居环境整治工作方案\n"
    "一、总体目标\n"
    "力争创建省级美丽乡村示范村1个。\n"
    "二、任务分工\n"
    "序号\t工作任务\t工作要求\t责任领导\t牵头单位\t配合单位\t完成时限\n"
    "一、厕所革命\n"
    "1\t农村改厕\t完成户厕改造500户\t李明\t农业农村办\t各村\t10月底前\n"
    "2\t公厕管护\t每周检查一次\t\t\t\t长期坚持\n"
    "\n"
    "二、垃圾治理\n"
    "3\t垃圾分类\t在2个村开展垃圾分类试点\t赵强\t环卫所\t相关村\t6月底前\n"
    "三、保障措施\n"
    "镇督查办每季度对各村考核排名一次。\n"
)


def test_a_table_pasted_as_text_is_read_and_ends_where_its_rows_end():
    plan = extract_text(PASTED)
    assert_valid(PASTED, plan)
    assert [(s["level"], s["number"], s["title"]) for s in plan["sections"]] == [
        (1, "一、", "总体目标"),
        (1, "二、", "任务分工"),
        (2, "一、", "厕所革命"),
        (2, "二、", "垃圾治理"),
        (1, "三、", "保障措施"),
    ]
    check = _by_text(plan, "每周检查一次")
    # merged lead and leader filled down, not 配合单位
    assert (check["responsible"], check["leaders"]) == (["农业农村办"], ["李明"])
    assert check["section"] == ["二、", "一、"]
    assert _by_text(plan, "镇督查办每季度对各村考核排名一次")["section"] == ["三、"]


def test_a_category_column_gives_a_section_each_time_it_changes():
    text = (
        "重点工作任务清单\n"
        "序号\t类别\t重点任务\t牵头单位\t完成时限\n"
        "1\t经济发展\t新引进亿元以上项目2个\t经发办\t年底前\n"
        "2\t\t新增规上工业企业3家\t经发办\t年底前\n"
        "3\t党的建设\t发展党员15名\t组织办\t年底前\n"
    )
    plan = extract_text(text)
    assert [(s["level"], s["number"], s["title"]) for s in plan["sections"]] == [
        (1, "", "经济发展"),
        (1, "", "党的建设"),
    ]
    assert [t["value"] for t in plan["targets"]] == [2, 3, 15]


def test_a_document_opening_with_its_table_keeps_the_header_out_of_the_title():
    text = "序号\t工作任务\t牵头单位\t完成时限\n1\t新建高标准农田5000亩\t农业办\t10月底前\n"
    plan = extract_text(text)
    assert plan["title"] == ""
    assert [(t["value"], t["deadline"], t["responsible"]) for t in plan["targets"]] == [(5000, "10月底前", ["农业办"])]


def test_lines_with_tabs_but_no_task_header_are_read_as_text():
    text = "2024年工作要点\n一、项目\n确保新上亿元项目3个。\t（责任单位：经发办）\n东平县人民政府\t2024年2月26日\n"
    plan = extract_text(text)
    assert [t["value"] for t in plan["targets"]] == [3]
    assert plan["targets"][0]["responsible"] == ["经发办"]


def test_the_blind_documents_tables_are_read(tmp_path):
    from luoshi.extraction.scoring import DATA

    plan = extract_path(DATA / "task_list_notice.docx")
    safety = next(t for t in plan["targets"] if "安全事故" in t["text"])
    assert (safety["responsible"], safety["leaders"]) == (["应急办", "派出所", "各村（社区）"], ["赵强"])
    assert (safety["kind"], safety["recurrence"], safety["strength"]) == ("recurring", "长期坚持", "确保")
    assert not any("0537" in t["text"] for t in plan["targets"])


def test_an_indicator_table_gives_quantities_in_its_unit_column():
    text = (
        "2024年主要预期目标\n"
        "序号\t指标名称\t单位\t2023年完成\t目标值\t责任单位\n"
        "1\t地方财政收入\t万元\t5200\t6000以上\t财政所\n"
        "2\t城镇新增就业\t人\t300\t350人\t人社所\n"
        "3\t招商引资到位资金\t亿元\t\tX\t经发办\n"
    )
    found = [
        (t["indicator"], t["value"], t["unit"], t["qualifier"], t["responsible"]) for t in extract_text(text)["targets"]
    ]
    assert found == [
        ("地方财政收入", 6000, "万元", "以上", ["财政所"]),
        ("城镇新增就业", 350, "人", None, ["人社所"]),
        ("招商引资到位资金", None, "亿元", None, ["经发办"]),
    ]
