"""Rules of round 16 of the public corpus (issue 18), on made-up sentences.

Written from the extras of round 16's first look only (the batch had no misses): who a body gathers to hold a meeting
("组织班子成员及23个村党支部书记，召开…会议") is its attendance; a period that is the subject of a judgment with 既是 /
正是 ("四季度既是…冲刺期") is no deadline; a Chinese-numeral count after 结合 and a noun ("结合城市运行三份答卷") is what
the work is set against; units a policy favours ("对两个扶持村…给予照顾") are its scope; the units a structure reaches
("辐射带动120家企业、8个党组织…") are its reach; a project's definition ("该工程就是针对…38户群众实施搬迁") describes it;
今年 with a past marker ("今年该项目已有70%的搬迁户完成搬迁") reports progress. Each test fails on the extractor before
the round but the guards, which pass before and after.
"""

from luoshi.extraction import extract_text

NEWS = "青石街道召开2024年重点工作推进会\n"
PLAN = "青石镇下半年工作计划\n"


def kinds(text: str) -> list:
    return [(t["kind"], t["value"], t["strength"], t["deadline"]) for t in extract_text(text)["targets"]]


def test_who_a_body_gathers_to_hold_a_meeting_is_its_attendance():
    text = NEWS + "2024年3月2日，青石街道党工委组织全体班子成员及23个村党支部书记，召开2024年工作部署会议，研究部署全年工作。\n"
    assert kinds(text) == []


def test_leaders_counted_as_they_attend_a_meeting_called_before_them():
    text = NEWS + "2024年3月9日，青石街道党工委召集机关各科室负责人和12个社区书记，召开安全生产专题会议。\n"
    assert kinds(text) == []


def test_a_work_for_villages_before_a_meeting_stays_an_amount():
    # guard: passes before and after the round
    text = PLAN + "年底前完成23个村党群服务中心改造，召开现场观摩会推广经验。\n"
    assert [(k, v, d) for k, v, _, d in kinds(text)] == [("quantity", 23, "年底前")]


def test_a_period_judged_with_ji_shi_is_no_deadline():
    text = NEWS + "会议指出，四季度既是全年工作收尾的冲刺期，也是谋划明年工作的关键期，要统筹抓好各项工作。\n"
    assert kinds(text) == []


def test_a_period_before_work_due_stays_a_deadline():
    # guard: passes before and after the round
    text = PLAN + "确保四季度完成安置小区主体工程建设。\n"
    assert [(k, d) for k, _, _, d in kinds(text)] == [("milestone", "四季度")]


def test_a_chinese_count_after_jiehe_and_a_noun_is_what_work_is_set_against():
    text = NEWS + "要结合全区城市管理三张清单，持续提升精细化管理水平。\n"
    assert kinds(text) == []


def test_a_count_after_jiehe_with_a_verb_of_work_stays_an_amount():
    # guard: passes before and after the round
    text = PLAN + "要结合实际新建三个村级便民服务站。\n"
    assert [(k, v) for k, v, _, _ in kinds(text)] == [("quantity", 3)]


def test_units_a_policy_favours_are_its_scope():
    text = PLAN + "对三个薄弱村在项目安排上给予倾斜，使薄弱村得到更多实惠。\n"
    assert kinds(text) == []


def test_households_a_work_is_done_on_after_dui_stay_its_amount():
    # guard: passes before and after the round (round 5's reading)
    text = PLAN + "对300户困难老人家庭进行居家适老化改造。\n"
    assert [(k, v) for k, v, _, _ in kinds(text)] == [("quantity", 300)]


def test_the_units_a_structure_reaches_are_its_reach():
    text = (
        "2025年党建工作要点\n（一）建强产业链党建。成立物流产业链联合党委，形成三级组织架构，辐射带动120家企业、"
        "8个党组织、96名党员纳入统一管理，实现党的组织全覆盖。\n"
    )
    assert kinds(text) == []


def test_structures_to_set_up_stay_amounts_before_their_reach():
    # guard: passes before and after the round
    text = "2025年党建工作要点\n（一）建强产业链党建。新建3个产业链联合党委，推动党建链与产业链双提升。\n"
    assert [(k, v) for k, v, _, _ in kinds(text)] == [("quantity", 3)]


def test_a_projects_definition_describes_it():
    text = (
        PLAN + "（一）计划完成河口地质灾害搬迁工程\n河口地质灾害搬迁工程就是针对受滑坡威胁的38户群众实施整体搬迁。\n"
    )
    assert kinds(text) == []


def test_this_year_with_a_past_marker_reports_progress():
    text = PLAN + "（一）推进搬迁工程\n自今年5月起实施搬迁，今年该项目已有60%的搬迁户完成搬迁。\n"
    assert kinds(text) == []


def test_this_year_with_work_ahead_stays_a_target():
    # guard: passes before and after the round
    text = PLAN + "（一）推进搬迁工程\n今年完成剩余40户群众搬迁。\n"
    assert [(k, v) for k, v, _, _ in kinds(text)] == [("quantity", 40)]
