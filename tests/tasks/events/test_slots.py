"""The sentence's rules for an event's place, the dateline, and an event noun's light verb."""

import pytest

from newslake.tasks.events.slots import dateline_place, location_of, modifies_noun, object_of_light_verb, used_as_noun


def loc(text, surface, key, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "text": surface, "label": "LOC", "entity_key": key}


def place(text, trigger, places, violent=False):
    start = text.index(trigger)
    found = location_of(text, (0, len(text)), (start, start + len(trigger)), places, violent)
    return None if found is None else (found.text, found.key)


def test_a_place_name_used_as_an_adjective_is_no_location():
    text = "Four Americans died in the attack on the U.S. compound in Benghazi."
    places = [loc(text, "U.S.", "united states"), loc(text, "Benghazi", "benghazi")]
    assert place(text, "attack", places, violent=True) == ("Benghazi", "benghazi")


def test_a_city_before_a_noun_is_where():
    text = "Two rockets hit the Kramatorsk train station."
    assert place(text, "hit", [loc(text, "Kramatorsk", "kramatorsk")], violent=True) == ("Kramatorsk", "kramatorsk")


@pytest.mark.parametrize(
    ("text", "name", "adjective"),
    [
        ("Four died at the U.S. compound in Benghazi.", "U.S.", True),
        ("A Russian convoy crossed the border.", "Russian", True),
        ("Russian invaders fired at a station in eastern Ukraine last night.", "Ukraine", False),  # a time word
        ("Russia reportedly struck the depot.", "Russia", False),  # an adverb
        ("Rockets hit the Kramatorsk train station.", "Kramatorsk", False),  # a city is where
        ("Shelling hit the Donetsk region.", "Donetsk", False),  # a place noun
    ],
)
def test_a_country_used_as_an_adjective(text, name, adjective):
    assert modifies_noun(text, loc(text, name, name.lower())) is adjective


def test_a_place_before_a_place_noun_is_still_a_place():
    text = "Shelling hit villages in Donetsk region."
    assert place(text, "Shelling", [loc(text, "Donetsk", "donetsk")], violent=True) == ("Donetsk", "donetsk")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("In March Russia annexed Crimea from Ukraine.", "annexed", ("Crimea", "crimea")),
        ("Europe condemned the annexation of Crimea by Russia.", "annexation", ("Crimea", "crimea")),
        ("Clinton plans to visit Charlotte on Sunday.", "visit", ("Charlotte", "charlotte")),
    ],
)
def test_a_place_right_after_the_event_word_is_where_it_happened(text, trigger, expected):
    places = [loc(text, name, name.lower()) for name in ("Russia", "Crimea", "Ukraine", "Europe", "Charlotte") if name in text]
    assert place(text, trigger, places) == expected


def test_a_dateline_after_a_headline_subheadings_and_a_caption():
    text = ("Phone video is first public look at Charlotte death.\n\nIn her recording,.\n\n"
            "Scott's wife pleads for his life.\n\nCHARLOTTE - The wife of a man fatally shot by police recorded video.")
    found = dateline_place(text, [loc(text, "Charlotte", "charlotte")])
    assert (found.text, found.key, found.start) == ("CHARLOTTE", "charlotte", text.index("CHARLOTTE"))


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The EU imposed new sanctions on Russia.", "sanctions", True),
        ("The envoys held several hours of talks with Yanukovych.", "talks", False),  # "of" ends the object
        ("The envoys held talks with Yanukovych.", "talks", True),
        ("Lavrov described the strikes as escalation.", "strikes", False),
    ],
)
def test_an_event_noun_governed_by_a_light_verb(text, trigger, expected):
    start = text.index(trigger)
    assert object_of_light_verb(text, 0, (start, start + len(trigger))) is expected


def test_a_noun_is_read_from_the_words_before_it_however_long_the_sentence():
    text = "Officials, " * 600 + "said the EU imposed new sanctions and described the strikes."
    sanctions, strikes = text.index("sanctions"), text.index("strikes")
    assert used_as_noun(text, 0, (strikes, strikes + 7)) and not object_of_light_verb(text, 0, (strikes, strikes + 7))
    assert object_of_light_verb(text, 0, (sanctions, sanctions + 9))
    assert not used_as_noun(text, 0, (text.index("imposed"), text.index("imposed") + 7))
