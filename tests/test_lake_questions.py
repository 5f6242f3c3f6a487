"""The analyst's questions in `newslake.lake`, each with exact rows on a tiny lake.

Four articles (one undated), four events, two stories, six claims in release `base`; release `next`
changes one stance, drops one claim and adds another.
"""

from datetime import UTC, date, datetime

import pytest

from newslake import lake as questions
from newslake.errors import NewslakeError
from newslake.tasks.lake import open_lake

from lake_rows import article, claim, event, mention, story


def _article(n, day, source):
    row = article(n, day)
    row["source"] = source
    if "publisher" in row:  # lakes with the publisher column: the same name
        row["publisher"] = source
    return row


BASE_CLAIMS = [
    claim(1, "id1", "kremlin", "refutes", "e1", cue="denied", cue_class="denial"),
    claim(2, "id2", "kyiv", "supports", "e2"),
    claim(3, "id3", "kyiv", "neutral", "e3", date="2024-11-20"),
    claim(4, "id1", "kremlin", "refutes"),  # about the title: not a denial of an event
    claim(5, "id2", None, "supports", "e2"),  # no speaker found
    claim(6, "id1", "kyiv", "supports", "e4"),
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("questions") / "lake"
    the_lake = open_lake(root)
    tables = {
        "articles": [_article(1, "2024-11-19", "a.com"), _article(2, "2024-11-19", "b.com"), _article(3, "2024-11-20", "a.com"),
                     _article(4, "unknown", "c.com")],
        "entities": [mention(1, "id1", "kyiv"), mention(2, "id1", "kyiv", start=10), mention(3, "id3", "kyiv", date="2024-11-20"),
                     mention(4, "id2", "kremlin", label="ORG"), mention(5, "id4", "kyiv", date="unknown")],
        "events": [event("e1", "id1"), event("e2", "id2"), event("e3", "id3", date="2024-11-20"), {**event("e4", "id1", "PROTEST"), "trigger_start": 40, "trigger_end": 46}],
        "stories": [story("s1", ["e1", "e2", "e3"], 3, event_date=date(2024, 11, 19)),
                    story("s2", ["e4"], 1, first_seen=datetime(2024, 11, 19, 10, tzinfo=UTC), category="PROTEST")],
        "claims": BASE_CLAIMS + [
            {**claim(1, "id1", "kremlin", "neutral", "e1", cue="denied", cue_class="denial"), "release": "next"},
            *({**c, "release": "next"} for c in BASE_CLAIMS[2:]),
            claim(7, "id3", "kyiv", "supports", "e3", release="next", date="2024-11-20"),
        ],
    }
    with the_lake.lock():
        staging = the_lake.stage("r1")
        for name, rows in tables.items():
            staging.write(name, rows)
        the_lake.publish(staging, "r1", settings={"default_release": "base"})
    return root


def test_stories_filters(lake):
    assert questions.stories(lake).select("story_id", "story_date").collect().rows() == [("s1", date(2024, 11, 19)), ("s2", date(2024, 11, 19))]
    assert questions.stories(lake, category="PROTEST").collect()["story_id"].to_list() == ["s2"]
    assert questions.stories(lake, category="assault").collect()["story_id"].to_list() == ["s1"]  # case-blind
    assert questions.stories(lake, category="consult").collect().height == 0
    assert questions.stories(lake, category="attack").collect()["story_id"].to_list() == ["s1"]  # a type before categories
    with pytest.raises(NewslakeError, match="E021: no event category 'bombing'"):
        questions.stories(lake, category="bombing")
    assert questions.stories(lake, min_articles=2).collect()["story_id"].to_list() == ["s1"]
    assert questions.stories(lake, mentioning="S2").collect()["story_id"].to_list() == ["s2"]
    assert questions.stories(lake, place="Kramatorsk", until=date(2024, 11, 19)).collect().height == 2
    assert questions.stories(lake, since=date(2024, 11, 20)).collect().height == 0


def test_story_claims(lake):
    rows = questions.story_claims("s1", lake).select("claim_id", "event_id", "article_id", "publisher", "speaker_key", "stance")
    assert rows.collect().rows() == [
        ("c1", "e1", "id1", "a.com", "kremlin", "refutes"),
        ("c2", "e2", "id2", "b.com", "kyiv", "supports"),
        ("c5", "e2", "id2", "b.com", None, "supports"),
        ("c3", "e3", "id3", "a.com", "kyiv", "neutral"),
    ]
    assert questions.story_claims(lake=lake).collect()["story_id"].to_list() == ["s1", "s2", "s1", "s1", "s1"]


def test_denials_are_refutations_of_events_not_of_titles(lake):
    rows = questions.denials(lake).select("claim_id", "speaker_key", "cue", "event_id", "category", "event", "story_id", "publisher")
    assert rows.collect().rows() == [("c1", "kremlin", "denied", "e1", "ASSAULT", "assault e1", "s1", "a.com")]


def test_speaker_stances(lake):
    assert questions.speaker_stances(lake).collect().rows() == [
        # speaker_key, speaker, kind, n_claims, n_articles, n_denials, supports, refutes, neutral (about events)
        ("kyiv", "Kyiv", "person", 3, 3, 0, 2, 0, 1),
        ("kremlin", "Kremlin", "person", 2, 1, 1, 0, 1, 0),
    ]


def test_entity_timeline_leaves_undated_articles_out(lake):
    assert questions.entity_timeline(["kyiv"], lake).collect().rows() == [
        ("kyiv", "LOC", date(2024, 11, 19), 2, 1),
        ("kyiv", "LOC", date(2024, 11, 20), 1, 1),
    ]
    assert questions.entity_timeline(lake=lake, every="1w").collect()["entity_key"].to_list() == ["kremlin", "kyiv"]


def test_event_coverage(lake):
    assert questions.event_coverage("s1", lake).select("story_id", "category", "day", "n_articles", "n_publishers").collect().rows() == [
        ("s1", "ASSAULT", date(2024, 11, 19), 2, 2),
        ("s1", "ASSAULT", date(2024, 11, 20), 1, 1),
    ]


def test_compare_releases_gives_the_rows_that_changed(lake):
    assert questions.compare_releases("base", "next", "claims", lake).collect().rows() == [
        ("id1", 5, 11, "denied", "refutes", "neutral", "changed"),
        ("id2", 10, 14, "said", "supports", None, "removed"),
        ("id3", 35, 39, "said", None, "supports", "added"),
    ]
    assert questions.compare_releases("base", "base", "events", lake).collect().height == 0
    with pytest.raises(NewslakeError) as error:
        questions.compare_releases("base", "next", "runs", lake)
    assert error.value.code == "E021"


def test_story_details_without_the_table_is_empty_with_its_columns(lake):
    frame = questions.story_details("s1", lake).collect()
    assert frame.height == 0
    assert {"story_id", "slot", "value"} <= set(frame.columns)


def test_publisher_falls_back_to_source(lake):
    rows = questions.articles_by_publisher(lake).sort("article_id").select("article_id", "publisher").collect().rows()
    assert rows == [("id1", "a.com"), ("id2", "b.com"), ("id3", "a.com"), ("id4", "c.com")]


def test_since_and_until_keep_the_articles_published_in_range(lake):
    assert questions.speaker_stances(lake, since=date(2024, 11, 20)).collect().rows() == [("kyiv", "Kyiv", "person", 1, 1, 0, 0, 0, 1)]
    assert questions.articles_by_publisher(lake, until=date(2024, 11, 19)).collect().height == 2
    assert questions.scan_dated("claims", lake, since=date(2024, 11, 19)).collect().height == 6


def test_scan_refuses_an_unknown_release_and_lists_the_releases(lake):
    with pytest.raises(NewslakeError) as error:
        questions.scan("claims", lake, release="nope")
    assert str(error.value) == f"E041: release 'nope' is not in the lake at {lake}; releases there: base, next"
    assert questions.releases(lake) == ["base", "next"]
    assert questions.scan("claims", lake, release="next").collect().height == 6
