"""Workbooks laid out the way township offices really hand them in, built in code.

Each builder writes one .xlsx the way Excel or WPS would store it (xlsxwriter writes
cached formula results, shared strings and date formats like Excel does) and returns its
path. None of them was shaped after the reader: they imitate 任务分解表 and 问题整改台账
seen in township practice, each with the layout quirks such offices produce. The rows
each must yield are stated in ``test_unseen_layouts.py``.
"""

import datetime
from collections.abc import Callable
from pathlib import Path

import openpyxl
import xlsxwriter

BUILDERS: dict[str, Callable[[Path], Path]] = {}


def builder(func: Callable[[Path], Path]) -> Callable[[Path], Path]:
    BUILDERS[func.__name__] = func
    return func


def _xlsx(path: Path) -> tuple[xlsxwriter.Workbook, dict]:
    book = xlsxwriter.Workbook(str(path))
    formats = {
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
        "head": book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}),
        "cell": book.add_format({"border": 1, "valign": "vcenter", "text_wrap": True}),
        "date": book.add_format({"border": 1, "num_format": "yyyy年m月d日"}),
        "section": book.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"}),
    }
    return book, formats


def _rows(sheet, first: int, rows: list[list], fmt) -> None:
    """Write rows from 0-based row ``first``; None leaves the cell empty but bordered."""
    for offset, row in enumerate(rows):
        for col, value in enumerate(row):
            if value is None:
                sheet.write_blank(first + offset, col, None, fmt)
            else:
                sheet.write(first + offset, col, value, fmt)


@builder
def section_rows_with_index(tmp: Path) -> Path:
    """A 3-row title block, and section rows whose 序号 cell holds "一" / "二"."""
    path = tmp / "section_rows_with_index.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("重点任务")
    sheet.merge_range("A1:H1", "××镇重点工作任务分解表", f["title"])
    sheet.merge_range("A2:H2", "（2024年度）", f["title"])
    sheet.merge_range("A3:D3", "填报单位：××镇党政办（盖章）", None)
    sheet.merge_range("E3:H3", "填报时间：2024年1月8日", None)
    _rows(sheet, 3, [["序号", "工作任务", "工作要求", "责任领导", "牵头单位", "配合单位", "完成时限", "备注"]], f["head"])
    sheet.write(4, 0, "一", f["section"])
    sheet.merge_range("B5:H5", "产业发展（共3项）", f["section"])
    _rows(sheet, 5, [
        [1, "新引进亿元以上项目2个", "确保6月底前签约落地", "王镇长", "经发办", "财政所、自然资源所", "6月底前", None],
        [2, "完成规上工业产值增长10%", "按季度调度", "王镇长", "经发办", "统计站", "每季度", None],
        [3, "培育家庭农场5家", None, "李副镇长", "农业站", "各村", "2024年10月", "新增"],
    ], f["cell"])
    sheet.write(8, 0, "二", f["section"])
    sheet.merge_range("B9:H9", "民生保障", f["section"])
    _rows(sheet, 9, [
        [4, "改造农村户厕300户", "验收合格率100%", "赵委员", "社会事务办", "各村", "三季度末", None],
        [5, "开展安全生产大检查", None, "赵委员", "应急办", "派出所、市场监管所", "长期坚持", None],
    ], f["cell"])
    book.close()
    return path


@builder
def lead_unit_marked_in_one_cell(tmp: Path) -> Path:
    """One 责任单位 column naming the lead and the co-operating units in the same cell."""
    path = tmp / "lead_unit_marked_in_one_cell.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("Sheet1")
    sheet.merge_range("A1:E1", "××镇2024年重点工作任务清单", f["title"])
    _rows(sheet, 1, [["序号", "重点任务", "责任单位", "责任人", "完成时间"]], f["head"])
    _rows(sheet, 2, [
        [1, "推进镇驻地污水管网建设", "镇经发办（牵头）、各村", "张伟", "2024年6月底前"],
        [2, "开展人居环境整治“百日攻坚”", "党政办牵头，财政所、司法所配合", "刘洋", "6月30日前"],
        [3, "完成高标准农田建设1万亩", "农业站、林业站", "王磊", "年底前"],
        [4, "排查整治安全隐患", "牵头单位：应急办；配合单位：派出所、各村", "陈静", "每月25日前"],
        [5, "做好信访维稳工作", "财政所、党政办（牵头）", "李强", "长期坚持"],
        [6, "建设社区卫生服务站", "各村（社区）", "赵敏", "三季度末"],
    ], f["cell"])
    book.close()
    return path


