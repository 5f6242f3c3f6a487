"""The join decision of story clustering: category, dates at their precisions, places with containment,
actors, and the cosine of sentence vectors against the thresholds. Vectors are hand-made (three
dimensions, exact cosines), so no model is needed."""

from datetime import UTC, date, datetime

import numpy as np
import pytest

from newslake.tasks.stories.clustering import JoinRule, StoryMember, cluster, terms_of

from lake_rows import kind

RULE = JoinRule(window_days=3, text_similarity=0.8, corroborated_similarity=0.6)
STRIKE = (1.0, 0.0, 0.0)


def vector(x, y, z=0.0):
    v = np.array([x, y, z], dtype=np.float32)
    return v / np.linalg.norm(v)


def at(cosine, away="y"):
    """A unit vector at `cosine` from STRIKE, turned towards the y or the z axis."""
    rest = (1 - cosine**2) ** 0.5
    return vector(cosine, rest, 0.0) if away == "y" else vector(cosine, 0.0, rest)


def mention(event_id, article_id, source, day, *, event_date=None, precision="unknown", place=None,
            text="missile strike on the railway station", stances=None, category="ASSAULT", embedding=STRIKE,
            actors=()):
    event = {"event_id": event_id, "article_id": article_id, **kind(category),
             "description": text, "event_date": event_date, "date_precision": precision,
             "location": place.title() if place else None, "location_key": place,
             "actors": [{"role": "agent", "entity_key": key, "text": key.title(), "start": None, "end": None,
                         "country": None, "sector": None, "code": None} for key in actors],
             "weapon": None, "weapon_class": None, "quantities": [], "trigger_start": 0}
    if precision == "unknown" and event_date is not None:
        precision = event["date_precision"] = "day"
    published = datetime.fromisoformat(day).replace(tzinfo=UTC)
    return StoryMember(event, source, published, day, terms_of(text), stances or {}, text,
                       np.asarray(embedding, dtype=np.float32) / np.linalg.norm(embedding))


def members(stories):
    return sorted(sorted(s["event_ids"]) for s in stories)


@pytest.mark.parametrize(("ours", "theirs", "precision", "joins"), [
    (date(2022, 4, 8), date(2022, 4, 1), "month", True),  # "in April" fits April 8
    (date(2022, 4, 8), date(2022, 3, 1), "month", False),
    (date(1993, 1, 1), date(2000, 1, 1), "year", False),  # "in 1993" and "in 2000" are two attacks
])
def test_dates_agree_at_the_coarser_precision(ours, theirs, precision, joins):
    story = mention("e1", "a1", "x", "2022-04-10", event_date=ours, place="kramatorsk")
    other = mention("e2", "a2", "y", "2022-04-10", event_date=theirs, precision=precision, place="kramatorsk")
    assert members(cluster([], [story, other], RULE, "r")) == ([["e1", "e2"]] if joins else [["e1"], ["e2"]])


def test_places_agree_when_one_lies_in_the_other_and_contradict_otherwise():
    kramatorsk = mention("e1", "a1", "x", "2022-04-08", event_date=date(2022, 4, 8), place="kramatorsk")
    region = mention("e2", "a2", "y", "2022-04-08", event_date=date(2022, 4, 8), place="donetsk region",
                     embedding=at(0.7))
    odessa = mention("e3", "a3", "z", "2022-04-08", event_date=date(2022, 4, 8), place="odessa")
    korea = mention("e4", "a4", "z", "2022-04-08", event_date=date(2022, 4, 8), place="north korea")
    stories = cluster([], [kramatorsk, region, odessa, korea], RULE, "r")
    # identical sentences do not make Odessa North Korea, nor the Donetsk region Odessa
    assert members(stories) == [["e1", "e2"], ["e3"], ["e4"]]


def test_a_mention_without_a_place_agrees_when_its_sentence_names_the_story_place():
    kramatorsk = mention("e1", "a1", "x", "2022-04-08", event_date=date(2022, 4, 8), place="kramatorsk")
    named = mention("e2", "a2", "y", "2022-04-08", text="a Russian missile hit Kramatorsk: not true",
                    embedding=at(0.7))
    # its own place decides when it has one: the Georgia of "invasions of Georgia and Kramatorsk" is not Kramatorsk
    placed = mention("e3", "a3", "z", "2022-04-08", place="georgia", text="the invasions of Georgia and Kramatorsk",
                     embedding=at(0.7, "z"))
    assert members(cluster([], [kramatorsk, named, placed], RULE, "r")) == [["e1", "e2"], ["e3"]]


