"""How a wording (a leader's or an owner's) finds the one person it means (no database: people as plain rows)."""

from types import SimpleNamespace

import pytest

from luoshi.plans.drafts_guess import guess_person

PEOPLE = [
    SimpleNamespace(pk=1, name="张三", title="党委书记"),
    SimpleNamespace(pk=2, name="李明", title="党委副书记、镇长"),
    SimpleNamespace(pk=3, name="王立新", title="副镇长"),
    SimpleNamespace(pk=4, name="赵强", title="常务副镇长"),
    SimpleNamespace(pk=5, name="王五", title="党委副书记"),
]


@pytest.mark.parametrize(("written", "pk"), [
    ("王立新", 3),
    ("王立新同志", 3),
    ("王 立 新", 3),
    ("李明（镇长）", 2),
    ("副镇长王立新", 3),
    ("镇长", 2),
    ("镇党委书记", 1),
    ("书记", 1),  # the 党委书记, never a 党委副书记
    ("分管副镇长", 3),  # exactly 副镇长 beats the qualified 常务副镇长
    ("常务副镇长", 4),
    ("李镇长", 2),
])
def test_a_leader_is_found_by_name_or_by_post(written, pk):
    assert guess_person([written], PEOPLE) == pk


@pytest.mark.parametrize("written", ["孙七", "王镇长", "纪委书记", "分管领导", "", "—"])
def test_a_wording_nobody_fits_finds_nobody(written):
    assert guess_person([written], PEOPLE) is None


def test_a_post_held_by_two_people_finds_nobody():
    assert guess_person(["党委副书记"], PEOPLE) is None


def test_a_name_two_people_share_needs_the_post_written_beside_it():
    namesakes = [*PEOPLE, SimpleNamespace(pk=6, name="王立新", title="人大主席")]
    assert guess_person(["王立新"], namesakes) is None
    assert guess_person(["王立新（人大主席）"], namesakes) == 6


def test_the_first_wording_that_finds_somebody_wins():
    assert guess_person(["孙七", "镇长", "王立新"], PEOPLE) == 2