@builder
def leader_and_owner_in_one_column(tmp: Path) -> Path:
    """A "责任领导/责任人" column holding "王镇长/张三", and deadlines typed every way."""
    path = tmp / "leader_and_owner_in_one_column.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "推进计划"
    sheet.append(["××镇2024年重点工作推进计划表"])
    sheet.append(["序号", "工作专线", "工作任务", "完成标准", "责任领导/责任人", "牵头部门", "配合部门", "时间节点"])
    sheet.append([1, "乡村振兴", "建设美丽乡村示范村2个", "通过县级验收", "王镇长/张三", "农业站", "各村",
                  datetime.date(2024, 10, 31)])
    sheet.append([2, None, "发展村级集体经济", "各村集体收入均达到10万元以上", "王镇长／李四", "经管站", "各村",
                  "2024/11/30"])
    sheet.append([3, None, "完成土地流转5000亩", None, "刘副镇长", "经管站", None, "2024.10"])
    sheet.append([4, "社会治理", "推进网格化管理全覆盖", None, "赵书记/王五", "综治办", "派出所、各村", "2024-09-30"])
    sheet.append([5, "社会治理", "创建平安村居", None, " 赵书记 / 王五 ", "综治办", "各村", 45565])
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("B3:B5")
    sheet["H3"].number_format = "yyyy/m/d"
    book.save(path)
    return path


@builder
def short_subheaders_under_a_group(tmp: Path) -> Path:
    """"责任单位" over "牵头" | "配合", spaced and wrapped headers, a progress column."""
    path = tmp / "short_subheaders_under_a_group.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("任务分解")
    sheet.merge_range("A1:H1", "××镇2024年重点工作任务分解表", f["title"])
    for col, text in zip("ABCFGH", ["序号", "工 作\n任 务", "工作\n要求", "责 任 人", "完 成\n时 限", "进展情况"],
                         strict=True):
        sheet.merge_range(f"{col}2:{col}3", text, f["head"])
    sheet.merge_range("D2:E2", "责任单位", f["head"])
    sheet.write("D3", "牵头", f["head"])
    sheet.write("E3", "配合", f["head"])
    _rows(sheet, 3, [
        [1, "推进农村饮水安全巩固提升", "完成3个村管网改造", "水利站", "各村、财政所", "孙丽", "2024年8月底",
         "已完成2个村"],
        [2, "开展森林防火宣传", None, "林业站", None, "周杰", "每季度", "正常推进"],
    ], f["cell"])
    book.close()
    return path


@builder
def spacer_column_filter_and_signature(tmp: Path) -> Path:
    """A blank narrow column inside the table, frozen panes, autofilter, a formula total
    and a signature block under the table."""
    path = tmp / "spacer_column_filter_and_signature.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("项目建设")
    sheet.merge_range("A1:H1", "××镇2024年“项目建设年”任务台账", f["title"])
    _rows(sheet, 1, [["序号", "工作任务", "责任领导", "牵头单位", None, "配合单位", "完成时限", "备注"]], f["head"])
    _rows(sheet, 2, [
        [1, "新建标准化厂房2万平方米", "王镇长", "经发办", None, "自然资源所、建设办", "2024年9月30日", None],
        [2, "完成固定资产投资5亿元", "王镇长", "经发办", None, "统计站", "年底", "含技改投资"],
        [3, "盘活闲置土地300亩", "李副镇长", "自然资源所", None, "各村", "2024年6月底前", None],
    ], f["cell"])
    sheet.write("A6", "合计", f["cell"])
    sheet.write_formula("B6", "=COUNTA(B3:B5)&\"项\"", f["cell"], "3项")
    sheet.write("A8", "单位负责人（签字）：")
    sheet.write("D8", "审核人：李华")
    sheet.write("F8", "填表人：王芳")
    sheet.write("G8", "联系电话：0631-8123456")
    sheet.set_column("E:E", 1.5)
    sheet.freeze_panes(2, 2)
    sheet.autofilter("A2:H5")
    book.close()
    return path


