"""The demo township: a county, the township modelled on the seed speech, a neighbour township.

Names are invented for the demo; the shape (departments, about 25 villages, village groups,
aid cadres and enterprise liaisons) follows the deployment speech."""

COUNTY = "汶北县"
TOWNSHIP = "河口镇"
NEIGHBOUR = "柳林镇"

DEPARTMENTS = [
    ("党政办公室", "DZB"), ("经济发展办公室", "JJB"), ("乡村振兴办公室", "XCZX"), ("组织办公室", "ZZB"),
    ("镇纪委", "JW"), ("农业农村办公室", "NYB"), ("应急管理办公室", "YJB"), ("财政所", "CZS"),
    ("招商服务中心", "ZSZX"), ("社会事务办公室", "SWB"), ("综合行政执法办公室", "ZFB"),
]

VILLAGES = [
    "路村", "庙口村", "大屯村", "前郭村", "后郭村", "东张村", "西张村", "北李村", "南王村", "刘庄村",
    "马庄村", "杨楼村", "孙桥村", "陈营村", "赵庄村", "高庙村", "韩屯村", "付集村", "周楼村", "吴店村",
    "许庄村", "薛口村", "康庄村", "田楼村", "姜庄村",
]

NEIGHBOUR_VILLAGES = ["柳林村", "石桥村", "沙河村"]

GROUP_NAMES = ["第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组"]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国志强秀英桂兰海燕文明晓东春梅立新红霞永刚丽娟德胜玉兰宏伟静怡振华金凤国庆学军淑珍长青明亮"

# (login, role, the person's unit, the unit the role is held at, title): one per persona of DESIGN.md.
LOGINS = [
    ("admin", "admin", "county", "county", "系统管理员"),
    ("leader", "leader", "township", "township", "镇党委书记"),
    ("office", "office", "党政办公室", "township", "党政办主任"),
    ("dept", "department", "经济发展办公室", "经济发展办公室", "经济发展办主任"),
    ("village", "village", "路村", "路村", "村党支部书记"),
    ("cadre", "cadre", "乡村振兴办公室", "乡村振兴办公室", "帮扶干部"),
    ("discipline", "discipline", "镇纪委", "township", "纪委书记"),
    ("neighbour", "office", "neighbour", "neighbour", "党政办主任"),
]
