"""An act a verb stops turns around: stopped help is a sanction (CAMEO 16, "reduce or stop material aid"), lifted
coercion a concession (CAMEO 08, "ease curfew", "ease economic sanctions")."""

import re

import pytest

from newslake.tasks.events.cessation import turned_around


def _read(text: str, word: str, category: str = "AID") -> tuple[str, str]:
    start = re.search(rf"\b{word}\b", text).start()
    found, begins = turned_around(text, (0, len(text)), start, start + len(word), category)
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


@pytest.mark.parametrize(("text", "word", "category", "expected"), [
    ("Serbia lifted a night curfew in Montenegro.", "curfew", "COERCE", ("CONCEDE", "lifted a night curfew")),
    ("The president shortened by one hour the nightly curfew.", "curfew", "COERCE",
     ("CONCEDE", "shortened by one hour the nightly curfew")),
    ("The EU eased sanctions on Belarus.", "sanctions", "SANCTION", ("CONCEDE", "eased sanctions")),
    ("The ban on rallies was revoked on Monday.", "ban", "COERCE", ("CONCEDE", "ban")),
])
def test_lifted_coercion_is_a_concession(text, word, category, expected):
    assert _read(text, word, category) == expected


@pytest.mark.parametrize(("text", "word", "category"), [
    ("Japan sent economic aid to Serbia.", "aid", "AID"),
    ("The government cut taxes and sent aid to the region.", "aid", "AID"),  # "and": another act
    ("The donors ended up sending aid.", "aid", "AID"),  # "end" is no stopping verb
    ("Fighting was halted after the aid convoy arrived.", "aid", "AID"),  # "after": no object of "halted"
    ("Rebels suspended talks with the government.", "talks", "CONSULT"),  # talks stopped: no rule of either turn
    ("Police imposed a curfew after the riots.", "curfew", "COERCE"),
    ("The curfew ends at dawn.", "curfew", "COERCE"),
    ("Jill Stein was removed from the debate site by police.", "removed", "COERCE"),  # the coercion itself
    ("Washington lifted aid to Kyiv.", "aid", "AID"),  # lifting is no stopping verb for help
])
def test_help_no_verb_stops_keeps_its_category(text, word, category):
    assert _read(text, word, category) == (category, word)