@builder
def task_merged_over_unit_rows(tmp: Path) -> Path:
    """A task merged down several rows, one responsible village per row."""
    path = tmp / "task_merged_over_unit_rows.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "为民办实事"
    sheet.append(["××镇2024年为民办实事项目分解表"])
    sheet.append(["序号", "工作任务", "责任领导", "责任单位", "责任人", "完成时限", "备注"])
    sheet.append([1, "实施村内道路硬化工程，全年完成15公里", "王镇长", "东村", "张一", "2024年9月底", None])
    sheet.append([None, None, None, "西村", "张二", None, None])
    sheet.append([None, None, None, "南村", "张三", None, "含2公里生产路"])
    sheet.append([2, "新建农村书屋", None, "北村", "李一", "2024年11月底", None])
    sheet.append([None, None, None, "中村", "李二", None, None])
    for merged in ("A1:G1", "A3:A5", "B3:B5", "F3:F5", "C3:C7", "A6:A7", "B6:B7", "F6:F7"):
        sheet.merge_cells(merged)
    book.save(path)
    return path


@builder
def sheet_per_department(tmp: Path) -> Path:
    """One sheet per department, an empty template sheet, a visible list sheet and a
    hidden dictionary sheet."""
    path = tmp / "sheet_per_department.xlsx"
    book, f = _xlsx(path)
    first = book.add_worksheet("经发办")
    first.merge_range("A1:F1", "经发办2024年重点工作任务", f["title"])
    _rows(first, 1, [
        ["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限"],
        [1, "新增规上企业3家", "王镇长", "经发办", "统计站", "年底前"],
        [2, "争取专项债项目2个", "王镇长", "经发办", "财政所", "2024年5月底"],
    ], f["cell"])
    second = book.add_worksheet("社会事务办")
    _rows(second, 0, [
        ["序号", "工作内容", "分管领导", "责任单位", "协办单位", "完成期限"],
        [1, "城乡居民医保参保率达95%", "赵委员", "社会事务办", "各村", "2024年3月底"],
        [2, "发放高龄补贴", "赵委员", "社会事务办", None, "每季度"],
    ], f["cell"])
    third = book.add_worksheet("党政办")
    _rows(third, 0, [["序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限"]], f["head"])
    _rows(third, 1, [[None] * 6, [None] * 6], f["cell"])
    third.merge_range("A4:F4", "填表说明：各单位于每月25日前报送。", None)
    lists = book.add_worksheet("下拉选项")
    _rows(lists, 0, [["牵头单位", "工作专线"], ["经发办", "经济发展"], ["社会事务办", "社会事业"]], None)
    hidden = book.add_worksheet("字典")
    _rows(hidden, 0, [["工作任务", "牵头单位", "完成时限"], ["示例任务", "党政办", "年底"]], None)
    hidden.hide()
    book.close()
    return path


@builder
def problem_ledger_with_progress_and_status(tmp: Path) -> Path:
    """A 巡察反馈 rectification ledger: 问题来源, a free-text 整改进展 left of 整改状态."""
    path = tmp / "problem_ledger_with_progress_and_status.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("巡察反馈问题")
    sheet.merge_range("A1:L1", "××镇落实县委巡察反馈问题整改台账", f["title"])
    sheet.merge_range("A2:F2", "填报单位：××镇纪委", None)
    sheet.merge_range("G2:L2", "截至时间：2024年5月20日", None)
    header = ["序号", "问题来源", "问题描述", "整改目标", "整改措施", "责任领导", "责任单位", "责任人", "整改时限",
              "整改进展", "整改状态", "备注"]
    _rows(sheet, 2, [header], f["head"])
    _rows(sheet, 3, [
        [1, "县委巡察", "村级财务管理不规范，存在白条入账现象", "规范财务管理",
         "1.开展财务专项清理；\n2.建立村级财务审核制度", "王书记", "经管站", "刘会计", "2024年6月底前",
         "已完成清理，制度已印发", "已整改", None],
        [2, "县委巡察", "党员发展程序不规范", None, "逐村复核发展材料", "李副书记", "组织办", "陈委员", "立行立改",
         "已复核12个村", "已销号", None],
        [3, "审计反馈", "项目资金拨付滞后", None, "加快项目验收拨付", "王镇长", "财政所", "赵所长", "2024年9月底",
         "正在验收", "整改中", None],
        [4, "群众反映", "垃圾清运不及时", None, "增加清运频次", "赵委员", "环卫所", "钱站长", "长期坚持",
         "持续推进", "持续整改", None],
        [5, "群众反映", "路灯损坏", None, "维修更换", "赵委员", "建设办", "孙主任", "2024年7月", "尚未开始",
         "未整改", None],
        [6, "县委巡察", "三资台账不健全", None, "完善台账", "王书记", "经管站", "刘会计", "2024年5月底", "已完成",
         "整改完毕", None],
    ], f["cell"])
    book.close()
    return path


