"""The problems ledger's import reads a problem's state by the model's own words and by the township's."""

from luoshi.exchange.templates import choice_words
from luoshi.supervision.models import ProblemStatus
from luoshi.supervision.specs import PROBLEMS_SPEC, STATUS_WORDS


def test_each_state_is_read_by_its_label_and_every_word_names_a_state():
    labels = {str(label): value for value, label in ProblemStatus.choices}
    assert labels.items() <= STATUS_WORDS.items()
    assert set(STATUS_WORDS.values()) == set(ProblemStatus.values)
    assert STATUS_WORDS["整改到位"] == ProblemStatus.CLOSED and STATUS_WORDS["待整改"] == ProblemStatus.FOUND


def test_the_templates_dropdown_offers_the_labels_the_platform_exports():
    assert choice_words(PROBLEMS_SPEC.field_spec("status")) == [str(label) for label in ProblemStatus.labels]
