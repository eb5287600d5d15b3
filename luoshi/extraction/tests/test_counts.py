"""Counts that describe the plan's structure are not targets; counts of things to make are."""

import pytest

from luoshi.extraction import extract_text

HEAD = "2024年全镇工作要点\n二、今年重点工作\n"


def amounts(body: str) -> list[tuple]:
    return [(t["value"], t["unit"]) for t in extract_text(HEAD + body)["targets"] if t["unit"]]


@pytest.mark.parametrize(
    "body",
    [
        # an abstract noun heads the counted phrase, wherever it sits
        "清明、秋冬两个防火关键期人员进山入林频繁，要加强巡查。",
        "重点抓好四个方面的工作。",
        "抓住春耕、夏管两个关键环节，确保粮食稳产。",
        "落实三条措施，守住两条底线。",
        "全面落实五项原则。",
        "明确三个阶段的工作任务。",
        "打赢两场硬仗。",
        "当前，我镇正处于转型发展的两个关键节点。",
        "今年是全面落实两个文件精神的关键之年。",
        "这次会议主要有三项议程。",
        "着力解决三个突出问题。",
        "建立健全三项机制。",
        "围绕五个目标，抓好六项任务。",
        # slogans counted as a whole
        "坚持一个中心、两个基本点。",
        "推动实现三个转变。",
        "要在三个“更加”上下功夫。",
        "实施五个一工程。",
        # a list follows
        "要抓好三项重点工作：一是抓项目，二是抓民生。",
        "要突出三个重点：产业、项目、招商。",
        "全镇要把握好两个关系，即发展与安全的关系。",
        "要抓好三件事：一是抓项目，二是抓民生，三是抓党建。",
        # the 抓好/聚焦/用好 + count idiom
        "用好两个市场、两种资源。",
        "紧扣两个抓手，推动高质量发展。",
        "充分发挥三个作用。",
        "重点做好三篇文章。",
        "实现两个翻番。",
    ],
)
def test_counts_that_describe_the_plan_are_not_amounts(body):
    assert amounts(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("完成5个村污水治理。", [(5, "个")]),
        ("完成5个村污水治理工作。", [(5, "个")]),
        ("新建高标准农田1.2万亩。", [(1.2, "万亩")]),
        ("培育2家规上企业。", [(2, "家")]),
        ("建成3个工作站。", [(3, "个")]),
        ("新建3个重点项目。", [(3, "个")]),
        ("完成3个重点村的环境整治。", [(3, "个")]),
        ("新建2个目标考核示范点。", [(2, "个")]),
        ("新建3个便民服务中心。", [(3, "个")]),
        ("解决10个历史遗留问题。", [(10, "个")]),
        ("完成3项重点任务。", [(3, "项")]),
        ("打造两个示范村。", [(2, "个")]),
        ("建设三个示范村：张村、李村、王村。", [(3, "个")]),
        ("建设两个产业园：一是食品产业园，二是建材产业园。", [(2, "个")]),
        ("年内建成两个农村电商服务站。", [(2, "个")]),
        ("完成两个村的集体经济破零。", [(2, "个")]),
        ("打造三个乡村旅游精品点。", [(3, "个")]),
        ("举办3场招聘会。", [(3, "场")]),
        ("撰写3篇调研文章。", [(3, "篇")]),
        ("建成两个一级站。", [(2, "个")]),
        ("整改问题120个。", [(120, "个")]),
        ("推动2个项目开工建设。", [(2, "个")]),
    ],
)
def test_counts_of_things_to_make_or_do_stay_targets(body, expected):
    assert amounts(body) == expected