@builder
def group_column_and_task_column(tmp: Path) -> Path:
    """"重点工作" (merged down a block) next to "具体任务": two columns naming tasks."""
    path = tmp / "group_column_and_task_column.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["××镇2024年重点工作任务分解表"])
    sheet.append(["序号", "重点工作", "具体任务", "责任领导", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "招商引资", "全年引进过亿元项目3个", "王镇长", "招商办", "经发办", "年底前"])
    sheet.append([2, None, "举办招商推介会2场", "王镇长", "招商办", None, "2024年10月底"])
    sheet.append([3, "项目建设", "推进食品产业园二期建设", "李副镇长", "建设办", "自然资源所、财政所", "2024年12月"])
    sheet.merge_cells("A1:G1")
    sheet.merge_cells("B3:B4")
    book.save(path)
    return path


@builder
def formulas_and_numbers_as_text(tmp: Path) -> Path:
    """序号 by =ROW()-3, a deadline by =DATE(), a column-number row typed as text, a total."""
    path = tmp / "formulas_and_numbers_as_text.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("任务")
    sheet.merge_range("A1:G1", "××镇2024年重点工作任务分解表", f["title"])
    _rows(sheet, 1, [["序号", "工作任务", "工作要求", "牵头单位", "配合单位", "完成时限", "备注"]], f["head"])
    _rows(sheet, 2, [[str(n) for n in range(1, 8)]], f["head"])
    _rows(sheet, 3, [
        [None, "完成税收收入8000万元", "同比增长5%", "财政所", "经发办", None, None],
        [None, "新增市场主体300户", None, "市场监管所", None, "2024年12月31日", None],
        [None, "开展农民技能培训", "培训500人次", "人社所", "农业站", "2024-11-30", None],
    ], f["cell"])
    for row in range(3, 6):
        sheet.write_formula(row, 0, "=ROW()-3", f["cell"], row - 2)
    sheet.write_formula("F4", "=DATE(2024,12,31)", f["date"], 45657)
    sheet.merge_range("A7:B7", "合计", f["cell"])
    sheet.write_formula("C7", "=COUNTA(B4:B6)", f["cell"], 3)
    book.close()
    return path


