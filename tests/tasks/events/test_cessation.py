"""Help that a verb stops is a sanction (CAMEO 16, "reduce or stop material aid")."""

import re

import pytest

from newslake.tasks.events.cessation import stopped_help


def _read(text: str, word: str, category: str = "AID") -> tuple[str, str]:
    start = re.search(rf"\b{word}\b", text).start()
    found, begins = stopped_help(text, (0, len(text)), start, start + len(word), category)
    return found, text[begins : start + len(word)]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Japan said it had halted economic aid to Serbia.", "aid", ("SANCTION", "halted economic aid")),
    ("The United States suspended part of a military aid program for Bosnia.", "aid",
     ("SANCTION", "suspended part of a military aid")),
    ("Washington cut off military cooperation with Niger.", "cooperation", ("SANCTION", "cut off military cooperation")),
    ("Aid deliveries were suspended in Baghdad on Wednesday.", "Aid", ("SANCTION", "Aid")),
    ("The United Nations reduced food supplies to the camp.", "reduced", ("SANCTION", "reduced")),
])
def test_stopped_help_is_a_sanction_from_the_stopping_verb_on(text, word, expected):
    assert _read(text, word) == expected


@pytest.mark.parametrize(("text", "word", "category"), [
    ("Japan sent economic aid to Serbia.", "aid", "AID"),
    ("The government cut taxes and sent aid to the region.", "aid", "AID"),  # "and": another act
    ("The donors ended up sending aid.", "aid", "AID"),  # "end" is no stopping verb
    ("Fighting was halted after the aid convoy arrived.", "aid", "AID"),  # "after": no object of "halted"
    ("Rebels suspended talks with the government.", "talks", "CONSULT"),  # only help turns into a sanction
])
def test_help_no_verb_stops_keeps_its_category(text, word, category):
    assert _read(text, word, category) == (category, word)
