"""Accuracy on the public corpus (tests/data/corpus): documents nobody here wrote.

The test set was split off before labelling and no rule was written against it (SPLIT.md):
its floor is the value measured once the tuning was done, rounded down, not an aim. The
tuning set's floor keeps the rules written against it from sliding back.
"""

import pytest

from luoshi.extraction.scoring import CORPUS, Score, label_files, score_file


def total(held_out: bool) -> Score:
    score = Score()
    for path in label_files(held_out, CORPUS):
        score.add(score_file(path))
    return score


def test_the_corpus_keeps_its_test_set_and_a_wider_tuning_set():
    # the split drew 17 and 17; 15, then 19, then 12, then 8, then 8, then 10, then 13, then 14, then 9, then 10, then 8,
    # then 10, then 10, then 9 tuning documents were added later (SPLIT.md), the test set is as drawn
    assert len(label_files(True, CORPUS)) == 17
    assert len(label_files(False, CORPUS)) >= 172


@pytest.mark.parametrize(
    ("held_out", "section_f1", "target_f1", "precision", "recall", "strength", "deadline"),
    # The test set's strength floor went from 0.97 to 0.96 when starred figures ("*亿元") became placeholders, as
    # the corpus README reads them: 11 more targets matched (81 → 92), 10 of them with the right strength, so the
    # right strengths rose (79 → 89) while their share of a larger count fell (0.975 → 0.967); no target lost.
    # Round 3 (51 tuning documents): tuning target F1 0.99, P 0.99, recall 0.98; the test set's target F1 rose to 0.864.
    # Round 4 (63 tuning documents): tuning P 0.992, recall 0.992; the test set's precision rose to 0.836 (F1 0.868).
    # Round 5 (71 tuning documents, task tables pasted as text): tuning P 0.994, recall 0.994; floors unchanged.
    # Round 6 (tables pasted with runs of spaces, progress columns): the test set's sections F1 0.985 → 1.0, target
    # precision 0.836 → 0.852 (F1 0.876); its floors raised to those figures.
    # Round 7 (79 tuning documents: phased work plans, a campaign calendar, dispatch meetings): tuning P 0.994,
    # recall 0.991; floors unchanged.
    # Round 8 (89 tuning documents: tables one cell a line, progress tables, 重点一： parts): tuning P 0.990, recall
    # 0.990; floors unchanged.
    # Round 9 (102 tuning documents: reviews, 督查 notices tallying tasks, a speech's opening, five-year goals): tuning
    # P 0.990, recall 0.990; floors unchanged.
    # Round 10 (116 tuning documents: 民生实事 lists and news, meetings' news, a 政策解读, progress reports in text): tuning
    # P 0.996, recall 0.993; the test set did not move; floors unchanged.
    # Round 11 (125 tuning documents: mixed speeches, meetings' news, place descriptions, reviews): the new labels add
    # three misses no rule was written for (a 力争 sentence opened by the year inside a review paragraph, a 确保 the
    # meeting set in a news item's opening sentence), so tuning recall is 452 of 458 (0.987): its floor 0.98.
    # Round 12 (135 tuning documents; a quantity needs evidence of work ahead, evidence.py): tuning P 0.996, recall
    # 0.987 (469 of 475); floors unchanged.
    # Round 13 (143 tuning documents: plans, 街道 reviews, meetings' news): tuning P 0.996, recall 0.988 (481 of 487);
    # floors unchanged.
    # Round 14 (153 tuning documents: a 乡 plan part, a project speech, a 实事 list, duty and campaign news, a review, a
    # speech's opening, a qualitative plan): tuning P 0.996, recall 0.988 (509 of 515); floors unchanged.
    # Round 15 (163 tuning documents: county meetings' news, an assessment speech, a 文明创建 推进会, a 乡 plan part, a
    # review, works-done news, a call for 实事 proposals): tuning P 0.996, recall 0.989 (531 of 537); floors unchanged.
    # Round 16 (172 tuning documents: a 下半年 plan, 街道 meetings' news, a village's 实施方案 notice, a scheme, a plan with
    # blank figures, a county's 组织工作 points, a 督查 notice): tuning P 0.996, recall 0.989 (537 of 543); floors unchanged.
    [(False, 1.0, 0.99, 0.99, 0.98, 1.0, 1.0), (True, 0.99, 0.87, 0.85, 0.90, 0.96, 0.95)],
)
def test_corpus_floors(held_out, section_f1, target_f1, precision, recall, strength, deadline):
    score = total(held_out)
    assert score.prf("section")[2] >= section_f1
    p, r, f1 = score.prf("target")
    assert f1 >= target_f1 and p >= precision and r >= recall
    assert score.accuracy("strength") >= strength
    assert score.accuracy("deadline") >= deadline


def test_the_tuning_set_loses_no_target_it_matched():
    """The tuning floors are ratios, lowered once when new documents brought misses no rule was written for
    (round 11): this guard keeps every target the rules matched then, and no more extras, exactly."""
    score = total(False)
    # round 12: 469 of 475 (ten documents more; the evidence rule, evidence.py, lost none of the 452)
    # round 13: 481 of 487 (eight documents more, their 12 targets all matched; none of the 469 lost, extras still 2)
    # round 14: 509 of 515 (ten documents more, their 28 targets all matched; none of the 481 lost, extras still 2)
    # round 15: 531 of 537 (ten documents more, their 22 targets all matched; none of the 509 lost, extras still 2)
    # round 16: 537 of 543 (nine documents more, their 6 targets all matched; none of the 531 lost, extras still 2)
    assert score.target_tp >= 537 and score.target_found - score.target_tp <= 2
