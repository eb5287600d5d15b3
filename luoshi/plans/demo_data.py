"""The demo plan: the seed speech's year of work as lines, targets and tasks.

Facts come from the seed (its lines of work, its named villages, its verification timeline);
the wording is the demo's own, and numbers the seed leaves as "×" are filled with plausible ones."""

TITLE = "{year}年全镇重点工作"

# (number, line, lead department)
LINES = [
    ("一", "脱贫攻坚专线", "乡村振兴办公室"),
    ("二", "双招双引专线", "招商服务中心"),
    ("三", "乡村振兴专线", "农业农村办公室"),
    ("四", "基层党建专线", "组织办公室"),
    ("五", "村级集体经济专线", "财政所"),
    ("六", "小城镇建设专线", "经济发展办公室"),
    ("七", "农村基础设施专线", "经济发展办公室"),
    ("八", "文教振兴专线", "社会事务办公室"),
    ("九", "疫情防控专线", "应急管理办公室"),
    ("十", "安全生产专线", "应急管理办公室"),
    ("十一", "作风建设专线", "镇纪委"),
]

# (line number, indicator, measure, target, strength)
INDICATORS = [
    ("二", "新上亿元项目", "个", 2, "must"),
    ("二", "新上千万元以上项目", "个", 6, "must"),
    ("三", "培育县级农民专业合作社", "家", 5, "strive"),
    ("三", "培育县级家庭农场", "家", 8, "strive"),
    ("三", "完成村公共卫生厕所建设", "个", 3, "must"),
    ("五", "村级集体经济收入", "万元", None, "must"),
    # what the year's review (一年来) reads from the plan: the field reports their values (TASK_VALUES)
    ("二", "完成地方财政收入", "万元", 5000, "must"),
    ("五", "清理整治闲散土地", "亩", 500, "must"),
    ("六", "新建社区", "个", 2, "must"),
    ("七", "完成“四好”农村公路建设", "公里", 12, "must"),
]

# Tasks whose reports carry an indicator's value (cumulative, as reports do): (indicator, the year's value);
# a report carries the value in proportion to its percent, the whole value from 90% on.
TASK_VALUES = {
    "社区回迁安置": ("新建社区", 2),
    "清理整治荒片坑塘并发包": ("清理整治闲散土地", 620),
    "建设“四好”农村公路": ("完成“四好”农村公路建设", 12.6),
    "组织地方财政收入": ("完成地方财政收入", 5230),
}

# The poverty-alleviation line's campaign: it carries the seed's verification timeline (MILESTONES),
# so it runs until the last of them, the national verification at the end of November.
MILESTONES_TASK = "开展“大排查、大整改、大提升”活动"

# (line, task, requirement, lead unit, month, day or None for a recurrence, recurrence)
TASKS = [
    ("一", MILESTONES_TASK, "聚焦两不愁三保障和饮水安全，问题清单化管理、逐项销号", "乡村振兴办公室", 11, 30, ""),
    ("一", "一三五调度帮扶干部工作落实情况", "每周一、三、五点名调度，当场通报未落实事项", "乡村振兴办公室", None, None,
     "mon_wed_fri"),
    ("二", "对接五大招商联络处和在外人士", "每月收集招商信息不少于3条，推介本镇优势", "招商服务中心", None, None, "monthly"),
    ("二", "推进工业园区项目入驻", "农副产品加工贸易特色园区完成招引项目2个", "招商服务中心", 11, 30, ""),
    ("三", "建设村公共卫生厕所", "路村、庙口村、大屯村各建成1处并投入使用", "农业农村办公室", 9, 30, ""),
    ("三", "新建冬暖式温室和大拱棚", "西瓜设施基地新建温室10个、大拱棚30个", "农业农村办公室", 10, 31, ""),
    ("四", "落实村党支部书记实事承诺", "每村年初承诺实事并公示，半年观摩评比", "组织办公室", 12, 31, ""),
    ("四", "所有村合作社实质化运营", "年底前各村合作社均有经营收入和台账", "组织办公室", 12, 31, ""),
    ("五", "清理整治荒片坑塘并发包", "发包收入纳入村集体经济台账", "财政所", 8, 31, ""),
    ("六", "社区回迁安置", "回迁楼验收合格，群众按期入住", "经济发展办公室", 5, 31, ""),
    ("七", "建设公交站亭", "新建公交站亭并投入使用", "经济发展办公室", 7, 31, ""),
    ("七", "建设“四好”农村公路", "完成8个村“四好”农村公路建设，验收合格", "经济发展办公室", 10, 31, ""),
    ("二", "组织地方财政收入", "按月调度税收入库，完成全年地方财政收入目标", "财政所", 12, 31, ""),
    ("九", "村级卡口值班值守", "返乡人员到村报到率100%，重点人员居家隔离管到位", "应急管理办公室", None, None, "ongoing"),
    ("九", "重点场所消杀防护", "商场、超市、养老院每周消杀并留存记录", "应急管理办公室", None, None, "weekly"),
    ("十", "企业复工达产联络服务", "驻企联络员每月走访企业，问题分类建清单逐一销号", "招商服务中心", None, None, "monthly"),
    ("十一", "侵害群众利益问题专项整治", "问题线索全部核查，按期办结", "镇纪委", 11, 30, ""),
]

