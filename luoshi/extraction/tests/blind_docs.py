"""The Word documents of the second blind set, written in code (python-docx).

Run `.venv/bin/python -m luoshi.extraction.tests.blind_docs` to (re)write them into
tests/data; their labels (`*.labels.json`) were written by hand from these texts before
the extractor was ever run on them. Genres the first labelled set lacked: a 党委 工作要点
of terse numbered items, the minutes of a meeting (会议纪要, "会议要求：一要…"), a short
speech with an attached task table (two-row header, merged cells), and a notice carrying a
task list table with a category column next to two layout tables. A second round, written
after the first had been scored and fixed: a plan whose table was pasted as text (tabs,
merged cells left empty), and a list split over two Word tables.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

DATA = Path(__file__).parent / "data"

POINTS = [
    "中共青石镇委员会2024年工作要点",
    "（2024年1月18日镇党委第3次全体会议审议通过）",
    "",
    "2024年全镇党的工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，"
    "落实县委部署，为建设和美青石提供坚强保证。重点抓好以下工作：",
    "一、加强思想政治建设",
    "1.严格落实“第一议题”制度，镇党委会议每月至少学习1次。",
    "2.扎实开展党纪学习教育，6月底前实现党员干部全覆盖。",
    "3.办好“青石讲堂”，全年举办专题讲座8期。",
    "二、夯实基层组织基础",
    "4.开展软弱涣散村党组织整顿，年底前转化提升3个。",
    "5.推进村级组织活动场所提档升级，完成2个村改造。",
    "6.严格党员发展，全年发展党员15名，其中35岁以下占比不低于70%。",
    "7.落实“三会一课”制度，支部主题党日每月固定开展。",
    "三、推动乡村全面振兴",
    "8.壮大村级集体经济，确保所有村集体经营性收入达到15万元以上。",
    "9.力争新引进亿元以上项目2个。",
    "10.持续抓好农村人居环境整治，村庄清洁行动每季度评比一次。",
    "四、从严正风肃纪",
    "11.深化“四风”问题整治，开展作风督查不少于4轮。",
    "12.加强村级“三资”监管，村级财务每半年公开一次。",
    "13.做好巡察整改“后半篇文章”。",
    "五、加强党委自身建设",
    "14.严格执行民主集中制。",
    "15.落实全面从严治党主体责任，镇党委每半年专题研究一次党风廉政建设。",
    "",
    "中共青石镇委员会",
    "2024年1月20日",
]

MINUTES = [
    "青石镇2024年第3次党政联席会议纪要",
    "青石镇党政办公室",
    "2024年3月13日",
    "",
    "3月12日上午，镇党委书记王立新主持召开2024年第3次党政联席会议，听取了一季度重点工作进展情况汇报，"
    "研究部署了下一阶段重点工作。现将会议议定事项纪要如下：",
    "一、关于一季度重点工作推进情况",
    "会议听取了经济发展办、农业农村办等部门关于一季度重点工作进展情况的汇报。会议指出，一季度全镇完成固定资产投资"
    "2.3亿元，新签约项目3个，开局总体良好。",
    "会议要求：一要紧盯全年目标，确保上半年完成固定资产投资6亿元。二要加快项目落地，4月底前青石食品产业园项目开工建设。"
    "三要强化调度，经济发展办每周汇总一次项目进展。",
    "二、关于春季森林防火工作",
    "会议强调，当前正值森林防火关键期，各村要严格落实24小时值班制度。会议决定：由应急办牵头，3月20日前完成全镇重点林区"
    "隐患排查；各村每天巡山不少于2次；清明节前在主要路口设置防火检查站6处。",
    "三、关于人居环境整治",
    "会议研究同意《青石镇2024年农村人居环境整治提升方案》。会议要求，各村要对照方案逐项抓好落实，力争年内创建省级美丽乡村"
    "示范村1个、市级美丽庭院示范户200户；镇环卫所要加强日常保洁，确保主干道路每日清扫。",
    "四、其他事项",
    "会议同意由党政办牵头，于4月15日前修订完善机关考勤管理制度。",
    "",
    "出席：王立新  李明  张华  赵强  刘芳",
    "记录：张敏",
]

SPEECH = [
    "在青石镇2024年重点项目建设推进会上的讲话",
    "镇党委书记  王立新",
    "（2024年2月26日）",
    "同志们：",
    "今天召开全镇重点项目建设推进会，主要任务是动员全镇上下进一步统一思想，全力推动项目建设提速增效。下面，我讲三点意见。",
    "一、统一思想，充分认识项目建设的重要性",
    "去年，全镇实施重点项目18个，完成投资12.6亿元，项目建设取得明显成效。项目是发展的生命线，各部门要牢固树立“项目为王”的理念。",
    "二、突出重点，全力推动项目提速增效",
    "今年，我们要力争完成重点项目投资15亿元以上，新开工项目10个以上。",
    "一要抓好项目开工。所有新建项目要在5月底前全部开工。",
    "二要抓好要素保障。各部门要主动靠前服务，确保6月底前完成项目用地组卷报批；积极对接金融机构，力争新增项目贷款2亿元。",
    "三要抓好调度督导。建立项目周调度制度，每周一召开项目调度会，及时研究解决项目推进中的困难和问题。",
    "三、强化保障，营造项目建设浓厚氛围",
    "各部门要树立“一盘棋”思想，对项目推进不力的，年底考核一票否优。",
    "同志们，项目建设是推动发展的硬任务，希望大家迎难而上、真抓实干，为建设和美青石作出新的贡献！",
]

# fmt: off
SPEECH_ROWS = [
    ("一、产业项目",),
    ("1", "青石食品产业园项目", "4月底前开工建设，年内完成投资3亿元", "王立新", "经济发展办", "自然资源所、规划建设办", "12月底前"),
    ("2", "光伏发电二期项目", "建设光伏电站50兆瓦，9月底前并网发电", None, "经济发展办", "供电所", "9月底前"),
    ("二、基础设施项目",),
    ("3", "镇区道路提升工程", "改造提升镇区道路4.5公里", "李明", "规划建设办", "交通运输所", "10月底前"),
    ("4", "农村供水管网改造", "完成8个村供水管网改造", None, "水利站", "各相关村", "11月底前"),
    ("三、要素保障",),
    ("5", "项目用地保障", "完成项目用地组卷报批", "张华", "自然资源所", "经济发展办", "6月底前"),
    ("6", "项目调度", "每周一召开项目调度会，每月通报一次项目进展", "王立新", "党政办", "各项目单位", "长期坚持"),
    ("7", "重点项目投资", "全年完成重点项目投资15亿元以上", "王立新", "经济发展办", "各相关部门", "12月31日"),
]

NOTICE = [
    "关于印发《青石镇2024年重点工作任务清单》的通知",
    "各村（社区）、镇直各部门：",
    "现将《青石镇2024年重点工作任务清单》印发给你们，请结合实际，认真抓好落实。各责任单位要于每季度末报送工作进展情况。",
]

NOTICE_ROWS = [
    ("1", "经济发展", "招商引资", "新引进亿元以上项目2个，千万元以上项目5个", "王立新", "经济发展办", "各村（社区）", "2024年12月底前"),
    ("2", None, "规上企业培育", "新增规上工业企业3家", None, "经济发展办", "市场监管所", "2024年12月底前"),
    ("3", None, "高标准农田建设", "建成高标准农田1.2万亩", "李明", "农业农村办", "水利站、各相关村", "2024年10月底前"),
    ("4", "社会事业", "城乡居民医保征缴", "参保率达到96%以上", "赵强", "社会事务办", "各村（社区）", "2024年3月31日前"),
    ("5", None, "安全生产", "开展安全生产大排查，确保不发生较大以上安全事故", None, "应急办", "派出所、各村（社区）", "长期坚持"),
    ("6", "党的建设", "村级后备力量培养", "每村储备后备干部不少于3名", "刘芳", "组织办", "各村（社区）", "2024年6月底前"),
    ("7", None, "党员冬春训", "完成全镇党员冬春训", None, "组织办", "各党支部", "3月底前"),
]
# fmt: on


PASTED = "\n".join(
    [
        "青石镇2024年农村人居环境整治提升工作方案",
        "为持续改善农村人居环境，建设宜居宜业和美乡村，结合我镇实际，制定本方案。",
        "一、总体目标",
        "通过一年努力，全镇农村人居环境明显改善，力争创建省级美丽乡村示范村1个，群众满意度达到90%以上。",
        "二、任务分工",
        "序号\t工作任务\t工作要求\t责任领导\t牵头单位\t配合单位\t完成时限",
        "一、厕所革命",
        "1\t农村改厕\t完成户厕改造500户，改厕合格率100%\t李明\t农业农村办\t各村\t10月底前",
        "2\t公厕管护\t建立公厕日常管护制度，每周检查一次\t\t\t各村\t长期坚持",
        "二、垃圾治理",
        "3\t垃圾分类试点\t在2个村开展垃圾分类试点\t赵强\t环卫所\t相关村\t6月底前",
        "4\t清理积存垃圾\t集中清理村内积存垃圾，确保无死角\t\t环卫所\t各村\t3月底前",
        "三、保障措施",
        "（一）加强组织领导。成立镇人居环境整治工作专班，每月召开一次推进会。",
        "（二）强化督导考核。镇督查办每季度对各村进行一次考核排名。",
        "",
    ]
)

SCHEME = [
    "青石镇2024年优化营商环境重点任务清单",
    "为进一步优化营商环境，激发市场主体活力，现将2024年重点任务清单印发如下，请各责任单位抓好落实。",
]
SCHEME_HEADER = ("序号", "重点工作", "具体措施", "责任单位", "责任人", "完成时间")
SCHEME_ROWS = [
    ("1", "企业开办便利化", ["1.企业开办时间压缩至1个工作日以内。", "2.年内实现企业开办“一网通办”全覆盖。"], "便民服务中心", "孙伟",
     "2024年6月30日"),
    ("2", "惠企政策落实", ["每月开展一次政策宣讲，全年兑现惠企资金不少于300万元。"], "经济发展办", "王立新", "每月"),
    ("3", "企业诉求办理", ["建立企业诉求台账，诉求办结率达到95%以上。"], "党政办", "张敏", "长期坚持"),
]  # fmt: skip
SCHEME_MORE = [
    ("4", "项目审批提速", ["社会投资项目审批时间压缩至30个工作日。"], "便民服务中心", "孙伟", "9月底前"),
    ("5", "营商环境评价", ["力争全县营商环境评价进入前3名。"], "经济发展办", "王立新", "12月底前"),
]


def _paragraphs(document, lines: list[str]) -> None:
    for line in lines:
        paragraph = document.add_paragraph(line)
        for run in paragraph.runs:
            run.font.size = Pt(16)


def write_points(path: Path) -> Path:
    document = Document()
    _paragraphs(document, POINTS)
    document.save(str(path))
    return path


def write_minutes(path: Path) -> Path:
    document = Document()
    _paragraphs(document, MINUTES)
    document.save(str(path))
    return path


def _merge_down(table, column: int, rows: list[tuple]) -> None:
    """A value of None continues the cell above (Word's vertical merge, w:vMerge)."""
    top = None
    for index, row in enumerate(rows):
        if len(row) == 1:
            top = None
            continue
        if row[column] is None and top is not None:
            merged = table.cell(top, column).merge(table.cell(index + 2, column))
            text = merged.paragraphs[0].text
            for paragraph in merged.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            merged.paragraphs[0].text = text
        else:
            top = index + 2


def write_speech_with_table(path: Path) -> Path:
    document = Document()
    _paragraphs(document, SPEECH)
    document.add_page_break()
    _paragraphs(document, ["附件", "青石镇2024年重点项目建设任务分解表"])
    table = document.add_table(rows=2 + len(SPEECH_ROWS), cols=7)
    table.style = "Table Grid"
    for column, text in enumerate(["序号", "项目名称", "建设内容及目标", "责任领导", "责任 单位", "", "完成\n时限"]):
        table.cell(0, column).text = text
    table.cell(1, 4).text, table.cell(1, 5).text = "牵头单位", "配合单位"
    table.cell(0, 4).merge(table.cell(0, 5))
    for column in (0, 1, 2, 3, 6):
        text = table.cell(0, column).text
        merged = table.cell(0, column).merge(table.cell(1, column))
        for paragraph in merged.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        merged.paragraphs[0].text = text
    for index, row in enumerate(SPEECH_ROWS):
        if len(row) == 1:
            cell = table.cell(index + 2, 0).merge(table.cell(index + 2, 6))
            cell.text = row[0]
            continue
        for column, text in enumerate(row):
            if text is not None:
                table.cell(index + 2, column).text = text
    _merge_down(table, 3, SPEECH_ROWS)
    document.add_paragraph("注：各牵头单位每月25日前报送项目进展情况。")
    document.save(str(path))
    return path


def write_notice_with_tables(path: Path) -> Path:
    document = Document()
    _paragraphs(document, NOTICE)
    signature = document.add_table(rows=2, cols=2)
    for column, text in enumerate(["中共青石镇委员会", "青石镇人民政府"]):
        signature.cell(0, column).text = text
        signature.cell(1, column).text = "2024年2月20日"
    table = document.add_table(rows=2 + len(NOTICE_ROWS), cols=8)
    table.style = "Table Grid"
    title = table.cell(0, 0).merge(table.cell(0, 7))
    title.text = "青石镇2024年重点工作任务清单"
    headers = ["序  号", "类别", "重点任务", None, "牵头领导", "责任部门", "协办单位", "时间节点"]
    for column, text in enumerate(headers):
        if text is not None:
            table.cell(1, column).text = text
    goal = table.cell(1, 3)
    goal.paragraphs[0].text = "工作"
    goal.add_paragraph("目标")
    for index, row in enumerate(NOTICE_ROWS):
        for column, text in enumerate(row):
            if text is not None:
                table.cell(index + 2, column).text = text
    for column in (1, 4):
        _merge_down(table, column, NOTICE_ROWS)
    document.add_paragraph("")
    contacts = document.add_table(rows=3, cols=3)
    for row, values in enumerate([("单位", "联系人", "联系电话"), ("党政办", "张敏", "0537-7281234"),
                                  ("经济发展办", "孙伟", "0537-7281235")]):  # fmt: skip
        for column, text in enumerate(values):
            contacts.cell(row, column).text = text
    document.save(str(path))
    return path


def write_scheme_tables(path: Path) -> Path:
    """A list split over two Word tables (the second without a header), cells of several
    paragraphs, and a contacts table under an attachment heading."""
    document = Document()
    _paragraphs(document, SCHEME)
    first = document.add_table(rows=1 + len(SCHEME_ROWS), cols=6)
    for column, text in enumerate(SCHEME_HEADER):
        first.cell(0, column).text = text
    _fill(first, SCHEME_ROWS, 1)
    document.add_paragraph("")
    _fill(document.add_table(rows=len(SCHEME_MORE), cols=6), SCHEME_MORE, 0)
    _paragraphs(document, ["附件：联系方式"])
    contacts = document.add_table(rows=3, cols=2)
    for row, values in enumerate(
        [("单位", "联系电话"), ("便民服务中心", "0537-7281236"), ("经济发展办", "0537-7281235")]
    ):
        for column, text in enumerate(values):
            contacts.cell(row, column).text = text
    document.save(str(path))
    return path


def _fill(table, rows, first_row: int) -> None:
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            cell = table.cell(first_row + index, column)
            if isinstance(value, list):
                cell.paragraphs[0].text = value[0]
                for more in value[1:]:
                    cell.add_paragraph(more)
            else:
                cell.text = value


def main() -> None:
    write_points(DATA / "party_points.docx")
    write_minutes(DATA / "meeting_minutes.docx")
    write_speech_with_table(DATA / "speech_with_table.docx")
    write_notice_with_tables(DATA / "task_list_notice.docx")
    (DATA / "pasted_table.txt").write_text(PASTED, encoding="utf-8")
    write_scheme_tables(DATA / "scheme_tables.docx")


if __name__ == "__main__":
    main()
