"""One shape for what a notice is about: "<kind>:<id>", built and read back here only."""

import pytest

from luoshi.notify.targets import Target, prefix, target


def test_a_target_is_its_kind_and_id():
    assert target("task", 12) == "task:12" and str(Target("round", 3)) == "round:3"
    assert prefix("round") == "round:" and target("round", 3).startswith(prefix("round"))


@pytest.mark.parametrize("text, parsed", [
    ("task:12", Target("task", 12)), ("milestone:3", Target("milestone", 3)),
    ("task:12@083015000000", None), ("urge:5:1", None), ("task:", None), (":12", None), ("", None),
    ("task:１２", None), ("task", None),
])
def test_a_target_reads_back_and_an_occasion_key_does_not(text, parsed):
    assert Target.parse(text) == parsed


@pytest.mark.parametrize("kind", ["", "a:b"])
def test_a_kind_is_one_word(kind):
    with pytest.raises(ValueError):
        target(kind, 1)
