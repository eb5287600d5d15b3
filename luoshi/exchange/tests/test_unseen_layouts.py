"""The rows each workbook of ``unseen.py`` must yield, written down before reading them.

A row is given as (sheet, Excel row) and the fields that matter for its layout; every other
contract field must be empty (None or []), and no workbook may yield an error.
"""

import pytest

from luoshi.exchange.workbook import read_workbook
from luoshi.plans.specs import TASKS_SPEC
from luoshi.supervision.specs import PROBLEMS_SPEC

from .unseen import BUILDERS

TASK_FIELDS = ["line", "task", "requirement", "leader", "lead_unit", "co_units", "owner", "deadline",
               "deadline_kind", "recurrence", "deadline_text", "note"]
PROBLEM_FIELDS = ["category", "problem", "measures", "leader", "lead_unit", "co_units", "owner", "deadline",
                  "deadline_kind", "recurrence", "deadline_text", "status", "evidence", "note"]


def due(day, text=None):
    """The four deadline fields of a date deadline."""
    return {"deadline": day, "deadline_kind": "date", "recurrence": None, "deadline_text": text or day}


def every(recurrence, text):
    return {"deadline": None, "deadline_kind": "recurring", "recurrence": recurrence, "deadline_text": text}


def kind(name, text):
    return {"deadline": None, "deadline_kind": name, "recurrence": None, "deadline_text": text}


