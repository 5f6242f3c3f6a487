"""Event mentions and their slots, from text and entity rows (the entity model is not run here)."""

from datetime import UTC, date, datetime

import pytest

from newslake.errors import NewslakeError
from newslake.tasks.events.rows import event_rows
from newslake.tasks.events.triggers import load_taxonomy
from newslake.tasks.events.weapons import load_weapons

TAXONOMY = load_taxonomy()
WEAPONS = load_weapons()


def entity(text, surface, label, key, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return {"article_id": "a", "start": start, "end": start + len(surface), "text": surface, "label": label,
            "entity_key": key}


def events_of(text, entities=(), published="2024-11-19"):
    published_at = datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None
    article = {"article_id": "a", "text": text, "published_at": published_at, "date": published or "unknown"}
    return event_rows([article], list(entities), TAXONOMY, WEAPONS)


def test_mentions_of_one_strike_are_one_event_with_every_slot():
    text = ("Russia's Ministry of Defense claimed that on the night of November 19, the AFU launched six ATACMS "
            "missiles at a facility in the Bryansk region. According to the ministry, five missiles were "
            "intercepted, while one was damaged.")
    entities = [entity(text, "Russia", "LOC", "russia"), entity(text, "Ministry of Defense", "ORG", "ministry of defense"),
                entity(text, "AFU", "ORG", "armed forces of ukraine"), entity(text, "ATACMS", "MISC", "atacms"),
                entity(text, "Bryansk region", "LOC", "bryansk region")]
    [event] = events_of(text, entities)
    assert (event["event_type"], event["cameo"], event["trigger"]) == ("attack", "19", "launched")
    assert [text[m["start"] : m["end"]] for m in event["mentions"]] == ["launched", "intercepted"]
    assert (event["event_date"], event["date_precision"], event["date_text"]) == (date(2024, 11, 19), "day", "November 19")
    assert (event["location"], event["location_key"]) == ("Bryansk region", "bryansk region")
    assert event["actors"] == [{"role": "agent", "entity_key": "armed forces of ukraine", "text": "AFU"}]
    assert (event["weapon"], event["weapon_class"]) == ("ATACMS", "missile")
    assert event["quantities"] == [{"what": "missiles", "action": "launched", "value": 6},
                                   {"what": "missiles", "action": "intercepted", "value": 5},
                                   {"what": "missiles", "action": "damaged", "value": 1}]
    assert event["score"] == 1.0
    assert event["description"] == "AFU launched in Bryansk region with ATACMS"


def test_what_is_authorized_is_not_a_second_event():
    text = "On November 17, U.S. President Joe Biden authorized Ukraine to conduct strikes on Russian territory."
    entities = [entity(text, "U.S.", "LOC", "united states"), entity(text, "Joe Biden", "PER", "joe biden"),
                entity(text, "Ukraine", "LOC", "ukraine")]
    [event] = events_of(text, entities)
    assert (event["event_type"], event["event_date"]) == ("authorization", date(2024, 11, 17))
    assert [(a["role"], a["entity_key"]) for a in event["actors"]] == [
        ("authorizer", "united states"), ("authorizer", "joe biden"), ("agent", "ukraine")]
    assert event["description"] == "U.S. and Joe Biden authorized Ukraine"


def test_future_and_named_triggers_are_not_events():
    text = "The ministers will meet in March. The talks were held in Geneva last Tuesday."
    [event] = events_of(text, [entity(text, "Geneva", "LOC", "geneva")], published="2024-11-21")
    assert (event["event_type"], event["trigger"]) == ("diplomatic_meeting", "talks")
    assert (event["location"], event["event_date"], event["date_precision"]) == ("Geneva", date(2024, 11, 19), "day")


def test_effects_of_an_attack_fold_into_it_and_negated_events_are_dropped():
    text = ("Russian troops shelled Kharkiv overnight, killing three people. A fire broke out at a depot.\n\n"
            "No casualties were reported in Lviv.")
    [event] = events_of(text, [entity(text, "Kharkiv", "LOC", "kharkiv"), entity(text, "Lviv", "LOC", "lviv")])
    assert (event["event_type"], event["trigger"], event["location"]) == ("attack", "shelled", "Kharkiv")
    assert [text[m["start"] : m["end"]] for m in event["mentions"]] == ["shelled"]
    assert event["quantities"] == [{"what": "people", "action": "killed", "value": 3}]


def test_strikes_on_different_days_are_different_events():
    text = "Russia struck Odesa on November 3. Russia struck Odesa again on November 5."
    entities = [entity(text, "Russia", "LOC", "russia"), entity(text, "Odesa", "LOC", "odesa"),
                entity(text, "Russia", "LOC", "russia", 1), entity(text, "Odesa", "LOC", "odesa", 1)]
    events = events_of(text, entities)
    assert [(e["event_type"], e["event_date"]) for e in events] == [("attack", date(2024, 11, 3)), ("attack", date(2024, 11, 5))]
    assert [e["location_key"] for e in events] == ["odesa", "odesa"]


def test_relative_dates_stay_unknown_without_a_publish_date():
    text = "On Tuesday, police arrested 12 protesters in Minsk."
    events = events_of(text, [entity(text, "Minsk", "LOC", "minsk")], published=None)
    assert [e["event_type"] for e in events] == ["arrest_legal", "protest"]
    assert {(e["event_date"], e["date_precision"]) for e in events} == {(None, "unknown")}
    assert events[0]["quantities"] == [{"what": "protesters", "action": "arrested", "value": 12}]


def test_a_weapon_class_without_an_entry_is_a_config_error(tmp_path):
    path = tmp_path / "weapons.yaml"
    path.write_text("Grad: {class: rocket, aliases: [Grad]}\n")
    with pytest.raises(NewslakeError, match="E003.*classes without an entry of their own: \\['rocket'\\]"):
        load_weapons(path)


def test_everyone_at_a_meeting_is_an_agent():
    text = "The foreign ministers held talks with Yanukovych in Kiev on Thursday."
    entities = [entity(text, "Yanukovych", "PER", "yanukovych"), entity(text, "Kiev", "LOC", "kiev")]
    [event] = events_of(text, entities, published="2014-02-21")
    assert event["event_type"] == "diplomatic_meeting"
    assert [(a["role"], a["entity_key"]) for a in event["actors"]] == [("agent", "yanukovych")]
    assert (event["location"], event["event_date"]) == ("Kiev", date(2014, 2, 20))


def test_the_dateline_places_events_that_name_no_place_and_names_no_actor():
    text = ("Charlotte struggles to return to normal.\n\nCHARLOTTE - Nearly a week after the police shooting of a "
            "black man here sparked protests, the city remains in limbo.")
    [shooting, protests] = events_of(text, [], published="2016-09-26")
    assert [e["event_type"] for e in (shooting, protests)] == ["attack", "protest"]
    assert {(e["location"], e["location_key"]) for e in (shooting, protests)} == {("CHARLOTTE", "charlotte")}
    assert shooting["actors"] == [] and protests["actors"] == []
