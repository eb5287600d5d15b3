"""The demo township's registers. Enterprises, brands and partners are the seed speech's; people
and amounts are invented, chosen to sit with the demo plan's targets (县级合作社 5 and 县级家庭农场
8 to cultivate this year, every village's co-operative operating by the year's end, every village's
collective income above 5 万元 last year: "全镇X个行政村集体收入全部突破X万元")."""

# (label, kind, 万元): the township's lines through its villages' collective income.
THRESHOLDS = [("空壳村", "below", 5), ("十万元村", "at_least", 10), ("五十万元村", "at_least", 50)]

# (source, item): what a village's collective earns from; amounts are drawn per village.
INCOME_ITEMS = [
    ("contract", "耕地机动地发包"), ("pond", "荒片坑塘整治后发包"), ("dividend", "村合作社入股分红"),
    ("service", "农机作业服务费"), ("lease", "闲置校舍租赁"), ("other", "上级扶持奖补"),
]
# Villages whose income is well above the others (a 五十万元村 and two 十万元村 by last year).
STRONG = {"路村": 48, "庙口村": 22, "大屯村": 16}

# (name, industry, above scale, village, status at the new year, steps this year, employees)
ENTERPRISES = [
    ("青东智能科技有限公司", "电子信息（人工智能）", True, "路村", "stopped", ("resume", "reach"), 260),
    ("济宁爱丝制衣有限公司", "纺织服装", True, "庙口村", "stopped", ("resume", "reach"), 320),
    ("汶上翼翔服饰有限公司", "纺织服装", True, "大屯村", "stopped", ("resume",), 180),
    ("兴诺工贸有限公司", "金属制品", True, "前郭村", "stopped", ("resume", "reach"), 95),
    ("济宁安鑫养殖有限公司", "生猪养殖", False, "后郭村", "normal", (), 40),
    ("济宁优饲草业有限公司", "饲草种植加工", False, "东张村", "stopped", ("resume",), 35),
    ("润祥养殖专业合作社", "肉牛养殖", False, "西张村", "normal", ("stop",), 18),
    ("河口绿叶馒头食品厂", "农副产品加工", False, "北李村", "stopped", (), 26),
]
# Demands (企业诉求) raised onto the problems list: (enterprise, category, what they asked, measures, days).
DEMANDS = [
    ("济宁爱丝制衣有限公司", "用工保障", "订单增加，缝纫工缺口约40人，希望协助招工", "联系县人社局举办专场招聘会", 20),
    ("济宁安鑫养殖有限公司", "用地保障", "新建黑猪养殖圈舍的设施农业用地备案迟迟未办", "协调自然资源所现场核查、限期备案", 15),
]

# (name, kind, level, village, industry, members, certified this year): the village co-operatives
# (党支部+合作社) are made for every village below; these are the township's others.
FARMS = [
    ("河口镇西瓜产业专业合作社", "cooperative", "province", "路村", "西瓜种植", 210, False),
    ("河口黑猪养殖专业合作社", "cooperative", "city", "庙口村", "黑猪养殖", 86, False),
    ("金穗粮食种植专业合作社", "cooperative", "county", "大屯村", "小麦玉米", 120, True),
    ("胡萝卜甘薯轮作专业合作社", "cooperative", "county", "刘庄村", "胡萝卜甘薯", 64, True),
    ("绿野蔬菜种植专业合作社", "cooperative", "county", "马庄村", "设施蔬菜", 45, True),
    ("润丰农机服务专业合作社", "cooperative", "county", "杨楼村", "农机服务", 30, True),
    ("瓜香家庭农场", "family_farm", "city", "路村", "西瓜", 5, False),
    ("老张家庭农场", "family_farm", "county", "孙桥村", "蔬菜", 4, True),
    ("丰收家庭农场", "family_farm", "county", "陈营村", "粮食", 3, True),
    ("金田家庭农场", "family_farm", "county", "赵庄村", "粮食", 4, True),
    ("康源家庭农场", "family_farm", "county", "高庙村", "生态养殖", 3, True),
    ("碧水家庭农场", "family_farm", "county", "韩屯村", "水产养殖", 2, True),
    ("果香家庭农场", "family_farm", "county", "付集村", "林果", 3, True),
    ("安康家庭农场", "family_farm", "none", "周楼村", "蔬菜", 2, False),
    ("福满家庭农场", "family_farm", "none", "吴店村", "粮食", 3, False),
]
# How the villages' co-operatives stand this year ("×个村已经运营"), in village order; the rest are pending.
OPERATING, DECLARED, RETURNED = 14, 5, 2

