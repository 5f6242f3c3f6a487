"""Story clustering and the corroboration ledger, on hand-made event mentions (the join decision
itself: test_join.py). All mentions here share one sentence vector."""

from datetime import UTC, date, datetime

import numpy as np

from newslake.tasks.stories.clustering import (JoinRule, StoryMember, candidate_dates, cluster, terms_of,
                                               without_articles_of)

from lake_rows import kind

RULE = JoinRule(window_days=3, text_similarity=0.8, corroborated_similarity=0.6)
VECTOR = np.array([1.0, 0.0, 0.0], dtype=np.float32)


def mention(event_id, article_id, source, day, *, event_date=None, precision="unknown", place=None,
            text="missile strike on the railway station", stances=None, category="ASSAULT", claims=()):
    event = {"event_id": event_id, "article_id": article_id, **kind(category),
             "description": text, "event_date": event_date, "date_precision": precision,
             "location": place.title() if place else None, "location_key": place, "actors": [],
             "weapon": None, "weapon_class": None, "quantities": [], "trigger_start": 0}
    claims = [{"claim_id": f"{event_id}-c{i}", "event_id": event_id, "speaker_key": speaker, "stance": stance,
               "content": text, "cue_start": i} for i, (speaker, stance) in enumerate(claims)]
    return StoryMember(event, source, datetime.fromisoformat(day).replace(tzinfo=UTC), day, terms_of(text), stances or {},
                       text, VECTOR, publisher=source, origin=source, claims=claims)


def one_shot_and_incremental(mentions, split):
    at_once = cluster([], mentions, RULE, "run-1")
    nightly = cluster(cluster([], mentions[:split], RULE, "run-1"), mentions[split:], RULE, "run-2")
    return at_once, nightly


def test_a_nightly_run_adds_to_the_stories_it_finds_as_one_run_would():
    mentions = [
        mention("e1", "a1", "ukrinform.net", "2022-04-08", place="kramatorsk",
                claims=[("ukrainian railways", "supports"), ("kyrylenko", "supports")]),
        mention("e2", "a2", "rt.com", "2022-04-08", text="Russian missile hit Kramatorsk: not true",
                claims=[("russia's ministry of defense", "refutes")]),
        mention("e3", "a3", "reuters.com", "2022-04-10", event_date=date(2022, 4, 8), precision="day",
                place="kramatorsk", claims=[("ukrainian railways", "supports"), ("pentagon", "neutral")]),
        mention("e4", "a4", "reuters.com", "2022-04-10", place="kharkiv", text="shelling of Kharkiv"),
    ]
    at_once, nightly = one_shot_and_incremental(mentions, 2)
    for stories in (at_once, nightly):
        kramatorsk, kharkiv = stories
        assert sorted(kramatorsk["event_ids"]) == ["e1", "e2", "e3"] and kharkiv["event_ids"] == ["e4"]
        assert (kramatorsk["n_articles"], kramatorsk["n_publishers"], kramatorsk["n_independent"]) == (3, 3, 3)
        # distinct speakers: the railways, quoted twice, count once
        assert (kramatorsk["n_supporting"], kramatorsk["n_refuting"], kramatorsk["n_neutral"]) == (2, 1, 1)
        assert kramatorsk["first_seen"] == datetime(2022, 4, 8, tzinfo=UTC)
        assert kramatorsk["last_seen"] == datetime(2022, 4, 10, tzinfo=UTC)
        assert (kramatorsk["event_date"], kramatorsk["date_precision"]) == (date(2022, 4, 8), "day")
        assert kramatorsk["date"] == "2022-04-08"  # the founding mention's date: the story's partition
    assert [s["story_id"] for s in at_once] == [s["story_id"] for s in nightly]
    assert nightly[0]["run_id"] == "run-2"