def test_without_a_date_of_its_own_a_mention_needs_a_place_that_agrees_or_the_text_alone():
    story = mention("e1", "a1", "x", "2022-04-09", event_date=date(2022, 4, 8), place="kramatorsk")
    dated = mention("e2", "a2", "y", "2022-04-09", event_date=date(2022, 4, 8), place="kramatorsk", embedding=at(0.7))
    # dated by its article only (April 9, in the window); the Donetsk region holds Kramatorsk: 0.645 >= 0.6
    placed = mention("e5", "a5", "v", "2022-04-09", place="donetsk region", embedding=at(0.7, "z"))
    # no place either: the text alone must agree (0.8)
    unplaced = mention("e3", "a3", "z", "2022-04-09", embedding=vector(0.7, 0.0, -(0.51**0.5)))
    close = mention("e4", "a4", "w", "2022-04-09", embedding=at(0.95))
    stories = cluster([], [story, dated, placed, unplaced, close], RULE, "r")
    assert members(stories) == [["e1", "e2", "e4", "e5"], ["e3"]]


def test_a_shared_actor_corroborates_two_dated_mentions_without_a_place():
    story = mention("e1", "a1", "x", "2022-04-09", event_date=date(2022, 4, 8), actors=["russia"])
    same_actor = mention("e2", "a2", "y", "2022-04-09", event_date=date(2022, 4, 8), actors=["russia"],
                         embedding=at(0.7))
    other_actor = mention("e3", "a3", "z", "2022-04-09", event_date=date(2022, 4, 8), actors=["ukraine"],
                          embedding=at(0.7, "z"))
    assert members(cluster([], [story, same_actor, other_actor], RULE, "r")) == [["e1", "e2"], ["e3"]]


def test_categories_and_windows_keep_stories_apart():
    attack = mention("e1", "a1", "x", "2022-04-08", place="kramatorsk")
    protest = mention("e2", "a2", "y", "2022-04-08", place="kramatorsk", category="PROTEST")
    later = mention("e3", "a3", "z", "2022-04-20", place="kramatorsk")
    undated_article = dict(mention("e4", "a4", "w", "2022-04-08", place="kramatorsk").__dict__, article_date="unknown",
                           published_at=None)
    stories = cluster([], [attack, protest, later, StoryMember(**undated_article)], RULE, "r")
    assert members(stories) == [["e1"], ["e2"], ["e3"], ["e4"]]


def test_a_mention_without_its_vector_is_refused():
    bare = StoryMember(mention("e1", "a1", "x", "2022-04-08").event, "x", None, "2022-04-08", frozenset(), {})
    with pytest.raises(ValueError, match="e1 has no sentence vector"):
        cluster([], [bare], RULE, "r")


def test_a_month_date_finds_the_day_stories_of_its_month_and_they_find_it():
    story = mention("e1", "a1", "x", "2022-04-20", event_date=date(2022, 4, 18), place="kramatorsk")
    month = mention("e2", "a2", "y", "2022-04-25", event_date=date(2022, 4, 1), precision="month", place="kramatorsk")
    later = mention("e3", "a3", "z", "2022-04-20", event_date=date(2022, 4, 18), place="kramatorsk")
    assert members(cluster([], [story, month], RULE, "r")) == [["e1", "e2"]]
    assert members(cluster(cluster([], [month], RULE, "r"), [later], RULE, "r")) == [["e2", "e3"]]


def undated_article(event_id, article_id, embedding):
    dated = mention(event_id, article_id, "x", "2014-02-20", place="kiev", embedding=embedding)
    return StoryMember(**{**dated.__dict__, "article_date": "unknown", "published_at": None})


def test_a_mention_without_any_date_needs_the_strictest_agreement():
    assert RULE.undated_similarity == 0.82
    first, weak, strong = (undated_article("e1", "a1", STRIKE), undated_article("e2", "a2", at(0.81, "z")),
                           undated_article("e3", "a3", at(0.9)))
    assert members(cluster([], [first, weak, strong], RULE, "r")) == [["e1", "e3"], ["e2"]]


def test_two_events_of_one_article_meet_again_only_where_the_place_agrees():
    # the events stage kept them apart, and they share their article's lead: the place must agree
    first = mention("e1", "a1", "x", "2022-04-08", place="kramatorsk")
    unplaced = mention("e2", "a1", "x", "2022-04-08", text="the troops struck with the Iskander")
    placed = mention("e3", "a1", "x", "2022-04-08", place="kramatorsk")
    elsewhere = mention("e4", "a2", "y", "2022-04-08", text="the troops struck with the Iskander")
    assert members(cluster([], [first, unplaced, placed, elsewhere], RULE, "r")) == [["e1", "e3", "e4"], ["e2"]]