# 招才引智: (kind, mode, name, degree, title, field, employer, months of the term or None)
ENGAGEMENTS = [
    ("flexible", "adviser", "孙明远", "doctor", "泰山产业领军人才", "人工智能", "青东智能科技有限公司", 24),
    ("flexible", "cooperation", "周文静", "doctor", "教授", "服装材料", "济宁爱丝制衣有限公司", 36),
    ("flexible", "part_time", "钱立群", "master", "高级工程师", "金属热处理", "兴诺工贸有限公司", 12),
    ("introduced", "", "吴海峰", "doctor", "", "机器视觉", "青东智能科技有限公司", None),
    ("introduced", "", "郑雅琪", "doctor", "", "智能控制", "青东智能科技有限公司", None),
]
# 人才库: (kind, name, village, degree, specialty, workplace, 万元 given)
TALENTS = [
    ("abroad", "刘海燕", "路村", "doctor", "作物育种", "山东省农业科学院", None),
    ("abroad", "陈志远", "大屯村", "doctor", "动物营养", "中国农业大学", None),
    ("abroad", "杨晓东", "前郭村", "doctor", "软件工程", "济南某软件公司", None),
    ("abroad", "徐静怡", "南王村", "master", "电子商务", "杭州某电商公司", None),
    ("local", "赵德胜", "庙口村", "other", "黑猪养殖", "个体养殖户", None),
    ("local", "何秀英", "路村", "college", "西瓜嫁接育苗", "河口镇西瓜产业专业合作社", None),
    ("local", "马国庆", "刘庄村", "other", "农机维修", "个体", None),
    ("local", "罗春梅", "东张村", "bachelor", "农村电商直播", "村电商服务站", None),
    ("sage", "王建国", "路村", "bachelor", "建筑", "济宁某建设集团", 10),
    ("sage", "李德胜", "庙口村", "master", "医药", "济南某医药公司", 5),
    ("sage", "张振华", "大屯村", "bachelor", "物流", "北京某物流公司", 3),
    ("sage", "郭立新", "后郭村", "college", "餐饮", "上海某餐饮公司", 2),
]
# 订单式培养: (class, school, enterprise, major, students, employed)
CLASSES = [
    ("青东智能工业机器人订单班", "济宁职业技术学院", "青东智能科技有限公司", "工业机器人技术", 40, 0),
    ("爱丝制衣服装设计订单班", "汶上县职业中等专业学校", "济宁爱丝制衣有限公司", "服装设计与工艺", 30, 26),
]

# -- 招商引资 (economy/project_demo.py) ---------------------------------------------------------------
# The 招商服务中心 follows the projects; a project with no village sits in the township's park.
PROJECT_LEAD_UNIT = "招商服务中心"
PROJECT_PARK = "青东产业园"
# (name, investor, industry, source, introducer, 万元, place (a village, or None for the park),
#  (action, share of the year gone or -days before the demo's day, note), …)
PROJECTS = [
    ("青东智能装备产业园项目", "山东青东智能科技有限公司", "智能制造", "native", "在外乡贤王建国", 12000, None, [
        ("lead", 0.05, "在外乡贤推介，投资方有意在园区建设装备产业园"), ("negotiate", 0.12, "镇主要领导赴青岛洽谈"),
        ("sign", 0.25, "签订投资协议，合同编号HK-2026-001"), ("start", 0.45, "取得施工许可，奠基开工"),
        ("produce", 0.85, "一期厂房投产，设备调试完成")]),
    ("高端纺织服装产业园", "济宁爱丝制衣有限公司", "纺织服装", "business", "爱丝制衣以商招商", 15000, "路村", [
        ("lead", 0.10, "现有企业引荐上下游配套企业"), ("negotiate", 0.20, "考察路村选址"),
        ("sign", 0.50, "签订入园协议，合同编号HK-2026-004"), ("start", 0.70, "土地平整完成，主体开工"),
        ("follow_up", -12, "分管领导现场调度，厂房主体封顶")]),
    ("光伏发电储能项目", "汶上新能源科技有限公司", "新能源", "superior", "县招商服务中心推介", 20000, "庙口村", [
        ("lead", 0.30, "县级推介项目"), ("negotiate", 0.60, "洽谈用地和并网方案"),
        ("follow_up", -20, "投资方提交并网方案，待县供电公司答复")]),
    ("生物医药中间体项目", "某医药集团", "医药化工", "liaison_office", "北京招商联络处", 10000, "大屯村", [
        ("lead", -75, "北京联络处收集的招商信息，待对接")]),
    ("农副产品冷链仓储", "汶上冷链物流有限公司", "现代物流", "liaison_office", "上海招商联络处", 3000, "大屯村", [
        ("lead", 0.15, "联络处推介"), ("sign", 0.35, "签订协议，合同编号HK-2026-002"), ("start", 0.60, "冷库主体开工"),
        ("follow_up", -8, "冷库设备进场安装")]),
    ("西瓜深加工项目", "山东瓜乡食品有限公司", "农产品加工", "native", "在外人士刘志强", 1500, "前郭村", [
        ("lead", 0.30, "依托西瓜设施基地"), ("sign", 0.55, "签订协议，合同编号HK-2026-003"),
        ("follow_up", -15, "办理用地手续")]),
    ("预制菜中央厨房", "济宁味道餐饮管理有限公司", "食品加工", "liaison_office", "济南招商联络处", 2500, "后郭村", [
        ("lead", 0.50, "联络处推介"), ("negotiate", 0.65, "实地考察"), ("sign", 0.80, "签订协议，合同编号HK-2026-005"),
        ("follow_up", -3, "设计方案报审")]),
    ("智慧农业示范园", "李某农业科技公司", "现代农业", "native", "在外乡贤李某", 1200, "东张村", [
        ("lead", -60, "在外乡贤推介"), ("negotiate", -40, "投资方来镇考察，待提交方案")]),
    ("配套印染项目", "某印染企业", "纺织服装", "business", "爱丝制衣以商招商", 600, "路村", [
        ("lead", -5, "配套企业推介，待首次洽谈")]),
    ("石材加工项目", "某石材公司", "建材", "other", "", 8000, "西张村", [
        ("lead", 0.20, "企业自行来访"), ("drop", 0.40, "环评不达标，终止洽谈")]),
]
# The demo plan's targets the register counts (plans/demo_data.INDICATORS).
PROJECT_BINDINGS = {"新上亿元项目": "projects.yi_signed", "新上千万元以上项目": "projects.qianwan_signed"}

# The demo plan's targets the other registers count (plans.measures), by the target's name.
REGISTER_BINDINGS = {"培育县级农民专业合作社": "farms.county_coops", "培育县级家庭农场": "farms.county_family_farms",
                     "村级集体经济收入": "income.total"}
