"""Rules of round 12 of the public corpus (issue 18), on made-up sentences.

Round 12 turned the default round (evidence.py): a quantity is a target only with evidence of work ahead — a word
of intent in its sentence, a heading, the paragraph's opening, a line leading into goals or a title naming a plan —
and none in a sentence measuring progress against the plan. Task tables carry their own evidence. With it: a
paragraph whose first sentence asks for work is no review, words someone says are read as text, a date before
投入运营 / 全面竣工 is a milestone's, and a half-month duty written without 每 recurs. Each test
fails on the extractor before the round, but four guards, which pass before and after: the same works under a plan
title, after a word looking ahead, under a line leading into goals and in a task table's row are still targets.
"""

from luoshi.extraction import extract_text


def found(text: str) -> list:
    return [(t["text"], t["value"]) for t in extract_text(text)["targets"]]


def kinds(text: str) -> list:
    return [(t["kind"], t["deadline"], t["strength"]) for t in extract_text(text)["targets"]]


def test_a_news_account_of_works_done_gives_no_targets_without_a_word_looking_ahead():
    text = (
        "青石镇民生事业协调发展\n"
        "本网讯 青石镇坚持稳中求进，经济社会呈现良好态势。\n"
        "一是民生事业协调发展。深入实施文明工程，建成6个村文化广场，新增规模企业4家。\n"
    )
    assert found(text) == []


def test_the_same_works_under_a_plan_title_are_targets():
    text = "青石镇2024年工作要点\n一是民生事业协调发展。深入实施文明工程，建成6个村文化广场，新增规模企业4家。\n"
    assert [value for _, value in found(text)] == [6, 4]


def test_a_word_looking_ahead_in_the_sentence_is_evidence_for_the_items_after_it():
    text = "青石镇民生事业\n本网讯 青石镇经济平稳。\n今年，青石镇将建成6个村文化广场，新增规模企业4家。\n"
    assert [value for _, value in found(text)] == [6, 4]


def test_a_line_leading_into_goals_lends_its_evidence_to_the_list():
    text = (
        "青石镇考核办法\n"
        "为推动镇域发展，区委决定开展考核。\n"
        "区委对镇考核指标：\n"
        "1、产业发展攻坚。建成公厕8座。\n"
        "2、乡村振兴。启动两个村1.5万亩高标准农田建设。\n"
    )
    assert [value for _, value in found(text)] == [8, 1.5]


def test_a_sentence_measuring_progress_against_the_plan_gives_no_targets():
    text = (
        "青石镇2020年重点项目计划\n"
        "该镇核心区项目计划投资30亿元，截至5月，完成投资21亿元，完成年计划的70%。\n"
        "新建公厕8座。\n"
    )
    assert [value for _, value in found(text)] == [8]


def test_about_to_be_finished_is_no_intent_and_a_capacity_is_no_target():
    text = (
        "青石镇加快项目建设\n"
        "本报讯 青石镇坚持把项目建设作为头等大事。\n"
        "投资2000余万元的污水处理厂即将完工，预计年底投入运营，届时可日处理污水2000吨。\n"
    )
    assert kinds(text) == [("milestone", "年底", "预计")]


def test_the_day_a_meeting_was_held_is_no_deadline_evidence():
    text = "石门街道召开推进会\n4月11日下午，石门街道召开推进会，听取9个工作组的汇报。\n"
    assert found(text) == []


def test_a_paragraph_whose_first_sentence_asks_for_work_is_no_review():
    text = (
        "青石镇典型镇工作推进会召开\n"
        "近日，青石镇典型镇工作推进会召开，提出要有序推进，确保创建工作取得实绩实效。\n"
        "会上，各村作了交流发言。\n"
    )
    assert [t["strength"] for t in extract_text(text)["targets"]] == ["确保"]


def test_words_someone_says_are_read_as_text():
    text = (
        "五都镇创业园二期加紧施工\n"
        "项目经理正在查看施工进度。“我们去年12月底进场施工，预计8月份全面竣工。”他告诉笔者。\n"
    )
    assert kinds(text) == [("milestone", "8月份", "预计")]


def test_a_half_month_duty_without_mei_recurs_and_its_mechanism_is_no_part_of_the_duty():
    text = "石门街道推进会\n会议要求，要建立每周曝光、主要领导半月调度的工作机制。\n"
    targets = extract_text(text)["targets"]
    assert [t["recurrence"] for t in targets] == ["每周", "半月"]
    assert targets[1]["indicator"] == "调度"


def test_a_count_closing_its_clause_with_zhong_names_the_set():
    text = "青石镇2016年重点项目计划\n全年计划实施的41个重点项目中，新建项目20个。\n"
    assert [value for _, value in found(text)] == [20]


def test_a_task_tables_rows_carry_their_own_evidence():
    text = "民生实事项目责任分解表\n序号\t项目名称\t目标任务\t责任单位\n1\t公厕建设\t建成公厕8座\t城建办\n"
    assert [value for _, value in found(text)] == [8]