@builder
def two_tables_side_by_side(tmp: Path) -> Path:
    """Two tables next to each other, an empty column between them."""
    path = tmp / "two_tables_side_by_side.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年重点任务"
    header = ["序号", "工作任务", "牵头单位", "完成时限", "备注"]
    sheet.append(["表一：经济发展", None, None, None, None, None, "表二：社会事业"])
    sheet.append([*header, None, *header])
    sheet.append([1, "招引项目", "经发办", "2024年6月底", None, None, 1, "改造学校", "社会事务办", "2024年8月底", None])
    sheet.append([2, "建设园区", "经发办", "2024年9月底", None, None, 2, "新建卫生室", "卫健办", "2024年10月底", "2处"])
    sheet.append([3, "盘活土地", "自然资源所", "年底"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("G1:K1")
    book.save(path)
    return path


@builder
def nested_sections(tmp: Path) -> Path:
    """"一、" sections with "（一）" sub-sections, 序号 like "1-1", a dated info row."""
    path = tmp / "nested_sections.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("清单")
    sheet.merge_range("A1:F1", "××镇重点工作任务清单", f["title"])
    sheet.merge_range("A2:F2", "填报时间：2023年12月28日", None)
    _rows(sheet, 2, [["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "备注"]], f["head"])
    sheet.merge_range("A4:F4", "一、产业发展", f["section"])
    sheet.merge_range("A5:F5", "（一）招商引资", f["section"])
    _rows(sheet, 5, [
        ["1-1", "引进亿元项目2个", "招商办", None, "6月底", None],
        ["1-2", "签约项目5个", "招商办", None, "9月底", None],
    ], f["cell"])
    sheet.merge_range("A8:F8", "（二）园区建设", f["section"])
    _rows(sheet, 8, [["2-1", "完成园区道路", "建设办", "经发办", "10月底", None]], f["cell"])
    sheet.merge_range("A10:F10", "二、民生事业", f["section"])
    _rows(sheet, 10, [["1", "改造学校操场", "社会事务办", None, "8月底", None]], f["cell"])
    book.close()
    return path


@builder
def enterprise_requests_from_column_b(tmp: Path) -> Path:
    """An enterprise-request ledger starting in column B, with 办结时间 and 办理状态."""
    path = tmp / "enterprise_requests_from_column_b.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("企业诉求")
    sheet.merge_range("B2:I2", "××镇2024年企业诉求办理台账", f["title"])
    header = ["序号", "企业名称", "反映问题", "办理措施", "责任单位", "办结时间", "办理状态", "备注"]
    sheet.write_row(2, 1, header, f["head"])
    rows = [
        [1, "××食品有限公司", "厂区道路破损", "协调交通部门维修", "建设办、交通所", "2024年7月底", "已办结", None],
        [2, "××纺织公司", "用工短缺", "组织专场招聘会", "人社所", "8月31日前", "办理中", None],
        [3, "××机械公司", "融资困难", "对接银行", "经发办牵头，财政所配合", "长期", "已解决", None],
    ]
    for offset, row in enumerate(rows):
        for col, value in enumerate(row, start=1):
            sheet.write(3 + offset, col, value, f["cell"])
    book.close()
    return path


@builder
def other_common_wordings(tmp: Path) -> Path:
    """工作事项 / 包保领导 / 责任科室 / 协同单位 / 时间安排: other everyday header wordings."""
    path = tmp / "other_common_wordings.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年任务"
    sheet.append(["序号", "工作事项", "目标要求", "包保领导", "责任科室", "协同单位", "时间安排"])
    sheet.append([1, "完成农村集体产权制度改革", "全面完成", "刘副镇长", "经管站", "各村", "3月启动，9月底前完成"])
    sheet.append([2, "开展“双招双引”活动", "引进人才20名", "王镇长", "组织办", "人社所", "上半年"])
    book.save(path)
    return path


@builder
def dates_shown_as_month_or_without_year(tmp: Path) -> Path:
    """Deadlines Excel turned into dates: "2024年6月" (the 1st, shown as a month) and "6月30日"
    typed in December for next year's plan (shown without its year), custom and built-in
    formats alike, next to full dates that must stay as they are."""
    path = tmp / "dates_shown_as_month_or_without_year.xlsx"
    book, f = _xlsx(path)
    sheet = book.add_worksheet("任务")
    sheet.merge_range("A1:D1", "××镇2024年重点工作任务分解表", f["title"])
    _rows(sheet, 1, [["序号", "工作任务", "牵头单位", "完成时限"]], f["head"])
    cases = [
        ("完成项目签约", datetime.date(2024, 6, 1), 'yyyy"年"m"月"'),
        ("开工建设", datetime.date(2023, 6, 30), 'm"月"d"日"'),
        ("主体完工", datetime.date(2024, 9, 1), 57),
        ("竣工验收", datetime.date(2023, 12, 31), 58),
        ("召开推进会", datetime.date(2024, 7, 1), "yyyy/m/d"),
        ("项目投产", datetime.date(2025, 3, 31), 'yyyy"年"m"月"d"日"'),
    ]
    for n, (task, day, num_format) in enumerate(cases, start=1):
        sheet.write_row(1 + n, 0, [n, task, "经发办"], f["cell"])
        sheet.write_datetime(1 + n, 3, datetime.datetime.combine(day, datetime.time()),
                             book.add_format({"border": 1, "num_format": num_format}))
    book.close()
    return path


if __name__ == "__main__":  # python -m luoshi.exchange.tests.unseen DIR: write them all, to open by hand
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    print("\n".join(str(build(target)) for build in BUILDERS.values()))