def test_a_member_seen_again_replaces_itself():
    first = mention("e1", "a1", "ukrinform.net", "2022-04-08", place="kramatorsk", claims=[("kyrylenko", "supports")])
    again = mention("e1", "a1", "ukrinform.net", "2022-04-08", place="kramatorsk", claims=[("kyrylenko", "refutes")])
    [story] = cluster(cluster([], [first], RULE, "r1"), [again], RULE, "r2")
    assert (story["n_articles"], story["n_supporting"], story["n_refuting"]) == (1, 0, 1)


def test_day_dates_more_than_a_day_apart_are_two_stories():
    mentions = [mention("e1", "a1", "x", "2022-04-10", event_date=date(2022, 4, 8), precision="day", place="kramatorsk"),
                mention("e2", "a2", "y", "2022-04-10", event_date=date(2022, 4, 9), precision="day", place="kramatorsk"),
                mention("e3", "a3", "z", "2022-04-11", event_date=date(2022, 4, 10), precision="day", place="kramatorsk")]
    assert [s["event_ids"] for s in cluster([], mentions, RULE, "r")] == [["e1", "e2"], ["e3"]]


def test_places_contradict_unless_one_lies_in_the_other_or_the_sentence_names_the_story_place():
    kramatorsk = mention("e1", "a1", "x", "2022-04-08", place="kramatorsk")
    region = mention("e2", "a2", "y", "2022-04-08", place="donetsk region", text="attack against the Kramatorsk station")
    # Kramatorsk lies in the Donetsk region (configs/places.yaml): the region's report fits even without naming the city
    inside = mention("e3", "a3", "z", "2022-04-08", place="donetsk region", text="missile strike on the railway station")
    elsewhere = mention("e4", "a4", "z", "2022-04-08", place="kharkiv", text="missile strike on the railway station")
    stories = cluster([], [kramatorsk, region, inside, elsewhere], RULE, "r")
    assert [s["event_ids"] for s in stories] == [["e1", "e2", "e3"], ["e4"]]


def test_a_reprocess_takes_out_the_members_of_its_dates():
    stories = cluster([], [mention("e1", "a1", "x", "2022-04-08", place="kramatorsk"),
                           mention("e2", "a2", "y", "2022-04-09", place="kramatorsk"),
                           mention("e3", "a3", "z", "2022-04-09", place="kharkiv")], RULE, "r")
    kept = without_articles_of(stories, {"2022-04-09"})
    assert [(s["event_ids"], s["n_articles"], s["n_publishers"]) for s in kept] == [(["e1"], 1, 1)]


def test_candidate_dates_are_the_window_around_each_anchor():
    dated = mention("e1", "a1", "x", "2022-04-10", event_date=date(2022, 4, 8), precision="day")
    undated = StoryMember({**dated.event, "event_date": None}, None, None, "unknown", frozenset(), {})
    # and the first of the month and of the year, where stories of month and year precision sit
    assert candidate_dates([dated, undated], 1) == {"2022-04-07", "2022-04-08", "2022-04-09", "unknown",
                                                    "2022-04-01", "2022-01-01"}


def test_a_meeting_never_joins_a_strike_of_the_same_place_and_day():
    strike = mention("e1", "a1", "x", "2022-04-08", event_date=date(2022, 4, 8), precision="day", place="kramatorsk",
                     claims=[("ukrainian railways", "supports")])
    # the same sentence vector, place and day: only the category tells them apart
    meeting = mention("e2", "a2", "y", "2022-04-08", event_date=date(2022, 4, 8), precision="day", place="kramatorsk",
                      text="officials met in Kramatorsk after the strike", category="CONSULT")
    again = mention("e3", "a3", "z", "2022-04-08", event_date=date(2022, 4, 8), precision="day", place="kramatorsk")
    for stories in one_shot_and_incremental([strike, meeting, again], 1):
        assert [(s["category"], s["event_type"], s["cameo"], sorted(s["event_ids"])) for s in stories] == [
            ("ASSAULT", "attack", "19", ["e1", "e3"]), ("CONSULT", "diplomatic_meeting", "04", ["e2"])]
