"""Argument spans -> actors: which spans name an actor, what heads them and how they are named."""

import pytest

from newslake.tasks.events.arguments import actors_from, parties_aimed_at
from newslake.text.spans import Span


def entity(text, surface, label, key):
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface, "label": label, "entity_key": key}


def actors(text, roles, entities=()):
    """`roles`: (role, words) pairs, each the argument model's span of those words."""
    spans = [Span(text.index(words), text.index(words) + len(words), role, 0.9) for role, words in roles]
    return [(a.role, a.key, a.text) for a in actors_from(text, spans, list(entities))]


@pytest.mark.parametrize(
    ("text", "roles", "expected"),
    [
        # a thing, an act or a clause is no actor
        ("Kyiv signed an agreement on closer cooperation.", [("TARGET", "agreement on closer cooperation")], []),
        ("The West threatened tougher sanctions.", [("TARGET", "tougher sanctions")], []),
        # kinds of political actor are, counts and articles dropped
        ("Police detained 12 activists.", [("AGENT", "Police"), ("TARGET", "12 activists")],
         [("agent", None, "Police"), ("target", None, "activists")]),
        ("Tens of thousands of university students rallied.", [("AGENT", "Tens of thousands of university students")],
         [("agent", None, "university students")]),
        ("Seven opposition parties boycotted the vote.", [("AGENT", "Seven opposition parties")],
         [("agent", None, "opposition parties")]),
        # generic people only with their country
        ("Two men were detained.", [("TARGET", "Two men")], []),
        ("Officials praised the protests.", [("AGENT", "Officials")], []),
    ],
)
def test_only_spans_that_name_a_political_actor_are_actors(text, roles, expected):
    assert actors(text, roles) == expected


def test_a_nationality_before_an_actor_noun_is_part_of_a_nominal_actor():
    text = "Ukrainian police detained him."
    assert actors(text, [("AGENT", "Ukrainian police")], [entity(text, "Ukrainian", "MISC", "ukrainian")]) == [
        ("agent", None, "Ukrainian police")]


def test_a_span_about_a_thing_names_the_actor_behind_it():
    text = "France threatened restrictions against German goods and a truce with Moslem forces ended aid for Romania."
    entities = [entity(text, "France", "LOC", "france"), entity(text, "German", "MISC", "german"),
                entity(text, "Moslem", "MISC", "moslem"), entity(text, "Romania", "LOC", "romania")]
    assert actors(text, [("TARGET", "German goods"), ("TARGET", "a truce with Moslem forces"), ("TARGET", "aid for Romania")],
                  entities) == [("target", "german", "German"), ("target", None, "Moslem forces"), ("target", "romania", "Romania")]


def test_a_place_inside_a_thing_is_where_not_whom():
    text = "APEC agreed to set up an energy research center in Tokyo."
    assert actors(text, [("TARGET", "set up an energy research center in Tokyo")], [entity(text, "Tokyo", "LOC", "tokyo")]) == []


def test_coordinated_names_are_one_actor_each():
    text = "The foreign ministers of France, Germany and Poland met Yanukovych."
    entities = [entity(text, "France", "LOC", "france"), entity(text, "Germany", "LOC", "germany"),
                entity(text, "Poland", "LOC", "poland"), entity(text, "Yanukovych", "PER", "viktor yanukovych")]
    assert actors(text, [("AGENT", "France, Germany and Poland"), ("TARGET", "Yanukovych")], entities) == [
        ("agent", "france", "France"), ("agent", "germany", "Germany"), ("agent", "poland", "Poland"),
        ("target", "viktor yanukovych", "Yanukovych")]


def test_a_span_that_cuts_a_name_is_widened_to_it():
    text = "DNC issued an apology to Sen. Bernie Sanders on Monday."
    entities = [entity(text, "DNC", "ORG", "democratic national committee"), entity(text, "Bernie Sanders", "PER", "bernie sanders")]
    assert actors(text, [("AGENT", "DNC"), ("TARGET", "Sen. Bernie")], entities) == [
        ("agent", "democratic national committee", "DNC"), ("target", "bernie sanders", "Sen. Bernie Sanders")]


def test_he_or_she_is_the_person_named_last_before():
    text = "Trump spoke in Ohio. Later he criticized Ginsburg. It said nothing."
    entities = [entity(text, "Trump", "PER", "donald trump"), entity(text, "Ohio", "LOC", "ohio"),
                entity(text, "Ginsburg", "PER", "ruth bader ginsburg")]
    assert actors(text, [("AGENT", "he"), ("TARGET", "Ginsburg")], entities) == [
        ("agent", "donald trump", "he"), ("target", "ruth bader ginsburg", "Ginsburg")]
    assert actors(text, [("AGENT", "It")], entities) == []  # "it" and "they" are not resolved


def test_coordinated_nominal_actors_and_the_parties_between_whom():
    text = "Clashes between protesters and riot police in Kyiv left two dead."
    assert actors(text, [("TARGET", "protesters and riot police")]) == [("agent", None, "protesters"), ("agent", None, "riot police")]


