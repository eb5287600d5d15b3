"""Rules of round 13 of the public corpus (issue 18), on made-up sentences.

Written from the misses and extras of round 13's first look only: a plan's project list describes each project by its
site, size, total, estimated investment and capacity (descriptions, no targets) and dates it with 预计 and a year (a
milestone even when the year is the one before the plan's, as a plan written in December dates its first works); a
period a clause takes into account ("结合上半年…的实际情况") is no deadline; a named holiday period a duty is done in
("“两节”期间要做好…") is its deadline, quoted name or not. Each test fails on the extractor before the round but the
guards, which pass before and after: a clause of the same sentence with a verb of work is still a target, a period
opening a duty is still its deadline, and a quoted slogan's period is still no deadline.
"""

from luoshi.extraction import extract_text

PLAN = "青石镇2025年工作计划\n"


def found(text: str) -> list:
    return [(t["text"], t["value"]) for t in extract_text(text)["targets"]]


def kinds(text: str) -> list:
    return [(t["kind"], t["deadline"], t["strength"]) for t in extract_text(text)["targets"]]


def test_an_estimated_investment_in_a_project_description_describes_it():
    text = PLAN + "（一）果蔬冷链项目：该项目占地20亩，预计投资800余万元，预计2025年4月开工建设。\n"
    assert kinds(text) == [("milestone", "2025年4月", "预计")]


def test_a_total_with_an_estimates_word_describes_the_project():
    text = PLAN + "（一）果蔬冷链项目：该项目总投资预计600余万元，预计2025年4月开工建设。\n"
    assert kinds(text) == [("milestone", "2025年4月", "预计")]


def test_a_capacity_and_a_yearly_throughput_in_a_project_description_describe_it():
    text = PLAN + "（一）果蔬冷链项目：该项目位于东坡村，冷库库容达8000余立方米，年周转果蔬达到20000余吨。\n"
    assert found(text) == []


def test_a_clause_with_a_verb_of_work_in_a_project_description_is_still_a_target():
    # guard: passes before and after the round
    text = PLAN + "（一）果蔬冷链项目：该项目位于东坡村，计划投资800万元，新建冷库3座。\n"
    assert [value for _, value in found(text)] == [800, 3]


def test_an_expected_date_with_the_year_before_the_plans_is_still_a_milestone():
    text = PLAN + "（一）果蔬冷链项目：该项目位于东坡村，预计2024年12月开工建设，2025年6月竣工。\n"
    assert kinds(text) == [("milestone", "2024年12月", "预计"), ("milestone", "2025年6月", "预计")]


def test_a_period_a_clause_takes_into_account_is_no_deadline():
    text = (
        "青石街道召开工作部署会\n"
        "7月5日，青石街道召开工作部署会。\n"
        "会上，街道主任结合上半年各项工作运转的实际情况，对下半年工作进行了安排部署，提出了具体要求：一是抓好道路建设。"
        "二是做好医保缴费工作。\n"
    )
    assert kinds(text) == []


def test_a_period_opening_a_duty_is_still_its_deadline():
    # guard: passes before and after the round
    text = "青石街道召开工作部署会\n会议要求，一是抓好道路建设；二是下半年要做好医保缴费工作。\n"
    assert kinds(text) == [("milestone", "下半年", None)]


def test_a_duty_in_a_named_holiday_period_is_a_milestone():
    text = "青石镇召开安全生产会\n会议要求，一要压实责任；二要“两节”期间要做好安全生产督查及值班安排。\n"
    assert kinds(text) == [("milestone", "“两节”期间", None)]


def test_a_duty_in_a_festival_period_is_a_milestone():
    text = "青石镇召开安全生产会\n会议要求，春节期间要加强森林防火巡查。\n"
    assert kinds(text) == [("milestone", "春节期间", None)]


def test_a_period_inside_a_quoted_slogan_is_still_no_deadline():
    # guard: passes before and after the round
    text = "青石镇召开推进会\n会议要求，全镇上下要以“奋战下半年”为主题，抓好项目建设。\n"
    assert kinds(text) == []