EXPECTED = {
    "section_rows_with_index": (TASKS_SPEC, {}, [
        ("重点任务", 6, {"line": "产业发展", "task": "新引进亿元以上项目2个", "requirement": "确保6月底前签约落地",
                      "leader": "王镇长", "lead_unit": "经发办", "co_units": ["财政所", "自然资源所"],
                      **due("2024-06-30", "6月底前")}),
        ("重点任务", 7, {"line": "产业发展", "task": "完成规上工业产值增长10%", "requirement": "按季度调度",
                      "leader": "王镇长", "lead_unit": "经发办", "co_units": ["统计站"],
                      **every("quarterly", "每季度")}),
        ("重点任务", 8, {"line": "产业发展", "task": "培育家庭农场5家", "leader": "李副镇长", "lead_unit": "农业站",
                      "co_units": ["各村"], **due("2024-10-31", "2024年10月"), "note": "新增"}),
        ("重点任务", 10, {"line": "民生保障", "task": "改造农村户厕300户", "requirement": "验收合格率100%",
                       "leader": "赵委员", "lead_unit": "社会事务办", "co_units": ["各村"],
                       **due("2024-09-30", "三季度末")}),
        ("重点任务", 11, {"line": "民生保障", "task": "开展安全生产大检查", "leader": "赵委员", "lead_unit": "应急办",
                       "co_units": ["派出所", "市场监管所"], **kind("ongoing", "长期坚持")}),
    ]),
    "lead_unit_marked_in_one_cell": (TASKS_SPEC, {}, [
        ("Sheet1", 3, {"task": "推进镇驻地污水管网建设", "lead_unit": "镇经发办", "co_units": ["各村"],
                       "owner": "张伟", **due("2024-06-30", "2024年6月底前")}),
        ("Sheet1", 4, {"task": "开展人居环境整治“百日攻坚”", "lead_unit": "党政办", "co_units": ["财政所", "司法所"],
                       "owner": "刘洋", **due("2024-06-30", "6月30日前")}),
        ("Sheet1", 5, {"task": "完成高标准农田建设1万亩", "lead_unit": "农业站", "co_units": ["林业站"],
                       "owner": "王磊", **due("2024-12-31", "年底前")}),
        ("Sheet1", 6, {"task": "排查整治安全隐患", "lead_unit": "应急办", "co_units": ["派出所", "各村"],
                       "owner": "陈静", **every("monthly", "每月25日前")}),
        ("Sheet1", 7, {"task": "做好信访维稳工作", "lead_unit": "党政办", "co_units": ["财政所"], "owner": "李强",
                       **kind("ongoing", "长期坚持")}),
        ("Sheet1", 8, {"task": "建设社区卫生服务站", "lead_unit": "各村（社区）", "owner": "赵敏",
                       **due("2024-09-30", "三季度末")}),
    ]),
    "leader_and_owner_in_one_column": (TASKS_SPEC, {}, [
        ("推进计划", 3, {"line": "乡村振兴", "task": "建设美丽乡村示范村2个", "requirement": "通过县级验收",
                      "leader": "王镇长", "owner": "张三", "lead_unit": "农业站", "co_units": ["各村"],
                      **due("2024-10-31")}),
        ("推进计划", 4, {"line": "乡村振兴", "task": "发展村级集体经济", "requirement": "各村集体收入均达到10万元以上",
                      "leader": "王镇长", "owner": "李四", "lead_unit": "经管站", "co_units": ["各村"],
                      **due("2024-11-30", "2024/11/30")}),
        ("推进计划", 5, {"line": "乡村振兴", "task": "完成土地流转5000亩", "leader": "刘副镇长", "lead_unit": "经管站",
                      **due("2024-10-31", "2024.10")}),
        ("推进计划", 6, {"line": "社会治理", "task": "推进网格化管理全覆盖", "leader": "赵书记", "owner": "王五",
                      "lead_unit": "综治办", "co_units": ["派出所", "各村"], **due("2024-09-30")}),
        ("推进计划", 7, {"line": "社会治理", "task": "创建平安村居", "leader": "赵书记", "owner": "王五",
                      "lead_unit": "综治办", "co_units": ["各村"], **due("2024-09-30")}),
    ]),
    "short_subheaders_under_a_group": (TASKS_SPEC, {}, [
        ("任务分解", 4, {"task": "推进农村饮水安全巩固提升", "requirement": "完成3个村管网改造", "lead_unit": "水利站",
                      "co_units": ["各村", "财政所"], "owner": "孙丽", **due("2024-08-31", "2024年8月底")}),
        ("任务分解", 5, {"task": "开展森林防火宣传", "lead_unit": "林业站", "owner": "周杰",
                      **every("quarterly", "每季度")}),
    ]),
    "spacer_column_filter_and_signature": (TASKS_SPEC, {}, [
        ("项目建设", 3, {"task": "新建标准化厂房2万平方米", "leader": "王镇长", "lead_unit": "经发办",
                      "co_units": ["自然资源所", "建设办"], **due("2024-09-30", "2024年9月30日")}),
        ("项目建设", 4, {"task": "完成固定资产投资5亿元", "leader": "王镇长", "lead_unit": "经发办",
                      "co_units": ["统计站"], **due("2024-12-31", "年底"), "note": "含技改投资"}),
        ("项目建设", 5, {"task": "盘活闲置土地300亩", "leader": "李副镇长", "lead_unit": "自然资源所",
                      "co_units": ["各村"], **due("2024-06-30", "2024年6月底前")}),
    ]),
    "task_merged_over_unit_rows": (TASKS_SPEC, {}, [
        ("为民办实事", 3, {"task": "实施村内道路硬化工程，全年完成15公里", "leader": "王镇长", "lead_unit": "东村",
                       "owner": "张一", **due("2024-09-30", "2024年9月底")}),
        ("为民办实事", 4, {"task": "实施村内道路硬化工程，全年完成15公里", "leader": "王镇长", "lead_unit": "西村",
                       "owner": "张二", **due("2024-09-30", "2024年9月底")}),
        ("为民办实事", 5, {"task": "实施村内道路硬化工程，全年完成15公里", "leader": "王镇长", "lead_unit": "南村",
                       "owner": "张三", **due("2024-09-30", "2024年9月底"), "note": "含2公里生产路"}),
        ("为民办实事", 6, {"task": "新建农村书屋", "leader": "王镇长", "lead_unit": "北村", "owner": "李一",
                       **due("2024-11-30", "2024年11月底")}),
        ("为民办实事", 7, {"task": "新建农村书屋", "leader": "王镇长", "lead_unit": "中村", "owner": "李二",
                       **due("2024-11-30", "2024年11月底")}),
    ]),
    "sheet_per_department": (TASKS_SPEC, {}, [
        ("经发办", 3, {"task": "新增规上企业3家", "leader": "王镇长", "lead_unit": "经发办", "co_units": ["统计站"],
                    **due("2024-12-31", "年底前")}),
        ("经发办", 4, {"task": "争取专项债项目2个", "leader": "王镇长", "lead_unit": "经发办", "co_units": ["财政所"],
                    **due("2024-05-31", "2024年5月底")}),
        ("社会事务办", 2, {"task": "城乡居民医保参保率达95%", "leader": "赵委员", "lead_unit": "社会事务办",
                      "co_units": ["各村"], **due("2024-03-31", "2024年3月底")}),
        ("社会事务办", 3, {"task": "发放高龄补贴", "leader": "赵委员", "lead_unit": "社会事务办",
                      **every("quarterly", "每季度")}),
    ]),
    "problem_ledger_with_progress_and_status": (PROBLEMS_SPEC, {}, [
        ("巡察反馈问题", 4, {"category": "县委巡察", "problem": "村级财务管理不规范，存在白条入账现象",
                        "measures": "1.开展财务专项清理；\n2.建立村级财务审核制度", "leader": "王书记",
                        "lead_unit": "经管站", "owner": "刘会计", **due("2024-06-30", "2024年6月底前"),
                        "status": "closed"}),
        ("巡察反馈问题", 5, {"category": "县委巡察", "problem": "党员发展程序不规范", "measures": "逐村复核发展材料",
                        "leader": "李副书记", "lead_unit": "组织办", "owner": "陈委员",
                        **kind("immediate", "立行立改"), "status": "closed"}),
        ("巡察反馈问题", 6, {"category": "审计反馈", "problem": "项目资金拨付滞后", "measures": "加快项目验收拨付",
                        "leader": "王镇长", "lead_unit": "财政所", "owner": "赵所长",
                        **due("2024-09-30", "2024年9月底"), "status": "rectifying"}),
        ("巡察反馈问题", 7, {"category": "群众反映", "problem": "垃圾清运不及时", "measures": "增加清运频次",
                        "leader": "赵委员", "lead_unit": "环卫所", "owner": "钱站长",
                        **kind("ongoing", "长期坚持"), "status": "rectifying"}),
        ("巡察反馈问题", 8, {"category": "群众反映", "problem": "路灯损坏", "measures": "维修更换", "leader": "赵委员",
                        "lead_unit": "建设办", "owner": "孙主任", **due("2024-07-31", "2024年7月"),
                        "status": "found"}),
        ("巡察反馈问题", 9, {"category": "县委巡察", "problem": "三资台账不健全", "measures": "完善台账",
                        "leader": "王书记", "lead_unit": "经管站", "owner": "刘会计",
                        **due("2024-05-31", "2024年5月底"), "status": "closed"}),
    ]),
    "group_column_and_task_column": (TASKS_SPEC, {}, [
        ("Sheet1", 3, {"line": "招商引资", "task": "全年引进过亿元项目3个", "leader": "王镇长", "lead_unit": "招商办",
                       "co_units": ["经发办"], **due("2024-12-31", "年底前")}),
        ("Sheet1", 4, {"line": "招商引资", "task": "举办招商推介会2场", "leader": "王镇长", "lead_unit": "招商办",
                       **due("2024-10-31", "2024年10月底")}),
        ("Sheet1", 5, {"line": "项目建设", "task": "推进食品产业园二期建设", "leader": "李副镇长", "lead_unit": "建设办",
                       "co_units": ["自然资源所", "财政所"], **due("2024-12-31", "2024年12月")}),
    ]),
    "formulas_and_numbers_as_text": (TASKS_SPEC, {}, [
        ("任务", 4, {"task": "完成税收收入8000万元", "requirement": "同比增长5%", "lead_unit": "财政所",
                   "co_units": ["经发办"], **due("2024-12-31")}),
        ("任务", 5, {"task": "新增市场主体300户", "lead_unit": "市场监管所", **due("2024-12-31", "2024年12月31日")}),
        ("任务", 6, {"task": "开展农民技能培训", "requirement": "培训500人次", "lead_unit": "人社所",
                   "co_units": ["农业站"], **due("2024-11-30", "2024-11-30")}),
    ]),
    "two_tables_side_by_side": (TASKS_SPEC, {}, [
        ("2024年重点任务", 3, {"task": "招引项目", "lead_unit": "经发办", **due("2024-06-30", "2024年6月底")}),
        ("2024年重点任务", 4, {"task": "建设园区", "lead_unit": "经发办", **due("2024-09-30", "2024年9月底")}),
        ("2024年重点任务", 5, {"task": "盘活土地", "lead_unit": "自然资源所", **due("2024-12-31", "年底")}),
        ("2024年重点任务", 3, {"task": "改造学校", "lead_unit": "社会事务办", **due("2024-08-31", "2024年8月底")}),
        ("2024年重点任务", 4, {"task": "新建卫生室", "lead_unit": "卫健办", **due("2024-10-31", "2024年10月底"),
                          "note": "2处"}),
    ]),
    "nested_sections": (TASKS_SPEC, {"year": 2024}, [
        ("清单", 6, {"line": "产业发展", "task": "引进亿元项目2个", "lead_unit": "招商办", **due("2024-06-30", "6月底")}),
        ("清单", 7, {"line": "产业发展", "task": "签约项目5个", "lead_unit": "招商办", **due("2024-09-30", "9月底")}),
        ("清单", 9, {"line": "产业发展", "task": "完成园区道路", "lead_unit": "建设办", "co_units": ["经发办"],
                   **due("2024-10-31", "10月底")}),
        ("清单", 11, {"line": "民生事业", "task": "改造学校操场", "lead_unit": "社会事务办",
                    **due("2024-08-31", "8月底")}),
    ]),
    "enterprise_requests_from_column_b": (PROBLEMS_SPEC, {}, [
        ("企业诉求", 4, {"problem": "厂区道路破损", "measures": "协调交通部门维修", "lead_unit": "建设办",
                      "co_units": ["交通所"], **due("2024-07-31", "2024年7月底"), "status": "closed"}),
        ("企业诉求", 5, {"problem": "用工短缺", "measures": "组织专场招聘会", "lead_unit": "人社所",
                      **due("2024-08-31", "8月31日前"), "status": "rectifying"}),
        ("企业诉求", 6, {"problem": "融资困难", "measures": "对接银行", "lead_unit": "经发办", "co_units": ["财政所"],
                      **kind("ongoing", "长期"), "status": "closed"}),
    ]),
    "other_common_wordings": (TASKS_SPEC, {}, [
        ("2024年任务", 2, {"task": "完成农村集体产权制度改革", "requirement": "全面完成", "leader": "刘副镇长",
                        "lead_unit": "经管站", "co_units": ["各村"], **due("2024-09-30", "3月启动，9月底前完成")}),
        ("2024年任务", 3, {"task": "开展“双招双引”活动", "requirement": "引进人才20名", "leader": "王镇长",
                        "lead_unit": "组织办", "co_units": ["人社所"], **due("2024-06-30", "上半年")}),
    ]),
    "dates_shown_as_month_or_without_year": (TASKS_SPEC, {}, [
        ("任务", 3, {"task": "完成项目签约", "lead_unit": "经发办", **due("2024-06-30", "2024年6月")}),
        ("任务", 4, {"task": "开工建设", "lead_unit": "经发办", **due("2024-06-30", "6月30日")}),
        ("任务", 5, {"task": "主体完工", "lead_unit": "经发办", **due("2024-09-30", "2024年9月")}),
        ("任务", 6, {"task": "竣工验收", "lead_unit": "经发办", **due("2024-12-31", "12月31日")}),
        ("任务", 7, {"task": "召开推进会", "lead_unit": "经发办", **due("2024-07-01")}),
        ("任务", 8, {"task": "项目投产", "lead_unit": "经发办", **due("2025-03-31")}),
    ]),
}


def full_row(spec, sheet, row, given):
    fields = TASK_FIELDS if spec is TASKS_SPEC else PROBLEM_FIELDS
    empty = {name: [] if name == "co_units" else None for name in fields}
    empty["deadline_kind"] = "none"
    return {"sheet": sheet, "row": row, **empty, **given}


def test_every_builder_has_its_expected_rows():
    assert set(BUILDERS) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_workbook_yields_the_expected_rows(tmp_path, name):
    spec, options, rows = EXPECTED[name]
    result = read_workbook(BUILDERS[name](tmp_path), spec, **options)
    assert result.errors == []
    assert result.rows == [full_row(spec, sheet, row, given) for sheet, row, given in rows]