def test_a_coordination_inside_a_name_does_not_cut_it():
    text = "Envoys of the Organization for Security and Co-operation in Europe met."
    name = "Organization for Security and Co-operation in Europe"
    assert actors(text, [("AGENT", name)], [entity(text, name, "ORG", "osce")]) == [("agent", "osce", name)]


def test_a_span_ends_where_a_clause_begins():
    """Who is in a subordinate clause of the span did something else: "the ban ... after Farook killed 14 people"."""
    text = "Trump called for the ban in December after Syed Farook and his wife killed 14 people."
    names = [entity(text, "Syed Farook", "PER", "syed farook")]
    assert actors(text, [("TARGET", "the ban in December after Syed Farook and his wife killed 14 people")], names) == []
    text = "Police detained the activists, who had marched on parliament, on Monday."
    assert actors(text, [("TARGET", "the activists, who had marched on parliament")]) == [("target", None, "activists")]


def test_a_clause_names_the_target_only_when_no_other_span_does():
    text = "Moldova threatened to cut off gas supplies to Transnistria. Ghana urged Togo to free the opposition leaders."
    entities = [entity(text, "Moldova", "LOC", "moldova"), entity(text, "Transnistria", "LOC", "transnistria"),
                entity(text, "Ghana", "LOC", "ghana"), entity(text, "Togo", "LOC", "togo")]
    assert actors(text, [("AGENT", "Moldova"), ("TARGET", "to cut off gas supplies to Transnistria")], entities) == [
        ("agent", "moldova", "Moldova"), ("target", "transnistria", "Transnistria")]
    assert actors(text, [("AGENT", "Ghana"), ("TARGET", "Togo"), ("TARGET", "to free the opposition leaders")], entities) == [
        ("agent", "ghana", "Ghana"), ("target", "togo", "Togo")]


def test_to_before_a_lower_case_word_may_introduce_the_recipient():
    text = "Canada sent grain to war-torn Somalia and blankets to refugees."
    entities = [entity(text, "Canada", "LOC", "canada"), entity(text, "Somalia", "LOC", "somalia")]
    assert actors(text, [("AGENT", "Canada"), ("TARGET", "grain"), ("TARGET", "to war-torn Somalia"), ("TARGET", "to refugees")],
                  entities) == [("agent", "canada", "Canada"), ("target", "somalia", "war-torn Somalia"),
                                ("target", None, "refugees")]


def aimed_at(text, trigger, place, entities, cities_too=False):
    """The labels and words of the trigger's spans after `parties_aimed_at`, given one PLACE span of `place`'s words."""
    start = text.index(trigger)
    spans = [Span(text.index(place), text.index(place) + len(place), "PLACE", 0.9)]
    return [(s.label, text[s.start : s.end]) for s in
            parties_aimed_at(text, (start, start + len(trigger)), spans, list(entities), cities_too)]


@pytest.mark.parametrize(
    ("text", "trigger", "place", "names", "cities_too", "expected"),
    [
        # a country, an organisation or a kind of actor after "on", "against", "to": whom the act is aimed at
        ("Canada imposed new tariffs on Chile.", "imposed", "on Chile", [("Chile", "LOC")], False,
         [("TARGET", "on Chile")]),
        ("Norway sent medicine to the Red Cross.", "sent", "to the Red Cross", [("Red Cross", "ORG")], False,
         [("TARGET", "to the Red Cross")]),
        ("Chile voiced hostility toward Peru.", "hostility", "Peru", [("Peru", "LOC")], False, [("TARGET", "Peru")]),
        # whom, then where
        ("Soldiers fired on protesters in Lima.", "fired", "on protesters in Lima", [("Lima", "LOC")], False,
         [("TARGET", "on protesters"), ("PLACE", " in Lima")]),
        # a city is where a material act went, but the government it stands for in an act of words
        ("Chile sent grain to Lima.", "sent", "to Lima", [("Lima", "LOC")], False, [("PLACE", "to Lima")]),
        ("The EU threatened sanctions against Minsk.", "sanctions", "against Minsk", [("Minsk", "LOC")], True,
         [("TARGET", "against Minsk")]),
        # a place preposition, a thing, or a preposition another noun governs: still where
        ("Students rallied in Chile.", "rallied", "in Chile", [("Chile", "LOC")], True, [("PLACE", "in Chile")]),
        ("Rebels fired on a depot near Peru.", "fired", "on a depot near Peru", [("Peru", "LOC")], False,
         [("PLACE", "on a depot near Peru")]),
        ("Chile awarded a medal during a visit to Peru.", "awarded", "to Peru", [("Peru", "LOC")], True,
         [("PLACE", "to Peru")]),
        ("He echoed the party's stance on Peru.", "echoed", "on Peru", [("Peru", "LOC")], True, [("PLACE", "on Peru")]),
        ("On a trip to Peru, he urged calm.", "urged", "to Peru", [("Peru", "LOC")], True, [("PLACE", "to Peru")]),
    ],
)
def test_a_place_after_a_preposition_of_direction_may_be_whom_the_act_is_aimed_at(text, trigger, place, names,
                                                                                   cities_too, expected):
    entities = [entity(text, name, label, name.lower()) for name, label in names]
    assert aimed_at(text, trigger, place, entities, cities_too) == expected