# Work a demo login answers for in person (Task.owner): the aid cadre's households in 路村 and 路村's
# own 排查整改 — what the seed's 一三五点名 asks about ("当场调度扶贫干部工作落实情况"), so the
# cadre's and the village's logins open onto real work, and the demo roll call can name them.
CADRE_VISITS = "路村帮扶户“两不愁三保障”入户回头看"
VILLAGE_CHECKS = "路村扶贫问题排查整改"
ROLL_CALL_TASKS = (CADRE_VISITS, VILLAGE_CHECKS)

# (line, task, requirement, lead unit, month, day or None for a recurrence, recurrence, the owner's login)
OWNED_TASKS = [
    ("一", CADRE_VISITS, "每周一、三、五入户走访所帮扶的脱贫户，核实收入、住房和饮水安全，点名时当场上报",
     "乡村振兴办公室", None, None, "mon_wed_fri", "cadre"),
    ("一", "更新路村帮扶户帮扶手册", "逐户核实家庭收入和享受的帮扶政策，帮扶手册、明白卡与实际一致", "乡村振兴办公室", 12, 31, "",
     "cadre"),
    ("一", VILLAGE_CHECKS, "对照两不愁三保障和饮水安全逐户排查，问题建清单、逐项整改销号", "路村", None, None, "mon_wed_fri",
     "village"),
]

# The verification timeline the seed lays out for the poverty-alleviation line, on its campaign task.
MILESTONES = [
    ("县级自查评估", 3, 15), ("市级自查评估", 4, 30), ("整改提升", 5, 31), ("省年中督查", 6, 30), ("省级评估验收", 9, 30),
    ("国家评估验收", 11, 30),
]

# Villages the toilet task is split to (named in the seed).
TOILET_VILLAGES = ["路村", "庙口村", "大屯村"]

# How each one-off task's year goes (progress.demo.STORIES): on pace and closed just before its
# deadline (steady), well ahead (early), behind pace but closed in time (behind), late (far behind
# pace, past its deadline, finished weeks after it), or finished early and awaiting 验收 (awaiting).
STORIES = {
    MILESTONES_TASK: "steady",
    "推进工业园区项目入驻": "late",
    "新建冬暖式温室和大拱棚": "behind",
    "落实村党支部书记实事承诺": "late",
    "所有村合作社实质化运营": "awaiting",
    "清理整治荒片坑塘并发包": "steady",
    "社区回迁安置": "late",
    "建设公交站亭": "early",
    "侵害群众利益问题专项整治": "awaiting",
    "更新路村帮扶户帮扶手册": "behind",  # the aid cadre's: his phone has work to report on
}
# The toilet task's parts, by village.
PART_STORIES = {"路村": "early", "庙口村": "steady", "大屯村": "behind"}

# What a task behind pace reports: (progress, difficulty), by task title (a part: by its village).
LAGGING = {
    "推进工业园区项目入驻": ("已签约入驻1个项目，第2个项目正在办理环评手续。", "项目环评审批周期长，落地时间推迟"),
    "新建冬暖式温室和大拱棚": ("温室主体已建成，大拱棚正在搭建。", "钢材价格上涨，部分农户建设意愿下降"),
    "落实村党支部书记实事承诺": ("多数村承诺事项已完成，部分村事项仍在推进。", "部分村承诺事项配套资金尚未到位"),
    "更新路村帮扶户帮扶手册": ("已更新大部分帮扶户手册，其余户正在逐户核实。", "部分外出务工户家中无人，需电话联系核实"),
    "社区回迁安置": ("回迁楼主体完工，配套设施尚在施工。", "施工用地协调进度慢"),
    "大屯村": ("化粪池已完工，地上部分正在施工。", "施工队伍紧张，工期延后"),
}
LAGGING_EARLY = "进度慢于序时要求，已召开调度会分析原因，正在加快推进。"  # before its last two months
# What a task on pace reports, in turn (the first one: its start).
ON_PACE = ["已召开专题会议部署，责任分解到人，按计划启动。", "按计划推进，已完成阶段性目标。",
           "各项工作有序推进，进度符合序时要求，台账同步更新。"]
CLOSE_NOTE = "已按要求全部完成，佐证资料已归档，申请验收。"
LATE_CLOSE_NOTE = "已全部完成（超出完成时限），佐证资料已归档，申请验收。"

# A request to extend the late task's deadline, before it passed, which the leader refused:
# (task, days asked for beyond the deadline, reason, the leader's answer).
EXTENSION = ("推进工业园区项目入驻", 31, "第2个项目环评审批尚未完成，申请延期一个月",
             "年度目标任务不予延期，请加快推进，每周报告进展")

# What a recurring task reports each period, by title.
PERIOD_REPORTS = {
    "一三五调度帮扶干部工作落实情况": "已组织帮扶干部点名调度，未落实事项当场交办。",
    "对接五大招商联络处和在外人士": "本月收集招商信息3条，已报县招商部门。",
    "村级卡口值班值守": "各卡口值班值守正常，返乡人员均已报到登记。",
    "重点场所消杀防护": "商场、超市、养老院本周已消杀，记录已留存。",
    "企业复工达产联络服务": "驻企联络员已走访联系企业，收集的问题已分类交办。",
    CADRE_VISITS: "已入户走访帮扶户，收入、住房和饮水安全核实无异常。",
    VILLAGE_CHECKS: "本期排查未发现新问题，已整改问题逐项回访。",
}
PERIOD_REPORT = "本期工作已按要求落实，台账已更新。"
# Recurring tasks that went quiet: how many of their latest periods have no report.
QUIET = {"重点场所消杀防护": 1}
