"""Goal phrases in a line's heading ("…，确保实现镇域经济新突破") are the line's goals, not tasks;
a task's title is a whole clause; an undated target of the year is due at its end; the plan is
named from its year and township."""

import re
from pathlib import Path

import pytest

from luoshi.plans import drafts
from luoshi.plans.drafts import task_title
from luoshi.plans.models import Task, WorkLine
from luoshi.plans.tests.drafting import created, propose, review, save

TEXT = (
    "2024年河口镇工作要点\n"
    "一、抓好安全生产，确保全年不发生较大以上安全事故\n"
    "（一）6月底前完成全镇企业隐患排查。\n"
    "（二）每月开展一次消防演练。\n"
    "二、持之以恒抓好招商引资，确保实现镇域经济新突破\n"
    "力争新上亿元项目3个。要确保项目服务保障到位。\n"
    "三、抓好人居环境整治，确保9月底前通过省级验收\n"
    "（一）年底前完成改厕200户。\n"
    "四、统筹抓好疫情防控，确保不漏一人\n"
)


def test_a_qualitative_goal_in_a_lines_heading_is_the_lines_goal_and_not_a_task(world):
    _actor, draft = propose(world, TEXT)
    goals = {line["number"]: line["goals"] for line in draft["lines"]}
    assert goals["一"] == ["确保全年不发生较大以上安全事故"] and goals["二"] == ["确保实现镇域经济新突破"]
    requirements = [item["requirement"] for item in draft["items"]]
    assert not any("不发生较大以上安全事故" in r or "镇域经济新突破" in r for r in requirements)


def test_a_goal_in_the_body_a_dated_goal_and_a_heading_with_no_work_below_stay_tasks(world):
    _actor, draft = propose(world, TEXT)
    requirements = [item["requirement"] for item in draft["items"]]
    assert "要确保项目服务保障到位" in requirements or "确保项目服务保障到位" in requirements
    assert any("9月底前通过省级验收" in r for r in requirements)  # a date makes it work to track
    assert any("不漏一人" in r for r in requirements)  # the heading is its line's only work


def test_the_goal_stays_in_the_plan_as_the_lines_name_and_shows_on_the_review_page(world):
    actor, draft = propose(world, TEXT)
    plan = save(actor, draft)
    names = list(created(WorkLine).filter(plan=plan).values_list("name", flat=True))
    assert "持之以恒抓好招商引资，确保实现镇域经济新突破" in names
    assert not created(Task).filter(plan=plan, requirement__contains="镇域经济新突破").exists()
    client, key, _draft = review(world, TEXT)
    page = client.get(f"/plans/import/{key}/").content.decode()
    assert "专线目标：" in page and "确保实现镇域经济新突破" in page


# -- titles: whole clauses, never a phrase cut out of one ---------------------------------------

CORPUS = Path(__file__).parents[2] / "extraction" / "tests" / "data" / "corpus"
_BOUNDARY = "，。；：！？、,;:!?（）()\n\t"


def _whole(sentence: str, title: str) -> bool:
    at = sentence.find(title)
    return at >= 0 and (at == 0 or sentence[at - 1] in _BOUNDARY or _MARKED.match(sentence[:at])) and (
        at + len(title) == len(sentence) or sentence[at + len(title)] in _BOUNDARY)


_MARKED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[是要、.]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[.、．]|[①-⑳])$")


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_title_is_a_whole_clause_of_its_sentence(world, name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    _actor, draft = propose(world, text)
    for item in draft["items"]:
        sentence = text[item["offset"]:item["end"]]
        assert _whole(sentence, item["title"]), (item["title"], sentence)


def test_a_title_over_the_limit_is_cut_at_a_clause_boundary():
    clause = "加快推进园区道路建设，" * 60
    title = task_title(clause, limit=100)
    assert len(title) <= 100 and title.endswith("加快推进园区道路建设")
    assert task_title("二要大力推广“党支部+合作社”模式。") == "大力推广“党支部+合作社”模式"
    assert task_title("力争新上亿元项目3个（牵头单位：经发办；责任人：孙七）") == "力争新上亿元项目3个"


def test_a_bracket_inside_a_clause_is_part_of_the_title_and_a_note_after_it_is_not(world):
    text = ("2024年河口镇工作要点\n一、项目建设\n"
            "4月底前完成招投标，8月底前完成年度工程量（或投资额）的50%以上，新建村庄公厕8个（均列入省任务）。\n")
    _actor, draft = propose(world, text)
    titles = [item["title"] for item in draft["items"]]
    assert "8月底前完成年度工程量（或投资额）的50%以上" in titles and "新建村庄公厕8个" in titles


# -- the plan's name ---------------------------------------------------------------------------


@pytest.mark.parametrize("first_line", ["在2024年全镇重点工作部署会议上的讲话", "2024年河口镇工作要点",
                                        "同志们：今年是关键之年。"])
def test_the_plan_is_named_from_its_year_and_township_not_the_documents_title(world, first_line):
    _actor, draft = propose(world, first_line + "\n" + TEXT.split("\n", 1)[1])
    assert draft["title"] == f"{draft['year']}年河口镇重点工作"


def test_the_year_chosen_on_upload_names_the_plan(world):
    actor = world.user("office")
    draft = drafts.draft_propose(actor=actor, unit=world.unit("township"), text=TEXT, year=2025)
    assert (draft["year"], draft["title"]) == (2025, "2025年河口镇重点工作")


# -- deadlines -----------------------------------------------------------------------------------

DATED = (
    "2024年河口镇工作要点\n"
    "一、发展经济\n"
    "（一）确保新上亿元项目3个。\n"
    "（二）全年完成固定资产投资5亿元。\n"
    "（三）×月底前完成园区规划修编。\n"
    "（四）明年建成污水处理厂1座。\n"
    "（五）每月调度一次重点项目。\n"
    "（六）6月底前完成清产核资。\n"
)


def test_an_undated_target_of_the_years_plan_is_due_at_the_years_end_and_says_so(world):
    _actor, draft = propose(world, DATED)
    got = {item["title"]: (item["deadline"], item["deadline_guessed"]) for item in draft["items"]}
    assert got["确保新上亿元项目3个"] == ("2024-12-31", True)
    assert got["全年完成固定资产投资5亿元"] == ("2024-12-31", True)
    assert got["×月底前完成园区规划修编"] == ("", False)  # written, unreadable: the reviewer fills it in
    assert got["明年建成污水处理厂1座"] == ("", False)
    assert got["每月调度一次重点项目"] == ("", False)
    assert got["6月底前完成清产核资"] == ("2024-06-30", False)
    client, key, _draft = review(world, DATED)
    assert client.get(f"/plans/import/{key}/").content.decode().count("原文未写时限，暂按年底") == 2
