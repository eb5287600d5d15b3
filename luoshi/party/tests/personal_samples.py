"""The party registers' samples for the engine's personal-data matrix (ledgers/tests/personal.py): a
path whose applicant was of age on applying, and a case made by 纪委, the only role that may."""

import datetime as dt

from luoshi.ledgers.registry import get_ledger
from luoshi.ledgers.tests.personal import SAMPLE_ID, SAMPLE_PHONE
from luoshi.party.tests.factories import new_path


def _path(world):
    return new_path(world, world.unit("village"), id_card=SAMPLE_ID, phone=SAMPLE_PHONE,
                    birth_date=dt.date(1980, 5, 6))


def _case(world):
    return get_ledger("discipline-cases").create(
        actor=world.user("discipline"), name="钱某某", unit=world.unit("village"), post="村委会委员", is_cadre=True,
        facts="虚报冒领", source="petition", received_on=dt.date(2026, 2, 1), status="filed",
        id_card=SAMPLE_ID, phone=SAMPLE_PHONE)


SAMPLES = {"party-paths": _path, "discipline-cases": _case}
